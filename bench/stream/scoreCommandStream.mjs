// The million-decision stream through the command line itself: `creditlift score` (the built
// dist/cli.js under plain node) over an NDJSON file of synthetic applicants, what-if suggestions
// off, its output written to a file and then removed. Prints one JSON line: the score process's
// peak RSS (`process.resourceUsage().maxRSS`, taken at its exit by a preloaded module), its CPU
// time, and the wall time.
// `node bench/stream/scoreCommandStream.mjs '{"total":1000000,"nodeFlags":[]}'`
// nodeFlags go on node's command line before dist/cli.js (e.g. `["--heap-growing-percent=100"]`).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MiB = 2 ** 20;
const o = JSON.parse(process.argv[2] ?? '{}');
const total = o.total ?? 1_000_000;
const nodeFlags = o.nodeFlags ?? [];
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'creditlift-score-stream-'));
try {
  // The same seeded population the library stream decides (streamBuiltMain.mjs).
  const { iteratePopulation } = await import(pathToFileURL(join(dist, 'train.js')).href);
  const input = join(dir, 'applicants.ndjson');
  const out = createWriteStream(input);
  for (const row of iteratePopulation({ size: total, seed: 20_261_125, asOf: '2026-11-01' })) {
    if (!out.write(`${JSON.stringify(row.applicant)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');

  // Written by the score process as it exits, so the figure is its own, not this process's.
  const usageFile = join(dir, 'usage.json');
  const preload = join(dir, 'usage.mjs');
  await writeFile(
    preload,
    `import { writeFileSync } from 'node:fs';
process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify(u)); });
`,
  );
  const t0 = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [
      ...nodeFlags,
      '--import',
      pathToFileURL(preload).href,
      join(dist, 'cli.js'),
      'score',
      '--in',
      input,
      '--out',
      join(dir, 'decisions.ndjson'),
      '--suggestions',
      '0',
      '--json-summary',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s) => {
    stdout += s;
  });
  const [code] = await once(child, 'exit');
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (code !== 0) throw new Error(`creditlift score exited ${code}: ${stdout.slice(-2000)}`);
  // Every record decided, or the figures would be of a shorter stream.
  const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
  if (summary.decisions !== total) throw new Error(`creditlift score decided ${summary.decisions} of ${total} records: ${stdout.slice(-2000)}`);
  const usage = JSON.parse(await readFile(usageFile, 'utf8'));
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  const outputBytes = (await stat(join(dir, 'decisions.ndjson'))).size;
  process.stdout.write(
    `${JSON.stringify({
      nodeFlags,
      decisions: total,
      outputBytes,
      peakRssMiB: (usage.maxRSS * 1024) / MiB,
      cpuSeconds,
      decisionsPerCpuSecond: total / cpuSeconds,
      seconds,
    })}\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
