import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleApplicants } from '../../src/examples/index.js';
import { commandLineArgv } from '../helpers/commandLineBundle.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-stdout-'));
const applicant = join(work, 'one.json');
writeFileSync(applicant, JSON.stringify(exampleApplicants[0]?.applicant));

/** Runs the bin with its stdout on the file `out` (opened for writing); resolves to the exit code and stderr. */
function runTo(out: string, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const fd = openSync(out, 'w');
  const child = spawn(process.execPath, [...commandLineArgv(args), ...args], { stdio: ['ignore', fd, 'pipe'] });
  closeSync(fd);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a command whose output cannot be written to stdout fails, saying so', () => {
  it.runIf(existsSync('/dev/full'))(
    'schema, catalog, decide, decide --notice and suggest to /dev/full exit 1 naming the output; to a file, 0 and whole',
    async () => {
      const commands = [['schema'], ['catalog', '--json'], ['decide', applicant], ['decide', applicant, '--notice'], ['suggest', applicant, '--top', '5']];
      const [whole, ...full] = await Promise.all([runTo(join(work, 'schema.json'), ['schema']), ...commands.map((args) => runTo('/dev/full', args))]);
      // They exited 0 with nothing on stderr and a cut or empty file.
      commands.forEach((args, k) => {
        expect(full[k]?.code, `${args.join(' ')}: ${full[k]?.stderr}`).toBe(1);
        expect(full[k]?.stderr).toContain(`error: the output of "creditlift ${args[0]}" could not be written to standard output (ENOSPC`);
      });
      expect(whole.code, whole.stderr).toBe(0);
      expect(whole.stderr).toBe('');
      expect(() => JSON.parse(readFileSync(join(work, 'schema.json'), 'utf8'))).not.toThrow();
    },
  );

  // A disk with some room left takes part of a write and returns short: Node's stdout to a file
  // (SyncWriteStream) ignored the count, so the rest vanished with exit 0 (8,192 of 10,038 bytes of a
  // decision on a nearly full tmpfs). A file-size limit of 8 KiB makes the same short write here.
  it.runIf(existsSync('/bin/bash'))('a short write to a nearly full disk fails too: schema (14 KiB) under an 8 KiB file-size limit', () => {
    const out = join(work, 'short.json');
    const run = spawnSync(
      '/bin/bash',
      ['-c', 'trap "" XFSZ; ulimit -f 8; out="$0"; exec "$@" schema > "$out"', out, process.execPath, ...commandLineArgv(['schema'])],
      {
        encoding: 'utf8',
      },
    );
    expect(readFileSync(out).length).toBe(8192);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain('error: the output of "creditlift schema" could not be written to standard output (EFBIG');
  });
});
