// What the what-if suggestions cost a batched decision, two builds in one process (issue 20 item 1):
//   npm run build && cp -r dist .tmp/dist-after   (and a build of the reference in .tmp/dist-before)
//   node bench/whatIf/suggestionCost.mjs .tmp/dist-before .tmp/dist-after [rounds=8] [applicants=4096]
// Builds must sit inside this repository (their imports resolve to its node_modules). Per build, a
// scorer with no suggestions and one with the default 3 run decideBatch on the same seeded
// applicants, in rounds that alternate which build goes first; process CPU per decision (every
// thread, GC helpers included). Prints medians per build, and the suggestions' cost: the median
// over rounds of (3 suggestions - none), each round's pair measured back to back.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dirs = process.argv.slice(2, 4);
if (dirs.length !== 2) throw new Error('usage: node bench/whatIf/suggestionCost.mjs <dist-before> <dist-after> [rounds] [applicants]');
const rounds = Number(process.argv[4] ?? 8);
const size = Number(process.argv[5] ?? 4096);
const builds = [];
for (const dir of dirs) {
  const url = (name) => pathToFileURL(resolve(dir, `${name}.js`)).href;
  const index = await import(url('index'));
  const train = await import(url('train'));
  const examples = await import(url('examples'));
  builds.push({
    dir,
    none: await index.createScorer({ suggestionsPerDecision: 0 }),
    three: await index.createScorer({ suggestionsPerDecision: 3 }),
    inputs: train.generatePopulation({ size, seed: 20_261_101, asOf: examples.EXAMPLE_AS_OF }).map((r) => r.applicant),
  });
}
const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const samples = new Map(builds.map((b) => [b.dir, { none: [], three: [], cost: [] }]));
for (let round = 0; round <= rounds; round++) {
  for (const b of round % 2 === 0 ? builds : [...builds].reverse()) {
    const per = {};
    for (const k of ['none', 'three']) {
      const t = cpuMicros();
      await b[k].decideBatch(b.inputs);
      per[k] = (cpuMicros() - t) / b.inputs.length;
    }
    // Round 0 warms both builds up.
    if (round === 0) continue;
    const s = samples.get(b.dir);
    s.none.push(per.none);
    s.three.push(per.three);
    s.cost.push(per.three - per.none);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(`decideBatch of ${size} seeded applicants, ${rounds} rounds, medians (CPU µs per decision; decisions per CPU-second)`);
for (const b of builds) {
  const s = samples.get(b.dir);
  const [n, t] = [median(s.none), median(s.three)];
  console.log(
    `${b.dir}: none ${n.toFixed(1)} µs (${Math.round(1e6 / n)}/s), 3 suggestions ${t.toFixed(1)} µs (${Math.round(1e6 / t)}/s), suggestions cost ${median(s.cost).toFixed(1)} µs`,
  );
}
for (const b of builds) {
  await b.none.close();
  await b.three.close();
}
