import { statSync } from 'node:fs';
import { join } from 'node:path';

/** The file a model folder holds, as `creditlift train --out` and `creditlift model import --out` write it. */
export const MODEL_FILE_IN_FOLDER = 'model.onnx';

/**
 * The model file a path names: the path itself, or for a folder (what `train` and `model import`
 * write) its `model.onnx`. The command line always read a folder so; `loadModel` and `createScorer`
 * read the path as a file and failed with EISDIR on the folder the README's examples pass.
 *
 * @example modelFilePath('model') // 'model/model.onnx' when model is a folder
 */
export function modelFilePath(path: string): string {
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    // A path that cannot be read is reported by the reader, naming it as given.
  }
  return folder ? join(path, MODEL_FILE_IN_FOLDER) : path;
}
