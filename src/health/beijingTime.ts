import { calendarDate, type CalendarDate, isoOfCalendarDate, yearOf } from '../dates/calendarDate.js';
import { calendarDateOfDayNumber } from '../dates/calendarDateOfDayNumber.js';
import { dayNumberOfParts } from '../dates/dayNumber.js';

// Months and days are Beijing time (DOMAIN.md): a payment at 2024-05-31T16:30Z falls on 1 June.
// China has kept UTC+8 all year since 1991, so a fixed offset is exact for any date a transaction
// can carry, and integer arithmetic gives it with no Date and no process time zone.

/** Beijing time's offset from UTC, in minutes. */
export const BEIJING_OFFSET_MINUTES = 480;

const MINUTES_PER_DAY = 1440;

interface WallClock {
  readonly date: CalendarDate;
  /** Minutes after midnight, 0 to 1439. */
  readonly minute: number;
}

const Z = 90;
const PLUS = 43;
const MINUS = 45;
const COLON = 58;

const num = (s: string, from: number): number => Number(s.slice(from, from + 2));

/**
 * Where the offset (`Z` or `±hh:mm`) of an ISO date-time as `z.iso.datetime({ offset: true, local: true })`
 * accepts it begins; the length of the time when it has none.
 */
function offsetStart(time: string): number {
  const n = time.length;
  if (time.charCodeAt(n - 1) === Z) return n - 1;
  // A local time has only digits, ':', '.' and 'T' this close to its end, never a sign.
  const sign = time.charCodeAt(n - 6);
  return (sign === PLUS || sign === MINUS) && time.charCodeAt(n - 3) === COLON ? n - 6 : n;
}

/** The offset in minutes of a time whose offset begins at `start`; Beijing's own when it has none, as a local time is Beijing time. */
function offsetMinutes(time: string, start: number): number {
  const n = time.length;
  if (start === n) return BEIJING_OFFSET_MINUTES;
  if (start === n - 1) return 0;
  const minutes = num(time, n - 5) * 60 + num(time, n - 2);
  return time.charCodeAt(start) === MINUS ? -minutes : minutes;
}

/**
 * The Beijing date and minute of a validated ISO date-time. Seconds never move a time across a
 * minute, since every offset is whole minutes, so they are left where they are written.
 */
function beijingWallClock(time: string): WallClock {
  const offset = offsetMinutes(time, offsetStart(time));
  const year = Number(time.slice(0, 4));
  const month = num(time, 5);
  const day = num(time, 8);
  const written = num(time, 11) * 60 + num(time, 14);
  if (offset === BEIJING_OFFSET_MINUTES) return { date: calendarDate(year, month, day), minute: written };
  const total = dayNumberOfParts(year, month, day) * MINUTES_PER_DAY + written - offset + BEIJING_OFFSET_MINUTES;
  const dayNumber = Math.floor(total / MINUTES_PER_DAY);
  return { date: calendarDateOfDayNumber(dayNumber), minute: total - dayNumber * MINUTES_PER_DAY };
}

/**
 * The Beijing calendar day (`YYYY-MM-DD`) of a transaction time: the one place the budget assistant
 * turns a timestamp into a day, and so into a month (`monthOf(beijingDayOf(t.time))`). A time with an
 * offset (`Z`, `±hh:mm`) is converted to Beijing time (UTC+8); a time without one is Beijing local
 * time, taken as written. The process time zone plays no part.
 *
 * @example
 * beijingDayOf('2024-05-31T16:30:00Z') // '2024-06-01'
 * beijingDayOf('2024-06-01T00:30:00+09:00') // '2024-05-31'
 * beijingDayOf('2024-05-31T23:30') // '2024-05-31'
 */
export function beijingDayOf(time: string): string {
  // Most times are written in Beijing time already: their day is the one written, with no arithmetic.
  if (offsetMinutes(time, offsetStart(time)) === BEIJING_OFFSET_MINUTES) return time.slice(0, 10);
  return isoOfCalendarDate(beijingWallClock(time).date);
}

/**
 * A transaction time as Beijing wall-clock time in one spelling, `YYYY-MM-DDTHH:mm:ss[.f]` (seconds
 * filled in, trailing zeros of the fraction dropped), so that comparing two of them as strings orders
 * the instants, and one instant written two ways gives the same text.
 *
 * @example beijingDateTimeOf('2024-05-31T16:30:00.500Z') // '2024-06-01T00:30:00.5'
 */
export function beijingDateTimeOf(time: string): string {
  // The common spelling (Beijing offset or none, whole seconds) is already the canonical one.
  const length = offsetStart(time);
  if (length === 19 && offsetMinutes(time, length) === BEIJING_OFFSET_MINUTES) return time.slice(0, 19);
  const { date, minute } = beijingWallClock(time);
  // `HH:mm` alone (a local time may leave out its seconds) is second 00; a fraction keeps its digits.
  const fraction = length > 20 ? time.slice(20, length).replace(/0+$/, '') : '';
  const seconds = (length >= 19 ? time.slice(17, 19) : '00') + (fraction === '' ? '' : `.${fraction}`);
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return `${isoOfCalendarDate(date)}T${hh}:${mm}:${seconds}`;
}

/**
 * Orders two transaction times by the instant they name: negative when `a` is earlier, 0 for the same
 * instant however it is written, positive when later.
 *
 * @example compareBeijingTimes('2024-05-10T10:00:00+08:00', '2024-05-10T03:00:00Z') // negative: 03:00Z is 11:00 in Beijing
 */
export function compareBeijingTimes(a: string, b: string): number {
  // Sorts call this about log2(n) times per transaction. Two times spelt alike (same length, same
  // offset or none) order as their text does, which spares the conversion in the usual history
  // written in one offset.
  if (a.length === b.length && sameOffsetText(a, b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = beijingDateTimeOf(a);
  const y = beijingDateTimeOf(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Both times (of one length) end in the same offset text (`Z`, `±hh:mm`), or neither has one. */
function sameOffsetText(a: string, b: string): boolean {
  const start = offsetStart(a);
  if (offsetStart(b) !== start) return false;
  for (let i = start; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/**
 * True when a transaction time's Beijing day lies in years 0000 to 9999, the years a `YYYY-MM-DD`
 * day can spell (`9999-12-31T23:00Z` is already the year 10000 in Beijing).
 */
export function hasBeijingDay(time: string): boolean {
  const year = yearOf(beijingWallClock(time).date);
  return year >= 0 && year <= 9999;
}
