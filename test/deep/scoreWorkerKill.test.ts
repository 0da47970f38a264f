// `creditlift score --workers 2` while its workers are killed (npm run test:deep). With worker
// threads, 3 of 12 such runs aborted the whole process; with worker processes every run must end
// normally with every input line answered exactly once, and the same decisions as a clean run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { iteratePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { captureIo } from '../cli/fakeDecider.js';

// Eight runs on CI (about 3 s each, against its 20-minute budget); SCORE_KILL_ROUNDS=30 or more to explore.
const ROUNDS = Number(process.env.SCORE_KILL_ROUNDS ?? 8);
const work = mkdtempSync(join(tmpdir(), 'creditlift-score-kill-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const input = join(work, 'in.ndjson');
writeFileSync(input, `${[...iteratePopulation({ size: 1500, seed: 5, asOf: '2026-11-01' })].map((r) => JSON.stringify(r.applicant)).join('\n')}\n`);

/** Process ids of this process's scorer workers. */
function workerPids(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)]).toString();
  return out
    .split('\n')
    .filter((l) => l.includes('scorerWorker'))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

const byLine = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .sort((a, b) => Number(/^\{"line":(\d+)/.exec(a)?.[1]) - Number(/^\{"line":(\d+)/.exec(b)?.[1]));

describe('score --workers 2 under worker kills (stress)', () => {
  it(`${ROUNDS} runs, a busy worker killed in each: the run ends normally and its output equals a clean run`, async () => {
    const clean = join(work, 'clean.ndjson');
    expect(await runScoreCommand(['--in', input, '--out', clean, '--workers', '2', '--batch', '64', '--suggestions', '0'], captureIo().io)).toBe(0);
    const expected = byLine(clean);
    for (let round = 0; round < ROUNDS; round++) {
      const out = join(work, `run${round}.ndjson`);
      const c = captureIo();
      const running = runScoreCommand(['--in', input, '--out', out, '--workers', '2', '--batch', '64', '--suggestions', '0'], c.io);
      let pids: number[] = [];
      while (pids.length < 2) {
        await new Promise((r) => setTimeout(r, 20));
        pids = workerPids();
      }
      await new Promise((r) => setTimeout(r, 200 + round * 50));
      for (const pid of pids.slice(0, 1 + (round % 2))) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone: the run finished first
        }
      }
      const code = await running;
      // 0: the retries decided everything; 4 only if a retry was killed too (then --resume finishes it).
      expect([0, 4], c.err()).toContain(code);
      if (code === 4)
        expect(await runScoreCommand(['--in', input, '--out', out, '--workers', '2', '--batch', '64', '--suggestions', '0', '--resume'], captureIo().io)).toBe(
          0,
        );
      expect(byLine(out)).toEqual(expected);
    }
  });
});
