import { it } from 'vitest';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
for (const flags of [['--experimental-permission', '--allow-fs-read=*', '--allow-addons'], ['--experimental-permission', '--allow-fs-read=/work', '--allow-addons'], ['--experimental-permission', '--allow-fs-read=*', '--allow-addons', '--allow-child-process', '--allow-worker'], ['--experimental-policy=/tmp/policylog.json'], ['--no-addons', '--addons'], ['--no_addons']]) {
  it(flags.join(' '), async () => {
    const t = Date.now();
    try {
      const pool = await createScorerPool({ workers: 1, workerExecArgv: flags, startTimeoutMs: 20000 } as never);
      const r = await pool.safeDecideBatch([exampleApplicants[0]!.applicant]);
      console.log(flags.join(' '), 'OK', Date.now() - t, JSON.stringify(r).slice(0, 150));
      await pool.close();
    } catch (e) {
      console.log(flags.join(' '), 'ERR', Date.now() - t, (e as Error).constructor.name, (e as Error).message.slice(0, 800), JSON.stringify((e as {issues?:unknown}).issues ?? '').slice(0,500));
    }
  }, 120000);
}
