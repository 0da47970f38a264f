// `monitor --applicants` decides each record with its own ledger of recent raises, as `score` and
// `simulate` do ({"applicant": ..., "limitHistory": [...]} lines): its limits are the ones the
// lender grants, step limits included, never the ones the step limits would have stopped.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { captureIo } from '../cli/fakeDecider.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { loadModel, type LoadedModel } from '../../src/model/loadModel.js';
import { parseMonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { monitorApplicants } from '../../src/monitor/runMonitor.js';
import type { LimitChange } from '../../src/policy/stepLimit.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

const baseline = parseMonitorBaseline(JSON.parse(readFileSync(join(defaultModelPath(), '..', 'monitorBaseline.json'), 'utf8')));
// Existing customers, each with three raises of 1,000 RMB in the last 30 days on file: the window's
// count and amount bind for many of them.
const book = generatePopulation({ size: 80, seed: 31, asOf: '2026-11-01' }).map((r, i) => ({
  ...r.applicant,
  platform: { ...r.applicant.platform, currentLimit: 400_000 + 5_000 * i },
}));
const ledgerOf = (i: number): LimitChange[] | undefined => {
  const L = book[i]!.platform.currentLimit;
  return i % 4 === 3
    ? undefined
    : [
        { asOf: '2026-10-10', from: L - 300_000, to: L - 200_000 },
        { asOf: '2026-10-15', from: L - 200_000, to: L - 100_000 },
        { asOf: '2026-10-25', from: L - 100_000, to: L },
      ];
};
const records: InputRecord[] = book.map((value, i) => {
  const h = ledgerOf(i);
  return h === undefined ? { line: i + 1, ok: true, value } : { line: i + 1, ok: true, value, limitHistory: h };
});
const meanApproved = (ds: readonly Pick<Decision, 'outcome' | 'limit'>[]) => {
  const a = ds.filter((d) => d.outcome === 'approve');
  return Math.round(a.reduce((s, d) => s + d.limit, 0) / a.length);
};

let model: LoadedModel;
let scorer: Scorer;
let withLedger: Decision[];
let withoutLedger: Decision[];
beforeAll(async () => {
  model = await loadModel(defaultModelPath());
  scorer = await createScorer({ model, suggestionsPerDecision: 0 });
  withLedger = await Promise.all(book.map((a, i) => scorer.decide(a, { limitHistory: ledgerOf(i) ?? [] })));
  withoutLedger = await Promise.all(book.map((a) => scorer.decide(a)));
});
afterAll(async () => Promise.all([scorer?.close(), model?.close()]));

describe('monitor with each customer\u2019s ledger', () => {
  it('the ledgers bind in this book (else the test below could not fail)', () => {
    expect(withLedger.some((d) => d.bindingConstraint === 'step_limit')).toBe(true);
    expect(meanApproved(withLedger)).not.toBe(meanApproved(withoutLedger));
  });

  it('monitorApplicants decides every record with its own ledger: outcomes and mean limit equal per-record decisions', async () => {
    const { summary, errors } = await monitorApplicants({ records, baseline, period: 'month', model, chunkSize: 16 });
    expect(errors).toBe(0);
    const [t] = summary.timeline;
    const count = (o: Decision['outcome']) => withLedger.filter((d) => d.outcome === o).length;
    expect(t!.outcomes).toEqual({ approve: count('approve'), refer: count('refer'), decline: count('decline') });
    expect(t!.meanLimit).toBe(meanApproved(withLedger));
    // The fair-outcomes table's mean approved limit is built from the same limits.
    for (const row of summary.fairness!.find((f) => f.dimension === 'region')!.rows) {
      const mine = withLedger.filter((_, i) => book[i]!.residence.region === row.group);
      expect(row.meanLimit, row.group).toBe(mine.some((d) => d.outcome === 'approve') ? meanApproved(mine) : null);
    }
  });

  it('creditlift monitor --applicants on envelope lines gives the limits score gives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'monitor-ledger-'));
    const input = join(dir, 'book.ndjson');
    writeFileSync(input, `${book.map((a, i) => JSON.stringify(ledgerOf(i) === undefined ? a : { applicant: a, limitHistory: ledgerOf(i) })).join('\n')}\n`);
    const out = join(dir, 'mon.json');
    const c = captureIo();
    const code = await runMonitorCommand(['--applicants', input, '--out', out], c.io);
    expect(c.err()).toBe('');
    expect([0, 4]).toContain(code);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.errors).toBe(0);
    expect(result.timeline[0].meanLimit).toBe(meanApproved(withLedger));
  });
});
