import type { LineAction } from '../decision/decision.js';
import { escapeHtml } from '../report/escapeHtml.js';
import { formatRmb } from '../report/formatMoney.js';
import { htmlTable } from '../report/htmlPage.js';
import { LINE_ACTIONS, type LineActionFigures, type LineActionSummary } from './lineActions.js';
import { describePriorSources, type PriorSources } from './priorSources.js';
import { describeSimulationPaths, priorOrigin, type SimulationPaths } from './simulationPaths.js';
import { STORED_PRIOR_REFUSALS } from './storedPrior.js';

/** What each line action means for the customer's line, as the report's rows name it. */
const MEANING: Readonly<Record<LineAction, string>> = {
  open: 'open: a new line opened',
  raise: 'raise: the line raised',
  keep: 'keep: the line kept as it is',
  lower: 'lower: the line lowered',
  close: 'close: the line closed',
  hold: "hold: the line held for a person's review (above what may be granted)",
  review: 'review: referred, a person decides',
  none: 'none: no line (declined, none before)',
};

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The paragraph that says which call each side ran, read before the swap set, and where the priors
 * came from (`reassess`), or the stored priors `decide` did not read, flagged.
 */
export function simulationPathsHtml(paths: SimulationPaths, priors: PriorSources): string {
  const sources = describePriorSources(paths.mode, priors);
  const flagged = paths.mode === 'decide' || STORED_PRIOR_REFUSALS.some((r) => priors.refused[r] > 0);
  return `<p class="paths" data-paths="${paths.mode}"><strong>Paths:</strong> ${escapeHtml(describeSimulationPaths(paths))}.</p>${
    sources === null
      ? ''
      : `\n<p class="note" data-priors="${paths.prior ?? 'unread'}">${flagged ? '<span class="flag">Stored decisions:</span> ' : '<strong>Priors:</strong> '}${escapeHtml(sources)}.</p>`
  }`;
}

/**
 * The line-action swap (the baseline's line action by the candidate's), beside the outcome swap
 * set: only the actions that occur on each side, so `keep -> hold` stands out of an
 * `approve -> refer` cell and `keep -> lower` out of an `approve -> approve` one.
 */
export function lineActionSwapHtml(l: LineActionSummary, B: string, C: string): string {
  const rows = LINE_ACTIONS.filter((a) => l.baseline.counts[a] > 0);
  const cols = LINE_ACTIONS.filter((a) => l.candidate.counts[a] > 0);
  return `${htmlTable(
    // 'swap' for its diagonal's shading, as the outcome swap set's.
    'swap line-action-swap',
    ['', ...cols.map((c) => `${c} under candidate`), 'total'],
    rows.map((b) => [
      `${b} under baseline`,
      ...cols.map((c) => ({ html: count(l.swap[b][c]), ...(b === c ? { cls: 'diag' } : {}) })),
      count(l.baseline.counts[b]),
    ]),
  )}
<p class="note">Line actions: rows under ${escapeHtml(B)}, columns under ${escapeHtml(C)}; only the actions that occur are shown. Off the diagonal are the lines the sides treat differently: <code>keep</code> → <code>lower</code> is a line the baseline keeps and the candidate lowers, <code>keep</code> → <code>hold</code> one it holds for review.</p>`;
}

/** Each side's line actions, and the lines it raises, lowers, closes and holds with their RMB. */
export function lineActionTableHtml(l: LineActionSummary, B: string, C: string, prior: SimulationPaths['prior'] = null): string {
  const origin = priorOrigin(prior);
  const sides: [string, LineActionFigures][] = [
    ...(l.prior === null ? [] : [[`prior (${origin ?? priorOrigin('baseline_decide')})`, l.prior] as [string, LineActionFigures]]),
    [B, l.baseline],
    [C, l.candidate],
  ];
  const row = (label: string, f: (x: LineActionFigures) => string) => [label, ...sides.map(([, x]) => f(x))];
  return `${htmlTable(
    'line-actions',
    ['line action', ...sides.map(([name]) => name)],
    [
      ...LINE_ACTIONS.map((a) => row(MEANING[a], (x) => count(x.counts[a]))),
      row('RMB added to lines raised', (x) => formatRmb(x.raised.fen)),
      row('RMB taken off lines lowered', (x) => formatRmb(x.lowered.fen)),
      row('RMB of lines closed', (x) => formatRmb(x.closed.fen)),
      row('RMB of lines held for review', (x) => formatRmb(x.held.fen)),
      row('of which above what may be granted today', (x) => formatRmb(x.held.aboveGrantable)),
    ],
  )}
<p class="note">What each side does with the customer's line on file (the decision's <code>lineAction</code>), counted over the records decided under both. <code>decide</code> re-underwrites a line and may lower or close it (your act, with notice); <code>reassess</code> never lowers one automatically: a line above what may be granted is held and referred to a person.${
    l.prior === null
      ? ''
      : prior === 'stored'
        ? ' The prior column is what the decision stored with each record (<code>prior</code>, the line the lender holds) did to the line before it: both sides reassess from the line it left.'
        : prior === 'stored_or_baseline_decide'
          ? " The prior column is what each record's prior did to the line before it: the decision stored with the record (<code>prior</code>), or, where it carries none, the record decided under the baseline (from the book's <code>platform.currentLimit</code>); both sides reassess from the line it left."
          : ' The prior column is what deciding each record under the baseline did to the line the book carried (<code>platform.currentLimit</code>): both sides reassess from that line.'
  }</p>`;
}
