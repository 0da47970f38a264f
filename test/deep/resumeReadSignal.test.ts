// In `npm run test:deep`: it spawns the CLI. Task F22: `score --resume` read its output whole (to
// find what is already answered) without looking at a signal: a SIGTERM there waited for every byte
// (11 s for a 59 MB output of 32,768 records), then the run went on to begin, rewrote its manifest as resumed and
// stopped. It now stops at the next line, exits 130 before the run resumes, the output and its
// manifest byte for byte as they were, and the same command finishes the run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../distributed/cliProcess.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-resume-read-signal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Records no applicant schema accepts: an error line of about 1.8 KB each, so 16,384 of them make a 29 MiB output. */
const RECORDS = 16_384;
function badBook(path: string): string {
  writeFileSync(path, '{}\n'.repeat(RECORDS));
  return path;
}

describe('the creditlift process: a signal while --resume reads its output', () => {
  it('SIGTERM as --resume reads the output: exit 130 with the read stopped early, output and manifest as they were; the same command finishes', async () => {
    const input = badBook(join(work, 'book.ndjson'));
    const out = join(work, 'out.ndjson');
    const args = ['score', '--in', input, '--out', out, '--suggestions', '0'];
    const first = spawnCli(args);
    expect(await first.exited, first.stderr()).toBe(3);
    const lines = readFileSync(out, 'utf8');
    const manifest = readFileSync(`${out}.run.json`, 'utf8');

    const run = spawnCli([...args, '--resume'], {
      nodeArgs: ['--import', './test/deep/runEndSignal/sigtermAtStream.mjs'],
      env: { CREDITLIFT_TEST_SIGTERM_AT_STREAM: out },
    });
    expect(await run.exited, run.stderr()).toBe(130);
    const said =
      /interrupted: interrupted while reading \S*out\.ndjson for the answers it already holds \(([\d,]+) of ([\d,]+) bytes read\), before the run began: nothing was decided or written; run the same command again to continue/.exec(
        run.stderr(),
      );
    expect(said, run.stderr()).not.toBeNull();
    const n = (s: string) => Number(s.replace(/,/g, ''));
    expect(n(said![2]!)).toBe(lines.length);
    expect(n(said![1]!), 'stopped before the read could finish').toBeLessThan(lines.length);
    expect(readFileSync(out, 'utf8')).toBe(lines);
    expect(readFileSync(`${out}.run.json`, 'utf8'), "the manifest is the finished run's, not a resumed one's").toBe(manifest);

    const again = spawnCli([...args, '--resume']);
    expect(await again.exited, again.stderr()).toBe(3);
    expect(readFileSync(out, 'utf8')).toBe(lines);
    expect(JSON.parse(readFileSync(`${out}.run.json`, 'utf8')).status).toMatchObject({ state: 'finished', exitCode: 3, rejected: RECORDS });
  }, 300_000);
});
