import { refuseArguments, schemaIssues } from '../../errors/argumentIssues.js';
import { dataSection } from './dataSection.js';
import { featuresSection } from './featuresSection.js';
import { limitsSection } from './limitsSection.js';
import { markdownText } from './markdownText.js';
import { ModelFolder } from './modelFolder.js';
import { modelSection } from './modelSection.js';
import { parameterTableLines } from './parameterTable.js';
import { protectedDataSection } from './protectedDataSection.js';
import { roundsLines } from './roundsLines.js';
import { validationSection } from './validationSection.js';

/**
 * Renders the model card of a model `creditlift train` made (or any model folder): the model file
 * and its SHA-256, the data (digest, date of training, target, rows and class balance, warnings),
 * the features (types, monotone constraints, ranges, sources), the hyper-parameters, the holdout's
 * AUC, KS, Brier score and log-loss and its calibration, the protected-characteristic and banned-
 * data rules as the engine enforces them, the limits of the model, and the creditlift versions.
 *
 * Every figure is read from `folder`; a fact it does not hold (a report written before creditlift
 * recorded it, no report at all) is written as unknown, never filled in. Markdown; the same folder
 * gives the same bytes. The default model's own card is `renderModelCard`'s.
 *
 * @throws ValidationError (subject `renderTrainedModelCard`) naming every field of `folder` that is
 *   not as {@link ModelFolder} says, a report naming another model's SHA-256 included (`model_mismatch`)
 * @example
 * const card = renderTrainedModelCard(readModelFolder('model'));
 */
export function renderTrainedModelCard(folder: ModelFolder): string {
  refuseArguments('renderTrainedModelCard', [schemaIssues(['folder'], folder, ModelFolder)]);
  const { manifest } = folder;
  const lines = [...modelSection(folder), ...dataSection(folder), ...featuresSection(folder)];
  lines.push(...protectedDataSection(folder));
  lines.push('## Hyper-parameters', '', ...parameterTableLines(manifest.params, markdownText), '');
  lines.push(...roundsLines(folder));
  lines.push(...validationSection(folder), ...limitsSection(folder));
  return lines.join('\n');
}
