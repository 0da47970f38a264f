import { describeCalendarLaws } from '../helpers/calendarLaws.js';
import { deepSeed } from './deepSeed.js';

// The integer calendar functions of src/dates against date-fns at length, in zones with every kind
// of oddity: DST at midnight (America/Sao_Paulo until 2019), a half-hour DST (Australia/Lord_Howe),
// +14 hours and a skipped day (Pacific/Kiritimati, 1994-12-31), half-hour offsets (Asia/Kolkata),
// local mean time before 1900 with seconds in the offset (Europe/Amsterdam), besides the unit zones.
// The seed is printed before any law runs, so a run that dies without reporting (a crash, a kill)
// still says what it drew.
const seed = deepSeed('calendarLaws');
for (const zone of [
  'UTC',
  'Asia/Shanghai',
  'America/New_York',
  'America/Sao_Paulo',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Asia/Kolkata',
  'Europe/Amsterdam',
]) {
  describeCalendarLaws(zone, 20_000, seed);
}
