import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../distributed/cliProcess.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-signal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('creditlift score stopped by a second signal', () => {
  it('exits 130 (interrupted, as the README says), says so, and leaves neither OUT.lock nor ERRORS.lock behind', async () => {
    const input = join(work, 'in.ndjson');
    writeFileSync(input, `${JSON.stringify({ id: 'a' })}\n`.repeat(50));
    const out = join(work, 'out.ndjson');
    const errors = join(work, 'err.ndjson');
    const run = spawnCli(['score', '--in', input, '--out', out, '--errors', errors]);
    // Both signals while the model is still loading: the first asks for a clean stop, the second
    // comes long before that stop could finish.
    const deadline = Date.now() + 60_000;
    while (!existsSync(`${errors}.lock`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(existsSync(`${out}.lock`)).toBe(true);
    run.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGTERM');
    expect(await run.exited, run.stderr()).toBe(130);
    expect(run.stderr()).toMatch(/--resume/);
    expect(existsSync(`${out}.lock`)).toBe(false);
    expect(existsSync(`${errors}.lock`)).toBe(false);
  }, 90_000);
});
