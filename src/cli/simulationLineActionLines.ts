import { formatRmb } from '../report/formatMoney.js';
import { LINE_ACTIONS, lineActionChanges, type LineActionFigures } from '../simulate/lineActions.js';
import type { SimulationSummary } from '../simulate/simulationAccumulator.js';
import { describeSimulationPaths, priorOrigin } from '../simulate/simulationPaths.js';

/** Line-action changes `creditlift simulate` prints; the rest are in the JSON and the HTML. */
const CHANGES_PRINTED = 6;

const count = (n: number) => n.toLocaleString('en-US');

/** A side's line actions, those that occur, in the schema's order: `raise 111, keep 1, lower 63`. */
function actions(f: LineActionFigures): string {
  const named = LINE_ACTIONS.filter((a) => f.counts[a] > 0).map((a) => `${a} ${count(f.counts[a])}`);
  return named.length === 0 ? '-' : named.join(', ');
}

function movedDown(f: LineActionFigures): string {
  return `${count(f.lowered.lines)} lowered (${formatRmb(f.lowered.fen)} off), ${count(f.closed.lines)} closed (${formatRmb(f.closed.fen)})`;
}

function held(f: LineActionFigures): string {
  return `${count(f.held.lines)}${f.held.lines === 0 ? '' : ` (${formatRmb(f.held.fen)} held, ${formatRmb(f.held.aboveGrantable)} above what may be granted)`}`;
}

/**
 * The lines of `creditlift simulate`'s output that say which path each side ran and what it does to
 * the lines on file: an outcome swap of `approve -> approve` alone hid the lines a candidate lowers
 * (decide) or holds for review (reassess).
 */
export function simulationLineActionLines(s: SimulationSummary): string {
  const l = s.lineActions;
  const changes = lineActionChanges(l.swap);
  const shown = changes.slice(0, CHANGES_PRINTED).map((c) => `${c.baseline}->${c.candidate} ${count(c.count)}`);
  const anyHeld = l.baseline.held.lines + l.candidate.held.lines > 0;
  return (
    `paths: ${describeSimulationPaths(s.paths)}\n` +
    (l.prior === null
      ? ''
      : `prior (${s.paths.prior === 'baseline_decide' ? 'each record decided under the baseline' : priorOrigin(s.paths.prior)}) line actions: ${actions(l.prior)}; ${movedDown(l.prior)}\n`) +
    `line actions baseline: ${actions(l.baseline)}\n` +
    `line actions candidate: ${actions(l.candidate)}\n` +
    `lines moved down: baseline ${movedDown(l.baseline)}; candidate ${movedDown(l.candidate)}\n` +
    (anyHeld || s.paths.mode === 'reassess' ? `lines held for review: baseline ${held(l.baseline)}; candidate ${held(l.candidate)}\n` : '') +
    `line-action changes (baseline->candidate): ${shown.length === 0 ? 'none' : shown.join(', ')}${changes.length > shown.length ? `, and ${changes.length - shown.length} more in the summary` : ''}\n`
  );
}
