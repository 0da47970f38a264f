import { execFile } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));

/** Runs `node --import tsx FILE ARGS`; resolves to its exit code and output, whatever the code. */
function runNode(file: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', file, ...args], { encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
    );
  });
}

describe('the creditlift executable', () => {
  it('runs the command line whatever name it is started by: a link named creditlift-0.1.0 or cl', async () => {
    // Node leaves argv[1] as the link's name; the CLI ran only when it ended in cli.js or creditlift,
    // and through any other name did nothing and exited 0.
    const folder = mkdtempSync(join(tmpdir(), 'creditlift-bin-'));
    for (const name of ['creditlift-0.1.0', 'cl']) symlinkSync(bin, join(folder, name));
    const [help, unknown] = await Promise.all([runNode(join(folder, 'creditlift-0.1.0'), ['--help']), runNode(join(folder, 'cl'), ['no-such-command'])]);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: creditlift <command>/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error: unknown command "no-such-command"');
  });
});
