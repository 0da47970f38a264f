// `npx tsx bench/poolTransport/parentGc.ts [--rounds=15]`
// What keeping a call's decisions costs the pool's calling thread in garbage collection, by how the
// results arrive: V8 structured cloning (the transport before) against the shape-packed results the
// workers now send. Counted from V8's own GC trace (`--trace-gc-nvp`), which does not depend on the
// machine's load as timings do: scavenges, bytes promoted out of the young generation, mark-compacts.
// Each way runs in a child process of its own: 256 bench applicants decided once, then `rounds`
// calls' worth (16 chunks of 256) read from the same message bytes and kept until the round ends,
// as the pool keeps a call's results until it resolves.
import { spawnSync } from 'node:child_process';
import { deserialize, serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { createScorer } from '../../src/decision/createScorer.js';
import { createValuePacker, createValueUnpacker, type PackedValues } from '../../src/parallel/packedValues.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const rounds = Number(arg('rounds') ?? 15);
const child = arg('child');

if (child === undefined) {
  const out: Record<string, unknown> = { rounds, recordsKeptPerRound: 16 * 256 };
  for (const way of ['structured-clone', 'packed']) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--trace-gc-nvp', fileURLToPath(import.meta.url), `--child=${way}`, `--rounds=${rounds}`], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const trace = run.stdout.slice(run.stdout.indexOf('START'), run.stdout.indexOf('END'));
    let scavenges = 0;
    let promoted = 0;
    let markCompacts = 0;
    for (const line of trace.split('\n')) {
      if (/\bgc=s\b/.test(line)) {
        scavenges++;
        promoted += Number(/\bpromoted=(\d+)/.exec(line)?.[1] ?? 0);
      } else if (/\bgc=(mc|ms)\b/.test(line)) markCompacts++;
    }
    out[way] = { scavenges, promotedMiB: Math.round(promoted / 2 ** 20), markCompacts };
  }
  console.log(JSON.stringify(out, null, 1));
} else {
  const applicants = generatePopulation({ size: 256, seed: 20_261_101, asOf: '2026-11-01' }).map((r) => r.applicant);
  const scorer = await createScorer({ suggestionsPerDecision: 0 });
  const results = await scorer.decideBatch(applicants);
  await scorer.close();
  const packed = child === 'packed';
  const bytes = packed ? serialize({ type: 'packed_results', id: 1, packed: createValuePacker()(results) }) : serialize({ type: 'results', id: 1, results });
  const unpack = createValueUnpacker();
  const read = (): unknown[] =>
    packed ? unpack((deserialize(bytes) as { packed: PackedValues }).packed) : (deserialize(bytes) as { results: unknown[] }).results;
  console.log('START');
  for (let r = 0; r < rounds; r++) {
    const kept: unknown[] = [];
    for (let i = 0; i < 16; i++) for (const x of read()) kept.push(x);
  }
  console.log('END');
}
