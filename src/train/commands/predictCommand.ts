import { refuseArguments, schemaIssues, typeIssue } from '../../errors/argumentIssues.js';
import { readOptionText } from '../../cli/readOptionText.js';
import { checkCommandArguments } from '../../commandLine/checkCommandArguments.js';
import { parseCommandArgs } from '../../commandLine/parseCommandArgs.js';
import { modelFilePath } from '../../model/modelFilePath.js';
import { writeFile } from 'node:fs/promises';
import { ModelManifest } from '../../model/manifest.js';
import { loadModel } from '../../model/loadModel.js';
import { parseCsv } from '../dataset/parseCsv.js';
import { encodeRows, type FeatureEncoding, type UnseenCategoryCounts } from '../dataset/tabularEncoding.js';
import { ExitCode, processIo, reportError, UsageError, type CommandIo } from '../../commandLine/commandIo.js';
import { refuseOverwritingInputs } from '../../cli/refuseOverwritingInputs.js';
import { modelFilesRead } from '../../cli/modelFilesRead.js';
import { terminalText } from '../../text/terminalText.js';
import { unseenCategoryWarnings } from '../dataset/unseenCategoryWarnings.js';

/** Help text of `creditlift predict`. */
export const PREDICT_USAGE = `Usage: creditlift predict --model DIR --data FILE.csv --out PREDS.csv

Scores every row of a CSV with a model written by "creditlift train" (run by onnxruntime) and
writes one probability of the positive outcome per input row, in input order, under the header
"probability". Columns are matched by name using the encodings in the model's manifest; extra
columns are ignored, empty cells count as missing. A category is read as train reads it (one
Unicode form, full width folded, invisible characters and surrounding spaces dropped; case kept);
one the model never saw also counts as missing, and a warning on stderr names it per column.

  --model DIR|FILE.onnx      model directory (reads DIR/model.onnx) or the ONNX file itself
  --data FILE.csv            rows to score (header row)
  --out PREDS.csv            where to write the probabilities
  -h, --help                 show this help
`;

const OPTIONS = {
  model: { type: 'string' },
  data: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

// Rows per onnxruntime run: bounds the input tensor's memory on large files.
const BATCH_ROWS = 65_536;

/**
 * The manifest's features as the encodings `encodeTable` applies.
 *
 * @throws ValidationError (subject `encodingsFromManifest`) naming every field of `manifest` that a
 *   ModelManifest would not hold
 */
export function encodingsFromManifest(manifest: ModelManifest): FeatureEncoding[] {
  refuseArguments('encodingsFromManifest', [schemaIssues(['manifest'], manifest, ModelManifest)]);
  return encodingsOf(manifest);
}

/** {@link encodingsFromManifest} of a loaded model's manifest (validated when it was loaded). */
export function encodingsOf(manifest: ModelManifest): FeatureEncoding[] {
  return manifest.features.map((f) => (f.categories === undefined ? { name: f.name, kind: f.kind } : { name: f.name, kind: f.kind, categories: f.categories }));
}

/**
 * Shortest decimal text that reads back as the same float32 (probabilities come out of ONNX as float32).
 *
 * @throws ValidationError (subject `formatFloat32`) naming `x` when it is not a number
 */
export function formatFloat32(x: number): string {
  refuseArguments('formatFloat32', [typeIssue(['x'], x, 'number', 'a number')]);
  return float32Text(x);
}

/** {@link formatFloat32} of a number the engine computed (unchecked: once per cell written). */
export function float32Text(x: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const s = x.toPrecision(digits);
    if (Math.fround(Number(s)) === x) return String(Number(s));
  }
  return String(Number(x.toPrecision(9)));
}

/**
 * `creditlift predict`: parses `argv` (the arguments after `predict`), scores the CSV with the
 * model and writes PREDS.csv. Resolves to the exit code (0 ok, 1 data or model refused, 2 bad
 * command line); never rejects for what argv says (argv that is not an array of strings, or `io`
 * without `stdout` and `stderr`, is refused with a ValidationError: there is nowhere to report to).
 *
 * @example
 * process.exitCode = await runPredictCommand(['--model', 'model', '--data', 'new.csv', '--out', 'preds.csv']);
 */
export async function runPredictCommand(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  checkCommandArguments('runPredictCommand', argv, io);
  try {
    const parsed = parseCommandArgs(argv, OPTIONS);
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    const v = parsed.values;
    if (v.help === true) {
      io.stdout(PREDICT_USAGE);
      return ExitCode.ok;
    }
    const missing = (['model', 'data', 'out'] as const).filter((k) => v[k] === undefined);
    if (missing.length > 0) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
    const modelPath = modelFilePath(v.model!);
    refuseOverwritingInputs([['--out', v.out]], [['--data', v.data], ...modelFilesRead('--model', v.model)]);
    // Read and check the data before opening a session, so a bad CSV fails fast.
    const table = parseCsv(await readOptionText('--data', v.data!));
    const model = await loadModel(modelPath);
    let probabilities: Float32Array;
    try {
      const unseen: UnseenCategoryCounts = new Map();
      const features = encodeRows(table, encodingsOf(model.manifest), {}, unseen);
      for (const line of unseenCategoryWarnings(unseen, table.rows.length, 'the model never saw, scored as missing')) io.stderr(line);
      const width = model.manifest.features.length;
      const nRows = table.rows.length;
      probabilities = new Float32Array(nRows);
      for (let start = 0; start < nRows; start += BATCH_ROWS) {
        const end = Math.min(nRows, start + BATCH_ROWS);
        probabilities.set(await model.predict(features.subarray(start * width, end * width), end - start), start);
      }
    } finally {
      await model.close();
    }
    const lines = ['probability'];
    for (const p of probabilities) lines.push(float32Text(p));
    await writeFile(v.out!, `${lines.join('\n')}\n`);
    io.stdout(`scored ${probabilities.length} rows with ${terminalText(model.id)}; wrote ${v.out}\n`);
    return ExitCode.ok;
  } catch (e) {
    return reportError(e, io, PREDICT_USAGE);
  }
}
