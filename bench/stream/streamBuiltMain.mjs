// The million-decision stream as a user runs it: the built package (dist/, run `npm run build`
// first) under plain node, without the TypeScript loader the harness uses (which alone adds about
// 50 MiB of resident memory). Synthetic applicants generated on the fly, `batchSize` at a time,
// nothing kept; prints one JSON line (StreamResult in streamResult.ts, less `nodeFlags`).
// `node bench/stream/streamBuiltMain.mjs '{"modelPath":"models/default/model.onnx","total":1000000,"batchSize":256,"suggestionsPerDecision":0}'`
import { createScorer } from '../../dist/index.js';
import { iteratePopulation } from '../../dist/train.js';

const MiB = 2 ** 20;
const o = JSON.parse(process.argv[2] ?? '{}');
const scorer = await createScorer({ model: o.modelPath, suggestionsPerDecision: o.suggestionsPerDecision });
const startRss = process.memoryUsage.rss();
let decisions = 0;
let errors = 0;
let genNs = 0n;
let batch = [];
const t0 = process.hrtime.bigint();
const flush = async () => {
  for (const r of await scorer.decideBatch(batch)) {
    decisions++;
    if (!r.ok) errors++;
  }
  batch = [];
};
const rows = iteratePopulation({ size: o.total, seed: 20_261_125, asOf: '2026-11-01' });
for (;;) {
  const g0 = process.hrtime.bigint();
  const next = rows.next();
  genNs += process.hrtime.bigint() - g0;
  if (next.done) break;
  batch.push(next.value.applicant);
  if (batch.length === o.batchSize) await flush();
}
if (batch.length > 0) await flush();
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const generateSeconds = Number(genNs) / 1e9;
await scorer.close();
process.stdout.write(
  `${JSON.stringify({
    decisions,
    errors,
    batchSize: o.batchSize,
    suggestionsPerDecision: o.suggestionsPerDecision,
    peakRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
    startRssMiB: startRss / MiB,
    endRssMiB: process.memoryUsage.rss() / MiB,
    seconds,
    generateSeconds,
    decisionsPerSecond: decisions / (seconds - generateSeconds),
  })}\n`,
);
