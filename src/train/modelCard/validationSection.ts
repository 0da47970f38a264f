import { calibrationTableLines } from './calibrationTable.js';
import { cardNumber } from './cardNumbers.js';
import { holdoutMetricsTableLines } from './holdoutMetricsTable.js';
import { markdownCode } from './markdownText.js';
import type { ModelFolder } from './modelFolder.js';
import { unknownFact, whyUnknown } from './unknownFact.js';

// Metrics the sections name in words; any other the manifest holds is listed as recorded.
const NAMED_METRICS = new Set(['holdoutAuc', 'holdoutKs', 'holdoutBrier', 'holdoutLogLoss', 'holdoutRows', 'trainRows', 'refitRows', 'trees']);

/**
 * The card's validation section: the holdout's AUC, KS, Brier score and log-loss as the manifest
 * records them (or why there are none), every other metric it records, and the holdout's
 * calibration from the training report.
 */
export function validationSection(folder: ModelFolder): string[] {
  const { manifest, report } = folder;
  const m = manifest.metrics ?? {};
  const holdoutRows = report?.rows.holdout ?? m.holdoutRows;
  const lines = ['## Validation on the holdout', ''];
  if (holdoutRows === 0) {
    lines.push('None: no row was held out, so the model was not validated and has no AUC, KS or log-loss.', '');
  } else {
    if (holdoutRows === undefined) lines.push(`Holdout rows: ${unknownFact(folder)}.`, '');
    else {
      const positives = report?.positives?.holdout;
      lines.push(`On the ${holdoutRows} holdout rows${positives === undefined ? '' : `, ${positives} of them label 1`}:`, '');
    }
    const oneOutcome = m.holdoutBrier !== undefined && m.holdoutAuc === undefined;
    lines.push(
      ...holdoutMetricsTableLines(
        { auc: m.holdoutAuc, ks: m.holdoutKs, brier: m.holdoutBrier, logLoss: m.holdoutLogLoss },
        oneOutcome ? 'not computed (the holdout holds one outcome only)' : 'not recorded in the manifest',
      ),
      '',
    );
    if (report?.rounds.refit ?? manifest.params.refit === true)
      lines.push(
        `These figures, and the calibration below, are of the model ${measuredModel(folder)}. The final model was refit on every row${m.refitRows === undefined ? '' : ` (${m.refitRows})`}, the`,
        'holdout included, so it has no held-out figures of its own.',
        '',
      );
  }
  const others = Object.entries(m).filter(([k]) => !NAMED_METRICS.has(k));
  if (others.length > 0) {
    lines.push('Other metrics the manifest records:', '', '| metric | value |', '|---|---|');
    for (const [k, v] of others) lines.push(`| ${markdownCode(k, true)} | ${cardNumber(v, 5)} |`);
    lines.push('');
  }
  lines.push('### Calibration by decile of predicted probability', '');
  if (report?.calibration !== undefined)
    lines.push(...calibrationTableLines(report.calibration, { rows: 'rows', predicted: 'probability', observed: 'observed share of label 1' }), '');
  else if (holdoutRows === 0) lines.push('None: there is no holdout to measure it on.', '');
  else lines.push(`Not known: ${whyUnknown(folder)}.`, '');
  return lines;
}

/** Which model the holdout measured when the final one was refit: the one early stopping ran, or one of the same settings. */
function measuredModel(folder: ModelFolder): string {
  const chosenBy = folder.report?.rounds.earlyStoppingRounds;
  if (chosenBy === null) return 'trained on the training split with the same settings';
  if (chosenBy !== undefined) return 'early stopping chose the rounds with';
  return 'trained on the training split before the refit';
}
