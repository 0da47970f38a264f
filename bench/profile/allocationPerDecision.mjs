// What a decision allocates, by function: V8's sampling heap profiler with objects the garbage
// collector already freed included, over decideBatch of 2,048 seeded applicants on the built
// package (`npm run build` first). Unlike timings, this does not depend on machine load.
// `node bench/profile/allocationPerDecision.mjs [suggestions=0] [top=30] [function to split by caller]`
import { relative } from 'node:path';
import { Session } from 'node:inspector/promises';
import { createScorer } from '../../dist/index.js';
import { EXAMPLE_AS_OF } from '../../dist/examples.js';
import { generatePopulation } from '../../dist/train.js';

const suggestions = Number(process.argv[2] ?? 0);
const top = Number(process.argv[3] ?? 30);
const target = process.argv[4];
const scorer = await createScorer({ suggestionsPerDecision: suggestions });
const inputs = generatePopulation({ size: 2048, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant);
await scorer.decideBatch(inputs);
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
const ROUNDS = 3;
for (let i = 0; i < ROUNDS; i++) await scorer.decideBatch(inputs);
const { profile } = await session.post('HeapProfiler.stopSampling');
const decisions = ROUNDS * inputs.length;
const bySite = new Map();
const byCaller = new Map();
let total = 0;
const frame = (n) =>
  `${n.callFrame.functionName || '(anonymous)'} ${relative(process.cwd(), n.callFrame.url.replace('file://', ''))}:${n.callFrame.lineNumber}`;
const walk = (n, callers) => {
  bySite.set(frame(n), (bySite.get(frame(n)) ?? 0) + n.selfSize);
  total += n.selfSize;
  if (target !== undefined && n.callFrame.functionName === target && n.selfSize > 0) {
    const key = callers.slice(-3).join(' < ');
    byCaller.set(key, (byCaller.get(key) ?? 0) + n.selfSize);
  }
  for (const c of n.children) walk(c, [...callers, `${n.callFrame.functionName}:${n.callFrame.lineNumber}`]);
};
walk(profile.head, []);
console.log(`allocated per decision (sampled): ${Math.round(total / decisions)} bytes`);
for (const [site, bytes] of [...(target === undefined ? bySite : byCaller)].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(String(Math.round(bytes / decisions)).padStart(7), site);
}
await scorer.close();
