import { cardPercent } from './cardNumbers.js';
import { markdownCode, markdownText } from './markdownText.js';
import type { ModelFolder } from './modelFolder.js';
import { unknownFact, whyUnknown } from './unknownFact.js';

/**
 * The card's data section: the training file's digest, the date of training, the target's
 * definition, the columns left out, the missing-value tokens, rows and class balance by use, the
 * holdout, and every warning training raised about the data.
 */
export function dataSection(folder: ModelFolder): string[] {
  const { manifest, report } = folder;
  const unknown = unknownFact(folder);
  const code = (t: string) => markdownCode(t);
  const lines = ['## Data', ''];
  lines.push(`- Training data: ${report?.data === undefined ? unknown : `SHA-256 \`${report.data.sha256}\` (of the \`--data\` file as read)`}`);
  lines.push(
    `- Date of training: ${
      report?.trainedOn !== undefined
        ? report.trainedOn
        : report === undefined
          ? unknown
          : 'not recorded (`creditlift train --trained-on YYYY-MM-DD` records it; training reads no clock)'
    }`,
  );
  const target = manifest.target;
  const negative = report?.target?.negative;
  lines.push(
    `- Target: column ${code(target.column)}; label 1, the outcome whose probability the model gives, where the cell is ${code(target.positive)}; ` +
      `label 0 where it is ${negative === undefined ? `the other value (which one is unknown: ${whyUnknown(folder)})` : code(negative)}`,
  );
  const columns = report?.columns;
  lines.push(
    `- Columns left out (\`--exclude\`): ${columns === undefined ? unknown : columns.excluded.length === 0 ? 'none' : columns.excluded.map(code).join(', ')}`,
  );
  lines.push(
    `- Read as missing: ${columns === undefined ? unknown : `empty cells${columns.naTokens.length === 0 ? '' : ` and ${columns.naTokens.map(code).join(', ')} (any case)`}`}`,
  );
  lines.push('');
  lines.push(...balanceLines(folder));
  lines.push(...holdoutLines(folder), '');
  lines.push(...warningLines(folder));
  return lines;
}

/** Rows by use, with the count and share of label 1 in each: the class balance. */
function balanceLines(folder: ModelFolder): string[] {
  const { report, manifest } = folder;
  if (report === undefined) {
    const m = manifest.metrics;
    const rows =
      m?.trainRows === undefined ? '' : ` (the manifest records ${m.trainRows} training rows and ${m.holdoutRows ?? 'an unknown number of'} holdout rows)`;
    return [`Rows and class balance: ${unknownFact(folder)}${rows}.`, ''];
  }
  const label1 = `label 1 (${markdownCode(manifest.target.positive, true)})`;
  const lines = [`| rows | count | ${label1} | share of label 1 |`, '|---|---|---|---|'];
  const uses = [
    ['all rows of the file', 'total'],
    ['training split', 'train'],
    ['holdout', 'holdout'],
    ['rows the final model learned on', 'finalModel'],
  ] as const;
  for (const [label, key] of uses) {
    const n = report.rows[key];
    const p = report.positives?.[key];
    lines.push(`| ${label} | ${n} | ${p === undefined ? 'unknown' : p} | ${p === undefined ? 'unknown' : n === 0 ? 'none (no rows)' : cardPercent(p / n)} |`);
  }
  if (report.positives === undefined) lines.push('', `Class balance: ${unknownFact(folder)}.`);
  lines.push('');
  return lines;
}

/** How the holdout was drawn, or that there was none. */
function holdoutLines(folder: ModelFolder): string[] {
  const { manifest, report } = folder;
  const holdoutRows = report?.rows.holdout ?? manifest.metrics?.holdoutRows;
  if (holdoutRows === undefined) return [`- Holdout: ${unknownFact(folder)}`];
  if (holdoutRows === 0) return ['- Holdout: none. Every row trained the model, and no row measured it (`--validation-fraction` was 0).'];
  const { seed, validationFraction } = manifest.params;
  const drawn =
    typeof validationFraction === 'number'
      ? `a share of ${validationFraction} of the rows drawn at random (seed ${typeof seed === 'number' ? seed : 'unknown'}) from the same file`
      : 'drawn from the same file (how is not recorded)';
  const refit = report?.rounds.refit ?? manifest.params.refit === true;
  return [
    `- Holdout: ${holdoutRows} rows, ${drawn}; the metrics below are of a model that never trained on them.` +
      (refit ? ' The final model was then refit on every row, these included (`--refit`): it has no held-out measure of its own.' : ''),
  ];
}

/** Every warning training raised about the data, as the report words it. */
function warningLines(folder: ModelFolder): string[] {
  const { report } = folder;
  if (report === undefined) return [];
  if (report.warnings.length === 0) return ['Training raised no warning about the data.', ''];
  return [
    `Training raised ${report.warnings.length} warning(s) about the data (each also in \`training-report.json\`):`,
    '',
    ...report.warnings.map((w) => `- \`${w.code}\` on ${markdownCode(w.column)}: ${markdownText(w.message)}`),
    '',
  ];
}
