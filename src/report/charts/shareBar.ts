import { escapeHtml } from '../escapeHtml.js';
import { chartFrame, noData, PALETTE, px } from './chartFrame.js';

/** One segment of a {@link shareBar}. */
export interface Share {
  readonly label: string;
  readonly count: number;
  readonly colour?: string;
}

const WIDTH = 1000;
const HEIGHT = 92;

/** A single 100% bar split into shares, each labelled with its percentage, and a legend below. */
export function shareBar(o: { readonly id: string; readonly title: string; readonly note?: string; readonly shares: readonly Share[] }): string {
  const total = o.shares.reduce((s, x) => s + x.count, 0);
  const frame = (body: string) =>
    chartFrame({
      id: o.id,
      title: o.title,
      ...(o.note === undefined ? {} : { note: o.note }),
      width: WIDTH,
      height: HEIGHT,
      body,
      figures: o.shares.map((s) => [s.label, `${s.count.toLocaleString('en-US')}${total > 0 ? ` (${((100 * s.count) / total).toFixed(1)}%)` : ''}`]),
    });
  if (total === 0) return frame(noData(WIDTH, HEIGHT));
  const parts: string[] = [];
  let x = 0;
  o.shares.forEach((s, i) => {
    const w = (s.count / total) * WIDTH;
    const colour = s.colour ?? PALETTE[i % PALETTE.length];
    const pct = `${((100 * s.count) / total).toFixed(1)}%`;
    parts.push(
      `<rect class="mark" data-label="${escapeHtml(s.label)}" data-value="${s.count}" x="${px(x)}" y="4" width="${px(w)}" height="44" fill="${colour}"><title>${escapeHtml(`${s.label}: ${s.count.toLocaleString('en-US')} (${pct})`)}</title></rect>`,
    );
    if (w > 48) parts.push(`<text class="inbar" x="${px(x + w / 2)}" y="31" text-anchor="middle">${escapeHtml(pct)}</text>`);
    x += w;
  });
  let lx = 0;
  o.shares.forEach((s, i) => {
    const colour = s.colour ?? PALETTE[i % PALETTE.length];
    const text = `${s.label} ${s.count.toLocaleString('en-US')} (${((100 * s.count) / total).toFixed(1)}%)`;
    parts.push(`<rect x="${px(lx)}" y="64" width="12" height="12" fill="${colour}"/><text class="legend" x="${px(lx + 16)}" y="75">${escapeHtml(text)}</text>`);
    lx += 16 + text.length * 7 + 20;
  });
  return frame(parts.join('\n'));
}
