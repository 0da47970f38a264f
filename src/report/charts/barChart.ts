import { escapeHtml } from '../escapeHtml.js';
import { chartFrame, labelTextWidth, noData, PALETTE, px } from './chartFrame.js';
import { distinctLabels } from './distinctLabels.js';
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
  // Nor wider than 40% of the chart: a 120-character catalog name made the plot width negative and
  // drew the axis backwards; a longer label is cut with an ellipsis (its full text is in its title and the table).
  const labelRoom = Math.round(WIDTH * 0.4);
  const labelW = Math.min(labelRoom, Math.max(o.labelWidth ?? 240, ...o.bars.map((b) => labelTextWidth(b.label) + 12)));
  const plotW = WIDTH - labelW - (o.valueWidth ?? 120);
  // Cut to the room, but never two different labels to one text: the bars would read as one category.
  const shown = distinctLabels(
    o.bars.map((b) => b.label),
    labelW - 12,
  );
  const height = TOP + Math.max(1, o.bars.length) * ROW + AXIS;
  const frame = (body: string) =>
    chartFrame({
      id: o.id,
      title: o.title,
      ...(o.note === undefined ? {} : { note: o.note }),
      width: WIDTH,
      height,
      body,
      figures: o.bars.map((b) => [b.label, b.text]),
    });
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
      `<text class="label" x="${labelW - 8}" y="${px(y + ROW / 2 + 4)}" text-anchor="end">${escapeHtml(shown[i] as string)}</text>`,
      `<rect class="mark" data-label="${escapeHtml(b.label)}" data-value="${b.value}" x="${labelW}" y="${px(y + 4)}" width="${px(Math.max(w, b.value > 0 ? 1 : 0))}" height="${ROW - 8}" fill="${b.colour ?? PALETTE[0]}"><title>${escapeHtml(`${b.label}: ${b.text}`)}</title></rect>`,
      `<text class="value" x="${px(labelW + w + 6)}" y="${px(y + ROW / 2 + 4)}">${escapeHtml(b.text)}</text>`,
    );
  });
  return frame(parts.join('\n'));
}
