// Preloaded (`node --import tsx --import ./sigtermAtStream.mjs src/cli/bin.ts ...`) by
// resumeReadSignal.test.ts: sends the process SIGTERM the moment it opens a read stream on
// $CREDITLIFT_TEST_SIGTERM_AT_STREAM (as a --resume run reads its output for what it answers). Once
// only. Deterministic: no timer involved.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';

const at = process.env.CREDITLIFT_TEST_SIGTERM_AT_STREAM;
if (at !== undefined) {
  const fs = createRequire(import.meta.url)('node:fs');
  const createReadStream = fs.createReadStream;
  let sent = false;
  fs.createReadStream = (path, ...rest) => {
    if (!sent && typeof path === 'string' && resolve(path) === resolve(at)) {
      sent = true;
      process.kill(process.pid, 'SIGTERM');
    }
    return createReadStream(path, ...rest);
  };
  syncBuiltinESMExports();
}
