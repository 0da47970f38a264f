// decideBatch per CPU-second of one built package, to compare builds in alternating processes
// (a copy of an older dist/ beside the current one): `DIST=/abs/path/to/dist node
// bench/compare/decideBatchOfBuild.mjs [suggestions=0] [rounds=6]`. The build must sit inside this
// repository (so its imports resolve to node_modules). Prints the path and the median of the rounds
// (4,096 seeded synthetic applicants, process CPU per round: every thread, GC helpers included).
const D = process.env.DIST;
if (!D) throw new Error('set DIST to the absolute path of a built dist/ folder');
const { createScorer } = await import(`${D}/index.js`);
const { generatePopulation } = await import(`${D}/train.js`);
const { EXAMPLE_AS_OF } = await import(`${D}/examples.js`);
const suggestions = Number(process.argv[2] ?? 0);
const rounds = Number(process.argv[3] ?? 6);
const scorer = await createScorer({ suggestionsPerDecision: suggestions });
const inputs = generatePopulation({ size: 4096, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant);
await scorer.decideBatch(inputs);
const perCpuSecond = [];
for (let i = 0; i < rounds; i++) {
  const t0 = process.cpuUsage();
  await scorer.decideBatch(inputs);
  const u = process.cpuUsage(t0);
  perCpuSecond.push(inputs.length / ((u.user + u.system) / 1e6));
}
perCpuSecond.sort((a, b) => a - b);
console.log(D, Math.round(perCpuSecond[rounds >> 1]));
await scorer.close();
