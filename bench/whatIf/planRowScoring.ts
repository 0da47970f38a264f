// What scoring a decision's rows costs, by path (issue 20 item 1), from source under tsx (the
// row scorer is internal): `npx tsx bench/whatIf/planRowScoring.ts [rounds=10]`.
// The rows of real plans (the 11 example applicants one decision at a time, as decide() scores
// them; 1,024 seeded applicants in one chunk, as decideBatch does; default 3 suggestions) are
// scored by `scorePlanRows` three ways, interleaved, CPU time per decision, medians:
//   fast      equal rows once, partial re-walks (the default with a proved float32 evaluator)
//   dedupe    equal rows once, the rest by onnxruntime (modelEvaluator: 'onnxruntime')
//   every row model.predict on every row (what the scorer did before deduplication)
// It also prints how many rows were duplicates or re-walked, and how many trees read each
// evidence column of the default model.
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import { type DecisionPlan, encodePlans, planDecision } from '../../src/decision/decisionPlan.js';
import type { EngineContext } from '../../src/decision/engineContext.js';
import { evidenceColumns } from '../../src/decision/evidenceColumns.js';
import { type PlanRowCounts, type PlanRowScorer, scorePlanRows } from '../../src/decision/scorePlanRows.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { createFeatureEncoder } from '../../src/features/featureEncoder.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { provenPartialEvaluator } from '../../src/model/float32PartialEvaluator.js';
import { loadModel } from '../../src/model/loadModel.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

const ROUNDS = Number(process.argv[2] ?? 10);
const ctx = { catalog: defaultCatalog, minConfidence: 0.6, policy: defaultPolicy } as unknown as EngineContext;
const proved = await loadModel(defaultModelPath());
const forced = await loadModel(defaultModelPath(), { evaluator: 'onnxruntime' });
const encoder = createFeatureEncoder(proved.manifest);
const columns = evidenceColumns(encoder);
const partial = provenPartialEvaluator(proved);
if (partial === undefined) throw new Error(`the float32 evaluator is not proved here: ${proved.evaluator.reason}`);

interface Chunk {
  readonly plans: DecisionPlan[];
  readonly rows: Float32Array;
  readonly firstRows: readonly number[];
  readonly nRows: number;
}
function chunkOf(applicants: readonly unknown[]): Chunk {
  const plans = applicants.map((a) => planDecision(ctx, parseApplicant(a), { suggestions: true, limitHistory: [] }));
  return { plans, ...encodePlans(plans, encoder) };
}
const singles = exampleApplicants.map((e) => chunkOf([e.applicant]));
const batch = chunkOf(generatePopulation({ size: 1024, seed: 20_261_101, asOf: '2026-11-01' }).map((r) => r.applicant));

const layout = { width: encoder.width, evidenceColumns: columns };
const scorers: Record<string, PlanRowScorer | null> = {
  fast: { ...layout, model: proved, partial, smallRunRows: proved.evaluator.maxRows },
  dedupe: { ...layout, model: forced, partial: undefined, smallRunRows: 0 },
  'every row': null,
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
const score = (s: PlanRowScorer | null, c: Chunk, counts?: (x: PlanRowCounts) => void) =>
  s === null ? forced.predict(c.rows, c.nRows) : scorePlanRows(s, c.plans, c.rows, c.firstRows, c.nRows, counts);

const perDecision: Record<string, number[]> = {};
for (let round = 0; round <= ROUNDS; round++) {
  for (const [name, s] of Object.entries(scorers)) {
    let t = cpuMs();
    for (let i = 0; i < 440; i++) await score(s, singles[i % singles.length] as Chunk);
    if (round > 0) (perDecision[`decide/${name}`] ??= []).push(((cpuMs() - t) * 1000) / 440);
    t = cpuMs();
    await score(s, batch);
    if (round > 0) (perDecision[`batch/${name}`] ??= []).push(((cpuMs() - t) * 1000) / batch.plans.length);
  }
}
const median = (a: readonly number[]) => [...a].sort((x, y) => x - y)[a.length >> 1] as number;

let counts: PlanRowCounts | undefined;
await score(scorers.fast ?? null, batch, (c) => {
  counts = c;
});
console.log(`default model: ${partial.nTrees} trees, ${partial.treesReading(columns)} read an evidence column`);
for (const c of columns) console.log(`  ${encoder.names[c]}: ${partial.treesTesting(c)} trees`);
if (counts !== undefined) {
  const n = batch.plans.length;
  console.log(
    `batch of ${n}: ${(counts.rows / n).toFixed(1)} rows per decision, ${((100 * counts.duplicates) / counts.rows).toFixed(0)}% duplicates, ` +
      `${(counts.partial / n).toFixed(1)} re-walked and ${(counts.predicted / n).toFixed(1)} predicted per decision`,
  );
}
console.log('| rows scored | fast (default) | dedupe, onnxruntime | every row, onnxruntime |');
console.log('| --- | --- | --- | --- |');
for (const mode of ['decide', 'batch'] as const) {
  const f = (name: string) => `${median(perDecision[`${mode}/${name}`] ?? []).toFixed(1)} µs`;
  console.log(`| ${mode === 'decide' ? 'one decision (decide)' : '1,024 decisions (decideBatch)'} | ${f('fast')} | ${f('dedupe')} | ${f('every row')} |`);
}
await proved.close();
await forced.close();
