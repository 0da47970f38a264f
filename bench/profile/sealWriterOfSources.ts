// The seal's canonical JSON writer and SHA-256 alone, two versions of the writer's source in one
// process, rounds alternating: `OLD=/abs/dir npx tsx bench/profile/sealWriterOfSources.ts
// [decisions=2048] [rounds=31] [suggestions=0]`, where OLD holds an earlier canonicalJsonWriter.ts
// and keyOrder.ts (e.g. from `git show <rev>:src/hashing/...`); this checkout's two files are copied
// to a folder of their own too, so neither writer is the scorer's (whose type feedback from
// deciding would favour or hinder it). Each round seals every decision as
// sealDecision does (the decision with its audit less contentHash and signature, written once, its
// SHA-256), on real decisions from `decideBatch` over the seeded population; every digest is checked
// against the decision's own contentHash first. Prints process CPU µs per decision, median and fastest round, and the old/new ratios.
import { createScorer } from '../../src/decision/createScorer.js';
import { EXAMPLE_AS_OF } from '../../src/examples/exampleApplicants.js';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '../../src/hashing/sha256Hex.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

interface Writer {
  bytesWith(record: Readonly<Record<string, unknown>>, key: string, member: unknown): { readonly bytes: Uint8Array };
}

const size = Number(process.argv[2] ?? 2048);
const rounds = Number(process.argv[3] ?? 31);
const suggestions = Number(process.argv[4] ?? 0);
const oldDir = process.env.OLD;
if (!oldDir) throw new Error('OLD=<absolute folder with the earlier canonicalJsonWriter.ts and keyOrder.ts>');
const newDir = mkdtempSync(join(tmpdir(), 'seal-writer-'));
for (const f of ['canonicalJsonWriter.ts', 'keyOrder.ts'])
  copyFileSync(process.env.NEW ? join(process.env.NEW, f) : new URL(`../../src/hashing/${f}`, import.meta.url), join(newDir, f));
const writerIn = async (dir: string) => ((await import(`${dir}/canonicalJsonWriter.ts`)) as { CanonicalJsonWriter: new () => Writer }).CanonicalJsonWriter;
const Old = await writerIn(oldDir);
const New = await writerIn(newDir);

const scorer = await createScorer({ suggestionsPerDecision: suggestions });
const inputs = generatePopulation({ size, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant);
const decisions = (await scorer.decideBatch(inputs)).flatMap((r) => ('decision' in r && r.decision !== undefined ? [r.decision] : []));
await scorer.close();

const parts = decisions.map((d) => {
  const { contentHash, signature: _s, ...audit } = d.audit;
  return { d: d as unknown as Record<string, unknown>, audit, contentHash };
});

/** Process CPU µs per decision of one round (a loaded machine stretches wall time, not this so much). */
function seal(w: Writer): number {
  const c0 = process.cpuUsage();
  for (const p of parts) sha256Hex(w.bytesWith(p.d, 'audit', p.audit).bytes);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / parts.length;
}

const writers: [string, Writer][] = [
  ['old', new Old()],
  ['new', new New()],
];
for (const [name, w] of writers)
  for (const p of parts)
    if (sha256Hex(w.bytesWith(p.d, 'audit', p.audit).bytes) !== p.contentHash) throw new Error(`${name}: a digest differs from the decision's contentHash`);

const times: Record<string, number[]> = { old: [], new: [] };
for (let r = 0; r < 5; r++) for (const [, w] of writers) seal(w);
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? writers : [...writers].reverse();
  for (const [name, w] of order) times[name]?.push(seal(w));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const bytes = parts.reduce((n, p) => n + new New().bytesWith(p.d, 'audit', p.audit).bytes.length, 0) / parts.length;
console.log(
  `${parts.length} decisions (${suggestions} suggestions), ${bytes.toFixed(0)} bytes each, ${rounds} rounds; process CPU µs per decision, writer + SHA-256`,
);
for (const [name, xs] of Object.entries(times)) console.log(`${name}: median ${median(xs).toFixed(2)}, fastest ${Math.min(...xs).toFixed(2)}`);
const o = times.old as number[];
const n = times.new as number[];
console.log(
  `ratio of medians old/new: ${(median(o) / median(n)).toFixed(3)}x; median of per-round ratios ${median(o.map((x, i) => x / (n[i] as number))).toFixed(3)}x`,
);
