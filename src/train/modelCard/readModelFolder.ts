import { readWholeInputSync } from '../../files/readWholeInput.js';
import { join } from 'node:path';
import { refuseArguments, typeIssue } from '../../errors/argumentIssues.js';
import { CreditliftError } from '../../errors/creditliftError.js';
import { ValidationError, type ValidationIssue } from '../../errors/validationError.js';
import { canonicalJson } from '../../hashing/canonicalJson.js';
import { sha256Hex } from '../../hashing/sha256Hex.js';
import { parseStrictJson } from '../../json/parseStrictJson.js';
import { ModelManifest } from '../../model/manifest.js';
import { MODEL_FILE_IN_FOLDER } from '../../model/modelFilePath.js';
import { decodeOnnxModel } from '../../model/onnx/decodeOnnxModel.js';
import { readEmbeddedManifest } from '../../model/readEmbeddedManifest.js';
import { decodeUtf8Strict } from '../../text/decodeUtf8Strict.js';
import { TRAINING_REPORT_FILE, TrainingReport } from '../commands/trainingReport.js';
import { ModelFolder } from './modelFolder.js';

/** The manifest file `train` and `model import` write beside the model. */
const MANIFEST_FILE = 'manifest.json';

/**
 * Reads a model folder as `creditlift train` (or `model import`) wrote it, for its model card:
 * `model.onnx` (its size, SHA-256 and the manifest inside it), `manifest.json` and
 * `training-report.json`. The two files beside the model are optional, but one that is there must be
 * what the model was written with: nothing in it is skipped or guessed. A model whose manifest takes
 * an input named for a protected characteristic (`sex_male`, in a hand-built manifest) or codes a
 * category naming a protected group (one trained before category values were read) is read, so its
 * card can say so (in bold, each feature and value); `loadModel` refuses it.
 *
 * @throws CreditliftError `model_load_failed` when `model.onnx` cannot be read or is not ONNX,
 *   `model_metadata_missing` when it carries no manifest; ValidationError (subject `model folder`)
 *   when `manifest.json` or `training-report.json` cannot be read, is not JSON (`invalid_json`,
 *   `duplicate_key`) or not valid (the manifest's or report's own issues), when `manifest.json` is not
 *   the manifest inside the model, or the report names another model's SHA-256 (`model_mismatch`)
 * @example
 * const card = renderTrainedModelCard(readModelFolder('model'));
 */
export function readModelFolder(folder: string): ModelFolder {
  refuseArguments('readModelFolder', [typeIssue(['folder'], folder, 'string', 'the path of a model folder')]);
  const modelPath = join(folder, MODEL_FILE_IN_FOLDER);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readWholeInputSync(modelPath));
  } catch (cause) {
    throw new CreditliftError('model_load_failed', `Cannot read model file ${modelPath}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  const manifest = readEmbeddedManifest(decodeOnnxModel(bytes));
  const modelSha256 = sha256Hex(bytes);
  const issues: ValidationIssue[] = [];

  const manifestJson = readJsonFile(join(folder, MANIFEST_FILE), MANIFEST_FILE, issues);
  if (manifestJson !== undefined) {
    const parsed = ModelManifest.safeParse(manifestJson);
    if (!parsed.success) issues.push(...prefixed(MANIFEST_FILE, ValidationError.fromZod(MANIFEST_FILE, parsed.error).issues));
    else if (canonicalJson(parsed.data) !== canonicalJson(manifest))
      issues.push({
        path: [MANIFEST_FILE],
        code: 'model_mismatch',
        message: `${MANIFEST_FILE} is not the manifest inside ${MODEL_FILE_IN_FOLDER} (the one the scorer feeds the model by): written for another model, or edited since`,
      });
  }

  const reportJson = readJsonFile(join(folder, TRAINING_REPORT_FILE), TRAINING_REPORT_FILE, issues);
  let report: TrainingReport | undefined;
  if (reportJson !== undefined) {
    const parsed = TrainingReport.safeParse(reportJson);
    if (!parsed.success) issues.push(...prefixed(TRAINING_REPORT_FILE, ValidationError.fromZod(TRAINING_REPORT_FILE, parsed.error).issues));
    else if (parsed.data.model !== undefined && parsed.data.model.sha256 !== modelSha256)
      issues.push({
        path: [TRAINING_REPORT_FILE, 'model', 'sha256'],
        code: 'model_mismatch',
        message: `${TRAINING_REPORT_FILE} was written with the model whose SHA-256 is ${parsed.data.model.sha256}, not ${MODEL_FILE_IN_FOLDER} (${modelSha256}): its figures describe another model`,
      });
    else report = parsed.data;
  }
  if (issues.length > 0) throw new ValidationError('model folder', issues);
  const read = ModelFolder.safeParse({
    modelSha256,
    modelBytes: bytes.length,
    manifest,
    manifestFile: manifestJson === undefined ? 'absent' : 'matches',
    ...(report === undefined ? {} : { report }),
  });
  if (!read.success) throw ValidationError.fromZod('model folder', read.error);
  return read.data;
}

/** The JSON in `path`, read strictly (a repeated key is refused); `undefined` when there is no such file. */
function readJsonFile(path: string, name: string, issues: ValidationIssue[]): unknown {
  let bytes: Buffer;
  try {
    bytes = readWholeInputSync(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    issues.push({ path: [name], code: 'unreadable_input', message: `Cannot read ${path}: ${cause instanceof Error ? cause.message : String(cause)}` });
    return undefined;
  }
  let text: string;
  try {
    text = decodeUtf8Strict(bytes, path);
  } catch (cause) {
    issues.push({ path: [name], code: 'invalid_utf8', message: cause instanceof Error ? cause.message : String(cause) });
    return undefined;
  }
  const read = parseStrictJson(text);
  if (!read.ok) {
    issues.push(...prefixed(name, read.issues));
    return undefined;
  }
  return read.value;
}

function prefixed(name: string, issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.map((i) => ({ ...i, path: [name, ...i.path], message: `${name}: ${i.message}` }));
}
