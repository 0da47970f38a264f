import type { Distribution } from '../distribution.js';
import { escapeHtml } from '../escapeHtml.js';
import { chartFrame, labelTextWidth, noData, PALETTE, px } from './chartFrame.js';
import { distinctLabels } from './distinctLabels.js';
import { niceTicks } from './niceTicks.js';

/** One row of a box plot: a label (the grade) and its distribution, if it has any values. */
export interface BoxRow {
  readonly label: string;
  readonly dist: Distribution | undefined;
}

const ROW = 34;
const TOP = 8;
const AXIS = 24;
const LABEL_W = 90;
// Room right of the plot for "median ¥17,000 (n 21,106)".
const VALUE_W = 190;

/**
 * Horizontal box plots on one shared axis: whiskers p10-p90, box p25-p75, a bar at the median and
 * a dot at the mean. Rows without values say so instead of drawing an empty box.
 */
export function boxPlotChart(o: {
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  readonly rows: readonly BoxRow[];
  readonly format: (x: number) => string;
  /** Drawing width in SVG units (about the pixels it takes). Default 1000. */
  readonly width?: number;
  /** `log` spreads values across decades (PDs from 0.5% to 90% side by side); default `linear`. */
  readonly scale?: 'linear' | 'log';
}): string {
  const WIDTH = o.width ?? 1000;
  // Never narrower than the longest label needs (a policy grade may be 16 characters: "deep-subprime"
  // was drawn right-aligned at 90 and cut), nor so wide the plot vanishes.
  const labelW = Math.min(Math.max(LABEL_W, ...o.rows.map((r) => labelTextWidth(r.label) + 12)), Math.round(WIDTH * 0.4));
  const plotW = WIDTH - labelW - VALUE_W;
  const height = TOP + Math.max(1, o.rows.length) * ROW + AXIS;
  const figures = o.rows.map((r): [string, string] => {
    const d = r.dist;
    return [
      r.label,
      d === undefined
        ? 'none'
        : `n ${d.n.toLocaleString('en-US')}, median ${o.format(d.p50)}, p25-p75 ${o.format(d.p25)}-${o.format(d.p75)}, p10-p90 ${o.format(d.p10)}-${o.format(d.p90)}, mean ${o.format(d.mean)}`,
    ];
  });
  const frame = (body: string) =>
    chartFrame({ id: o.id, title: o.title, ...(o.note === undefined ? {} : { note: o.note }), width: WIDTH, height, body, figures });
  const present = o.rows.filter((r) => r.dist !== undefined);
  if (present.length === 0) return frame(noData(WIDTH, height));
  const axis = o.scale === 'log' ? logAxis(present.map((r) => r.dist as Distribution)) : linearAxis(present.map((r) => r.dist as Distribution));
  const ticks = axis.ticks;
  const x = (v: number) => labelW + axis.position(v) * plotW;
  const axisY = TOP + o.rows.length * ROW;
  const parts: string[] = [];
  for (const t of ticks) {
    parts.push(
      `<line class="grid" x1="${px(x(t))}" y1="${TOP}" x2="${px(x(t))}" y2="${axisY}"/>`,
      `<text class="tick" x="${px(x(t))}" y="${axisY + 16}" text-anchor="middle">${escapeHtml(o.format(t))}</text>`,
    );
  }
  // Two grades with one long beginning stay two rows.
  const shown = distinctLabels(
    o.rows.map((r) => r.label),
    labelW - 12,
  );
  o.rows.forEach((r, i) => {
    const y = TOP + i * ROW;
    const mid = y + ROW / 2;
    parts.push(`<text class="label" x="${labelW - 8}" y="${px(mid + 4)}" text-anchor="end">${escapeHtml(shown[i] as string)}</text>`);
    const d = r.dist;
    if (d === undefined) {
      parts.push(`<text class="value" x="${labelW + 4}" y="${px(mid + 4)}">none</text>`);
      return;
    }
    const colour = PALETTE[i % PALETTE.length];
    const summary = `${r.label}: n ${d.n}, median ${o.format(d.p50)}, p25-p75 ${o.format(d.p25)}-${o.format(d.p75)}, p10-p90 ${o.format(d.p10)}-${o.format(d.p90)}, mean ${o.format(d.mean)}`;
    parts.push(
      `<g class="mark box" data-label="${escapeHtml(r.label)}" data-n="${d.n}" data-median="${d.p50}"><title>${escapeHtml(summary)}</title>`,
      `<line class="whisker" x1="${px(x(d.p10))}" y1="${px(mid)}" x2="${px(x(d.p90))}" y2="${px(mid)}" stroke="${colour}"/>`,
      `<rect x="${px(x(d.p25))}" y="${px(y + 7)}" width="${px(Math.max(1, x(d.p75) - x(d.p25)))}" height="${ROW - 14}" fill="${colour}" fill-opacity="0.35" stroke="${colour}"/>`,
      `<line class="median" x1="${px(x(d.p50))}" y1="${px(y + 5)}" x2="${px(x(d.p50))}" y2="${px(y + ROW - 5)}" stroke="${colour}" stroke-width="3"/>`,
      `<circle class="mean" cx="${px(x(d.mean))}" cy="${px(mid)}" r="3" fill="#fff" stroke="${colour}"/>`,
      `</g>`,
      `<text class="value" x="${px(labelW + plotW + 8)}" y="${px(mid + 4)}">${escapeHtml(`median ${o.format(d.p50)} (n ${d.n.toLocaleString('en-US')})`)}</text>`,
    );
  });
  return frame(parts.join('\n'));
}

interface Axis {
  readonly ticks: readonly number[];
  /** Where a value sits along the axis, 0..1, clamped. */
  position(v: number): number;
}

function linearAxis(ds: readonly Distribution[]): Axis {
  const ticks = niceTicks(Math.max(...ds.map((d) => d.p90)), 5);
  const end = ticks[ticks.length - 1] as number;
  return { ticks, position: (v) => (end > 0 ? Math.min(end, Math.max(0, v)) / end : 0) };
}

// The smallest value a log axis shows; anything below sits at its left edge (a PD under 0.01%).
const LOG_FLOOR = 1e-4;

function logAxis(ds: readonly Distribution[]): Axis {
  const lo = Math.floor(Math.log10(Math.max(LOG_FLOOR, Math.min(...ds.map((d) => d.p10)))));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(LOG_FLOOR, ...ds.map((d) => d.p90)))));
  const ticks: number[] = [];
  // Over three decades or more, 2x and 5x ticks crowd the labels; decades alone read fine.
  const steps = hi - lo >= 3 ? [1] : [1, 2, 5];
  for (let e = lo; e <= hi; e++) for (const m of steps) if (e < hi || m === 1) ticks.push(Number((m * 10 ** e).toPrecision(6)));
  return { ticks, position: (v) => Math.min(1, Math.max(0, (Math.log10(Math.max(LOG_FLOOR, v)) - lo) / (hi - lo))) };
}
