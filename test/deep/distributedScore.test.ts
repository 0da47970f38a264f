import { afterAll, beforeAll, describe, it } from 'vitest';
import type { CliProcess } from '../distributed/cliProcess.js';
import { HAS_REDIS } from '../distributed/redisServer.js';
import {
  createRig,
  otherPolicy,
  scenarioExitAfterSummary,
  scenarioIdentical,
  scenarioProducerKilled,
  scenarioRedisRestarted,
  scenarioRedisUnreachable,
  scenarioOtherConfigurationWaits,
  scenarioResumeOtherInput,
  scenarioWorkerKilled,
  type Rig,
} from '../distributed/scenarios.js';

// The real thing: redis-server on a free port, the producer and 2-3 worker processes from the CLI.
describe.skipIf(!HAS_REDIS)('creditlift score --queue with creditlift worker processes (Redis, BullMQ)', () => {
  let rig: Rig;
  let wrong: CliProcess;
  beforeAll(async () => {
    rig = await createRig(160);
    // Two matching workers on database 0 (the second is killed -9 in one case); one with another
    // policy alone on database 1, where the first case starts a matching one later.
    rig.startWorker();
    rig.startWorker();
    wrong = rig.startWorker(['--policy', otherPolicy(rig)], 1);
    await Promise.all(rig.workers.map((w) => w.waitForStdout(/serving queue/)));
  });
  afterAll(async () => {
    await rig?.dispose();
  });

  it('a worker with another policy leaves the chunks to a matching worker (not failed for good); the producer says none took them; a matching worker completes', async () => {
    await scenarioOtherConfigurationWaits(rig, 'otherConfig', { log: () => wrong.stdout(), stop: () => (wrong.child.kill('SIGTERM'), wrong.exited) }, 1);
  });
  it('writes the single-process output byte for byte, summary and exit code included', async () => {
    await scenarioIdentical(rig, 'same');
  });
  it('a worker killed -9 mid-chunk has its chunk redone by another; output identical', async () => {
    await scenarioWorkerKilled(rig, 'wkill', rig.workers[1]!);
  });
  it('a producer killed -9 and rerun with --resume re-enqueues no finished chunk and writes no line twice', async () => {
    await scenarioProducerKilled(rig, 'pkill');
  });
  it('Redis restarted mid-run: the run carries on; output identical', async () => {
    await scenarioRedisRestarted(rig, 'restart');
  });
  it('--resume with another input is refused (exit 2) as score refuses it, whether Redis still knows the job or not', async () => {
    await scenarioResumeOtherInput(rig, 'other');
  });
  it('a finished run exits promptly after its summary, with its own code (3) even under SIGTERM after SIGTERM', async () => {
    await scenarioExitAfterSummary(rig, 'afterSummary');
  });
  it('Redis unreachable: exit 1 with an error naming it', async () => {
    await scenarioRedisUnreachable(rig, 'nowhere');
  });
});
