import { isMainThread } from 'node:worker_threads';
import { warnOnce } from '../common/warnOnce.js';

/** The variable onnxruntime reads when it starts: `1` (or `true`, `yes`) switches its telemetry off. */
export const ORT_TELEMETRY_VARIABLE = 'ORT_DISABLE_TELEMETRY';

/**
 * Switches onnxruntime's telemetry off for this process, before its native runtime starts, unless
 * the caller chose for themselves (`ORT_DISABLE_TELEMETRY` set to anything but the empty string;
 * `0` opts in).
 *
 * Why: onnxruntime-node 1.30's Linux build runs Microsoft's 1DS telemetry by default. It keeps a
 * device id and a queue of events under `$HOME/.cache/Microsoft/DeveloperTools/.onnxruntime` (the
 * events carry each model's metadata: a lender's feature names, its manifest, the score baseline),
 * uploads them to mobile.events.data.microsoft.com from a long-lived process, leaves a
 * `mat-debug-PID.log` and a `.ses` file in TMPDIR, and without a writable HOME prints a coloured
 * warning on stderr. The runtime reads the variable when its first session is created (measured on
 * 1.30.0: set after `import('onnxruntime-node')` and before the first session, it holds), and reads
 * the process's environment, which `process.env` writes through to on the main thread. A worker
 * process (the pool's) inherits it.
 *
 * A worker thread has its own copy of `process.env`, which native code never sees: there it cannot
 * be switched off from JavaScript, so this says so once (a process warning) when the thread's copy
 * does not have it, rather than leaving it on silently.
 */
export function switchOffOnnxTelemetry(): void {
  const chosen = process.env[ORT_TELEMETRY_VARIABLE];
  if (chosen !== undefined && chosen !== '') return;
  process.env[ORT_TELEMETRY_VARIABLE] = '1';
  if (isMainThread) return;
  warnOnce(
    'CREDITLIFT_ORT_TELEMETRY',
    '',
    () =>
      `creditlift loaded onnxruntime in a worker thread, where it cannot switch onnxruntime's telemetry off (a thread's process.env does not reach native code); set ${ORT_TELEMETRY_VARIABLE}=1 in the environment, or in the main thread before the worker starts`,
  );
}
