/**
 * A slot whose workers stopped before they were ready this many times in a row is crash-looping:
 * its next start is put off (see {@link restartDelayMs}), and once every slot is, calls are
 * refused with `pool_unavailable` until a worker is ready again.
 */
export const POOL_CRASH_LOOP_STARTS = 3;
const RESTART_BACKOFF_FIRST_MS = 1_000;
const RESTART_BACKOFF_MAX_MS = 30_000;

/**
 * How long a slot waits before starting its next worker after `failedStarts` workers in a row
 * stopped before they were ready: at once for the first few (a worker killed while starting is
 * simply replaced), then 1 s, doubling up to 30 s, so a worker that can never start (a broken
 * install, a killer that takes every new process) costs one process start per interval, not a
 * loop of forks, and the pool still recovers by itself once the cause is gone.
 */
export function restartDelayMs(failedStarts: number): number {
  if (failedStarts < POOL_CRASH_LOOP_STARTS) return 0;
  return Math.min(RESTART_BACKOFF_MAX_MS, RESTART_BACKOFF_FIRST_MS * 2 ** Math.min(failedStarts - POOL_CRASH_LOOP_STARTS, 30));
}
