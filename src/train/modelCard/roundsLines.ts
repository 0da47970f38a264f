import type { ModelFolder } from './modelFolder.js';
import { unknownFact } from './unknownFact.js';

/**
 * The card's statement of how the final model's rounds came about: chosen by early stopping on the
 * holdout (its patience, the holdout's rows, share and seed, the rounds run and asked) or given, and
 * whether the final model was then refit on every row with that many. The manifest's parameter table
 * holds the settings given; this says what the run made of them.
 */
export function roundsLines(folder: ModelFolder): string[] {
  const { report, manifest } = folder;
  if (report === undefined) return [`Rounds picked and refit: ${unknownFact(folder)}.`, ''];
  const { picked, refit, asked, run, earlyStoppingRounds } = report.rounds;
  const refitWith = (n: number, how: string) => ` The final model was then refit on every row (${report.rows.finalModel}) with ${n}${how} (\`--refit\`).`;
  if (asked === undefined || run === undefined || earlyStoppingRounds === undefined)
    // A report written before the choice was recorded: its refit manifest lost the early-stopping settings.
    return [
      `Rounds kept: ${picked}${refit ? ', then refit on every row with that many rounds (`--refit`)' : ''}. Whether early stopping chose them: ${unknownFact(folder)}.`,
      '',
    ];
  if (earlyStoppingRounds === null)
    return [
      `Rounds: ${asked}, as given (no early stopping).${
        refit
          ? ` The model measured on the ${report.rows.holdout}-row holdout trained them on the training split; the final model was then refit on every row (${report.rows.finalModel}) with the same ${asked} (\`--refit\`).`
          : ''
      }`,
      '',
    ];
  const { validationFraction, seed } = manifest.params;
  const drawn =
    typeof validationFraction === 'number' ? `, a share of ${validationFraction} drawn with seed ${typeof seed === 'number' ? seed : 'unknown'}` : '';
  return [
    `Rounds: chosen by early stopping (stop after ${earlyStoppingRounds} rounds without a lower log-loss on the ${report.rows.holdout}-row holdout${drawn}): it ran ${run} of at most ${asked} rounds and chose ${picked}.${
      refit ? refitWith(picked, ' rounds and no early stopping') : ` The final model is the one it chose: its first ${picked} trees.`
    }`,
    '',
  ];
}
