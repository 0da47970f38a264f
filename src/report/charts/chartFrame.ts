import { escapeHtml, shownText } from '../escapeHtml.js';

/** Chart colours, chosen to stay distinct for the common colour-vision deficiencies (Okabe-Ito). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

/**
 * Text drawn on a filled mark (the percentages inside the outcome bar): near-black, at least 5.4:1 on
 * every outcome colour (white was 2.25:1 on refer amber, under WCAG AA's 4.5:1).
 */
export const INBAR_TEXT = '#000000';

/** Outcome colours: approve green, refer amber, decline vermilion. */
export const OUTCOME_COLOURS: Readonly<Record<'approve' | 'refer' | 'decline', string>> = { approve: '#009E73', refer: '#E69F00', decline: '#D55E00' };

/**
 * Wraps chart marks in a captioned figure with an accessible SVG: `data-chart` names the chart and
 * every data mark carries class `mark`, so tests (and people with dev tools) can find them.
 */
export function chartFrame(o: {
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  readonly width: number;
  readonly height: number;
  readonly body: string;
  /**
   * The chart's figures as text, one row per mark (label, value): a visually hidden table after the
   * drawing, so a screen reader gets the numbers and not only the title.
   */
  readonly figures?: readonly (readonly [string, string])[];
  /**
   * The chart's figures as a grid, a row per x label and a column per series (a line chart's), in a
   * closed `<details>` after the drawing: a screen reader and anyone who wants the numbers open it.
   */
  readonly figureGrid?: FigureGrid;
}): string {
  const titleId = `t-${o.id}`;
  return `<figure class="chart" id="chart-${escapeHtml(o.id)}">
<figcaption>${escapeHtml(o.title)}</figcaption>
<svg data-chart="${escapeHtml(o.id)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${o.width} ${o.height}" width="100%" role="img" aria-labelledby="${titleId}"><title id="${titleId}">${escapeHtml(o.title)}</title>
${o.body}
</svg>${figuresTable(o.title, o.figures ?? [])}${o.figureGrid === undefined ? '' : figureGridDetails(o.title, o.figureGrid)}${o.note === undefined ? '' : `\n<p class="note">${escapeHtml(o.note)}</p>`}
</figure>`;
}

/** The text alternative of a chart: its figures as a table only screen readers (and copy-paste) see. */
function figuresTable(title: string, figures: readonly (readonly [string, string])[]): string {
  if (figures.length === 0) return '';
  const rows = figures.map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  return `\n<table class="sr-only" data-figures><caption>${escapeHtml(`${title}: the figures`)}</caption><tbody>${rows}</tbody></table>`;
}

/** A chart's figures as a table: the head of the row heads (`corner`, e.g. "period"), a column per series, a row per x label. */
export interface FigureGrid {
  readonly corner: string;
  readonly columns: readonly string[];
  /** Each row: its x label, then one value per column, as text. */
  readonly rows: readonly (readonly string[])[];
}

/** A figure grid in a closed disclosure, "Figures": seen by whoever opens it, read by a screen reader; none without rows. */
function figureGridDetails(title: string, grid: FigureGrid): string {
  if (grid.rows.length === 0) return '';
  const head = [grid.corner, ...grid.columns].map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const rows = grid.rows
    .map(([label, ...values]) => `<tr><th scope="row">${escapeHtml(label ?? '')}</th>${values.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`)
    .join('\n');
  return `\n<details class="figures"><summary>Figures</summary>\n<table data-figures><caption>${escapeHtml(`${title}: the figures`)}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>\n</details>`;
}

/** Rounds a coordinate to one decimal: enough for the screen, short in the file. */
export function px(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** A "no data" message in place of marks. */
export function noData(width: number, height: number): string {
  return `<text class="empty" x="${px(width / 2)}" y="${px(height / 2)}" text-anchor="middle">no data</text>`;
}

/**
 * A generous estimate of a label's width in SVG units at the charts' 12px font, as drawn (after
 * escaping: a bidi control shows as "[U+202E]", which was cut on the left when the raw text was
 * measured): 7 per Latin character (system sans-serif averages about 6.5), 12 per CJK or other wide
 * character.
 */
export function labelTextWidth(text: string): number {
  let w = 0;
  for (const ch of shownText(text)) w += (ch.codePointAt(0) as number) > 0x2e80 ? 12 : 7;
  return w;
}

/** The label cut to `room` SVG units, ending in an ellipsis when cut. */
export function fitLabel(label: string, room: number): string {
  if (labelTextWidth(label) <= room) return label;
  let out = '';
  for (const ch of label) {
    if (labelTextWidth(`${out}${ch}\u2026`) > room) break;
    out += ch;
  }
  return `${out}\u2026`;
}
