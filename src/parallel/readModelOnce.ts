import { CreditliftError } from '../errors/creditliftError.js';
import { sha256Hex } from '../hashing/sha256Hex.js';
import { defaultModelPath } from '../model/defaultModelPath.js';
import { readModelFile } from '../model/readModelFile.js';

/** A model file read into memory once, with the SHA-256 of exactly those bytes. */
export interface ModelBytes {
  readonly bytes: Uint8Array;
  readonly sha256: string;
}

/**
 * Reads the pool's model once, on the pool's side: a path (a file or a model folder, as
 * `createScorer` takes it; or the embedded default) becomes
 * bytes, which every worker then loads. A file replaced while the pool runs can therefore never
 * give one batch two models.
 *
 * @throws CreditliftError `model_load_failed` when the file cannot be read or `model` is neither a path nor bytes
 */
export async function readModelOnce(model: unknown): Promise<ModelBytes> {
  let bytes: Uint8Array;
  if (model instanceof Uint8Array) bytes = model;
  else if (model === undefined || typeof model === 'string') {
    // loadModel's own reader: a model folder is read as its model.onnx, as createScorer reads it.
    bytes = await readModelFile(model ?? defaultModelPath());
  } else throw new CreditliftError('model_load_failed', `The model option must be a path or the model's bytes, got ${model === null ? 'null' : typeof model}`);
  return { bytes, sha256: sha256Hex(bytes) };
}
