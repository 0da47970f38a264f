// Pool throughput by worker count and worker GC flags, all pools in ONE process, rounds alternating
// over them (wall clock, 2 x decideBatch of 4,096 seeded applicants per round, medians):
// `node bench/compare/poolGcFlags.mjs [variants=parallel,single] [workers=1,2] [rounds=7]` on the built
// package (`npm run build` first). `parallel` forces V8's default (`--no-single-threaded-gc`), `single`
// forces `--single-threaded-gc`, `semi16` adds `--max-semi-space-size=16`; `pool` is the pool's own default.
import { alternateRounds, median, warmedPool } from './poolRounds.mjs';
import { createScorerPool } from '../../dist/index.js';
import { EXAMPLE_AS_OF } from '../../dist/examples.js';
import { generatePopulation } from '../../dist/train.js';

const variants = {
  pool: [],
  parallel: ['--no-single-threaded-gc'],
  single: ['--single-threaded-gc'],
  semi16: ['--no-single-threaded-gc', '--max-semi-space-size=16'],
};
const pick = (process.argv[2] ?? 'parallel,single').split(',');
const counts = (process.argv[3] ?? '1,2').split(',').map(Number);
const rounds = Number(process.argv[4] ?? 7);
const inputs = generatePopulation({ size: 4096, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant);
const pools = new Map();
for (const v of pick) {
  if (!(v in variants)) throw new Error(`unknown variant ${v}: one of ${Object.keys(variants).join(', ')}`);
  for (const n of counts) {
    const pool = await createScorerPool({ workers: n, workerExecArgv: variants[v], scorer: { suggestionsPerDecision: 0 } });
    pools.set(`${v}/${n}`, await warmedPool(pool, inputs));
  }
}
await alternateRounds([...pools.values()], inputs, rounds);
for (const [name, { perSecond }] of pools)
  console.log(`${name.padEnd(12)} median ${Math.round(median(perSecond))}/s  rounds ${perSecond.map(Math.round).join(' ')}`);
for (const { pool } of pools.values()) await pool.close();
