// `npm run bench` (build, then `tsx bench/run.ts`): every issue-20 figure in one run, on the built
// package (dist/). Prints the target table and the figures as markdown; with --write, rewrites the
// generated block at the top of bench/RESULTS.md.
//   --quick        short run (fewer iterations, 20,000-decision stream): a minute or two
//   --stream=N     decisions in each memory stream (default 1,000,000; 0 skips them)
//   --write / --no-write   force or skip updating RESULTS.md (default: write on a full run)
// Run `npx tsx bench/run.ts` directly to skip the build when dist/ is already current.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { type BenchReport, resultsMarkdown, targetChecks } from './benchReport.js';
import { exampleWorkload, populationWorkload } from './benchWorkload.js';
import { builtPackage } from './builtPackage.js';
import { batchThroughput } from './cases/batchThroughput.js';
import { decideLatency } from './cases/decideLatency.js';
import { peerEngines } from './cases/peerEngines.js';
import { poolScaling } from './cases/poolScaling.js';
import { treeShapPerRow } from './cases/treeShapPerRow.js';
import { machineInfo } from './machineInfo.js';
import { runScoreCommandInChild } from './stream/runScoreCommandInChild.js';
import { runStreamInChild } from './stream/runStreamInChild.js';

/** Records per `decideBatch` call in the memory stream: `creditlift score`'s default chunk. */
const STREAM_CHUNK = 256;
/**
 * README's memory option: a heap limit under 2 GiB, so V8 grows the old generation to about 2x its
 * live size instead of 4x, and the young generation capped at 2 MiB semi-spaces (default 16).
 */
const MEMORY_OPTION = ['--max-old-space-size=1536', '--max-semi-space-size=2'] as const;
/** The one V8 flag README offers for a bounded old generation without a hard ceiling (creditlift score sets it itself). */
const HEAP_GROWTH_OPTION = ['--heap-growing-percent=100'] as const;

const BEGIN = '<!-- bench:begin (written by bench/run.ts; edit outside this block) -->';
const END = '<!-- bench:end -->';

interface Args {
  readonly quick: boolean;
  readonly stream: number;
  readonly write: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const known = /^--(quick|write|no-write|stream=.*)$/;
  const unknown = argv.filter((a) => !known.test(a));
  if (unknown.length > 0) throw new Error(`unknown argument(s) ${unknown.join(' ')}; see the head of bench/run.ts`);
  const quick = argv.includes('--quick');
  const streamArg = argv.find((a) => a.startsWith('--stream='));
  const stream = streamArg === undefined ? (quick ? 20_000 : 1_000_000) : Number(streamArg.slice('--stream='.length));
  if (!Number.isInteger(stream) || stream < 0) throw new Error(`--stream must be a non-negative integer, got ${streamArg}`);
  const write = argv.includes('--write') ? true : argv.includes('--no-write') ? false : !quick;
  return { quick, stream, write };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const q = args.quick;
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const pkg = await builtPackage();
  log(`code under test: ${pkg.entry}`);
  const examples = await exampleWorkload();
  const population = await populationWorkload(q ? 1024 : 4096);

  log(`decide() on ${examples.applicants.length} example applicants beside a bare 1-row session.run ...`);
  const decide = await decideLatency(examples, q ? { warmup: 200, iterations: 1000 } : { warmup: 1000, iterations: 6000 });
  log(`decideBatch(${population.applicants.length}) beside a bare batched session.run ...`);
  // Three warm-up rounds in a full run: after one round of 4,096 decisions V8 was still compiling on
  // its helper threads (11% more CPU than the main thread in the measured rounds, against 3% after
  // six), which the per-CPU-second figures charge to whatever runs first.
  const rounds = q ? { warmupRounds: 1, rounds: 3 } : { warmupRounds: 3, rounds: 5 };
  const batch = await batchThroughput(population, rounds);
  log('peer rules engines on the loan table ...');
  const peers = await peerEngines(population, rounds);
  log('TreeSHAP per row ...');
  const treeShap = await treeShapPerRow(population, q ? { warmup: 500, iterations: 2000 } : { warmup: 2000, iterations: 10_000 });
  log('pool, 1 and 2 workers ...');
  const pool = await poolScaling(population, [1, 2], rounds);
  let streams: BenchReport['streams'];
  if (args.stream > 0) {
    // Two children at once (RSS is per process): node's defaults, and the memory option README
    // documents for memory-bound streams. 256 a time, as `creditlift score` chunks its input.
    log(`stream of ${args.stream.toLocaleString('en-US')} decisions in two child processes (plain node; defaults and ${MEMORY_OPTION.join(' ')}) ...`);
    const options = { modelPath: population.modelPath, total: args.stream, batchSize: STREAM_CHUNK, suggestionsPerDecision: 0 };
    const [byDefault, withMemoryOption] = await Promise.all([runStreamInChild(options), runStreamInChild(options, MEMORY_OPTION)]);
    log(`the same with ${HEAP_GROWTH_OPTION.join(' ')}, and creditlift score over as many records, in two child processes ...`);
    const [withHeapGrowth, scoreCommand] = await Promise.all([runStreamInChild(options, HEAP_GROWTH_OPTION), runScoreCommandInChild(args.stream)]);
    streams = { byDefault, withMemoryOption, withHeapGrowth, scoreCommand };
  }

  const report: BenchReport = {
    date: new Date().toISOString().slice(0, 10),
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    quick: q,
    machine: machineInfo(ort.env.versions.node ?? ort.env.versions.common),
    load: [loadAtStart, loadavg()[0] ?? Number.NaN],
    decide,
    batch,
    peers,
    treeShap,
    pool,
    streams,
  };
  const markdown = resultsMarkdown(report);
  console.log(markdown);
  const errors =
    batch.errors + pool.errors + (streams === undefined ? 0 : streams.byDefault.errors + streams.withMemoryOption.errors + streams.withHeapGrowth.errors);
  if (errors > 0) console.log(`\nWARNING: ${errors} records came back as errors; the figures above include them.`);
  const missed = targetChecks(report).filter((t) => t.met === false).length;
  log(`${missed} of ${targetChecks(report).length} target checks not met.`);
  if (args.write) {
    const path = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
    writeFileSync(path, updateResults(existsSync(path) ? readFileSync(path, 'utf8') : undefined, markdown));
    log(`updated ${path}`);
  }
}

/** Replaces the generated block of RESULTS.md, keeping the notes written around it. */
function updateResults(current: string | undefined, block: string): string {
  const generated = `${BEGIN}\n${block}\n${END}`;
  if (current === undefined) return `# Benchmark results\n\n${generated}\n`;
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < start) return `${current.trimEnd()}\n\n${generated}\n`;
  return current.slice(0, start) + generated + current.slice(end + END.length);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
