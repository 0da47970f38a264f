// Preloaded (`node --import tsx --import ./sigtermAtRead.mjs src/cli/bin.ts ...`) by runEndSignal.test.ts:
// sends the process SIGTERM the moment it opens $CREDITLIFT_TEST_SIGTERM_AT_READ read-only (as a
// hash opens it) while $CREDITLIFT_TEST_SIGTERM_ONCE_WRITTEN has bytes: with the output as the
// second, the reads at a run's end (the input checked again, the outputs read back for their
// digests), never the fingerprint before the run. Once only. Deterministic: no timer involved.
import { statSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';

const at = process.env.CREDITLIFT_TEST_SIGTERM_AT_READ;
const once = process.env.CREDITLIFT_TEST_SIGTERM_ONCE_WRITTEN;
if (at !== undefined && once !== undefined) {
  const fsPromises = createRequire(import.meta.url)('node:fs/promises');
  const open = fsPromises.open;
  let sent = false;
  const written = () => {
    try {
      return statSync(once).size > 0;
    } catch {
      return false;
    }
  };
  fsPromises.open = (path, flags, ...rest) => {
    const readOnly = typeof flags === 'number' && (flags & 3) === 0;
    if (!sent && readOnly && resolve(String(path)) === resolve(at) && written()) {
      sent = true;
      process.kill(process.pid, 'SIGTERM');
    }
    return open(path, flags, ...rest);
  };
  syncBuiltinESMExports();
}
