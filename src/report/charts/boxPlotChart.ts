import type { Distribution } from '../distribution.js';
import { escapeHtml } from '../escapeHtml.js';
import { chartFrame, noData, PALETTE, px } from './chartFrame.js';
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
}): string {
  const WIDTH = o.width ?? 1000;
  const plotW = WIDTH - LABEL_W - 170;
  const height = TOP + Math.max(1, o.rows.length) * ROW + AXIS;
  const frame = (body: string) => chartFrame({ id: o.id, title: o.title, ...(o.note === undefined ? {} : { note: o.note }), width: WIDTH, height, body });
  const present = o.rows.filter((r) => r.dist !== undefined);
  if (present.length === 0) return frame(noData(WIDTH, height));
  const ticks = niceTicks(Math.max(...present.map((r) => (r.dist as Distribution).p90)), 5);
  const end = ticks[ticks.length - 1] as number;
  const x = (v: number) => LABEL_W + (end > 0 ? (Math.min(end, Math.max(0, v)) / end) * plotW : 0);
  const axisY = TOP + o.rows.length * ROW;
  const parts: string[] = [];
  for (const t of ticks) {
    parts.push(`<line class="grid" x1="${px(x(t))}" y1="${TOP}" x2="${px(x(t))}" y2="${axisY}"/>`, `<text class="tick" x="${px(x(t))}" y="${axisY + 16}" text-anchor="middle">${escapeHtml(o.format(t))}</text>`);
  }
  o.rows.forEach((r, i) => {
    const y = TOP + i * ROW;
    const mid = y + ROW / 2;
    parts.push(`<text class="label" x="${LABEL_W - 8}" y="${px(mid + 4)}" text-anchor="end">${escapeHtml(r.label)}</text>`);
    const d = r.dist;
    if (d === undefined) {
      parts.push(`<text class="value" x="${LABEL_W + 4}" y="${px(mid + 4)}">none</text>`);
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
      `<text class="value" x="${px(LABEL_W + plotW + 8)}" y="${px(mid + 4)}">${escapeHtml(`median ${o.format(d.p50)} (n ${d.n.toLocaleString('en-US')})`)}</text>`,
    );
  });
  return frame(parts.join('\n'));
}
