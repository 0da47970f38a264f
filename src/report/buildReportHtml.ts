import { defaultCatalog, type Catalog } from '../catalog/resolveCatalog.js';
import { averageCostAboveAlert } from '../policy/averageCostOfNewLines.js';
import { defaultPolicy } from '../policy/defaultPolicy.js';
import type { DecisionLimitSetBy } from '../decision/decision.js';
import { percentBesideThresholds } from './formatBesideThresholds.js';
import { formatPercent, formatRmb } from './formatMoney.js';
import { barChart } from './charts/barChart.js';
import { boxPlotChart } from './charts/boxPlotChart.js';
import { OUTCOME_COLOURS, PALETTE } from './charts/chartFrame.js';
import { shareBar } from './charts/shareBar.js';
import { escapeHtml } from './escapeHtml.js';
import { htmlPage } from './htmlPage.js';
import type { ReportData } from './reportData.js';

/**
 * How the page counted, said under the figures: each application (line) once, at its latest
 * decision, and how many decisions that left out; decisions whose seal failed are named by the
 * warnings. A customer's history read as so many applications gave "4 decisions, 50% approved" for
 * one customer holding nothing.
 */
function countingNote(data: ReportData): string {
  const superseded = data.superseded ?? 0;
  const refused = data.sealRefused?.count ?? 0;
  const text =
    superseded === 0
      ? 'Counted: each decision as one application (no decision of this file follows another).'
      : `Counted: each application once, at its latest decision. ${superseded.toLocaleString('en-US')} earlier decision(s) that a later decision of this file follows (names in audit.priorDecisionId: a reassessment, a reduction, a contest or a review) are not counted, so a customer's chain of decisions is one line; one that opened a line still counts among the new lines whose average comprehensive cost is shown, at the terms it opened on.`;
  const sealed = refused === 0 ? '' : ` ${refused.toLocaleString('en-US')} decision(s) whose seal failed are left out (see the warning).`;
  return `<p class="note" data-counting>${escapeHtml(text + sealed)}</p>`;
}

/** Principal reasons the chart draws; the table lists them all. */
const CHART_REASONS = 12;

/** Names the report shows in its header. */
export interface ReportMeta {
  /** Page title; default "creditlift portfolio report". */
  readonly title?: string;
  /** Where the decisions came from (a file name). */
  readonly source?: string;
  /** Threshold of the average comprehensive cost of new lines; above it the figure is flagged. Default 20%. */
  readonly averageCostAlertAbove?: number;
  /** Warnings shown under the figures, one paragraph each (the run is incomplete; the threshold's policy is not the decisions'). */
  readonly warnings?: readonly string[];
  /** The catalog certificate kinds are named from (a lender's own kinds by their names). Default: the default catalog. */
  readonly catalog?: Catalog;
  /**
   * The grades in risk order, lowest risk first (the policy's `grades`): rows and tables follow it;
   * grades it lacks come after, in label order. Default: label order.
   */
  readonly gradeOrder?: readonly string[];
}

/** The ids of the charts every report contains, in page order. */
export const REPORT_CHART_IDS = [
  'outcomes',
  'limit-by-grade',
  'pd-by-grade',
  'grade-counts',
  'binding-constraints',
  'certificate-uplift',
  'principal-reasons',
  'rejections',
] as const;

// Drawing width of a chart in the two-column grid, in SVG units close to its pixels.
const HALF = 520;

// Policy binding-constraint codes as a risk manager reads them: every one a Decision carries (typed,
// so a new one is named here; a review's `person` was shown as its code).
const BINDING_NAMES: Readonly<Record<DecisionLimitSetBy, string>> = {
  risk: 'risk (grade x income)',
  affordability: 'affordability',
  regulatory: 'regulatory per-borrower cap (own lines)',
  lender_cap: "lender's own per-borrower cap",
  product_max: 'product maximum',
  self_cap: "customer's own cap",
  requested: 'amount requested',
  // A raise of an existing line (platform.currentLimit), on a first decision as on a reassessment.
  step_limit: 'step limit on raising a line',
  knockout: 'knock-out rule',
  product_minimum: 'below the product minimum',
  line_on_file: 'line on file held for review',
  person: "a person's review, below what the policy grants",
};
const bindingNameOf = (code: string): string => (BINDING_NAMES as Readonly<Record<string, string>>)[code] ?? code;

/**
 * Names of the constraints in decisions sealed by the released 0.1.0, where they meant another cap:
 * its `regulatory` was 200,000 RMB less the borrower's other consumer-finance balances (other lenders'
 * too), where today's counts this lender's own lines. The rest meant what they mean now.
 */
const EARLIER_RELEASE_BINDING_NAMES: Readonly<Record<string, string>> = {
  regulatory: 'regulatory cap less other consumer-finance balances',
};

/** A binding constraint's name on the page; an earlier release's by what it meant then, marked with the release. */
function bindingName(b: ReportData['bindingConstraints'][number]): string {
  if (b.release === undefined) return bindingNameOf(b.name);
  return `${b.release}: ${EARLIER_RELEASE_BINDING_NAMES[b.name] ?? bindingNameOf(b.name)}`;
}

/** Average comprehensive cost of new lines, flagged (and marked for screen readers) above the threshold. */
function averageCostKpi(data: ReportData, alertAbove: number): string {
  const avg = data.newLines?.averageApr ?? null;
  if (avg === null) return kpi('-', 'average comprehensive cost of new lines');
  const above = averageCostAboveAlert(avg, alertAbove);
  return `<div class="kpi${above ? ' alert' : ''}" data-kpi="average-cost"><b>${escapeHtml(percentBesideThresholds(avg, 2, [alertAbove]))}</b><span>${escapeHtml(
    `average comprehensive cost of ${data.newLines?.count ?? 0} new lines (limit-weighted, the dearest plan each offers)${above ? `: ABOVE the ${formatPercent(alertAbove, 0)} threshold` : ''}`,
  )}</span></div>`;
}

function kpi(value: string, label: string): string {
  return `<div class="kpi"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
}

/**
 * The report as one self-contained HTML document: inline CSS and SVG, no script, no external
 * asset (a Content-Security-Policy forbids fetching any), so it opens offline and is safe to mail.
 * Deterministic: the same data gives the same bytes (no timestamp; pass one in `meta.title` if wanted).
 */
export function buildReportHtml(data: ReportData, meta: ReportMeta = {}): string {
  const title = meta.title ?? 'creditlift portfolio report';
  const o = data.outcomes;
  const decided = data.decisions;
  const pdN = data.grades.reduce((s, g) => s + (g.pd?.n ?? 0), 0);
  const meanPd = pdN === 0 ? undefined : data.grades.reduce((s, g) => s + (g.pd === undefined ? 0 : g.pd.mean * g.pd.n), 0) / pdN;
  const granted = o.approve + o.refer;
  const share = (n: number) => (decided === 0 ? '-' : formatPercent(n / decided, 1));
  const rmbTick = (fen: number) => formatRmb(Math.round(fen));
  const pdTick = (p: number) => `${Number((p * 100).toPrecision(2))}%`;
  // Risk order, not the alphabet: deep-subprime sorted before prime.
  const rank = new Map((meta.gradeOrder ?? []).map((g, i) => [g, i]));
  const byRisk = (g: { grade: string }) => rank.get(g.grade) ?? Number.MAX_SAFE_INTEGER;
  const grades = [...data.grades].sort((a, b) => byRisk(a) - byRisk(b));

  const charts = [
    shareBar({
      id: 'outcomes',
      title: 'Outcome shares',
      shares: (['approve', 'refer', 'decline'] as const).map((k) => ({ label: k, count: o[k], colour: OUTCOME_COLOURS[k] })),
    }),
    `<div class="grid2">`,
    boxPlotChart({
      id: 'limit-by-grade',
      title: 'Limit by grade (approve and refer)',
      note: 'Box: 25th-75th percentile; bar: median; dot: mean; whiskers: 10th-90th percentile.',
      rows: grades.map((g) => ({ label: `grade ${g.grade}`, dist: g.limit })),
      format: rmbTick,
      width: HALF,
    }),
    boxPlotChart({
      id: 'pd-by-grade',
      title: '12-month PD by grade (all decisions, log scale)',
      note: 'Model probability of default on a log scale; same box and whisker percentiles.',
      scale: 'log',
      rows: grades.map((g) => ({ label: `grade ${g.grade}`, dist: g.pd })),
      format: pdTick,
      width: HALF,
    }),
    `</div>`,
    `<div class="grid2">`,
    barChart({
      id: 'grade-counts',
      title: 'Decisions by grade',
      bars: grades.map((g, i) => ({
        label: `grade ${g.grade}`,
        value: g.count,
        text: `${g.count.toLocaleString('en-US')} (${share(g.count)})`,
        colour: PALETTE[i % PALETTE.length] as string,
      })),
      formatTick: (x) => x.toLocaleString('en-US'),
      labelWidth: 80,
      width: HALF,
    }),
    barChart({
      id: 'binding-constraints',
      title: 'What set the limit (approve and refer)',
      ...(data.bindingConstraints.some((b) => b.release !== undefined)
        ? {
            note: "Bars marked 0.1.0 are decisions sealed by the released 0.1.0, named by what the constraint meant then: its regulatory cap was 200,000 RMB less the borrower's other consumer-finance balances (today's counts this lender's own lines).",
          }
        : {}),
      bars: data.bindingConstraints.map((b) => ({
        label: bindingName(b),
        value: b.count,
        text: `${b.count.toLocaleString('en-US')} (${granted === 0 ? '-' : formatPercent(b.count / granted, 1)})`,
      })),
      formatTick: (x) => x.toLocaleString('en-US'),
      labelWidth: 190,
      width: HALF,
    }),
    `</div>`,
    barChart({
      id: 'certificate-uplift',
      title: 'Limit uplift by certificate kind (mean per decision holding it)',
      note: "From each decision's certificate impacts: the limit with the certificate minus the limit re-decided without it; PD in percentage points. Bars start at zero: a negative mean shows in its text only.",
      bars: data.certificates.map((c) => ({
        // The catalog's name for the kind (the lender's catalog given names its own kinds); a kind it does not know keeps its id.
        label: (meta.catalog ?? defaultCatalog).get(c.kind)?.names.en ?? c.kind,
        value: c.meanLimitGainFen,
        text: `${formatRmb(Math.round(c.meanLimitGainFen))} (n ${c.count.toLocaleString('en-US')}, PD -${(c.meanPdReduction * 100).toFixed(2)} pp)`,
        colour: PALETTE[2],
      })),
      formatTick: rmbTick,
      labelWidth: 200,
      valueWidth: 260,
    }),
    barChart({
      id: 'principal-reasons',
      // The chart shows the most frequent at a glance and says so; the table below lists every one.
      title: `Principal reasons given (declines and limits below the request)${data.reasons.length > CHART_REASONS ? `: the ${CHART_REASONS} most frequent of ${data.reasons.length}, every one in the table below` : ''}`,
      bars: data.reasons.slice(0, CHART_REASONS).map((r) => ({
        // The whole text: the chart cuts it to its room, keeping reasons with one beginning apart.
        label: r.en,
        value: r.count,
        text: `${r.count.toLocaleString('en-US')} (${r.source})`,
        colour: r.source === 'policy' ? PALETTE[3] : PALETTE[0],
      })),
      formatTick: (x) => x.toLocaleString('en-US'),
      labelWidth: 330,
    }),
    barChart({
      id: 'rejections',
      title: 'Records rejected, by error code',
      bars: data.errorCodes.map((e) => ({ label: e.code, value: e.count, text: e.count.toLocaleString('en-US'), colour: PALETTE[7] })),
      formatTick: (x) => x.toLocaleString('en-US'),
      labelWidth: 200,
    }),
  ];

  const gradeRows = grades
    .map(
      (g) =>
        `<tr><td>${escapeHtml(g.grade)}</td><td>${g.count.toLocaleString('en-US')}</td><td>${g.outcomes.approve.toLocaleString('en-US')}</td><td>${g.outcomes.refer.toLocaleString('en-US')}</td><td>${g.outcomes.decline.toLocaleString('en-US')}</td><td>${g.limit === undefined ? '-' : escapeHtml(formatRmb(Math.round(g.limit.p50)))}</td><td>${g.pd === undefined ? '-' : escapeHtml(formatPercent(g.pd.p50, 2))}</td></tr>`,
    )
    .join('\n');
  const reasonRows = data.reasons
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.en)}<br><span lang="zh-Hans">${escapeHtml(r.zhHans)}</span></td><td>${escapeHtml(r.code)}</td><td>${r.count.toLocaleString('en-US')}</td></tr>`,
    )
    .join('\n');
  const metaLine = [
    meta.source === undefined ? undefined : `Source: ${meta.source}`,
    data.models.length === 0 ? undefined : `Model: ${data.models.join(', ')}`,
    data.asOf === null
      ? undefined
      : data.asOf.from === data.asOf.to
        ? `Decision date: ${data.asOf.from}`
        : `Decision dates: ${data.asOf.from} to ${data.asOf.to}`,
  ].filter((x) => x !== undefined);

  return htmlPage({
    title,
    meta: metaLine,
    body: `<section class="kpis">
${kpi(decided.toLocaleString('en-US'), 'decisions')}
${kpi(share(o.approve), 'approved')}
${kpi(share(o.decline), 'declined')}
${kpi(formatRmb(data.limitTotalFen), 'total limit granted or proposed')}
${kpi(granted === 0 ? '-' : formatRmb(Math.round(data.limitTotalFen / granted / 100) * 100), 'mean limit (approve and refer)')}
${kpi(meanPd === undefined ? '-' : formatPercent(meanPd, 2), 'mean 12-month PD')}
${kpi(data.rejected.toLocaleString('en-US'), 'records rejected')}
${averageCostKpi(data, meta.averageCostAlertAbove ?? defaultPolicy.pricing.averageCostAlertAbove)}
</section>
${countingNote(data)}
${(meta.warnings ?? []).map((w) => `<p class="note warning" data-warning>${escapeHtml(w)}</p>`).join('\n')}
${charts.join('\n')}
<h2>By grade</h2>
<table class="grades"><thead><tr><th>grade</th><th>decisions</th><th>approve</th><th>refer</th><th>decline</th><th>median limit</th><th>median PD</th></tr></thead>
<tbody>
${gradeRows}
</tbody></table>
<h2>Principal reasons</h2>
<table class="reasons"><thead><tr><th>reason</th><th>code</th><th>decisions</th></tr></thead>
<tbody>
${reasonRows}
</tbody></table>
${
  data.arms.length === 0
    ? ''
    : `<h2>By champion/challenger arm</h2>
<table class="arms"><thead><tr><th>arm</th><th>decisions</th><th>approved</th><th>approval rate</th><th>total limit</th></tr></thead>
<tbody>
${data.arms.map((a) => `<tr><td>${escapeHtml(a.arm)}</td><td>${a.count.toLocaleString('en-US')}</td><td>${a.approve.toLocaleString('en-US')}</td><td>${escapeHtml(formatPercent(a.approve / a.count, 1))}</td><td>${escapeHtml(formatRmb(a.limitTotalFen))}</td></tr>`).join('\n')}
</tbody></table>`
}
${data.unreadable > 0 ? `<p class="note">${data.unreadable.toLocaleString('en-US')} line(s) of the input were not read as a decision or an error line and were left out: each reason is named, with its first lines, in the warnings above.</p>` : ''}`,
  });
}
