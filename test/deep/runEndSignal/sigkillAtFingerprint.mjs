// Preloaded (`node --import tsx --import ./sigkillAtFingerprint.mjs src/cli/bin.ts ...`) by
// killedBeforeBegin.test.ts: kills the process with SIGKILL (no handler, no exit hook runs) the
// moment it opens $CREDITLIFT_TEST_SIGKILL_AT_READ read-only (as the fingerprint opens the input)
// while $CREDITLIFT_TEST_SIGKILL_WHILE_EMPTY exists empty (created to lock it, before the run
// began). Deterministic: no timer involved.
import { statSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';

const at = process.env.CREDITLIFT_TEST_SIGKILL_AT_READ;
const empty = process.env.CREDITLIFT_TEST_SIGKILL_WHILE_EMPTY;
if (at !== undefined && empty !== undefined) {
  const fsPromises = createRequire(import.meta.url)('node:fs/promises');
  const open = fsPromises.open;
  const isEmpty = () => {
    try {
      return statSync(empty).size === 0;
    } catch {
      return false;
    }
  };
  fsPromises.open = (path, flags, ...rest) => {
    const readOnly = flags === undefined || flags === 'r' || (typeof flags === 'number' && (flags & 3) === 0);
    if (readOnly && resolve(String(path)) === resolve(at) && isEmpty()) process.kill(process.pid, 'SIGKILL');
    return open(path, flags, ...rest);
  };
  syncBuiltinESMExports();
}
