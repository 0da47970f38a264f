// `npx tsx bench/distributed/run.ts`: distributed `score --queue` beside single-process `score`.
//   --records N   applicants in the book (default 4,000)
//   --rounds R    runs per configuration; medians are reported (default 3)
//   --workers 1,2,4   worker-process counts to measure
// Starts its own redis-server on 127.0.0.1 and a free port, worker processes from the sources
// (tsx), and runs the producer and the single-process score in this process, so each side's CPU
// time is measured: this process by process.cpuUsage(), workers and Redis from /proc/PID/stat.
// Prints a markdown block to paste into bench/RESULTS.md.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { scoringFingerprint } from '../../src/distributed/scoringFingerprint.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim() || 100);

function arg(name: string, fallback: string): string {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a === undefined ? fallback : a.slice(name.length + 3);
}
const RECORDS = Number(arg('records', '4000'));
const ROUNDS = Number(arg('rounds', '3'));
const WORKER_COUNTS = arg('workers', '1,2,4').split(',').map(Number);
const log = (s: string) => process.stderr.write(`${s}\n`);

function book(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const ex = exampleApplicants[i % exampleApplicants.length]!.applicant as unknown as { income: { monthlyNet: number } };
    lines.push(JSON.stringify({ ...ex, id: `bench-${i}`, income: { ...ex.income, monthlyNet: ex.income.monthlyNet + (i % 97) * 1_000 } }));
  }
  return `${lines.join('\n')}\n`;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address() as { port: number };
      s.close(() => resolve(a.port));
    });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / CLK_TCK;
}
const selfCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const io = (now = () => performance.now()) => {
  let out = '';
  return { io: { stdout: (t: string) => void (out += t), stderr: () => undefined, now }, out: () => out };
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'creditlift-bench-dist-'));
  const input = join(dir, 'book.ndjson');
  writeFileSync(input, book(RECORDS));
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 300));
  const url = `redis://127.0.0.1:${port}/0`;
  const flags = ['--suggestions', '0'];
  // The producer's one-off cost per run: loading the model and policy once for their fingerprint.
  await scoringFingerprint({});
  const f0 = selfCpu();
  await scoringFingerprint({});
  const fingerprintCpu = selfCpu() - f0;
  const rows: { config: string; wall: number; rate: number; cpuPerRecordUs: number; producerUs: number; workersUs: number; redisUs: number }[] = [];
  try {
    // Single-process score, in this process: its CPU time is this process's.
    const single = { wall: [] as number[], cpu: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      const c = io();
      const cpu0 = selfCpu();
      const code = await runScoreCommand(['--in', input, '--out', join(dir, 'single.ndjson'), '--overwrite', '--json-summary', ...flags], c.io);
      if (code !== 0) throw new Error(`score exited ${code}`);
      single.cpu.push(selfCpu() - cpu0);
      single.wall.push((JSON.parse(c.out()) as { seconds: number }).seconds);
    }
    const singleWall = median(single.wall);
    rows.push({
      config: 'single-process score',
      wall: singleWall,
      rate: RECORDS / singleWall,
      cpuPerRecordUs: (median(single.cpu) / RECORDS) * 1e6,
      producerUs: 0,
      workersUs: 0,
      redisUs: 0,
    });
    log(`single: ${Math.round(RECORDS / singleWall)}/s`);
    const reference = readFileSync(join(dir, 'single.ndjson'), 'utf8');

    for (const k of WORKER_COUNTS) {
      const workers: ChildProcess[] = [];
      for (let i = 0; i < k; i++)
        workers.push(
          spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'worker', '--queue', url], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] }),
        );
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              let text = '';
              w.stdout?.on('data', (d: Buffer) => {
                text += d.toString();
                if (/serving queue/.test(text)) resolve();
              });
            }),
        ),
      );
      const m = { wall: [] as number[], producer: [] as number[], workers: [] as number[], redis: [] as number[] };
      for (let r = 0; r < ROUNDS; r++) {
        const c = io();
        const w0 = workers.map((w) => cpuOf(w.pid as number));
        const r0 = cpuOf(redis.pid as number);
        const p0 = selfCpu();
        const out = join(dir, `dist-${k}.ndjson`);
        const code = await runScoreCommand(
          ['--in', input, '--out', out, '--overwrite', '--json-summary', '--queue', url, '--job', `bench-${k}-${r}`, ...flags],
          c.io,
        );
        if (code !== 0) throw new Error(`score --queue exited ${code}`);
        m.producer.push(selfCpu() - p0);
        m.workers.push(workers.reduce((s, w, i) => s + cpuOf(w.pid as number) - (w0[i] as number), 0));
        m.redis.push(cpuOf(redis.pid as number) - r0);
        m.wall.push((JSON.parse(c.out()) as { seconds: number }).seconds);
        if (readFileSync(out, 'utf8') !== reference) throw new Error(`output with ${k} workers differs from single-process score`);
      }
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map((w) => new Promise((r) => w.once('exit', r))));
      const wall = median(m.wall);
      const [pr, wk, rd] = [median(m.producer) - fingerprintCpu, median(m.workers), median(m.redis)].map((s) => (s / RECORDS) * 1e6) as [
        number,
        number,
        number,
      ];
      rows.push({
        config: `${k} worker process${k === 1 ? '' : 'es'} + producer`,
        wall,
        rate: RECORDS / wall,
        cpuPerRecordUs: pr + wk + rd,
        producerUs: pr,
        workersUs: wk,
        redisUs: rd,
      });
      log(`${k} workers: ${Math.round(RECORDS / wall)}/s`);
    }
  } finally {
    redis.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  const singleCpu = rows[0]!.cpuPerRecordUs;
  const n = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npx tsx bench/distributed/run.ts --records=${RECORDS} --rounds=${ROUNDS}\` (median of ${ROUNDS}; \`--suggestions 0\`, chunks of 256, window 64, load average ${cpusLoad()} at the start).`,
    '',
    `Machine: ${cpus()[0]?.model.trim() ?? 'unknown'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, redis-server ${redisVersion()}.`,
    '',
    `Producer CPU is net of its one-off model load for the fingerprint (${n(fingerprintCpu * 1000)} ms CPU per run, measured apart).`,
    '',
    '| configuration | wall s | records/s | CPU µs/record (all processes) | producer | workers | redis | queue overhead µs/record |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.config} | ${n(r.wall, 2)} | ${n(r.rate)} | ${n(r.cpuPerRecordUs, 1)} | ${r.producerUs ? n(r.producerUs, 1) : '-'} | ${r.workersUs ? n(r.workersUs, 1) : '-'} | ${r.redisUs ? n(r.redisUs, 1) : '-'} | ${r.producerUs ? n(r.cpuPerRecordUs - singleCpu, 1) : '-'} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function cpusLoad(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';
}
function redisVersion(): string {
  return /v=(\S+)/.exec(spawnSync('redis-server', ['--version']).stdout.toString())?.[1] ?? '?';
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
