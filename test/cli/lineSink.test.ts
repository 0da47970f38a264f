import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openLineSink } from '../../src/cli/score/lineSink.js';

describe('openLineSink', () => {
  // An outside recheck: a full output disk in `score` ended with a bare "ENOSPC: no space left on device, write".
  it.runIf(existsSync('/dev/full'))('a write the disk refuses names the file, and keeps its code', async () => {
    const sink = await openLineSink('/dev/full', false);
    const failed = (async () => {
      await sink.write('{"line":1}\n');
      await sink.close();
    })();
    await expect(failed).rejects.toThrow(/^\/dev\/full could not be written: ENOSPC: no space left on device, write$/);
    await expect(failed).rejects.toMatchObject({ code: 'ENOSPC' });
  });
});
