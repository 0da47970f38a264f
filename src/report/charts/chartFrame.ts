import { escapeHtml } from '../escapeHtml.js';

/** Chart colours, chosen to stay distinct for the common colour-vision deficiencies (Okabe-Ito). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

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
}): string {
  const titleId = `t-${o.id}`;
  return `<figure class="chart" id="chart-${escapeHtml(o.id)}">
<figcaption>${escapeHtml(o.title)}</figcaption>
<svg data-chart="${escapeHtml(o.id)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${o.width} ${o.height}" width="100%" role="img" aria-labelledby="${titleId}"><title id="${titleId}">${escapeHtml(o.title)}</title>
${o.body}
</svg>${o.note === undefined ? '' : `\n<p class="note">${escapeHtml(o.note)}</p>`}
</figure>`;
}

/** Rounds a coordinate to one decimal: enough for the screen, short in the file. */
export function px(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** A "no data" message in place of marks. */
export function noData(width: number, height: number): string {
  return `<text class="empty" x="${px(width / 2)}" y="${px(height / 2)}" text-anchor="middle">no data</text>`;
}
