import { deepFreeze } from '../common/deepFreeze.js';
import { lineChart } from '../report/charts/lineChart.js';
import { OUTCOME_COLOURS } from '../report/charts/chartFrame.js';
import { escapeHtml } from '../report/escapeHtml.js';
import { fairOutcomesTables } from '../report/fairOutcomesTable.js';
import { fixedBesideThresholds } from '../report/formatBesideThresholds.js';
import { formatPercent, formatRmb } from '../report/formatMoney.js';
import { htmlPage, htmlTable } from '../report/htmlPage.js';
import { refuseArguments, schemaIssues } from '../errors/argumentIssues.js';
import { isStrings, readReportMeta, reportResultIssues } from '../report/reportArguments.js';
import type { FigureStability } from './monitorAccumulator.js';
import { isBeyondNoise } from './samplingNoise.js';
import { MonitorSummaryFigures } from './monitorSummarySchema.js';
import type { MonitorResult } from './runMonitor.js';
import { ACT_ABOVE, stabilityBand, WATCH_FROM } from './stabilityIndex.js';

/** Charts every monitor report contains (one more per feature and factor measured). */
export const MONITOR_CHART_IDS = deepFreeze(['psi-score', 'approval-rate', 'outcome-mix', 'mean-pd'] as const);

const THRESHOLDS = [
  { value: WATCH_FROM, label: 'watch 0.10', colour: '#E69F00' },
  { value: ACT_ABOVE, label: 'act 0.25', colour: '#D55E00' },
];

/** A stability index as printed beside its band: three decimals, more when rounding would reach a band edge. */
export function formatStabilityIndex(index: number): string {
  return fixedBesideThresholds(index, 3, [WATCH_FROM, ACT_ABOVE]);
}

function psiChart(f: FigureStability, periods: readonly string[]): string {
  const byPeriod = new Map(f.byPeriod.map((p) => [p.period, p]));
  return lineChart({
    id: `psi-${f.kind === 'score' ? 'score' : `${f.kind}-${f.name}`}`,
    title: `${f.kind === 'score' ? 'Score' : f.kind === 'feature' ? 'Feature' : 'Factor'} ${f.kind === 'score' ? 'PSI' : f.kind === 'feature' ? `${f.name}: PSI` : `${f.name}: CSI`} by period (overall ${f.index === null ? '-' : formatStabilityIndex(f.index)}, ${f.band ?? 'no data'})`,
    x: periods,
    lines: [{ label: f.name, values: periods.map((p) => byPeriod.get(p)?.index ?? null) }],
    formatTick: (y) => y.toFixed(2),
    // The band beside each period's index (the threshold lines say it only to those who see them),
    // with the period's records, and whether its shift is more than a period that size makes by chance.
    formatValue: (index, i) => {
      const p = byPeriod.get(periods[i] as string);
      const band = stabilityBand(index);
      const noise = p === undefined || band === 'stable' || isBeyondNoise(p.noise) ? '' : ', within sampling noise';
      return `${formatStabilityIndex(index)} (${band}${noise}; ${p?.count ?? 0} records)`;
    },
    thresholds: THRESHOLDS,
  });
}

function bandCell(f: FigureStability): { html: string; cls?: string } {
  if (f.band === null) return { html: '-' };
  // In a band but not flagged: the book is too small to tell the shift from sampling noise.
  if (f.band !== 'stable' && !isBeyondNoise(f.noise)) return { html: `${escapeHtml(f.band)} (within sampling noise)` };
  return { html: escapeHtml(f.band), cls: f.band };
}

/**
 * The monitor as one self-contained HTML document: a line chart per monitored figure (score PSI,
 * approval rate, outcome mix, mean PD, and each feature's PSI and each factor's CSI by period), each
 * with its figures by period in a table,
 * the table of flagged figures, every figure's index and band, and fair outcomes by group.
 *
 * @throws ValidationError (subject `buildMonitorHtml`) naming each field of `result` that is not
 *   as a monitor result holds it (`monitorApplicants`, `monitorDecisions`, or an accumulator's
 *   `finish()` as its `summary`), and each field of `meta` that is not text
 */
export function buildMonitorHtml(result: MonitorResult, given: { readonly title?: string; readonly source?: string } = {}): string {
  const metaRead = readReportMeta(given, ['title', 'source']);
  const meta = metaRead.value;
  refuseArguments('buildMonitorHtml', [
    reportResultIssues(result, (v) => schemaIssues([], v, MonitorSummaryFigures), 'monitorApplicants, monitorDecisions or a monitor accumulator'),
    typeof result !== 'object' || result === null || isStrings(result.warnings)
      ? undefined
      : { path: ['result', 'warnings'], code: 'invalid_type', message: 'warnings must be an array of strings' },
    metaRead.issues,
  ]);
  const s = result.summary;
  const periods = s.timeline.map((t) => t.period);
  const figures = [s.score, ...(s.features ?? []), ...(s.factors ?? [])];
  const flaggedRows = s.flagged.map((f) => [f.kind, f.name, formatStabilityIndex(f.index), { html: escapeHtml(f.band), cls: f.band }]);
  const body = `<section class="kpis">
<div class="kpi"><b>${result.records.toLocaleString('en-US')}</b><span>records read</span></div>
<div class="kpi"><b>${s.observations.toLocaleString('en-US')}</b><span>measured</span></div>
<div class="kpi"><b>${result.errors.toLocaleString('en-US')}</b><span>not measured (errors)</span></div>
<div class="kpi"><b>${s.score.index === null ? '-' : formatStabilityIndex(s.score.index)}</b><span>score PSI (${escapeHtml(s.score.band ?? 'no data')})</span></div>
<div class="kpi"><b>${s.flagged.length}</b><span>figures flagged</span></div>
<div class="kpi"><b class="${s.worstBand === 'act' ? 'flag' : ''}">${escapeHtml(s.worstBand)}</b><span>worst band</span></div>
</section>
${result.warnings.map((w) => `<p class="note">Note: ${escapeHtml(w)}</p>`).join('\n')}
<h2>Flagged figures</h2>
${flaggedRows.length === 0 ? (s.withinNoise.length === 0 ? '<p>None: every figure is in the stable band (PSI under 0.10).</p>' : '<p>None beyond sampling noise: the figures in the watch or act band are listed below as within sampling noise.</p>') : htmlTable('flagged', ['kind', 'figure', 'index', 'band'], flaggedRows)}
<p class="note">Bands: under 0.10 stable, 0.10 to 0.25 watch, above 0.25 act. Features and the score: population stability index against the baseline's bins; factors: the same index on the factor's TreeSHAP contribution (log-odds), the characteristic stability.</p>
<h2>Over time (by ${escapeHtml(s.period)} of asOf)</h2>
<div class="grid2">
${psiChart(s.score, periods)}
${lineChart({ id: 'approval-rate', title: 'Approval rate', x: periods, lines: [{ label: 'approval rate', values: s.timeline.map((t) => t.approvalRate), colour: OUTCOME_COLOURS.approve }], formatTick: (y) => formatPercent(y, 0), formatValue: (y) => formatPercent(y, 1) })}
${lineChart({ id: 'outcome-mix', title: 'Outcome mix', x: periods, lines: (['approve', 'refer', 'decline'] as const).map((o) => ({ label: o, values: s.timeline.map((t) => t.outcomes[o] / t.count), colour: OUTCOME_COLOURS[o] })), formatTick: (y) => formatPercent(y, 0), formatValue: (y) => formatPercent(y, 1) })}
${lineChart({ id: 'mean-pd', title: 'Mean 12-month PD', x: periods, lines: [{ label: 'mean PD', values: s.timeline.map((t) => t.meanPd) }], formatTick: (y) => formatPercent(y, 1), formatValue: (y) => formatPercent(y, 2) })}
</div>
${htmlTable(
  'timeline',
  ['period', 'decisions', 'approve', 'refer', 'decline', 'approval rate', 'mean PD', 'mean limit (approved)'],
  s.timeline.map((t) => [
    t.period,
    t.count.toLocaleString('en-US'),
    t.outcomes.approve.toLocaleString('en-US'),
    t.outcomes.refer.toLocaleString('en-US'),
    t.outcomes.decline.toLocaleString('en-US'),
    formatPercent(t.approvalRate, 1),
    formatPercent(t.meanPd, 2),
    t.meanLimit === null ? '-' : formatRmb(Math.round(t.meanLimit / 100) * 100),
  ]),
)}
<h2>Every figure</h2>
${htmlTable(
  'figures',
  ['kind', 'figure', 'index', 'band'],
  figures.map((f) => [f.kind, f.name, f.index === null ? '-' : formatStabilityIndex(f.index), bandCell(f)]),
)}
${s.features === null ? '' : `<h2>Feature stability by period</h2>\n<div class="grid2">\n${s.features.map((f) => psiChart(f, periods)).join('\n')}\n</div>`}
${s.factors === null ? '' : `<h2>Factor stability by period</h2>\n<div class="grid2">\n${s.factors.map((f) => psiChart(f, periods)).join('\n')}\n</div>`}
<h2>Fair outcomes by group</h2>
${s.fairness === null ? '<p class="note">Needs the applicants (region, city tier, age): run monitor on the applicants file.</p>' : `<p class="note">Adverse impact ratio = the group's approval rate / the best-treated group's; below 0.8 is flagged (decided exactly on the counts, shown beside each flag); a flag is a prompt to look, not a verdict, the more so on a small group. Applicants under 18 (declined by law) are set aside in every dimension.</p>\n${fairOutcomesTables(s.fairness)}`}`;
  return htmlPage({
    title: meta.title ?? 'creditlift monitoring report',
    meta: [meta.source === undefined ? undefined : `Source: ${meta.source}`, `Model: ${s.modelId}`].filter((x): x is string => x !== undefined),
    body,
  });
}
