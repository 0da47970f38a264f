// `npm run bench`: every issue-7 measurement in one run; prints a table and updates bench/RESULTS.md.
//   --quick        short run (fewer iterations, 20,000-decision stream); does not touch RESULTS.md
//   --stream=N     decisions in the memory stream (default 1,000,000; 0 skips it)
//   --write / --no-write   force or skip updating RESULTS.md
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { defaultModelPath } from '../src/model/defaultModelPath.js';
import { formatTable, reportRows, resultsMarkdown, targetChecks, type BenchReport } from './benchReport.js';
import { benchWorkload } from './benchWorkload.js';
import { batchThroughput } from './cases/batchThroughput.js';
import { decideLatency } from './cases/decideLatency.js';
import { poolScaling } from './cases/poolScaling.js';
import { treeShapPerRow } from './cases/treeShapPerRow.js';
import { machineInfo } from './machineInfo.js';
import { runStreamInChild } from './stream/runStreamInChild.js';

const BEGIN = '<!-- bench:begin (written by bench/run.ts; edit outside this block) -->';
const END = '<!-- bench:end -->';

interface Args {
  readonly quick: boolean;
  readonly stream: number;
  readonly write: boolean;
}

function parseArgs(argv: readonly string[]): Args {
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
  const modelPath = defaultModelPath();
  const workload = await benchWorkload(modelPath, q ? 1024 : 4096);

  log('decide() latency beside bare session.run ...');
  const decide = await decideLatency(workload, q ? { warmup: 200, iterations: 1000 } : { warmup: 1000, iterations: 10_000 });
  log('decideBatch throughput beside bare batched session.run ...');
  const batch = await batchThroughput(workload, q ? { warmupRounds: 1, rounds: 3 } : { warmupRounds: 2, rounds: 7 });
  log('TreeSHAP per row ...');
  const treeShap = await treeShapPerRow(workload, q ? { warmup: 500, iterations: 2000 } : { warmup: 2000, iterations: 20_000 });
  log('pool scaling, 1 and 2 workers ...');
  const pool = await poolScaling(workload, [1, 2], q ? { warmupRounds: 1, rounds: 3 } : { warmupRounds: 2, rounds: 5 });
  let stream;
  if (args.stream > 0) {
    // Memory is measured on the package as users run it: built, under plain node.
    log('building the package for the memory stream ...');
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { stdio: 'ignore' });
    log(`stream of ${args.stream.toLocaleString('en-US')} decisions in a child process (built package, plain node) ...`);
    stream = await runStreamInChild({ modelPath, total: args.stream, batchSize: 1024, suggestionsPerDecision: 0 }, true);
  }

  const report: BenchReport = {
    date: new Date().toISOString().slice(0, 10),
    command: ['npm run bench', ...(q ? ['-- --quick'] : []), ...process.argv.slice(2).filter((a) => a !== '--quick')].join(' '),
    quick: q,
    machine: machineInfo(ort.env.versions.node ?? ort.env.versions.common),
    decide,
    batch,
    treeShap,
    pool,
    stream,
  };

  console.log(
    formatTable(
      ['measure', 'figure', 'beside'],
      reportRows(report).map((r) => [r.what, r.figure, r.beside]),
    ),
  );
  console.log('');
  console.log(
    formatTable(
      ['target (issue 7)', 'measured', ''],
      targetChecks(report).map((t) => [t.target, t.measured, t.met === undefined ? 'not measured' : t.met ? 'met' : 'MISSED']),
    ),
  );
  const errors = batch.errors + pool.errors + (stream?.errors ?? 0);
  if (errors > 0) console.log(`\nWARNING: ${errors} records came back as errors; the figures above include them.`);
  if (args.write) {
    const path = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
    writeFileSync(path, updateResults(existsSync(path) ? readFileSync(path, 'utf8') : undefined, resultsMarkdown(report)));
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
