// decideBatch per CPU-second of two built packages side by side in ONE process, alternating rounds:
// `OLD=/abs/dist-a NEW=/abs/dist-b node bench/compare/decideBatchOfBuilds.mjs [suggestions=0] [rounds=8]`.
// Both builds must sit inside this repository (their imports resolve to node_modules). 4,096 seeded
// synthetic applicants after a JSON round trip (as a service receives them); process CPU per round
// (every thread, GC helpers included). First checks both builds decide every applicant identically
// (ALLOW_DIFFERENT=1: counts the decisions that differ instead of refusing).
const OLD = process.env.OLD;
const NEW = process.env.NEW;
if (!OLD || !NEW) throw new Error('set OLD and NEW to the absolute paths of two built dist/ folders');
const suggestions = Number(process.argv[2] ?? 0);
const rounds = Number(process.argv[3] ?? 8);
const { generatePopulation } = await import(`${NEW}/train.js`);
const { EXAMPLE_AS_OF } = await import(`${NEW}/examples.js`);
const inputs = JSON.parse(JSON.stringify(generatePopulation({ size: 4096, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant)));
const builds = [];
for (const [name, dir] of [
  ['old', OLD],
  ['new', NEW],
]) {
  const { createScorer } = await import(`${dir}/index.js`);
  builds.push({ name, dir, scorer: await createScorer({ suggestionsPerDecision: suggestions }), perCpuSecond: [] });
}
const [a, b] = await Promise.all(builds.map((x) => x.scorer.decideBatch(inputs)));
// ALLOW_DIFFERENT=1 times builds whose decisions differ (a bisect across a change of rules); it
// prints how many differ, since the workloads are then not quite the same.
const differing = a.filter((d, i) => JSON.stringify(d) !== JSON.stringify(b[i])).length;
if (differing > 0 && process.env.ALLOW_DIFFERENT !== '1') throw new Error('the builds decide differently');
if (differing > 0) console.log(`${differing} of ${inputs.length} decisions differ between the builds`);
const round = async (build) => {
  const t0 = process.cpuUsage();
  await build.scorer.decideBatch(inputs);
  const u = process.cpuUsage(t0);
  build.perCpuSecond.push(inputs.length / ((u.user + u.system) / 1e6));
};
for (let i = 0; i < rounds; i++) for (const x of i % 2 === 0 ? builds : [...builds].reverse()) await round(x);
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
for (const x of builds) console.log(`${x.name} ${x.dir}: ${Math.round(median(x.perCpuSecond))} decisions per CPU-second (median of ${rounds})`);
console.log(`new / old: ${(median(builds[1].perCpuSecond) / median(builds[0].perCpuSecond)).toFixed(3)}x`);
for (const x of builds) await x.scorer.close();
