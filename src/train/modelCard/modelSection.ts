import { MODEL_FILE_IN_FOLDER } from '../../model/modelFilePath.js';
import { DEFAULT_MODEL_SHA256 } from '../../model/defaultModelSha256.js';
import { ENGINE_VERSION } from '../../version.js';
import { TRAINING_REPORT_FILE } from '../commands/trainingReport.js';
import { markdownCode } from './markdownText.js';
import { MODEL_CARD_FILE, type ModelFolder } from './modelFolder.js';
import { CREDITLIFT_TRAINER, IMPORTED_TRAINER, trainerOf } from './trainerOf.js';
import { unknownFact } from './unknownFact.js';

/** The card's title, what it is read from, and the model: file, digest, output, trainer, versions. */
export function modelSection(folder: ModelFolder): string[] {
  const { manifest, report } = folder;
  const code = (t: string) => markdownCode(t);
  const lines = [
    `# Model card: ${code(manifest.name)} ${code(manifest.version)}`,
    '',
    `Rendered by creditlift ${ENGINE_VERSION} from the model folder: every figure is read from the manifest inside`,
    `\`${MODEL_FILE_IN_FOLDER}\` and from \`${TRAINING_REPORT_FILE}\`, and a fact they do not hold is written as unknown.`,
    `\`creditlift train\` writes this card as \`${MODEL_CARD_FILE}\`; \`creditlift model card FOLDER\` prints it again.`,
    '',
  ];
  if (folder.modelSha256 === DEFAULT_MODEL_SHA256)
    lines.push(
      "**This is creditlift's shipped default model**, trained on synthetic data. Its own card,",
      '`models/default/MODEL_CARD.md`, describes its data and validation; this one holds only what the folder records.',
      '',
    );
  lines.push('## Model', '');
  lines.push(`- File: \`${MODEL_FILE_IN_FOLDER}\` (${folder.modelBytes} bytes), SHA-256 \`${folder.modelSha256}\``);
  lines.push(
    `- Output: ${code(manifest.probabilityOutputName)} column 1 = the probability that ${code(manifest.target.column)} is ${code(manifest.target.positive)}` +
      (trainerOf(manifest) === IMPORTED_TRAINER
        ? ' (as the import spec declared; `model import` records column `target`, value `1` when the spec names none)'
        : ''),
  );
  lines.push(`- Input: ${code(manifest.inputName)}, ${manifest.features.length} features (below)`);
  const trees = manifest.metrics?.trees;
  lines.push(`- Trees: ${trees === undefined ? 'unknown (the manifest does not record them)' : String(trees)}`);
  lines.push(`- Trainer: ${trainerLine(folder)}`);
  lines.push(`- Trained by: ${report?.engine === undefined ? unknownFact(folder) : `creditlift ${code(report.engine.version)}`}`);
  lines.push(
    `- \`manifest.json\`: ${folder.manifestFile === 'matches' ? `the same as the manifest inside \`${MODEL_FILE_IN_FOLDER}\`` : `absent; the manifest inside \`${MODEL_FILE_IN_FOLDER}\` is read`}`,
  );
  lines.push(
    `- \`${TRAINING_REPORT_FILE}\`: ${
      report === undefined
        ? 'absent: the facts only training knows (data, class balance, calibration) are unknown'
        : report.model === undefined
          ? `present, but it does not name the model it was written with (written before creditlift recorded that): read as this model's`
          : `written with this \`${MODEL_FILE_IN_FOLDER}\` (it names its SHA-256)`
    }`,
  );
  lines.push('');
  return lines;
}

function trainerLine(folder: ModelFolder): string {
  const { params } = folder.manifest;
  const trainer = trainerOf(folder.manifest);
  if (trainer === undefined) return 'unknown (the manifest does not record it)';
  if (trainer === CREDITLIFT_TRAINER)
    return `\`${CREDITLIFT_TRAINER}\`, creditlift's gradient-boosted trees (\`creditlift train\`)${typeof params.objective === 'string' ? `, objective ${markdownCode(params.objective)}` : ''}`;
  if (trainer === IMPORTED_TRAINER) {
    const from = typeof params.sourceProducer === 'string' ? ` from ${markdownCode(params.sourceProducer)}` : ' (producer not recorded)';
    return `imported with \`creditlift model import\`${from}: not trained by creditlift, so its data and validation are not known to creditlift`;
  }
  return `${markdownCode(trainer)}, as the manifest records it`;
}
