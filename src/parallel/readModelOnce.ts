import { readWholeInput } from '../files/readWholeInput.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { sha256Hex } from '../hashing/sha256Hex.js';
import { defaultModelPath } from '../model/defaultModelPath.js';

/** A model file read into memory once, with the SHA-256 of exactly those bytes. */
export interface ModelBytes {
  readonly bytes: Uint8Array;
  readonly sha256: string;
}

/**
 * Reads the pool's model once, on the pool's side: a path (or the embedded default) becomes
 * bytes, which every worker then loads. A file replaced while the pool runs can therefore never
 * give one batch two models.
 *
 * @throws CreditliftError `model_load_failed` when the file cannot be read or `model` is neither a path nor bytes
 */
export async function readModelOnce(model: unknown): Promise<ModelBytes> {
  let bytes: Uint8Array;
  if (model instanceof Uint8Array) bytes = model;
  else if (model === undefined || typeof model === 'string') {
    const path = model ?? defaultModelPath();
    try {
      bytes = new Uint8Array(await readWholeInput(path));
    } catch (cause) {
      throw new CreditliftError('model_load_failed', `Cannot read model file ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  } else throw new CreditliftError('model_load_failed', `The model option must be a path or the model's bytes, got ${model === null ? 'null' : typeof model}`);
  return { bytes, sha256: sha256Hex(bytes) };
}
