import { escapeHtml } from '../escapeHtml.js';
import { chartFrame, noData, PALETTE, px } from './chartFrame.js';
import { niceTicks } from './niceTicks.js';

/** One line: a value per x label (null leaves a gap). */
export interface Line {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly colour?: string;
}

const TOP = 10;
const BOTTOM = 40;
const LEFT = 60;
const RIGHT = 20;

/**
 * A line chart over ordered x labels (periods), y axis from 0, optional horizontal reference
 * lines (thresholds). Each point is a data mark (`class="mark"`) with its value in a tooltip; a
 * single period still shows as dots. Its figures follow in a table (a row per x label, a column per
 * line, "-" where a line has no value) in a closed "Figures" disclosure.
 */
export function lineChart(o: {
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  readonly x: readonly string[];
  readonly lines: readonly Line[];
  readonly formatTick: (y: number) => string;
  /**
   * A value as its tooltip and the figures table print it (more precise than an axis tick), given
   * its place on the x axis. Default `formatTick`.
   */
  readonly formatValue?: (y: number, xIndex: number) => string;
  /** What the x labels are, heading the figures table's first column. Default "period". */
  readonly xName?: string;
  readonly thresholds?: readonly { readonly value: number; readonly label: string; readonly colour: string }[];
  readonly width?: number;
  readonly height?: number;
}): string {
  const width = o.width ?? 520;
  const height = o.height ?? 220;
  const legendH = o.lines.length > 1 ? 18 : 0;
  const formatValue = o.formatValue ?? o.formatTick;
  const shown = (v: number | null | undefined, i: number) => (v === null || v === undefined || !Number.isFinite(v) ? '-' : formatValue(v, i));
  // The figures as a table, a row per x label: the drawing's text alternative, and the numbers for anyone.
  const figureGrid = {
    corner: o.xName ?? 'period',
    columns: o.lines.map((l) => l.label),
    rows: o.x.map((label, i) => [label, ...o.lines.map((l) => shown(l.values[i], i))]),
  };
  const frame = (body: string) =>
    chartFrame({ id: o.id, title: o.title, ...(o.note === undefined ? {} : { note: o.note }), width, height: height + legendH, body, figureGrid });
  const values = o.lines.flatMap((l) => l.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  if (o.x.length === 0 || values.length === 0) return frame(noData(width, height));
  const ticks = niceTicks(Math.max(...values, ...(o.thresholds ?? []).map((t) => t.value)), 4);
  const top = ticks[ticks.length - 1] as number;
  const plotW = width - LEFT - RIGHT;
  const plotH = height - TOP - BOTTOM;
  const x = (i: number) => LEFT + (o.x.length === 1 ? plotW / 2 : (i / (o.x.length - 1)) * plotW);
  const y = (v: number) => TOP + plotH - (top > 0 ? (Math.max(0, v) / top) * plotH : 0);
  const parts: string[] = [];
  for (const t of ticks)
    parts.push(
      `<line class="grid" x1="${LEFT}" y1="${px(y(t))}" x2="${width - RIGHT}" y2="${px(y(t))}"/>`,
      `<text class="tick" x="${LEFT - 6}" y="${px(y(t) + 4)}" text-anchor="end">${escapeHtml(o.formatTick(t))}</text>`,
    );
  // Label at most about eight periods so the axis stays legible.
  const every = Math.max(1, Math.ceil(o.x.length / 8));
  o.x.forEach((label, i) => {
    // The end labels hang inwards so they are never cut at the frame.
    const anchor = o.x.length === 1 ? 'middle' : i === 0 ? 'start' : i === o.x.length - 1 ? 'end' : 'middle';
    if (i % every === 0 || i === o.x.length - 1)
      parts.push(`<text class="tick" x="${px(x(i))}" y="${height - BOTTOM + 18}" text-anchor="${anchor}">${escapeHtml(label)}</text>`);
  });
  for (const t of o.thresholds ?? []) {
    parts.push(
      `<line x1="${LEFT}" y1="${px(y(t.value))}" x2="${width - RIGHT}" y2="${px(y(t.value))}" stroke="${t.colour}" stroke-dasharray="4 3" stroke-width="1.5"/>`,
      `<text class="tick" x="${width - RIGHT}" y="${px(y(t.value) - 4)}" text-anchor="end">${escapeHtml(t.label)}</text>`,
    );
  }
  o.lines.forEach((l, k) => {
    const colour = l.colour ?? (PALETTE[k % PALETTE.length] as string);
    let path = '';
    let pen = false;
    l.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      path += `${pen ? 'L' : 'M'}${px(x(i))} ${px(y(v))}`;
      pen = true;
    });
    if (path !== '') parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    l.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) return;
      parts.push(
        `<circle class="mark" data-label="${escapeHtml(`${l.label} ${o.x[i]}`)}" data-value="${v}" cx="${px(x(i))}" cy="${px(y(v))}" r="3.5" fill="${colour}"><title>${escapeHtml(`${l.label}, ${o.x[i]}: ${formatValue(v, i)}`)}</title></circle>`,
      );
    });
  });
  if (legendH > 0) {
    let lx = LEFT;
    o.lines.forEach((l, k) => {
      const colour = l.colour ?? (PALETTE[k % PALETTE.length] as string);
      parts.push(
        `<rect x="${px(lx)}" y="${height + 2}" width="12" height="12" fill="${colour}"/><text class="legend" x="${px(lx + 16)}" y="${height + 12}">${escapeHtml(l.label)}</text>`,
      );
      lx += 16 + l.label.length * 7 + 20;
    });
  }
  return frame(parts.join('\n'));
}
