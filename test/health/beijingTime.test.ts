// DOMAIN.md: months and days are Beijing time (Asia/Shanghai): a payment at 2024-05-31T16:30Z falls
// on 1 June. The budget assistant used to take the day written in the timestamp, in whatever offset it
// carried, so that payment counted in May and 2024-06-01T00:30+09:00 (23:30 on 31 May in Beijing)
// counted in June. China has had no daylight saving since 1991: Beijing time is UTC+8 exactly.
// Run this file under TZ=UTC and TZ=America/Sao_Paulo too: nothing here may move with the process zone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import {
  analyzeBills,
  billForMonth,
  budgetProgress,
  detectRecurring,
  healthSummary,
  largestMerchants,
  parseBill,
  parseTransactions,
  type Transaction,
  type TransactionInput,
} from '../../src/health/index.js';
import { beijingDateTimeOf, beijingDayOf } from '../../src/health/beijingTime.js';
import { byTime } from '../../src/health/transactionOrder.js';
import { inTimeZone, UNUSUAL_TIME_ZONES } from '../../src/testing/_internals/inTimeZone.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

function tx(id: string, time: string, amount: number, merchant = 'Taobao'): TransactionInput {
  return { id, time, amount, merchant, category: 'shopping' };
}

/** The Beijing calendar date of an instant, by UTC arithmetic only (toISOString ignores the process zone). */
function beijingDateOracle(ms: number): string {
  return new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** One instant and one way of writing it: UTC `Z`, an offset, or Beijing local time without an offset. */
const writtenInstant = fc
  .record({
    // Years 1000 to 9998, so every offset stays inside four-digit years.
    ms: fc.integer({ min: Date.UTC(1000, 0, 2), max: Date.UTC(9998, 11, 30) }),
    form: fc.constantFrom('Z', 'offset', 'minus-zero', 'beijing-local'),
    offsetMinutes: fc.oneof(fc.integer({ min: -1439, max: 1439 }), fc.constantFrom(480, -480, 540, -300, 0)),
    fraction: fc.constantFrom('as-is', 'none-if-whole', 'padded'),
  })
  .map(({ ms, form, offsetMinutes, fraction }) => {
    const offset = form === 'Z' ? 0 : form === 'minus-zero' ? 0 : form === 'beijing-local' ? 480 : offsetMinutes;
    let wall = new Date(ms + offset * MINUTE).toISOString().slice(0, 23); // YYYY-MM-DDTHH:mm:ss.sss
    if (fraction === 'padded') wall += '000';
    if (fraction === 'none-if-whole' && ms % 1000 === 0) wall = wall.slice(0, 19);
    // A local time may leave out its seconds (zod accepts HH:mm without an offset only).
    if (form === 'beijing-local' && fraction === 'none-if-whole' && ms % 60_000 === 0) wall = wall.slice(0, 16);
    const suffix = form === 'Z' ? 'Z' : form === 'minus-zero' ? '-00:00' : form === 'beijing-local' ? '' : offsetText(offset);
    return { ms, time: wall + suffix };
  });

/** What the public API says about one transaction's day: the month bill it lands in, and the first day through which it counts. */
function dayAssigned(time: string): string {
  const month = beijingDayOf(time).slice(0, 7);
  const t = tx('t', time, 100);
  const inMonth = billForMonth([t], month).transactions.length;
  const dayBefore = `${month}-${String(Number(beijingDayOf(time).slice(8, 10)) - 1).padStart(2, '0')}`;
  const countedBefore = dayBefore.endsWith('-00') ? 0 : billForMonth([t], month, dayBefore).transactions.length;
  const countedOn = billForMonth([t], month, beijingDayOf(time)).transactions.length;
  return `${beijingDayOf(time)} in-month=${inMonth} before=${countedBefore} on=${countedOn}`;
}

describe('transactions fall on their Beijing calendar day (DOMAIN.md: 2024-05-31T16:30Z is 1 June)', () => {
  it('the outside tester’s repro: a UTC-stamped payment counts in June, a Tokyo-stamped one in May', () => {
    const transactions = [tx('utc', '2024-05-31T16:30:00Z', 10_000, 'Meituan'), tx('tokyo', '2024-06-01T00:30:00+09:00', 80_000)];
    expect(analyzeBills({ transactions, month: '2024-05', asOf: '2024-06-10' }).breakdown.total.gross).toBe(80_000);
    expect(analyzeBills({ transactions, month: '2024-06', asOf: '2024-06-10' }).breakdown.total.gross).toBe(10_000);
    const p = budgetProgress({ budget: { overall: 50_000 }, transactions, asOf: '2024-06-01' });
    expect(p.overall).toMatchObject({ spent: 10_000, status: 'at_risk' });
  });

  it('maps offsets to the Beijing day; a time without an offset is Beijing local time as written', () => {
    expect(beijingDayOf('2024-05-31T16:30:00Z')).toBe('2024-06-01');
    expect(beijingDayOf('2024-05-31T15:59:59.999Z')).toBe('2024-05-31');
    expect(beijingDayOf('2024-06-01T00:30:00+09:00')).toBe('2024-05-31');
    expect(beijingDayOf('2024-05-31T23:30:00+08:00')).toBe('2024-05-31');
    expect(beijingDayOf('2024-05-31T23:30:00')).toBe('2024-05-31');
    expect(beijingDayOf('2024-05-31T23:30')).toBe('2024-05-31');
    expect(beijingDayOf('2024-12-31T16:00:00-00:00')).toBe('2025-01-01');
    expect(beijingDayOf('2024-02-28T23:00:00-23:59')).toBe('2024-03-01'); // 2024-02-29T22:59Z, 06:59 on 1 March in Beijing
    expect(beijingDayOf('2024-03-01T00:00:00+23:59')).toBe('2024-02-29');
    expect(beijingDateTimeOf('2024-05-31T16:30:00.500Z')).toBe('2024-06-01T00:30:00.5');
    expect(beijingDateTimeOf('2024-06-01T00:30')).toBe('2024-06-01T00:30:00');
  });

  it('law: every way of writing one instant gets the same day and month, its Beijing calendar date', () => {
    fc.assert(
      fc.property(writtenInstant, fc.integer({ min: -1439, max: 1439 }), ({ ms, time }, offset) => {
        const expected = beijingDateOracle(ms);
        expect(beijingDayOf(time), time).toBe(expected);
        // The same instant written in another offset lands on the same day through the public API.
        const again = `${new Date(ms + offset * MINUTE).toISOString().slice(0, 23)}${offsetText(offset)}`;
        expect(dayAssigned(again), `${time} vs ${again}`).toBe(dayAssigned(time));
        expect(dayAssigned(time)).toMatch(new RegExp(`^${expected} in-month=1 before=0 on=1$`));
      }),
      { seed: 20_261_201, numRuns: 500 },
    );
  });

  it('law: transactions are ordered by the instant they happened, whatever offsets they were written in', () => {
    fc.assert(
      fc.property(writtenInstant, writtenInstant, fc.constantFrom('any', 'same-instant', 'same-offset'), (a, b, pair) => {
        // Times written in one offset and spelling are ordered as text, others by conversion: both must agree with the instants.
        const offset = (a.time.match(/(Z|[+-]\d\d:\d\d)$/) ?? [''])[0];
        const shift = offset === '' ? 480 : offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
        // b written exactly as a is spelt: same offset, same precision (cut to a minute or a second when a is).
        const body = a.time.length - offset.length;
        const unit = body === 16 ? MINUTE : body === 19 ? 1000 : 1;
        const bms = b.ms - (((b.ms % unit) + unit) % unit);
        const wall = new Date(bms + shift * MINUTE).toISOString().slice(0, Math.min(body, 23)) + (body === 26 ? '000' : '');
        const sameOffset = { ms: bms, time: wall + offset };
        const second = pair === 'same-instant' ? { ms: a.ms, time: `${new Date(a.ms).toISOString()}` } : pair === 'same-offset' ? sameOffset : b;
        const [x, y] = parseTransactions([tx('a', a.time, 1), tx('b', second.time, 1)]) as [Transaction, Transaction];
        const expected = Math.sign(a.ms - second.ms) || -1; // a tie goes by id: 'a' before 'b'
        expect(Math.sign(byTime(x, y)), `${a.time} vs ${second.time}`).toBe(expected);
        expect(Math.sign(byTime(y, x))).toBe(-expected);
      }),
      { seed: 20_261_202, numRuns: 500 },
    );
  });

  it('law: the day assigned does not depend on the process time zone', () => {
    fc.assert(
      fc.property(writtenInstant, fc.constantFrom(...UNUSUAL_TIME_ZONES, 'America/St_Johns'), ({ time }, zone) => {
        expect(inTimeZone(zone, () => dayAssigned(time))).toBe(inTimeZone('UTC', () => dayAssigned(time)));
      }),
      { seed: 20_261_203, numRuns: 200 },
    );
  });

  it('the over-budget streak and the lower-limit offer count Beijing months', () => {
    // Written in UTC these fall in March and April; in Beijing they are 1 April and 1 May.
    const transactions = [tx('a', '2024-03-31T16:30:00Z', 60_000), tx('b', '2024-04-30T16:30:00Z', 60_000)];
    const s = healthSummary({
      transactions,
      budget: { overall: 50_000 },
      budgetSince: '2024-01',
      asOf: '2024-06-10',
      currentLimit: 800_000,
      monthlyIncome: 450_000,
      monthlyEssentials: 100_000,
    });
    expect(s.history.filter((m) => m.spent > 0).map((m) => m.month)).toEqual(['2024-04', '2024-05']);
    expect(s.signals.overBudgetStreak).toBe(2);
    expect(s.lowerLimit.offer).toBe(true);
  });

  it('a bill holds the transactions of its Beijing month', () => {
    const late = tx('late', '2024-05-31T16:30:00Z', 1);
    expect(parseBill({ month: '2024-06', transactions: [late] }).transactions).toHaveLength(1);
    expect(() => parseBill({ month: '2024-05', transactions: [late] })).toThrow(ValidationError);
  });

  it('recurring payments use Beijing days: dates, the asOf cut-off and one occurrence per day', () => {
    const gym = ['2024-01-31T16:30:00Z', '2024-02-29T16:30:00Z', '2024-03-31T16:30:00Z'].map((time, i) => tx(`g${i}`, time, 3_000, 'Gym'));
    const [p] = detectRecurring({ transactions: gym, asOf: '2024-04-01' });
    expect(p).toMatchObject({ cadence: 'monthly', firstDate: '2024-02-01', lastDate: '2024-04-01', nextExpectedDate: '2024-05-01', occurrences: 3 });
    // As of 31 March in Beijing the third payment has not happened yet.
    expect(detectRecurring({ transactions: gym, asOf: '2024-03-31' })).toEqual([]);
    // 23:00 on 31 May and 00:30 on 1 June in Beijing are two days, so the weekly run has its third occurrence.
    const weekly = ['2024-05-17T23:00:00+08:00', '2024-05-24T23:00:00+08:00', '2024-05-31T16:30:00Z'].map((time, i) => tx(`w${i}`, time, 500, 'Club'));
    expect(detectRecurring({ transactions: weekly, asOf: '2024-06-05' })).toMatchObject([{ cadence: 'weekly', lastDate: '2024-06-01', occurrences: 3 }]);
  });

  it('the latest transaction is the latest instant, not the largest string', () => {
    // 03:00Z is 11:00 in Beijing, an hour after 10:00+08:00, though its string sorts first.
    const transactions = [tx('a', '2024-05-10T10:00:00+08:00', 100, 'KFC'), tx('b', '2024-05-10T03:00:00Z', 100, 'ＫＦＣ')];
    expect(largestMerchants({ month: '2024-05', transactions })[0]?.merchant).toBe('ＫＦＣ');
  });

  it('still accepts every time it accepted: offsets, Z, and local times with or without seconds', () => {
    const times = ['2024-05-03T12:30:00+08:00', '2024-05-03T12:30:00Z', '2024-05-03T12:30:00.123456-05:30', '2024-05-03T12:30', '2024-05-03T12:30:00.5'];
    expect(parseTransactions(times.map((time, i) => tx(`t${i}`, time, 1))).map((t) => t.time)).toEqual(times);
  });

  it('refuses a time whose Beijing day falls outside years 0000 to 9999', () => {
    for (const time of ['9999-12-31T23:00:00Z', '0000-01-01T00:00:00+09:00']) {
      try {
        parseTransactions([tx('t', time, 1)]);
        expect.unreachable(time);
      } catch (e) {
        expect((e as ValidationError).issues).toEqual([expect.objectContaining({ path: [0, 'time'], code: 'out_of_range' })]);
      }
    }
    expect(parseTransactions([tx('t', '9999-12-31T15:59:59Z', 1)])).toHaveLength(1);
    expect(parseTransactions([tx('t', '0000-01-01T00:00:00+08:00', 1)])).toHaveLength(1);
  });

  it('src/health reads a transaction’s time only through beijingTime.ts', () => {
    const dir = fileURLToPath(new URL('../../src/health', import.meta.url));
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'beijingTime.ts')
      .flatMap((f) =>
        readFileSync(join(dir, f), 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${f}:${i + 1}`, line }))
          .filter(({ line }) =>
            /\.time\b/.test(line.replace(/(beijingDayOf|beijingDateTimeOf)\([^()]*\.time\)|compareBeijingTimes\([^()]*\.time, [^()]*\.time\)/g, '')),
          ),
      );
    expect(offenders.map((o) => `${o.where} ${o.line.trim()}`)).toEqual([]);
  });
});
