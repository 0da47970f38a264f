// Same-run comparison of the what-if path against a reference copy of the sources (issue 20):
//   git archive main src | tar -x -C .tmp/mainsrc && npx tsx bench/whatIf/compareWhatIf.ts .tmp/mainsrc/src
// Interleaved rounds of decideBatch (1,024 seeded applicants; default 3 suggestions and none) per
// CPU-second of the process, and decide() latency on the example applicants beside a bare
// one-row model call, for this tree and the reference. Short on purpose: medians of a few rounds.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

interface ScorerLike {
  decide(a: unknown): Promise<unknown>;
  decideBatch(a: readonly unknown[]): Promise<unknown>;
  close(): Promise<void>;
}
type Create = (o?: { suggestionsPerDecision?: number }) => Promise<ScorerLike>;

const refDir = process.argv[2];
if (refDir === undefined) throw new Error('usage: compareWhatIf.ts <reference src dir>');
const here = (await import('../../src/decision/createScorer.js')).createScorer as unknown as Create;
const ref = (await import(pathToFileURL(resolve(refDir, 'decision/createScorer.ts')).href)).createScorer as Create;
const { loadModel } = await import('../../src/model/loadModel.js');
const { defaultModelPath } = await import('../../src/model/defaultModelPath.js');

const apps = generatePopulation({ size: 1024, seed: 20_261_101, asOf: '2026-11-01' }).map((r) => r.applicant);
const examples = exampleApplicants.map((e) => e.applicant);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1] as number;
const now = () => Number(process.hrtime.bigint()) / 1e3;

const sides = {
  here: { s3: await here(), s0: await here({ suggestionsPerDecision: 0 }) },
  ref: { s3: await ref(), s0: await ref({ suggestionsPerDecision: 0 }) },
};
const model = await loadModel(defaultModelPath());
const row = new Float32Array(model.manifest.features.length).fill(Number.NaN);
const perCpu: Record<string, number[]> = {};
const lat: Record<string, number[]> = { bare: [] };
const ROUNDS = 6;
for (let round = 0; round <= ROUNDS; round++) {
  // Alternate which side goes first, so drift and warm-up fall on both.
  const order = round % 2 === 0 ? Object.entries(sides) : Object.entries(sides).reverse();
  for (const [side, { s3, s0 }] of order) {
    for (const [name, s] of [
      ['3', s3],
      ['0', s0],
    ] as const) {
      const c = cpu();
      await s.decideBatch(apps);
      if (round > 0) (perCpu[`${side}/${name}`] ??= []).push(apps.length / (cpu() - c));
    }
  }
  // decide() latency, interleaved with the bare call, on the example applicants.
  for (let i = 0; i < 200; i++) {
    const a = examples[i % examples.length];
    for (const [side, { s3, s0 }] of Object.entries(sides)) {
      let t = now();
      await s3.decide(a);
      if (round > 0) (lat[`${side}/3`] ??= []).push(now() - t);
      t = now();
      await s0.decide(a);
      if (round > 0) (lat[`${side}/0`] ??= []).push(now() - t);
    }
    const t = now();
    await model.predictOne(row);
    if (round > 0) lat.bare?.push(now() - t);
  }
}
const bare = median(lat.bare ?? []);
const out = (k: string) => `${median(perCpu[k] ?? []).toFixed(0)}/CPU-s`;
console.log(`bare 1-row predictOne median ${bare.toFixed(1)} us`);
for (const side of ['ref', 'here']) {
  console.log(
    `${side}: decideBatch 3 suggestions ${out(`${side}/3`)}, none ${out(`${side}/0`)}; decide() 3 suggestions ${(median(lat[`${side}/3`] ?? []) / bare).toFixed(1)}x bare, none ${(median(lat[`${side}/0`] ?? []) / bare).toFixed(1)}x bare`,
  );
}
const sp = (k: string) => median(perCpu[`here/${k}`] ?? []) / median(perCpu[`ref/${k}`] ?? []);
console.log(
  `speed-up here vs ref: decideBatch 3 suggestions ${sp('3').toFixed(2)}x, none ${sp('0').toFixed(2)}x; decide() 3 suggestions ${(median(lat['ref/3'] ?? []) / median(lat['here/3'] ?? [])).toFixed(2)}x`,
);
for (const { s3, s0 } of Object.values(sides)) {
  await s3.close();
  await s0.close();
}
await model.close();
