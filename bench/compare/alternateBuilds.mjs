// decideBatch per CPU-second of two or more built packages in ONE process, rounds alternating
// between them, so machine load falls on every build alike (a shared 2-core machine drifts by
// more than the differences measured): `node bench/compare/alternateBuilds.mjs /abs/old/dist
// /abs/new/dist [suggestions=0] [rounds=9]`. Each build must sit inside this repository (its
// imports resolve to node_modules). Prints each build's median, its ratio to the first, and the median of round-by-round ratios.
import { createHash } from 'node:crypto';

const dists = process.argv.slice(2).filter((a) => a.includes('/'));
const [suggestions = 0, rounds = 9] = process.argv
  .slice(2)
  .filter((a) => !a.includes('/'))
  .map(Number);
if (dists.length < 2) throw new Error('pass two or more absolute paths of built dist/ folders');
const builds = [];
for (const D of dists) {
  const { createScorer } = await import(`${D}/index.js`);
  const { generatePopulation } = await import(`${D}/train.js`);
  const { EXAMPLE_AS_OF } = await import(`${D}/examples.js`);
  const scorer = await createScorer({ suggestionsPerDecision: suggestions });
  const inputs = generatePopulation({ size: 4096, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant);
  // The warm-up's results, hashed: the builds compared must decide byte for byte alike.
  const digest = createHash('sha256')
    .update(JSON.stringify(await scorer.decideBatch(inputs)))
    .digest('hex');
  builds.push({ D, scorer, inputs, digest, perCpuSecond: [] });
}
for (let i = 0; i < rounds; i++) {
  for (const b of i % 2 === 0 ? builds : [...builds].reverse()) {
    const t0 = process.cpuUsage();
    await b.scorer.decideBatch(b.inputs);
    const u = process.cpuUsage(t0);
    b.perCpuSecond.push(b.inputs.length / ((u.user + u.system) / 1e6));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const first = median(builds[0].perCpuSecond);
for (const b of builds) {
  const m = median(b.perCpuSecond);
  console.log(`${b.D}  median ${Math.round(m)} decisions per CPU-s  (${(m / first).toFixed(3)}x)  rounds ${b.perCpuSecond.map(Math.round).join(' ')}`);
}
console.log(builds.every((b) => b.digest === builds[0].digest) ? `outputs identical (sha256 ${builds[0].digest.slice(0, 16)})` : 'OUTPUTS DIFFER');
// Round by round against the first build: neighbouring rounds share the machine's load, so the
// median of these ratios is steadier than the ratio of the medians.
for (const b of builds.slice(1)) {
  const ratios = b.perCpuSecond.map((x, i) => x / builds[0].perCpuSecond[i]);
  console.log(`${b.D}  median paired ratio ${median(ratios).toFixed(3)}x`);
}
for (const b of builds) await b.scorer.close();
