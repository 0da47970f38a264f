import { TRAINING_REPORT_FILE } from '../commands/trainingReport.js';
import type { ModelFolder } from './modelFolder.js';

/**
 * How a card states a fact of the training report the folder does not hold: a folder without a
 * report, or one written before creditlift recorded the fact. Never a default in its place.
 */
export function unknownFact(folder: ModelFolder): string {
  return `unknown (${whyUnknown(folder)})`;
}

/** Why a fact of the training report is unknown, for a card that words the fact itself. */
export function whyUnknown(folder: ModelFolder): string {
  return folder.report === undefined ? `the model folder has no ${TRAINING_REPORT_FILE}` : `${TRAINING_REPORT_FILE} does not record it`;
}
