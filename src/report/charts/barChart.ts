import { escapeHtml } from '../escapeHtml.js';
import { chartFrame, noData, PALETTE, px } from './chartFrame.js';
import { niceTicks } from './niceTicks.js';

/** One bar: its label, value (sets the length) and the text printed at its end. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly text: string;
  readonly colour?: string;
}

const ROW = 26;
const TOP = 8;
const AXIS = 24;

/** A horizontal bar chart, largest bars as given (the caller orders them), with a value axis from 0. */
export function barChart(o: {
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  readonly bars: readonly Bar[];
  readonly formatTick: (x: number) => string;
  /** Drawing width in SVG units: about the pixels it will take, so text stays at its CSS size. Default 1000. */
  readonly width?: number;
  readonly labelWidth?: number;
  /** Room right of the longest bar for its value text. Default 120. */
  readonly valueWidth?: number;
}): string {
  const WIDTH = o.width ?? 1000;
  // Never narrower than the longest label needs: a label drawn right-aligned at the margin starts
  // left of the chart and is cut (the regulatory cap's name once was).
  const labelW = Math.max(o.labelWidth ?? 240, ...o.bars.map((b) => labelTextWidth(b.label) + 12));
  const plotW = WIDTH - labelW - (o.valueWidth ?? 120);
  const height = TOP + Math.max(1, o.bars.length) * ROW + AXIS;
  const frame = (body: string) => chartFrame({ id: o.id, title: o.title, ...(o.note === undefined ? {} : { note: o.note }), width: WIDTH, height, body });
  if (o.bars.length === 0) return frame(noData(WIDTH, height));
  const ticks = niceTicks(Math.max(0, ...o.bars.map((b) => b.value)), 4);
  const end = ticks[ticks.length - 1] as number;
  const x = (v: number) => labelW + (end > 0 ? (Math.max(0, v) / end) * plotW : 0);
  const axisY = TOP + o.bars.length * ROW;
  const parts: string[] = [];
  for (const t of ticks) {
    parts.push(
      `<line class="grid" x1="${px(x(t))}" y1="${TOP}" x2="${px(x(t))}" y2="${axisY}"/>`,
      `<text class="tick" x="${px(x(t))}" y="${axisY + 16}" text-anchor="middle">${escapeHtml(o.formatTick(t))}</text>`,
    );
  }
  o.bars.forEach((b, i) => {
    const y = TOP + i * ROW;
    const w = x(b.value) - labelW;
    parts.push(
      `<text class="label" x="${labelW - 8}" y="${px(y + ROW / 2 + 4)}" text-anchor="end">${escapeHtml(b.label)}</text>`,
      `<rect class="mark" data-label="${escapeHtml(b.label)}" data-value="${b.value}" x="${labelW}" y="${px(y + 4)}" width="${px(Math.max(w, b.value > 0 ? 1 : 0))}" height="${ROW - 8}" fill="${b.colour ?? PALETTE[0]}"><title>${escapeHtml(`${b.label}: ${b.text}`)}</title></rect>`,
      `<text class="value" x="${px(labelW + w + 6)}" y="${px(y + ROW / 2 + 4)}">${escapeHtml(b.text)}</text>`,
    );
  });
  return frame(parts.join('\n'));
}

/**
 * A generous estimate of a label's width in SVG units at the charts' 12px font: 7 per Latin
 * character (system sans-serif averages about 6.5), 12 per CJK or other wide character.
 */
function labelTextWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) as number) > 0x2e80 ? 12 : 7;
  return w;
}
