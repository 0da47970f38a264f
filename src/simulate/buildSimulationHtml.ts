import { deepFreeze } from '../common/deepFreeze.js';
import { refuseArguments } from '../errors/argumentIssues.js';
import { barChart } from '../report/charts/barChart.js';
import { OUTCOME_COLOURS, PALETTE } from '../report/charts/chartFrame.js';
import { shareBar } from '../report/charts/shareBar.js';
import { escapeHtml } from '../report/escapeHtml.js';
import { fairOutcomesTables } from '../report/fairOutcomesTable.js';
import { percentBesideThresholds } from '../report/formatBesideThresholds.js';
import { formatPercent, formatRmb } from '../report/formatMoney.js';
import { htmlPage, htmlTable } from '../report/htmlPage.js';
import { madeSummaryIssues, readReportMeta, reportResultIssues } from '../report/reportArguments.js';
import type { ArmFigures } from './armFigures.js';
import { OUTCOMES } from './decisionFacts.js';
import type { SimulationResult, SimulationSide } from './runSimulation.js';
import { alertThresholdMoved } from './alertThresholdMoved.js';
import { isSimulationSummary, type AverageCostAlert, type SimulationSummary } from './simulationAccumulator.js';
import { terminalText } from '../text/terminalText.js';
import { lineActionSwapHtml, lineActionTableHtml, simulationPathsHtml } from './lineActionsHtml.js';
import type { SimulationPaths } from './simulationPaths.js';

/** The ids of the charts every simulation report contains, in page order. */
export const SIMULATION_CHART_IDS = deepFreeze([
  'outcomes-baseline',
  'outcomes-candidate',
  'approval-by-segment',
  'limit-change',
  'binding-baseline',
  'binding-candidate',
] as const);

/** Names the simulation report shows in its header. */
export interface SimulationReportMeta {
  readonly title?: string;
  /** The book's file name. */
  readonly source?: string;
  /** What each arm is ("default policy", "policy tighter-dsr.json"). */
  readonly baselineLabel?: string;
  readonly candidateLabel?: string;
  /** The errors file's name, shown beside its count (a reader of the page otherwise cannot tell which file holds the records that failed). */
  readonly errorsFile?: string;
}

/** The header's words for where the reassessments' priors came from (by `paths.prior`). */
const PRIOR_META: Readonly<Record<NonNullable<SimulationPaths['prior']> | 'none', string>> = {
  none: '',
  baseline_decide: ', each from the record decided under the baseline',
  stored: ', each from the decision stored with the record',
  stored_or_baseline_decide: ', each from the decision stored with the record, or the record decided under the baseline',
};

const HALF = 520;
const count = (n: number) => n.toLocaleString('en-US');
// Whole yuan: these are portfolio figures, and fen of an expected loss are noise.
const rmb = (fen: number | null) => (fen === null ? '-' : formatRmb(Math.round(fen / 100) * 100));
const pct = (x: number | null, d = 2) => (x === null ? 'n/a' : formatPercent(x, d));

/** A side's model, policy and catalog by their hashes (the first 12 hex digits), as its decisions' audits name them. */
function sideText(side: SimulationSide | undefined): string {
  if (side === undefined) return '';
  return ` (model ${side.model.id}, sha256 ${side.model.sha256.slice(0, 12)}; policy ${side.policyHash.slice(0, 12)}; catalog ${side.catalogHash.slice(0, 12)})`;
}

function kpi(value: string, label: string): string {
  return `<div class="kpi"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
}

/** The average comprehensive cost of new lines, with "ABOVE the N% threshold" when the side's policy flags it. */
function newLineCost(x: ArmFigures, alert: AverageCostAlert): string | { html: string } {
  const figure = costBeside(x.averageCostOfNewLines, alert);
  if (!alert.aboveAlert) return figure;
  return { html: `${escapeHtml(figure)} <span class="flag">ABOVE the ${escapeHtml(formatPercent(alert.alertAbove, 0))} threshold</span>` };
}

/** The average cost of new lines with enough digits to show which side of its threshold it is on. */
function costBeside(x: number | null, alert: AverageCostAlert): string {
  return x === null ? 'n/a' : percentBesideThresholds(x, 2, [alert.alertAbove]);
}

/** The KPI of the guidance figure, both sides, marked when either is above its policy's threshold. */
function averageCostKpi(s: SimulationSummary): string {
  const { baseline: b, candidate: c } = s.totals;
  const above = (['baseline', 'candidate'] as const).filter((side) => s.averageCostAlert[side].aboveAlert);
  const moved = alertThresholdMoved(s);
  const label = `average comprehensive cost of new lines (limit-weighted)${above.map((side) => `: ${side} ABOVE the ${formatPercent(s.averageCostAlert[side].alertAbove, 0)} threshold`).join('')}${moved === undefined ? '' : `; ${moved.text}`}`;
  return `<div class="kpi${above.length > 0 || moved?.passesOther === true ? ' alert' : ''}" data-kpi="average-cost"><b>${escapeHtml(`${costBeside(b.averageCostOfNewLines, s.averageCostAlert.baseline)} → ${costBeside(c.averageCostOfNewLines, s.averageCostAlert.candidate)}`)}</b><span>${escapeHtml(label)}</span></div>`;
}

/** The assumptions of challenger arms deciding live, when a side has any: their decisions are counted under them. */
function armAssumptionsNote(s: SimulationSummary, B: string, C: string): string {
  const parts = (['baseline', 'candidate'] as const).flatMap((side) =>
    Object.entries(s.assumptions.arms?.[side] ?? {}).map(
      ([arm, a]) => `${side === 'baseline' ? B : C}, arm ${arm}: LGD ${a.lgd}, utilisation ${a.utilisation}`,
    ),
  );
  return parts.length === 0
    ? ''
    : ` Challenger arms deciding live are counted under their own policy's assumptions (${escapeHtml(parts.join('; '))}); the figures above are the side's (its champion's).`;
}

function armRows(b: ArmFigures, c: ArmFigures, alert: SimulationSummary['averageCostAlert']): (string | { html: string })[][] {
  const row = (label: string, f: (x: ArmFigures) => string) => [label, f(b), f(c)];
  return [
    row('decided', (x) => count(x.decided)),
    row('approved', (x) => count(x.outcomes.approve)),
    row('referred', (x) => count(x.outcomes.refer)),
    row('declined', (x) => count(x.outcomes.decline)),
    row('approval rate', (x) => pct(x.approvalRate, 1)),
    row('total limit (approved)', (x) => rmb(x.totalLimit)),
    row('mean limit (approved)', (x) => rmb(x.meanLimit)),
    row('mean APR', (x) => pct(x.meanApr)),
    [
      'average comprehensive cost of new lines (limit-weighted, dearest plan each offers: the 20% guidance figure)',
      newLineCost(b, alert.baseline),
      newLineCost(c, alert.candidate),
    ],
    row('new lines (approved, no line before)', (x) => count(x.newLines)),
    row('mean comprehensive cost of the revolving line, every approval (unweighted)', (x) => pct(x.meanComprehensiveCost)),
    row('expected loss (PD x LGD x exposure)', (x) => rmb(x.expectedLoss)),
    row('expected interest income', (x) => rmb(x.expectedInterestIncome)),
  ];
}

/**
 * The simulation as one self-contained HTML document (inline CSS and SVG, no script, no external
 * asset): the paths each side ran, swap set, line actions and their swap, totals, segments, limit
 * changes, binding constraints, backtest and fair outcomes. Deterministic: the same result gives the same bytes.
 *
 * @throws ValidationError (subject `buildSimulationHtml`) naming `result` when it is not a
 *   simulation result (its `summary` one the engine made: `runSimulation`, `simulateBook` or an
 *   accumulator's `finish()`), and each field of `meta` that is not text
 */
export function buildSimulationHtml(result: SimulationResult, given: SimulationReportMeta = {}): string {
  const metaRead = readReportMeta(given, ['title', 'source', 'baselineLabel', 'candidateLabel', 'errorsFile']);
  const meta = metaRead.value;
  refuseArguments('buildSimulationHtml', [
    reportResultIssues(
      result,
      madeSummaryIssues(isSimulationSummary, 'runSimulation, simulateBook or a simulation accumulator'),
      'runSimulation, simulateBook or a simulation accumulator',
    ),
    metaRead.issues,
  ]);
  const s = result.summary;
  const b = s.totals.baseline;
  const c = s.totals.candidate;
  // "baseline" and "candidate" lead each name: two files of one name (or labels a caller made
  // alike) once gave two identical captions, column heads and fairness headings.
  const B = meta.baselineLabel === undefined ? 'baseline' : `baseline · ${meta.baselineLabel}`;
  const C = meta.candidateLabel === undefined ? 'candidate' : `candidate · ${meta.candidateLabel}`;
  const swapRows = OUTCOMES.map((bo) => [
    `${bo} under baseline`,
    ...OUTCOMES.map((co) => ({
      html: `${count(s.swapSet.counts[bo][co])} <span class="note">(${formatPercent(s.swapSet.shares[bo][co], 1)})</span>`,
      ...(bo === co ? { cls: 'diag' } : {}),
    })),
    count(OUTCOMES.reduce((t, co) => t + s.swapSet.counts[bo][co], 0)),
  ]);
  const segRows = s.segments.map((g) => [
    g.dimension,
    g.group,
    count(g.baseline.decided),
    pct(g.baseline.approvalRate, 1),
    pct(g.candidate.approvalRate, 1),
    rmb(g.baseline.meanLimit),
    rmb(g.candidate.meanLimit),
    rmb(g.baseline.totalLimit),
    rmb(g.candidate.totalLimit),
    pct(g.baseline.meanApr),
    pct(g.candidate.meanApr),
    pct(g.baseline.averageCostOfNewLines),
    pct(g.candidate.averageCostOfNewLines),
    rmb(g.baseline.expectedLoss),
    rmb(g.candidate.expectedLoss),
    rmb(g.baseline.expectedInterestIncome),
    rmb(g.candidate.expectedInterestIncome),
  ]);
  const bindingBars = (list: typeof s.bindingConstraints.baseline) =>
    list.map((x) => ({ label: x.name, value: x.count, text: `${count(x.count)} (${formatPercent(x.share, 1)})` }));
  const approvalBars = s.segments.flatMap((g) => [
    { label: `${g.group} · baseline`, value: g.baseline.approvalRate ?? 0, text: pct(g.baseline.approvalRate, 1), colour: PALETTE[0] as string },
    { label: `${g.group} · candidate`, value: g.candidate.approvalRate ?? 0, text: pct(g.candidate.approvalRate, 1), colour: PALETTE[1] as string },
  ]);
  const backtest =
    s.backtest === null
      ? '<p class="note">No outcomes were given (--outcomes): no backtest.</p>'
      : htmlTable(
          'backtest',
          ['baseline', 'candidate', 'with outcome', 'defaults', 'realised default rate'],
          s.backtest.cells.map((x) => [x.baseline, x.candidate, count(x.observed), count(x.defaults), pct(x.defaultRate)]),
        ) +
        `<p class="note">${count(s.backtest.observed)} decided record(s) with a known outcome, ${count(s.backtest.unobserved)} without.${
          s.backtest.outcomes !== undefined && s.backtest.outcomes.unmatched > 0
            ? ` <strong>${count(s.backtest.outcomes.unmatched)} of ${count(s.backtest.outcomes.given)} outcomes matched no record decided under both</strong> (${escapeHtml(
                s.backtest.outcomes.unmatchedIds.map((id) => terminalText(JSON.stringify(id.slice(0, 64)))).join(', '),
              )}${s.backtest.outcomes.unmatched > s.backtest.outcomes.unmatchedIds.length ? ', ...' : ''}).`
            : ''
        }</p>`;
  const arms =
    Object.keys(s.arms.baseline).length + Object.keys(s.arms.candidate).length === 0
      ? ''
      : `<h2>Champion/challenger arms named in the decisions</h2>\n${htmlTable('arms', ['side', 'arm', 'decisions'], [...Object.entries(s.arms.baseline).map(([a, n]) => [B, a, count(n)]), ...Object.entries(s.arms.candidate).map(([a, n]) => [C, a, count(n)])])}`;

  const body = `<section class="kpis">
${kpi(count(result.records), 'records in the book')}
${kpi(count(s.decided), 'decided under both')}
${kpi(count(result.errors), meta.errorsFile === undefined ? 'in the errors file' : `in the errors file ${meta.errorsFile}`)}
${kpi(count(s.flips), 'outcome flips')}
${kpi(`${pct(b.approvalRate, 1)} → ${pct(c.approvalRate, 1)}`, 'approval rate')}
${kpi(`${rmb(b.totalLimit)} → ${rmb(c.totalLimit)}`, 'total approved limit')}
${averageCostKpi(s)}
${kpi(`${rmb(b.expectedLoss)} → ${rmb(c.expectedLoss)}`, 'expected loss')}
${kpi(`${rmb(b.expectedInterestIncome)} → ${rmb(c.expectedInterestIncome)}`, 'expected interest income')}
${kpi(`${count(s.lineActions.baseline.lowered.lines + s.lineActions.baseline.closed.lines)} → ${count(s.lineActions.candidate.lowered.lines + s.lineActions.candidate.closed.lines)}`, 'existing lines lowered or closed')}
${kpi(`${count(s.lineActions.baseline.held.lines)} → ${count(s.lineActions.candidate.held.lines)}`, "lines held for a person's review")}
</section>
<h2>Swap set</h2>
${simulationPathsHtml(s.paths, s.priors)}
${htmlTable('swap', ['', 'approve under candidate', 'refer under candidate', 'decline under candidate', 'total'], swapRows)}
<p class="note">Rows: outcome under ${escapeHtml(B)}; columns: under ${escapeHtml(C)}. Shares of the ${count(s.decided)} records decided under both. Off the diagonal are the flips (listed by id in the flips file).</p>
${shareBar({ id: 'outcomes-baseline', title: `Outcomes: ${B}`, shares: OUTCOMES.map((o) => ({ label: o, count: b.outcomes[o], colour: OUTCOME_COLOURS[o] })) })}
${shareBar({ id: 'outcomes-candidate', title: `Outcomes: ${C}`, shares: OUTCOMES.map((o) => ({ label: o, count: c.outcomes[o], colour: OUTCOME_COLOURS[o] })) })}
<h2>Line actions: what each side does with the lines on file</h2>
${lineActionSwapHtml(s.lineActions, B, C)}
${lineActionTableHtml(s.lineActions, B, C, s.paths.prior)}
<h2>Totals</h2>
${htmlTable('totals', ['figure', B, C], armRows(b, c, s.averageCostAlert))}
<p class="note">Limits, APR, costs, loss and income are over approved decisions. Exposure = limit x utilisation (${escapeHtml(String(s.assumptions.baseline.utilisation))} / ${escapeHtml(String(s.assumptions.candidate.utilisation))}); LGD ${escapeHtml(String(s.assumptions.baseline.lgd))} / ${escapeHtml(String(s.assumptions.candidate.lgd))}; interest income = APR x exposure x (1 - PD).${armAssumptionsNote(s, B, C)} The average comprehensive cost of new lines is the figure the 2026 guidance is about, computed as <code>creditlift score</code> and <code>report</code> compute it (approved, no line before, weighted by limit, each new line at the dearest plan it offers: the revolving line or an instalment plan, every fee included, since a customer may take any of them) and flagged above each side's <code>pricing.averageCostAlertAbove</code> (${escapeHtml(formatPercent(s.averageCostAlert.baseline.alertAbove, 2))} / ${escapeHtml(formatPercent(s.averageCostAlert.candidate.alertAbove, 2))}); the plain mean of the revolving line's cost over every approval (raises and keeps of existing lines included) is shown for comparison. "n/a": nothing approved, no new line, or no revolving line offered.</p>
<h2>By segment</h2>
${barChart({ id: 'approval-by-segment', title: 'Approval rate by segment (blue: baseline, orange: candidate)', bars: approvalBars, formatTick: (x) => formatPercent(x, 0), labelWidth: 240 })}
<div class="scroll">${htmlTable('segments', ['dimension', 'group', 'decided', 'approval B', 'approval C', 'mean limit B', 'mean limit C', 'total limit B', 'total limit C', 'APR B', 'APR C', 'new-line cost B', 'new-line cost C', 'EL B', 'EL C', 'income B', 'income C'], segRows)}</div>
<p class="note">B: ${escapeHtml(B)}; C: ${escapeHtml(C)}. New-line cost: average comprehensive cost of new lines, limit-weighted, at the dearest plan each offers; EL: expected loss; income: expected interest income; all over approved decisions.</p>
<h2>Limit changes</h2>
${barChart({ id: 'limit-change', title: `Limit change, ${C} minus ${B} (limits as decided: 0 on decline)`, bars: s.limitChange.bands.map((x, i) => ({ label: x.label, value: x.count, text: count(x.count), colour: PALETTE[i < 3 ? 3 : i === 3 ? 7 : 2] as string })), formatTick: count, labelWidth: 220 })}
<p class="note">${count(s.limitChange.gained)} gain (mean ${rmb(s.limitChange.meanGain)}, total ${rmb(s.limitChange.totalGain)}); ${count(s.limitChange.lost)} lose (mean ${rmb(s.limitChange.meanLoss)}, total ${rmb(s.limitChange.totalLoss)}); ${count(s.limitChange.unchanged)} unchanged.</p>
<h2>What set the limit (approve and refer)</h2>
<div class="grid2">
${barChart({ id: 'binding-baseline', title: B, bars: bindingBars(s.bindingConstraints.baseline), formatTick: count, labelWidth: 120, width: HALF })}
${barChart({ id: 'binding-candidate', title: C, bars: bindingBars(s.bindingConstraints.candidate), formatTick: count, labelWidth: 120, width: HALF })}
</div>
<h2>Backtest: realised default rate by swap-set cell</h2>
${backtest}
<h2>Fair outcomes by group</h2>
<p class="note">Approval rate and mean approved limit by group; adverse impact ratio = the group's approval rate / the best-treated group's. Below 0.8 is flagged (four-fifths rule), decided exactly on the counts shown beside each flag; a flag is a prompt to look, not a verdict, the more so on a small group. Region and age are model inputs and can act as proxies. Applicants under 18 (declined by law) are set aside in every dimension.</p>
<div class="cols2"><div>
${fairOutcomesTables(s.fairness.baseline, `${B}: `)}
</div><div>
${fairOutcomesTables(s.fairness.candidate, `${C}: `)}
</div></div>
${arms}`;
  return htmlPage({
    title: meta.title ?? 'creditlift policy simulation',
    meta: [
      meta.source === undefined ? undefined : `Book: ${meta.source}`,
      `Baseline: ${meta.baselineLabel ?? 'baseline'}${sideText(result.provenance?.baseline)}`,
      `Candidate: ${meta.candidateLabel ?? 'candidate'}${sideText(result.provenance?.candidate)}`,
      `Paths: baseline ${s.paths.baseline}, candidate ${s.paths.candidate}${PRIOR_META[s.paths.prior ?? 'none']}`,
      result.provenance === undefined ? undefined : `Engine: creditlift ${result.provenance.engineVersion}`,
    ].filter((x): x is string => x !== undefined),
    body,
  });
}
