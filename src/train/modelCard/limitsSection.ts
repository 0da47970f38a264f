import type { ModelFolder } from './modelFolder.js';
import { CREDITLIFT_TRAINER, trainerOf } from './trainerOf.js';
import { unknownFact } from './unknownFact.js';

/**
 * The card's limits: what the model was not validated on, read from how it was trained and
 * measured, and what it is for.
 */
export function limitsSection(folder: ModelFolder): string[] {
  const { manifest, report } = folder;
  const holdoutRows = report?.rows.holdout ?? manifest.metrics?.holdoutRows;
  const lines = ['## Limits: what the model was not validated on', ''];
  if (holdoutRows === 0) lines.push('- Nothing: no row was held out, so no figure above measures how it ranks or how well its probabilities hold.');
  else if (holdoutRows === undefined) lines.push(`- What it was validated on: ${unknownFact(folder)}.`);
  else {
    lines.push(
      '- It was measured only on rows drawn at random from the file it was trained on: not on a later period (no out-of-time',
      '  test), not on another portfolio, channel or product.',
    );
    const positives = report?.positives?.holdout;
    if (positives !== undefined) lines.push(`- Its holdout figures rest on ${positives} rows with label 1 and ${holdoutRows - positives} with label 0.`);
  }
  lines.push(
    '- It learned, and was measured, only on rows with an outcome: applicants whose outcome the data does not hold (declined',
    '  applicants among them) were in neither.',
    trainerOf(manifest) === CREDITLIFT_TRAINER
      ? '- Values outside the training ranges above were never seen in training; `creditlift predict` scores a category'
      : '- Values outside the ranges above may never have been seen in training; `creditlift predict` scores a category',
    "  outside a feature's list as missing, and warns of it.",
    '- creditlift measured no outcome by group for it (see the section above).',
    '- Its probability is one input to a credit policy that also checks affordability and the caps in force: it is not an',
    '  approval on its own.',
    '',
  );
  return lines;
}
