// Where a decision stream's resident memory goes, on the built package (run `npm run build` first):
// `node bench/profile/heapOverStream.mjs [total] [every] [batchSize]` (add `--expose-gc` to see the
// live heap: a full GC before each line; leave it off to see what the process really holds, since a
// forced GC changes V8's sizing). Streams synthetic applicants like bench/stream/streamBuiltMain.mjs
// and samples after every batch: RSS split by /proc/self/smaps into file-backed pages (the node binary,
// libonnxruntime), the brk heap (glibc's main malloc arena), glibc's per-thread malloc arenas (64 MiB
// aligned mappings) and other anonymous memory (V8's heap pages, thread stacks, large mallocs), beside
// V8's own committed sizes (young generation, old generation incl. code and large objects). Prints a
// line every `every` decisions and, at the end, the sample with the highest RSS: what the peak is made of.
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { createScorer } from '../../dist/index.js';
import { iteratePopulation } from '../../dist/train.js';

const total = Number(process.argv[2] ?? 200_000);
const every = Number(process.argv[3] ?? 20_000);
const batchSize = Number(process.argv[4] ?? 256);
const MiB = 2 ** 20;
/** glibc creates each per-thread arena as a 64 MiB-aligned mapping (HEAP_MAX_SIZE on 64-bit). */
const ARENA_ALIGN = 64 * MiB;

/** RSS by kind of mapping, from /proc/self/smaps. */
function residentByKind() {
  const kinds = { file: 0, brk: 0, threadArenas: 0, otherAnon: 0 };
  let kind = 'otherAnon';
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-[0-9a-f]+ (\S+) \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head !== null) {
      const [, start, perms, name] = head;
      kind = name.startsWith('/')
        ? 'file'
        : name === '[heap]'
          ? 'brk'
          : name === '' && perms.startsWith('rw') && Number.parseInt(start, 16) % ARENA_ALIGN === 0
            ? 'threadArenas'
            : 'otherAnon';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss !== null) kinds[kind] += Number(rss[1]) * 1024;
  }
  return kinds;
}

function sample() {
  const kinds = residentByKind();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.physical_space_size]));
  const young = (spaces.new_space ?? 0) + (spaces.new_large_object_space ?? 0);
  const heap = v8.getHeapStatistics();
  return {
    rss: kinds.file + kinds.brk + kinds.threadArenas + kinds.otherAnon,
    ...kinds,
    v8Committed: heap.total_physical_size,
    v8Young: young,
    v8Old: heap.total_physical_size - young,
    v8Used: heap.used_heap_size,
    external: process.memoryUsage().external,
  };
}

const mib = (b) => (b / MiB).toFixed(1).padStart(6);
const show = (label, s) =>
  console.log(
    `${String(label).padStart(9)}  rss ${mib(s.rss)} = file ${mib(s.file)} + brk ${mib(s.brk)} + thread arenas ${mib(s.threadArenas)} + other anon ${mib(s.otherAnon)}` +
      ` | V8 committed ${mib(s.v8Committed)} (young ${mib(s.v8Young)}, old ${mib(s.v8Old)}), used ${mib(s.v8Used)}, external ${mib(s.external)}`,
  );
const line = (label) => {
  globalThis.gc?.();
  show(label, sample());
};

line('start');
const scorer = await createScorer({ suggestionsPerDecision: 0 });
line('loaded');
let peak = sample();
let peakAt = 0;
let batch = [];
let done = 0;
for (const row of iteratePopulation({ size: total, seed: 20_261_125, asOf: '2026-11-01' })) {
  batch.push(row.applicant);
  if (batch.length < batchSize) continue;
  await scorer.decideBatch(batch);
  done += batch.length;
  batch = [];
  const s = sample();
  if (s.rss > peak.rss) {
    peak = s;
    peakAt = done;
  }
  if (done % every < batchSize) line(done);
}
await scorer.close();
line('closed');
show(`peak@${peakAt}`, peak);
console.log(`maxRSS ${mib(process.resourceUsage().maxRSS * 1024)} (kernel's peak, between samples too)`);
