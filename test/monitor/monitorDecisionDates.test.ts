// `creditlift monitor --decisions` groups decisions by their asOf. A Decision's asOf is a calendar
// date (YYYY-MM-DD); an outside tester rewrote the 11 examples' asOf to '2026-02-01T00:00:00+08:00'
// (a Beijing midnight, as a store that keeps DATE columns as timestamps exports it) and all 11 were
// measured with errors=0, in 2026-02 under TZ=Asia/Shanghai but in 2026-01 under UTC and
// America/New_York. Such a line is now the record's error, naming asOf, in every zone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { parseMonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { type MonitorRecordError, monitorDecisions } from '../../src/monitor/runMonitor.js';
import { inTimeZoneAsync } from '../../src/testing/_internals/inTimeZone.js';
import { fakeDecision, resealed } from '../cli/fakeDecider.js';

const baseline = parseMonitorBaseline(JSON.parse(readFileSync(join(defaultModelPath(), '..', 'monitorBaseline.json'), 'utf8')));

const BAD_DATES = ['2026-02-01T00:00:00+08:00', '2026-01-05T00:00:00Z', '20260201', '2026-W05-1', '2026-13-45', 'yesterday'];

async function monitorIn(zone: string, period: 'week' | 'month') {
  const good = fakeDecision({ id: 'good', limit: 300_000 });
  const texts = [JSON.stringify(good), ...BAD_DATES.map((asOf, i) => JSON.stringify({ line: i + 2, decision: resealed({ ...good, asOf }) }))];
  const errors: MonitorRecordError[] = [];
  const result = await inTimeZoneAsync(zone, () =>
    monitorDecisions({
      lines: (async function* () {
        for (const [i, text] of texts.entries()) yield { line: i + 1, text, truncated: false };
      })(),
      baseline,
      period,
      onError: (e) => void errors.push(e),
    }),
  );
  return { result, errors, good };
}

describe('monitor --decisions reads asOf as a calendar date only', () => {
  it('a decision whose asOf is no YYYY-MM-DD date is an error line naming asOf, and the timeline is the same in every zone', async () => {
    for (const period of ['month', 'week'] as const) {
      const runs = [];
      for (const zone of ['Asia/Shanghai', 'UTC', 'America/New_York', 'Pacific/Kiritimati']) runs.push(await monitorIn(zone, period));
      for (const { result, errors, good } of runs) {
        expect(result.records).toBe(1 + BAD_DATES.length);
        expect(result.errors).toBe(BAD_DATES.length);
        expect(result.summary.observations).toBe(1);
        expect(result.summary.timeline.map((t) => [t.period, t.count])).toEqual([[period === 'month' ? good.asOf.slice(0, 7) : '2026-10-26', 1]]);
        expect(errors.map((e) => e.line)).toEqual(BAD_DATES.map((_, i) => i + 2));
        for (const e of errors) {
          expect(e.error.code).toBe('data_invalid');
          expect(JSON.stringify(e.error)).toMatch(/asOf/);
        }
      }
      expect(new Set(runs.map((r) => JSON.stringify([r.result, r.errors]))).size).toBe(1);
    }
  });
});
