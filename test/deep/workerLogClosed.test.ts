// A worker whose log's reader had gone (`creditlift worker ... | head`, a log collector restarted)
// dropped every later log line without a word, and a worker stopped by SIGTERM then exited 141 as if
// its work had been cut. Its work goes to Redis: it must keep deciding chunks, say once on stderr
// that its log is gone, and end with its own code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_REDIS } from '../distributed/redisServer.js';
import { createRig, type Rig } from '../distributed/scenarios.js';

describe.skipIf(!HAS_REDIS)("a worker whose log's reader closes it", () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await createRig(60);
  });
  afterAll(async () => {
    await rig?.dispose();
  });

  it('keeps deciding chunks (the run equals the single-process one), says once on stderr that its log is gone, and exits 0 on SIGTERM', async () => {
    const worker = rig.startWorker();
    await worker.waitForStdout(/serving queue/);
    // The log's reader goes: every later log line meets EPIPE.
    worker.child.stdout?.destroy();
    const out = join(rig.dir, 'logGone.ndjson');
    // No other worker: the producer waits for this one, so every line below is its work.
    const run = await rig.produce('logGone', out);
    expect(run.code, run.stderr).toBe(3);
    expect(readFileSync(out, 'utf8')).toBe(rig.reference);
    worker.child.kill('SIGTERM');
    expect(await worker.exited, worker.stderr()).toBe(0);
    const said = worker.stderr().match(/warning: the worker's log on standard output could not be written \(write EPIPE\)[^\n]*keeps deciding chunks/g);
    expect(said, worker.stderr()).toHaveLength(1);
  });
});
