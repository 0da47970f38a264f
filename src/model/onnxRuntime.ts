import type * as Ort from 'onnxruntime-node';
import { CreditliftError } from '../errors/creditliftError.js';
import { switchOffOnnxTelemetry } from './onnxTelemetry.js';

/** The onnxruntime-node module's API. */
export type OnnxRuntime = typeof Ort;

let loading: Promise<OnnxRuntime> | undefined;

/**
 * onnxruntime-node, loaded on first use. Its native addon is large and only a model needs it, so
 * importing creditlift for its pure parts (schemas, the policy, the health assistant) never loads
 * it; the first `loadModel` does, once per process. onnxruntime's own telemetry is switched off
 * first, unless the caller set `ORT_DISABLE_TELEMETRY` (see {@link switchOffOnnxTelemetry}).
 *
 * @throws CreditliftError `model_load_failed` when the package or its native binary cannot be loaded.
 */
export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  // Before the runtime starts (it reads the variable as its first session is created), on every
  // path: loadModel, its proof sessions, the pool's worker processes, the CLI, predict.
  switchOffOnnxTelemetry();
  loading ??= import('onnxruntime-node').then(
    // The CJS package seen through import() may arrive under `default`.
    (m) => (m as unknown as { default?: OnnxRuntime }).default ?? (m as unknown as OnnxRuntime),
    (cause: unknown) => {
      loading = undefined;
      throw new CreditliftError('model_load_failed', `onnxruntime-node could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`, {
        cause,
      });
    },
  );
  return loading;
}
