import { existsSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreditliftError } from '../errors/creditliftError.js';

/** Where the shipped default model sits, relative to the package root. */
export const DEFAULT_MODEL_RELATIVE_PATH = join('models', 'default', 'model.onnx');

/**
 * Walks up from `startDir` to the first folder holding `relativePath` and returns that file's
 * absolute path, or undefined when no ancestor has it.
 */
export function findUpward(startDir: string, relativePath: string): string | undefined {
  let dir = startDir;
  const { root } = parse(dir);
  for (;;) {
    const candidate = join(dir, relativePath);
    if (existsSync(candidate)) return candidate;
    if (dir === root) return undefined;
    dir = dirname(dir);
  }
}

/**
 * Absolute path of the default model shipped in the package (`models/default/model.onnx`). Found
 * by walking up from this module's folder, so it works from `src/` (tsx, vitest) and from `dist/`
 * in an installed package alike (tsup shims `import.meta.url` in the CJS build).
 *
 * @throws CreditliftError 'model_load_failed' when no ancestor folder holds the file.
 * @example
 * const model = await loadModel(defaultModelPath());
 */
export function defaultModelPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const found = findUpward(here, DEFAULT_MODEL_RELATIVE_PATH);
  if (found === undefined) {
    throw new CreditliftError(
      'model_load_failed',
      `The default model ${DEFAULT_MODEL_RELATIVE_PATH} was not found in any folder above ${here}; is the package installed with its models/ folder?`,
    );
  }
  return found;
}
