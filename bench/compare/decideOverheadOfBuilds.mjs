// decide() per-call latency of built packages side by side in ONE process, beside a bare one-row
// onnxruntime session.run (issue 20's yardstick), finely interleaved: for each example applicant in
// turn, one bare run and one decide() per build and mode (no suggestions, default 3), in a shuffled
// order, so load on a shared machine falls on every side alike. First checks that every build decides the example
// applicants and a seeded population identically (JSON of each decision, both modes).
// `node bench/compare/decideOverheadOfBuilds.mjs /abs/dist-before /abs/dist-after [passes=400]`
// (builds inside this repository, so their imports resolve to node_modules). Prints medians.
import * as ort from 'onnxruntime-node';

const args = process.argv.slice(2);
const passes = /^\d+$/.test(args.at(-1) ?? '') ? Number(args.pop()) : 400;
const builds = args;
if (builds.length === 0) throw new Error('give the absolute paths of one or more built dist/ folders');
const first = await import(`${builds[0]}/index.js`);
const { exampleApplicants, EXAMPLE_AS_OF } = await import(`${builds[0]}/examples.js`);
const { generatePopulation, featurizeApplicants } = await import(`${builds[0]}/train.js`);
const { createFeatureEncoder } = await import(`${builds[0]}/internals.js`);
const examples = exampleApplicants.map((e) => e.applicant);
const population = JSON.parse(JSON.stringify(generatePopulation({ size: 512, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant)));

const sides = [];
for (const dir of builds) {
  const { createScorer } = await import(`${dir}/index.js`);
  sides.push({ dir, none: await createScorer({ suggestionsPerDecision: 0 }), byDefault: await createScorer() });
}

// Byte-identical decisions, or no figures.
for (const mode of ['none', 'byDefault']) {
  for (const [name, inputs] of [
    ['examples', examples],
    ['population', population],
  ]) {
    const reference = [];
    for (const a of inputs) reference.push(JSON.stringify(await sides[0][mode].decide(a)));
    for (const side of sides.slice(1)) {
      let differ = 0;
      for (let i = 0; i < inputs.length; i++) if (JSON.stringify(await side[mode].decide(inputs[i])) !== reference[i]) differ++;
      if (differ > 0) throw new Error(`${side.dir}: ${differ} of ${inputs.length} ${name} decisions (${mode}) differ from ${sides[0].dir}`);
    }
    console.log(
      `identical: ${inputs.length} ${name} decisions, ${mode === 'none' ? 'no suggestions' : 'default 3 suggestions'}, across ${sides.length} builds`,
    );
  }
}

const modelPath = first.defaultModelPath();
const model = await first.loadModel(modelPath);
const encoder = createFeatureEncoder(model.manifest);
const rows = featurizeApplicants(
  examples.map((a) => first.parseApplicant(a)),
  encoder,
);
const width = encoder.width;
const fetches = [model.manifest.probabilityOutputName];
const inputName = model.manifest.inputName;
await model.close();
// As bench/benchWorkload.ts opens it: the options loadModel uses.
const session = await ort.InferenceSession.create(modelPath, {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
});
const bare = (k) => session.run({ [inputName]: new ort.Tensor('float32', rows.subarray(k * width, (k + 1) * width), [1, width]) }, fetches);

const steps = [['bare', bare]];
sides.forEach((s, i) => {
  steps.push([`${i}/none`, (k) => s.none.decide(examples[k])]);
  steps.push([`${i}/default`, (k) => s.byDefault.decide(examples[k])]);
});
const times = new Map(steps.map(([name]) => [name, []]));
const n = examples.length;
// The steps in a fresh order for every applicant (a seeded shuffle): what runs just before a call
// warms or flushes the caches it finds (a bare run's event-loop turn, the same build's other mode),
// and a fixed or rotated order gave one side the same neighbour every time (up to 12% apart).
let seed = 20_261_201;
const random = () => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 2 ** 32;
};
const order = steps.map((_, j) => j);
for (let pass = -Math.ceil(passes / 5); pass < passes; pass++) {
  for (let k = 0; k < n; k++) {
    for (let j = order.length - 1; j > 0; j--) {
      const r = Math.floor(random() * (j + 1));
      [order[j], order[r]] = [order[r], order[j]];
    }
    for (const j of order) {
      const [name, step] = steps[j];
      const t0 = process.hrtime.bigint();
      await step(k);
      const dt = Number(process.hrtime.bigint() - t0) / 1000;
      if (pass >= 0) times.get(name).push(dt);
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const b = median(times.get('bare'));
console.log(`${passes} passes over ${n} example applicants; bare one-row session.run: median ${b.toFixed(1)} µs`);
console.log('| build | decide(), no suggestions | decide(), default 3 suggestions |');
console.log('| --- | --- | --- |');
sides.forEach((s, i) => {
  const a = median(times.get(`${i}/none`));
  const d = median(times.get(`${i}/default`));
  console.log(`| ${s.dir} | ${a.toFixed(1)} µs (${(a / b).toFixed(2)}x bare) | ${d.toFixed(1)} µs (${(d / b).toFixed(2)}x bare) |`);
});
for (const s of sides) {
  await s.none.close();
  await s.byDefault.close();
}
await session.release();
