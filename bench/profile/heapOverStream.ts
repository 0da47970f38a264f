// Heap and RSS every `every` decisions of a stream, to tell a leak (heap climbing) from V8 growing
// its heap once (flat after warm-up): `node --expose-gc --import tsx bench/profile/heapOverStream.ts [total] [every]`.
import { createScorer } from '../../src/decision/createScorer.js';
import { EXAMPLE_AS_OF } from '../../src/examples/exampleApplicants.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { iteratePopulation } from '../../src/train/synthetic/generatePopulation.js';

const total = Number(process.argv[2] ?? 200_000);
const every = Number(process.argv[3] ?? 20_000);
const gc = (globalThis as { gc?: () => void }).gc;
const scorer = await createScorer({ suggestionsPerDecision: 0 });
const MiB = 2 ** 20;
let batch: Applicant[] = [];
let done = 0;
for (const row of iteratePopulation({ size: total, seed: 1_000_003, asOf: EXAMPLE_AS_OF })) {
  batch.push(row.applicant);
  if (batch.length < 1024) continue;
  await scorer.decideBatch(batch);
  done += batch.length;
  batch = [];
  if (done % every < 1024) {
    gc?.();
    const m = process.memoryUsage();
    console.log(
      `${done}\theapUsed ${(m.heapUsed / MiB).toFixed(1)} MiB\theapTotal ${(m.heapTotal / MiB).toFixed(1)}\trss ${(m.rss / MiB).toFixed(0)}\tmaxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}`,
    );
  }
}
await scorer.close();
