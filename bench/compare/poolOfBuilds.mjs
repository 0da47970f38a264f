// Pool throughput of two builds, 1 and 2 workers each, all pools in ONE process, rounds alternating
// over them (wall clock, 2 x decideBatch of N seeded applicants per round, medians):
// `OLD=/abs/dist NEW=/abs/dist node bench/compare/poolOfBuilds.mjs [rounds=9] [size=4096]`.
// Idle pools wait on their pipes, so only the pool being measured uses the cores.
import { alternateRounds, median, warmedPool } from './poolRounds.mjs';
const builds = { old: process.env.OLD, new: process.env.NEW };
const rounds = Number(process.argv[2] ?? 9);
const size = Number(process.argv[3] ?? 4096);
const pools = new Map();
let inputs;
for (const [name, dist] of Object.entries(builds)) {
  if (!dist) throw new Error('set OLD and NEW to absolute dist folders');
  const { createScorerPool } = await import(`${dist}/index.js`);
  if (inputs === undefined) {
    const { generatePopulation } = await import(`${dist}/train.js`);
    const { EXAMPLE_AS_OF } = await import(`${dist}/examples.js`);
    inputs = generatePopulation({ size, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant);
  }
  for (const n of [1, 2]) {
    const pool = await createScorerPool({ workers: n, scorer: { suggestionsPerDecision: 0 } });
    pools.set(`${name}/${n}`, await warmedPool(pool, inputs));
  }
}
await alternateRounds([...pools.values()], inputs, rounds);
for (const [name, { perSecond }] of pools)
  console.log(`${name.padEnd(6)} median ${Math.round(median(perSecond))}/s  rounds ${perSecond.map(Math.round).join(' ')}`);
for (const name of Object.keys(builds)) {
  const one = pools.get(`${name}/1`).perSecond;
  const two = pools.get(`${name}/2`).perSecond;
  console.log(
    `${name}: 2 vs 1, ratio of medians ${(median(two) / median(one)).toFixed(2)}x, median of per-round ratios ${median(two.map((t, i) => t / one[i])).toFixed(2)}x`,
  );
}
await Promise.all([...pools.values()].map((e) => e.pool.close()));
