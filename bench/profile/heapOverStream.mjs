// Where a decision stream's resident memory goes, on the built package (run `npm run build` first):
// `node --expose-gc bench/profile/heapOverStream.mjs [total] [every] [batchSize]`. Every `every`
// decisions it prints RSS beside V8's heap (used / total), external and ArrayBuffer memory, and the
// process's peak RSS so far; a heap that climbs is a leak, RSS above heap + external is native
// (onnxruntime, the allocator, code space).
import { createScorer } from '../../dist/index.js';
import { iteratePopulation } from '../../dist/train.js';

const total = Number(process.argv[2] ?? 200_000);
const every = Number(process.argv[3] ?? 20_000);
const batchSize = Number(process.argv[4] ?? 1024);
const MiB = 2 ** 20;
const mib = (b) => (b / MiB).toFixed(1).padStart(6);
const line = (label) => {
  const m = process.memoryUsage();
  console.log(
    `${String(label).padStart(9)}  rss ${mib(m.rss)}  heapUsed ${mib(m.heapUsed)}  heapTotal ${mib(m.heapTotal)}  external ${mib(m.external)}  arrayBuffers ${mib(m.arrayBuffers)}  maxRSS ${mib(process.resourceUsage().maxRSS * 1024)}`,
  );
};
line('start');
const scorer = await createScorer({ suggestionsPerDecision: 0 });
line('loaded');
let batch = [];
let done = 0;
for (const row of iteratePopulation({ size: total, seed: 1_000_003, asOf: '2026-11-01' })) {
  batch.push(row.applicant);
  if (batch.length < batchSize) continue;
  await scorer.decideBatch(batch);
  done += batch.length;
  batch = [];
  if (done % every < batchSize) {
    globalThis.gc?.();
    line(done);
  }
}
await scorer.close();
line('closed');
