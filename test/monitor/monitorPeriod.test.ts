// periodOf labels a decision's asOf with its period: the month, or the Monday that starts its ISO
// week, as a YYYY-MM-DD date so labels sort as dates. The Monday of 0000-01-01 and 0000-01-02 is
// -0001-12-27, which no YYYY-MM-DD label can spell: an outside tester got "00-1--88--73" for both
// (and `monitor --period week` would have used it). Such a date is refused with `out_of_range`, as
// the health module refuses a time whose Beijing day lies outside years 0000 to 9999.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { createMonitorAccumulator } from '../../src/monitor/monitorAccumulator.js';
import { parseMonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { periodOf } from '../../src/monitor/monitorPeriod.js';
import { inTimeZone } from '../../src/testing/_internals/inTimeZone.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

describe('periodOf', () => {
  it('labels a week by its Monday and a month by YYYY-MM', () => {
    expect(periodOf('2026-11-24', 'week')).toBe('2026-11-23');
    expect(periodOf('2026-11-24', 'month')).toBe('2026-11');
    expect(periodOf('9999-12-31', 'week')).toBe('9999-12-27');
  });

  it('the first week whose Monday is in year 0000 is labelled; a date whose Monday falls in year -1 is refused with out_of_range', () => {
    // 0000-01-03 is a Monday (proleptic Gregorian).
    expect(periodOf('0000-01-03', 'week')).toBe('0000-01-03');
    expect(periodOf('0000-01-09', 'week')).toBe('0000-01-03');
    expect(periodOf('0000-01-01', 'month')).toBe('0000-01');
    for (const d of ['0000-01-01', '0000-01-02']) {
      const e = validationErrorOf(() => periodOf(d, 'week'));
      expect(e).toBeInstanceOf(CreditliftError);
      expect(e.code).toBe('data_invalid');
      expect(e.issues.map((i) => `${i.path.join('.')} ${i.code}`)).toEqual(['asOf out_of_range']);
      expect(e.message).toMatch(/asOf/);
    }
  });

  it('a date that does not parse is still data_invalid', () => {
    expect(() => periodOf('2026-02-30', 'week')).toThrow(CreditliftError);
    expect(validationErrorOf(() => periodOf('soon', 'month')).issues[0]?.message).toMatch(/not a calendar date YYYY-MM-DD/);
  });

  // An outside tester: '2026-02-01T00:00:00+08:00' (a Beijing midnight, as a store that keeps DATE
  // columns as timestamps exports it) went through date-fns on local time and fell in 2026-02 under
  // Asia/Shanghai but 2026-01 under UTC; '2026-01-05T00:00:00Z' was the week of 2026-01-05 under
  // UTC and of 2025-12-29 under America/New_York; '20260201' and '2026-W05-1' passed without a word.
  it('anything but a calendar date YYYY-MM-DD is refused data_invalid, naming asOf, in every time zone', () => {
    for (const zone of ['UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati'])
      for (const asOf of [
        '2026-02-01T00:00:00+08:00',
        '2026-01-05T00:00:00Z',
        '2026-01-05T12:00',
        '20260201',
        '2026-W05-1',
        '2026-032',
        ' 2026-02-01',
        '+002026-02-01',
      ])
        for (const period of ['week', 'month'] as const) {
          const e = inTimeZone(zone, () => validationErrorOf(() => periodOf(asOf, period)));
          expect(e.code, `${zone} ${asOf} ${period}`).toBe('data_invalid');
          expect(e.issues.map((i) => `${i.path.join('.')} ${i.code}`)).toEqual(['asOf invalid_format']);
          expect(e.issues[0]?.message).toMatch(/YYYY-MM-DD/);
        }
  });
});

describe('monitor --period week on such a date', () => {
  it('refuses the observation whole: it is neither counted nor put in a period', () => {
    const baseline = parseMonitorBaseline(JSON.parse(readFileSync(join(defaultModelPath(), '..', 'monitorBaseline.json'), 'utf8')));
    const acc = createMonitorAccumulator(baseline, { period: 'week' });
    acc.add({ asOf: '2026-11-24', outcome: 'approve', limit: 300_000, pd: 0.02 });
    expect(() => acc.add({ asOf: '0000-01-02', outcome: 'decline', limit: 0, pd: 0.5 })).toThrow(ValidationError);
    const summary = acc.finish();
    expect(summary.observations).toBe(1);
    expect(summary.timeline.map((p) => [p.period, p.count])).toEqual([['2026-11-23', 1]]);
  });
});
