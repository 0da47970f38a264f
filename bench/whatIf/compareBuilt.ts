// Same-process A/B of two builds of the package (issue 20, faster what-ifs):
//   npm run build && cp -r dist .tmp/dist-after   (and a build of the reference in .tmp/dist-before)
//   npx tsx bench/whatIf/compareBuilt.ts .tmp/dist-before .tmp/dist-after [rounds=8]
// Both builds are loaded into one process and measured in interleaved rounds (the side that goes
// first alternates), so load on the shared machine falls on both: decideBatch of 1,024 seeded
// applicants with the default 3 suggestions and with none, per CPU-second of the process; decide()
// latency on the example applicants (default options and no suggestions) beside a bare one-row
// onnxruntime session.run of the same applicants' rows. Medians.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-node';
import type * as Examples from '../../src/examples/index.js';
import type * as Index from '../../src/index.js';
import type * as Internals from '../../src/internals.js';
import type * as Train from '../../src/train/index.js';

interface Build {
  readonly index: typeof Index;
  readonly train: typeof Train;
  readonly examples: typeof Examples;
  readonly internals: typeof Internals;
}

async function loadBuild(dir: string): Promise<Build> {
  const url = (name: string) => pathToFileURL(resolve(dir, `${name}.js`)).href;
  const [index, train, examples, internals] = await Promise.all([
    import(url('index')) as Promise<typeof Index>,
    import(url('train')) as Promise<typeof Train>,
    import(url('examples')) as Promise<typeof Examples>,
    import(url('internals')) as Promise<typeof Internals>,
  ]);
  return { index, train, examples, internals };
}

const [beforeDir, afterDir, roundsArg] = process.argv.slice(2);
if (beforeDir === undefined || afterDir === undefined) throw new Error('usage: compareBuilt.ts <dist before> <dist after> [rounds]');
const ROUNDS = Number(roundsArg ?? 8);
const builds = { before: await loadBuild(beforeDir), after: await loadBuild(afterDir) };

// The workload from the "after" build (the generator and examples are the same code in both).
const { train, examples, index, internals } = builds.after;
const population = train.generatePopulation({ size: 1024, seed: 20_261_101, asOf: examples.EXAMPLE_AS_OF }).map((r) => r.applicant);
const exampleApplicants = examples.exampleApplicants.map((e) => index.parseApplicant(e.applicant));
const modelPath = index.defaultModelPath();
const model = await index.loadModel(modelPath);
const encoder = internals.createFeatureEncoder(model.manifest);
const exampleRows = train.featurizeApplicants(exampleApplicants, encoder);
const width = encoder.width;
const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1 });
await model.close();

const sides = Object.fromEntries(
  await Promise.all(
    Object.entries(builds).map(async ([name, b]) => [
      name,
      { s3: await b.index.createScorer({ model: modelPath }), s0: await b.index.createScorer({ model: modelPath, suggestionsPerDecision: 0 }) },
    ]),
  ),
) as Record<'before' | 'after', { s3: Index.Scorer; s0: Index.Scorer }>;

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const now = () => Number(process.hrtime.bigint()) / 1e3;
const median = (a: readonly number[]) => [...a].sort((x, y) => x - y)[a.length >> 1] as number;
const perCpu: Record<string, number[]> = {};
const latency: Record<string, number[]> = { bare: [] };
const bareRun = async (i: number) => {
  const row = exampleRows.subarray(i * width, (i + 1) * width);
  await session.run({ [model.manifest.inputName]: new ort.Tensor('float32', row, [1, width]) });
};

for (let round = 0; round <= ROUNDS; round++) {
  const order = round % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
  for (const side of order) {
    for (const [name, s] of [
      ['3', sides[side].s3],
      ['0', sides[side].s0],
    ] as const) {
      const c = cpu();
      await s.decideBatch(population);
      if (round > 0) (perCpu[`${side}/${name}`] ??= []).push(population.length / (cpu() - c));
    }
  }
  for (let i = 0; i < 110; i++) {
    const k = i % exampleApplicants.length;
    const a = exampleApplicants[k];
    for (const side of order) {
      for (const [name, s] of [
        ['3', sides[side].s3],
        ['0', sides[side].s0],
      ] as const) {
        const t = now();
        await s.decide(a as Index.ApplicantInput);
        if (round > 0) (latency[`${side}/${name}`] ??= []).push(now() - t);
      }
    }
    const t = now();
    await bareRun(k);
    if (round > 0) latency.bare?.push(now() - t);
  }
}

const bare = median(latency.bare ?? []);
const rate = (k: string) => median(perCpu[k] ?? []);
const lat = (k: string) => median(latency[k] ?? []);
console.log(`bare one-row session.run: median ${bare.toFixed(1)} µs; ${ROUNDS} rounds`);
console.log('| build | decideBatch, 3 suggestions, per CPU-s | decideBatch, none, per CPU-s | decide(), 3 suggestions | decide(), none |');
console.log('| --- | --- | --- | --- | --- |');
for (const side of ['before', 'after'] as const) {
  console.log(
    `| ${side} | ${rate(`${side}/3`).toFixed(0)} | ${rate(`${side}/0`).toFixed(0)} | ${lat(`${side}/3`).toFixed(0)} µs (${(lat(`${side}/3`) / bare).toFixed(1)}x bare) | ${lat(`${side}/0`).toFixed(0)} µs (${(lat(`${side}/0`) / bare).toFixed(1)}x bare) |`,
  );
}
const whatIfCost = (side: string) => 1e6 / rate(`${side}/3`) - 1e6 / rate(`${side}/0`);
console.log(
  `after vs before: decideBatch 3 suggestions ${(rate('after/3') / rate('before/3')).toFixed(2)}x, none ${(rate('after/0') / rate('before/0')).toFixed(2)}x; ` +
    `CPU the what-ifs add per decision ${whatIfCost('before').toFixed(0)} -> ${whatIfCost('after').toFixed(0)} µs; ` +
    `decide() 3 suggestions ${(lat('before/3') / lat('after/3')).toFixed(2)}x faster`,
);
for (const { s3, s0 } of Object.values(sides)) {
  await s3.close();
  await s0.close();
}
await session.release();
