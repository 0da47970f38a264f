import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { runSimulateCommand } from '../../src/cli/simulateCommand.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { runSimulation, type SimulationRecordError, type SimulationResult } from '../../src/simulate/runSimulation.js';
import { simulateBook } from '../../src/simulate/simulateBook.js';
import { captureIo } from '../cli/fakeDecider.js';
import { bureauScoreBook, bureauScoreFeatures, trainBureauScoreModel } from '../helpers/lenderBureauScore.js';
import { tighterDsrOverrides } from '../helpers/tighterDsrOverrides.js';

const dsrOverrides = tighterDsrOverrides;
const tighterDsr = resolvePolicy(dsrOverrides);
// Every record carries the lender attribute (a seventh of them null: missing).
const { applicants: book } = bureauScoreBook(240, 21);
const records = (): InputRecord[] => book.map((value, i) => ({ line: i + 1, ok: true, value }));

// Inside the repository, so the module's own imports (zod) resolve as in a lender's project.
const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'simulate-features-'));
const file = (name: string) => join(work, name);
const src = new URL('../../src/', import.meta.url).pathname;

let model: Uint8Array;
let baseline: Scorer<never>;
let candidate: Scorer<never>;
beforeAll(async () => {
  model = trainBureauScoreModel();
  writeFileSync(file('model.onnx'), model);
  writeFileSync(file('features.ts'), `export { bureauScoreFeatures as default } from '${join(src, '..', 'test', 'helpers', 'lenderBureauScore.ts')}';\n`);
  writeFileSync(file('book.ndjson'), `${book.map((a) => JSON.stringify(a)).join('\n')}\n`);
  writeFileSync(file('candidate.json'), JSON.stringify(dsrOverrides));
  baseline = await createScorer({ model, features: bureauScoreFeatures, suggestionsPerDecision: 0 });
  candidate = await createScorer({ model, features: bureauScoreFeatures, policy: tighterDsr, suggestionsPerDecision: 0 });
});
afterAll(async () => {
  await baseline?.close();
  await candidate?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Each record's own decision under each policy, one batch call each, no simulation code involved. */
async function expected() {
  const own = async (s: Scorer<never>) => (await s.safeDecideBatch(book)).map((r) => (r.ok ? r.decision : expect.unreachable(r.error.message)) as Decision);
  return { b: await own(baseline), c: await own(candidate) };
}

function expectEqualsDecideBatch(result: SimulationResult, errors: readonly SimulationRecordError[], want: { b: Decision[]; c: Decision[] }) {
  expect(errors).toEqual([]);
  expect(result.records).toBe(book.length);
  expect(result.summary.decided).toBe(book.length);
  for (const [got, ds] of [
    [result.summary.totals.baseline, want.b],
    [result.summary.totals.candidate, want.c],
  ] as const) {
    const approved = ds.filter((d) => d.outcome === 'approve');
    expect(got.outcomes.approve).toBe(approved.length);
    expect(got.outcomes.decline).toBe(ds.filter((d) => d.outcome === 'decline').length);
    expect(got.totalLimit).toBe(approved.reduce((t, d) => t + d.limit, 0));
    expect(got.meanApr).toBeCloseTo(approved.reduce((t, d) => t + d.apr, 0) / approved.length, 10);
  }
  const flips = want.b.filter((d, i) => d.outcome !== want.c[i]!.outcome).length;
  expect(result.summary.flips).toBe(flips);
}

describe("simulation on a lender's own feature set (applicants carry attributes)", () => {
  it('runSimulation with deciders built on the feature set: both arms decide every record, none in errors, totals equal decideBatch', async () => {
    const errors: SimulationRecordError[] = [];
    const result = await runSimulation({
      records: records(),
      baseline: { decide: (r) => baseline.safeDecideBatch(r), assumptions: portfolioAssumptions(baseline.policy) },
      candidate: { decide: (r) => candidate.safeDecideBatch(r), assumptions: portfolioAssumptions(candidate.policy) },
      chunkSize: 64,
      onError: (e) => void errors.push(e),
    });
    expectEqualsDecideBatch(result, errors, await expected());
  });

  it('simulateBook takes the feature set as a module (featuresModule), as the pool does', async () => {
    const errors: SimulationRecordError[] = [];
    const result = await simulateBook({
      book,
      baseline: { model, suggestionsPerDecision: 0 },
      candidate: { model, policy: tighterDsr },
      featuresModule: file('features.ts'),
      onError: (e) => void errors.push(e),
    });
    expectEqualsDecideBatch(result, errors, await expected());
  });

  it('creditlift simulate --features MODULE decides every record of such a book (exit 0); without it the model is refused, naming the feature (exit 1)', async () => {
    const args = ['--book', file('book.ndjson'), '--baseline-model', file('model.onnx'), '--candidate-model', file('model.onnx')];
    const c = captureIo();
    const code = await runSimulateCommand(
      [...args, '--candidate-policy', file('candidate.json'), '--features', file('features.ts'), '--out', file('sim.json')],
      c.io,
    );
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const sim = JSON.parse(readFileSync(file('sim.json'), 'utf8'));
    const want = await expected();
    expect(sim.errors).toBe(0);
    expect(sim.totals.candidate.totalLimit).toBe(want.c.filter((d) => d.outcome === 'approve').reduce((t, d) => t + d.limit, 0));

    // Without it the models read a feature nobody declared: refused before any record, naming it.
    const plain = captureIo();
    expect(await runSimulateCommand([...args, '--out', file('plain.json')], plain.io)).toBe(1);
    expect(plain.err()).toMatch(/bureau_score \(undeclared_feature\)/);
  });
});
