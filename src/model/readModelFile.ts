import { readWholeInput } from '../files/readWholeInput.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { modelFilePath } from './modelFilePath.js';

/**
 * The bytes of the model a path names: a file, or a model folder's `model.onnx` (see
 * {@link modelFilePath}). The one reader of a model path, for `loadModel` and the pool alike: the
 * pool read the path with a reader of its own and failed with EISDIR on a folder `createScorer` took.
 *
 * @throws CreditliftError `model_load_failed` naming the file it looked for, when it cannot be read
 * @example await readModelFile('model') // the bytes of model/model.onnx when model is a folder
 */
export async function readModelFile(given: string): Promise<Uint8Array> {
  const path = modelFilePath(given);
  try {
    return new Uint8Array(await readWholeInput(path));
  } catch (cause) {
    throw new CreditliftError('model_load_failed', `Cannot read model file ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
