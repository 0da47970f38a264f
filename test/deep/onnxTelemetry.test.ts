import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exampleApplicants } from '../../src/examples/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
// The rule for values the caller set is a unit test (test/model/onnxTelemetry.test.ts); these start processes.
const run = promisify(execFile);

// onnxruntime-node 1.30's Linux build runs Microsoft's 1DS telemetry unless ORT_DISABLE_TELEMETRY is
// set: a device id and a queue of events (the model's metadata, feature names included) under
// $HOME/.cache/Microsoft, a mat-debug-PID.log and a .ses file in TMPDIR.
const LIBRARY = `
const { loadModel, defaultModelPath } = await import('./src/index.ts');
const model = await loadModel(defaultModelPath());
await model.close();
console.log(JSON.stringify(process.env.ORT_DISABLE_TELEMETRY ?? null));
`;
const POOL = `
const { createScorerPool } = await import('./src/index.ts');
const { exampleApplicants } = await import('./src/examples/index.ts');
const pool = await createScorerPool({ workers: 1 });
await pool.decideBatch([exampleApplicants[0].applicant]);
await pool.close();
console.log('pooled');
`;

interface Traces {
  readonly stdout: string;
  readonly stderr: string;
  /** Files onnxruntime's telemetry left: under HOME, and its logs in TMPDIR. */
  readonly microsoftCache: boolean;
  readonly tmpLogs: readonly string[];
}

/** Runs `args` under node in a fresh HOME and TMPDIR, with ORT_DISABLE_TELEMETRY as `telemetry` says (unset when undefined). */
async function traces(args: readonly string[], telemetry?: string): Promise<Traces> {
  const home = mkdtempSync(join(tmpdir(), 'creditlift-home-'));
  const temp = mkdtempSync(join(tmpdir(), 'creditlift-tmp-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, TMPDIR: temp };
  delete env.ORT_DISABLE_TELEMETRY;
  delete env.XDG_CACHE_HOME;
  // onnxruntime's telemetry stays off by itself under CI=true (as .ci/run sets it), which would let
  // every case pass unseen: the children run as on a lender's machine.
  delete env.CI;
  if (telemetry !== undefined) env.ORT_DISABLE_TELEMETRY = telemetry;
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env, encoding: 'utf8' });
  return {
    stdout,
    stderr,
    microsoftCache: existsSync(join(home, '.cache', 'Microsoft')),
    tmpLogs: readdirSync(temp).filter((name) => name.startsWith('mat-debug-') || name === '.ses'),
  };
}

describe('onnxruntime telemetry is off wherever creditlift loads onnxruntime', () => {
  it.runIf(process.platform === 'linux')(
    'the library, a pool worker and the CLI leave no Microsoft cache folder and no mat-debug log; ORT_DISABLE_TELEMETRY=0 opts in',
    async () => {
      const applicant = join(mkdtempSync(join(tmpdir(), 'creditlift-app-')), 'one.json');
      writeFileSync(applicant, JSON.stringify(exampleApplicants[0]?.applicant));
      const [library, pool, cli, optedIn] = await Promise.all([
        traces(['--input-type=module', '-e', LIBRARY]),
        traces(['--input-type=module', '-e', POOL]),
        traces(['src/cli/bin.ts', 'decide', applicant, '--compact']),
        traces(['--input-type=module', '-e', LIBRARY], '0'),
      ]);
      for (const seen of [library, pool, cli]) {
        expect(seen.microsoftCache).toBe(false);
        expect(seen.tmpLogs).toEqual([]);
        expect(seen.stderr).not.toMatch(/telemetry/i);
      }
      // Switched off for the process, so a pool's worker processes inherit it.
      expect(library.stdout.trim()).toBe('"1"');
      expect(pool.stdout).toContain('pooled');
      expect(JSON.parse(cli.stdout).applicantId).toBe(exampleApplicants[0]?.applicant.id);
      // A caller's own choice stands: with 0 the runtime's telemetry runs (and this test sees it).
      expect(optedIn.stdout.trim()).toBe('"0"');
      expect(optedIn.microsoftCache).toBe(true);
      expect(optedIn.tmpLogs.some((name) => name.startsWith('mat-debug-'))).toBe(true);
    },
  );
});
