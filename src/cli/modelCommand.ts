import { mkdirSync, writeFileSync } from 'node:fs';
import { readOptionFileSync } from './readOptionFile.js';
import { readOptionTextSync } from './readOptionText.js';
import { join } from 'node:path';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { ExitCode, processIo, reportError, UsageError, type CommandIo } from '../commandLine/commandIo.js';
import { parseStrictJson } from '../json/parseStrictJson.js';
import { ValidationError } from '../errors/validationError.js';
import { importOnnxModel, ImportSpec } from '../model/import/importOnnxModel.js';
import { parseCsv } from '../train/dataset/parseCsv.js';
import { encodeRows, type UnseenCategoryCounts } from '../train/dataset/tabularEncoding.js';
import { unseenCategoryWarnings } from '../train/dataset/unseenCategoryWarnings.js';
import { refuseOverwritingInputs } from './refuseOverwritingInputs.js';
import { terminalText } from '../text/terminalText.js';
import { readModelFolder } from '../train/modelCard/readModelFolder.js';
import { protectedModelCategories } from '../model/protectedModelCategories.js';
import { protectedCharacteristicOf } from '../text/protectedCharacteristic.js';
import { renderTrainedModelCard } from '../train/modelCard/renderTrainedModelCard.js';

/** Help text of `creditlift model`. */
export const MODEL_USAGE = `Usage: creditlift model import --onnx MODEL.onnx --features SPEC.json --out DIR [options]
       creditlift model card DIR

model card DIR prints the model card of the model folder DIR (what "creditlift train" writes as
DIR/MODEL_CARD.md), rendered from DIR/model.onnx's manifest and DIR/training-report.json: every
fact the folder does not hold is printed as unknown. A manifest.json or training-report.json that
belongs to another model is refused (exit 1).

model import:

Turns a tree-ensemble ONNX model from XGBoost or LightGBM (their converters' binary
TreeEnsembleClassifier, or a TreeEnsembleRegressor whose output is the log-odds margin) into a
creditlift model: DIR/model.onnx with its manifest embedded, and DIR/manifest.json. Every monotone
direction the spec declares is verified against the trees; a model that breaks one is refused.

Required:
  --onnx FILE                the foreign model
  --features SPEC.json       {"name", "version", "target"?, "features": [{"name", "kind",
                             "monotone", "categories"?, ...}]} in the model's input order
  --out DIR                  output directory (created if needed)

Options:
  --background ROWS.csv      rows drawn like the scored population (header = feature names):
                             covers for TreeSHAP when the model has none, and training ranges
  --allow-monotone-violations  import even if the trees break a declared direction (not for scoring)
  -h, --help                 show this help
`;

const OPTIONS = {
  onnx: { type: 'string' },
  features: { type: 'string' },
  background: { type: 'string' },
  out: { type: 'string' },
  'allow-monotone-violations': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `creditlift model import` and `creditlift model card`: see {@link MODEL_USAGE}. Returns the exit
 * code (0 written or printed, 1 model or data refused, 2 bad command line); never throws.
 *
 * @example
 * process.exitCode = runModelCommand(['import', '--onnx', 'xgb.onnx', '--features', 'spec.json', '--background', 'rows.csv', '--out', 'model']);
 * process.exitCode = runModelCommand(['card', 'model']);
 */
export function runModelCommand(argv: readonly string[], io: CommandIo = processIo): number {
  try {
    const [sub, ...rest] = argv;
    if (sub === '--help' || sub === '-h' || sub === undefined) {
      io.stdout(MODEL_USAGE);
      return sub === undefined ? ExitCode.usage : ExitCode.ok;
    }
    if (sub === 'card') return printModelCard(rest, io);
    if (sub !== 'import') throw new UsageError(`unknown subcommand "${terminalText(sub)}" ("import" or "card")`);
    const parsed = parseCommandArgs(rest, OPTIONS);
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    const v = parsed.values;
    if (v.help === true) {
      io.stdout(MODEL_USAGE);
      return ExitCode.ok;
    }
    const missing = (['onnx', 'features', 'out'] as const).filter((k) => v[k] === undefined);
    if (missing.length > 0) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
    refuseOverwritingInputs(
      ['model.onnx', 'manifest.json'].map((f) => ['--out', join(v.out!, f)] as const),
      [
        ['--onnx', v.onnx],
        ['--features', v.features],
        ['--background', v.background],
      ],
    );
    // Read strictly: a key written twice (a second "monotone") would keep its last value silently.
    const read = parseStrictJson(readOptionTextSync('--features', v.features!));
    if (!read.ok)
      throw new ValidationError(
        'ImportSpec',
        read.issues.map((i) => ({ ...i, message: `${v.features}: ${i.message}` })),
      );
    const spec: unknown = read.value;
    let background: { data: Float32Array; nRows: number } | undefined;
    if (v.background !== undefined) {
      const specOk = ImportSpec.safeParse(spec);
      if (!specOk.success) throw ValidationError.fromZod('ImportSpec', specOk.error);
      const table = parseCsv(readOptionTextSync('--background', v.background));
      const unseen: UnseenCategoryCounts = new Map();
      const data = encodeRows(
        table,
        specOk.data.features.map((f) =>
          f.categories === undefined ? { name: f.name, kind: f.kind } : { name: f.name, kind: f.kind, categories: f.categories },
        ),
        {},
        unseen,
      );
      background = { data, nRows: table.rows.length };
      // The background sets the covers TreeSHAP explains by and the manifest's ranges and missing
      // shares: a value read as missing, or a column read by nothing, changed them without a word.
      for (const line of unseenCategoryWarnings(unseen, table.rows.length, 'the spec does not list, read as missing')) io.stderr(line);
      const specNames = new Set(specOk.data.features.map((f) => f.name));
      const unread = table.header.filter((name) => !specNames.has(name));
      if (unread.length > 0)
        io.stderr(
          `warning: ${terminalText(`--background column${unread.length === 1 ? '' : 's'} ${unread.map((n) => `"${n}"`).join(', ')} ${unread.length === 1 ? 'is' : 'are'} no feature of the spec and not read`)}\n`,
        );
    }
    const imported = importOnnxModel(new Uint8Array(readOptionFileSync('--onnx', v.onnx!)), {
      spec,
      ...(background === undefined ? {} : { background }),
      ...(v['allow-monotone-violations'] === true ? { allowMonotoneViolations: true } : {}),
    });
    mkdirSync(v.out!, { recursive: true });
    writeFileSync(join(v.out!, 'model.onnx'), imported.bytes);
    writeFileSync(join(v.out!, 'manifest.json'), `${JSON.stringify(imported.manifest, null, 2)}\n`);
    for (const w of imported.warnings) io.stderr(`warning: ${terminalText(w)}\n`);
    const checks = imported.monotone.map((c) => `${c.feature} ${c.result}`).join(', ');
    io.stdout(
      `imported ${imported.source.operator} (${imported.source.output}) from ${imported.source.producer || 'an unnamed producer'}: ${imported.manifest.features.length} features, covers from the ${imported.covers}\n` +
        (checks === '' ? '' : `monotone: ${checks}\n`) +
        `wrote ${join(v.out!, 'model.onnx')} and ${join(v.out!, 'manifest.json')}\n`,
    );
    return ExitCode.ok;
  } catch (e) {
    return reportError(e, io, MODEL_USAGE);
  }
}

/** `creditlift model card DIR`: the card of the model folder DIR on stdout. */
function printModelCard(argv: readonly string[], io: CommandIo): number {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } } as const);
  if (parsed.values.help === true) {
    io.stdout(MODEL_USAGE);
    return ExitCode.ok;
  }
  const [folder, extra] = parsed.positionals;
  if (folder === undefined) throw new UsageError('model card needs the model folder: creditlift model card DIR');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${terminalText(extra)}"`);
  const read = readModelFolder(folder);
  io.stdout(renderTrainedModelCard(read));
  // The card names them too; a reader of the terminal learns why the model will not load.
  for (const f of read.manifest.features) {
    const c = protectedCharacteristicOf(f.name);
    if (c !== null)
      io.stderr(
        `warning: ${terminalText(`feature "${f.name}" names a protected characteristic (${c}) and is never a model input: loadModel and createScorer refuse this model`)}\n`,
      );
  }
  for (const c of protectedModelCategories(read.manifest))
    io.stderr(
      `warning: ${terminalText(`feature "${c.feature}" codes the category "${c.category}", which names a protected characteristic (${c.characteristic}: "${c.term}"): loadModel and createScorer refuse this model`)}\n`,
    );
  return ExitCode.ok;
}
