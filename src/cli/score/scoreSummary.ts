import type { Decision } from '../../decision/decision.js';
import type { DecisionErrorData } from '../../decision/toErrorData.js';
import { fromUnits, RATE_UNITS } from '../../common/exactSum.js';
import {
  averageCostAboveAlert,
  averageCostOfNewLines,
  emptyNewLineCostTally,
  tallyNewLineCost,
  type NewLineCostFacts,
  type NewLineCostTally,
} from '../../policy/averageCostOfNewLines.js';
import { defaultPolicy } from '../../policy/defaultPolicy.js';
import { formatRmb } from '../../report/formatMoney.js';
import type { LenientCellCount } from '../../csv/lenientCells.js';

/** Upper bounds (fen, inclusive) of the limit bands the summary counts; the last band is open. */
export const LIMIT_BANDS_FEN: readonly number[] = [0, 100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000];

/** Counts of a score run, as plain data (`--json-summary` prints it). */
export interface ScoreSummary {
  /** Records read this run (skipped ones excluded): `decisions + rejected + undecided`. */
  recordsIn: number;
  decisions: number;
  rejected: number;
  /**
   * Records read but left without an answer line: their chunk failed for good (`score --queue`, a
   * worker refused it or it failed every attempt). `--resume` decides them. Always 0 in process.
   */
  undecided: number;
  /** Records skipped because the output already answered them (`--resume`). */
  skipped: number;
  outcomes: { approve: number; refer: number; decline: number };
  /** Decisions per limit band; `label` reads like "¥1,000-¥2,000". */
  limitBands: { label: string; upToFen: number | null; count: number }[];
  /** Total of limits granted or proposed, fen. */
  limitTotalFen: number;
  /** Rejections by error code. */
  errorCodes: Record<string, number>;
  /** Wall-clock seconds of the run, when a clock was given. */
  seconds: number | null;
  /**
   * New lines (approved, no line before): the limit-weighted average of the dearest plan each
   * offers (the revolving line or an instalment plan, every fee included: `highestPlanCost`),
   * against the policy's alert threshold (guidance from 2026: at most 20%). `aprTimesLimitSum` is
   * the exact sum the average is taken from (that cost x limit in fen), as a number.
   */
  newLines: { count: number; limitTotalFen: number; aprTimesLimitSum: number; averageApr: number | null; alertAbove: number; aboveAlert: boolean };
  /**
   * A CSV book's cells read leniently, as `train` counts them (`cells_trimmed`: a number or boolean
   * read without its surrounding whitespace, or a JSON cell without the spaces and tabs around it; `numbers_with_leading_zeros`: `007` read as 7), per
   * column, with the first line; over every row of the input read, rows a resumed run skipped
   * included. Empty for NDJSON.
   */
  lenientCells: LenientCellCount[];
}

/**
 * Each summary's new lines, summed exactly (part BigInt: the summary itself stays plain JSON data), so
 * its average and alert do not depend on the order the records came in.
 */
const newLineTallies = new WeakMap<ScoreSummary, NewLineCostTally>();

/** An empty summary. */
export function emptyScoreSummary(averageCostAlertAbove = DEFAULT_AVERAGE_COST_ALERT): ScoreSummary {
  const s: ScoreSummary = {
    recordsIn: 0,
    decisions: 0,
    rejected: 0,
    undecided: 0,
    skipped: 0,
    outcomes: { approve: 0, refer: 0, decline: 0 },
    limitBands: [...LIMIT_BANDS_FEN, null].map((up, i) => ({ label: bandLabel(i), upToFen: up, count: 0 })),
    limitTotalFen: 0,
    errorCodes: {},
    seconds: null,
    newLines: { count: 0, limitTotalFen: 0, aprTimesLimitSum: 0, averageApr: null, alertAbove: averageCostAlertAbove, aboveAlert: false },
    lenientCells: [],
  };
  newLineTallies.set(s, emptyNewLineCostTally());
  return s;
}

/** Default threshold of the average comprehensive cost of new lines (the 2026 guidance, 20%). */
export const DEFAULT_AVERAGE_COST_ALERT = defaultPolicy.pricing.averageCostAlertAbove;

function bandLabel(i: number): string {
  if (i === 0) return '¥0';
  const lo = LIMIT_BANDS_FEN[i - 1] as number;
  const hi = LIMIT_BANDS_FEN[i];
  return hi === undefined ? `over ${formatRmb(lo)}` : `${formatRmb(lo)}-${formatRmb(hi)}`;
}

/** Counts one decision into the summary. */
export function countDecision(
  s: ScoreSummary,
  d: Pick<Decision, 'outcome' | 'limit'> & Pick<NewLineCostFacts, 'previousLimit' | 'plans' | 'highestPlanCost'>,
): void {
  // One measure for score, report and simulate (src/policy/averageCostOfNewLines.ts).
  const n = s.newLines;
  let t = newLineTallies.get(s);
  if (t === undefined) {
    // A summary not made by emptyScoreSummary: only an empty one can be counted on exactly.
    if (n.count !== 0) throw new RangeError('countDecision: a summary with new lines must come from emptyScoreSummary');
    newLineTallies.set(s, (t = emptyNewLineCostTally()));
  }
  if (tallyNewLineCost(t, d)) {
    n.count = t.count;
    n.limitTotalFen = t.limitTotalFen;
    n.aprTimesLimitSum = fromUnits(t.aprUnitsTimesLimitFen, RATE_UNITS);
    n.averageApr = averageCostOfNewLines(t);
    n.aboveAlert = averageCostAboveAlert(n.averageApr, n.alertAbove);
  }
  s.recordsIn++;
  s.decisions++;
  s.outcomes[d.outcome]++;
  s.limitTotalFen += d.limit;
  let band = LIMIT_BANDS_FEN.findIndex((up) => d.limit <= up);
  if (band < 0) band = LIMIT_BANDS_FEN.length;
  (s.limitBands[band] as { count: number }).count++;
}

/** Counts one rejected record into the summary. */
export function countRejection(s: ScoreSummary, e: DecisionErrorData): void {
  s.recordsIn++;
  s.rejected++;
  s.errorCodes[e.code] = (s.errorCodes[e.code] ?? 0) + 1;
}

/** Counts `n` records read but left without an answer (a chunk of a queue run that failed for good). */
export function countUndecided(s: ScoreSummary, n: number): void {
  s.recordsIn += n;
  s.undecided += n;
}

function pct(n: number, of: number): string {
  return of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`;
}

/** The summary as a few aligned lines for a terminal. */
export function formatScoreSummary(s: ScoreSummary, where: { readonly out: string; readonly errors: string }): string {
  const rate = s.seconds !== null && s.seconds > 0 ? ` (${Math.round(s.recordsIn / s.seconds).toLocaleString('en-US')} records/s)` : '';
  const time = s.seconds === null ? '' : ` in ${s.seconds.toFixed(1)} s${rate}`;
  const n = (x: number) => x.toLocaleString('en-US').padStart(9);
  const lines = [
    `creditlift score: ${s.recordsIn.toLocaleString('en-US')} records read${time}`,
    `  decisions ${n(s.decisions)}   -> ${where.out}`,
    `  rejected  ${n(s.rejected)}   -> ${where.errors}${
      s.rejected > 0
        ? `   (${Object.entries(s.errorCodes)
            .map(([c, k]) => `${c} ${k}`)
            .join(', ')})`
        : ''
    }`,
  ];
  if (s.undecided > 0) lines.push(`  undecided ${n(s.undecided)}   (their chunks failed for good; --resume decides them)`);
  if (s.skipped > 0) lines.push(`  skipped   ${n(s.skipped)}   (already in the output; resumed)`);
  if (s.lenientCells.length > 0) {
    const cells = (code: string) => s.lenientCells.filter((c) => c.code === code).reduce((k, c) => k + c.count, 0);
    const parts = [
      ...(cells('cells_trimmed') > 0 ? [`${cells('cells_trimmed').toLocaleString('en-US')} with surrounding whitespace`] : []),
      ...(cells('numbers_with_leading_zeros') > 0 ? [`${cells('numbers_with_leading_zeros').toLocaleString('en-US')} with leading zeros`] : []),
    ];
    lines.push(`  lenient   ${parts.join(', ')} (cells read as numbers, booleans or JSON; the warnings name the columns)`);
  }
  if (s.decisions > 0) {
    const o = s.outcomes;
    lines.push(`  outcomes  approve ${pct(o.approve, s.decisions)}, refer ${pct(o.refer, s.decisions)}, decline ${pct(o.decline, s.decisions)}`);
    const granted = s.decisions - s.limitBands[0]!.count;
    lines.push(
      `  limits    total ${formatRmb(s.limitTotalFen)}, mean of non-zero ${granted > 0 ? formatRmb(Math.round(s.limitTotalFen / granted / 100) * 100) : '-'}`,
    );
    if (s.newLines.averageApr !== null) {
      const nl = s.newLines;
      lines.push(
        `  new lines ${nl.count.toLocaleString('en-US')}, average comprehensive cost ${(nl.averageApr! * 100).toFixed(2)}% (limit-weighted, the dearest plan each new line offers)${nl.aboveAlert ? `   ABOVE the ${(nl.alertAbove * 100).toFixed(2)}% threshold` : ''}`,
      );
    }
    const width = Math.max(...s.limitBands.map((b) => b.label.length));
    const top = Math.max(...s.limitBands.map((b) => b.count));
    for (const b of s.limitBands) {
      const bar = '#'.repeat(top === 0 ? 0 : Math.round((30 * b.count) / top));
      lines.push(`    ${b.label.padEnd(width)} ${n(b.count)} ${pct(b.count, s.decisions).padStart(6)} ${bar}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
