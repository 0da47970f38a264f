import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreditliftError } from '../errors/creditliftError.js';
import { findUpward } from '../model/defaultModelPath.js';

/** Where the default model's monitor baseline sits, relative to the package root. */
export const DEFAULT_MONITOR_BASELINE_RELATIVE_PATH = join('models', 'default', 'monitorBaseline.json');

/**
 * Absolute path of the default model's monitor baseline (`models/default/monitorBaseline.json`),
 * found as the default model is.
 *
 * @throws CreditliftError 'model_load_failed' when no ancestor folder holds the file
 */
export function defaultMonitorBaselinePath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const found = findUpward(here, DEFAULT_MONITOR_BASELINE_RELATIVE_PATH);
  if (found === undefined)
    throw new CreditliftError(
      'model_load_failed',
      `The default monitor baseline ${DEFAULT_MONITOR_BASELINE_RELATIVE_PATH} was not found in any folder above ${here}`,
    );
  return found;
}
