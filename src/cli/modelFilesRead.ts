import { statSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_FILE_IN_FOLDER } from '../model/modelFilePath.js';
import type { NamedFile } from './refuseOverwritingInputs.js';

/** The model folder's description, beside its model (as `train` and `model import` write it). */
const MANIFEST_IN_FOLDER = 'manifest.json';

/**
 * The files a model path (`--model`, `--candidate-model`...) stands for, for the overwrite check: for
 * a model folder its `model.onnx` and `manifest.json`, for a model file the file alone. The folder
 * itself is no file an output could be, so checked as given it let `score --model DIR --out
 * DIR/model.onnx --overwrite` write the decisions over the model it was scoring with (the next run:
 * "Malformed protobuf"). A folder's manifest is named too: the folder is the model `train` wrote,
 * and `model card` reads it. Beside a lone model file a `manifest.json` is not: no command that
 * takes `--model` reads it (they read the manifest embedded in the model), and it may be anything.
 *
 * @example modelFilesRead('--model', 'm') // [['--model', 'm/model.onnx'], ['--model', 'm/manifest.json']] when m is a folder
 * @example modelFilesRead('--model', 'x.onnx') // [['--model', 'x.onnx']]
 */
export function modelFilesRead(option: string, path: string | undefined): NamedFile[] {
  if (path === undefined) return [];
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    // A path that names nothing is the reader's to name; as given it is the file the run would read.
  }
  return folder ? [MODEL_FILE_IN_FOLDER, MANIFEST_IN_FOLDER].map((f) => [option, join(path, f)] as const) : [[option, path]];
}
