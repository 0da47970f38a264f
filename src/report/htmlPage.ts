import { VISUALLY_HIDDEN_CSS } from '../common/visuallyHiddenCss.js';
import { INBAR_TEXT } from './charts/chartFrame.js';
import { escapeHtml } from './escapeHtml.js';

/**
 * The colour of a flag in text ("ABOVE the 10% threshold", "below 0.8"): a darker vermilion, 6:1 on
 * white (the chart vermilion #D55E00 was 3.87:1, under WCAG AA's 4.5:1 for text).
 */
export const FLAG_TEXT = '#A84300';

/** The stylesheet every creditlift HTML report inlines. */
const STYLE = `
:root{--ink:#1b1f24;--muted:#5b6572;--line:#d8dde3;--bg:#fff;--panel:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC",sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:1120px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.meta{color:var(--muted);margin:0 0 16px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:16px 0}
.kpi{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:10px 12px}
.kpi b{display:block;font-size:20px}
.kpi.alert{border-color:#b42318;background:#fef3f2}.kpi.alert b{color:#b42318}
.kpi span{color:var(--muted);font-size:12px}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(480px,100%),1fr));gap:16px;align-items:start}
main>figure.chart,main>.grid2{margin-top:16px}
.grid2>figure.chart{margin:0}
figure.chart{margin:0;background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:10px 12px}
figcaption{font-weight:600;margin-bottom:6px}
svg{display:block;font-size:12px}
svg .label,svg .value,svg .legend{fill:var(--ink)}
svg .tick,svg .empty{fill:var(--muted)}
svg .grid{stroke:var(--line);stroke-width:1}
svg .inbar{fill:${INBAR_TEXT};font-weight:600}
svg .whisker{stroke-width:2}
.note{color:var(--muted);font-size:12px;margin:6px 0 0}
table{border-collapse:collapse;width:100%;margin-top:8px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}
details.figures{margin:6px 0 0;font-size:12px}details.figures>summary{color:var(--muted);cursor:pointer}
${VISUALLY_HIDDEN_CSS}
@media print{main{max-width:none}figure.chart{break-inside:avoid}}
@media (max-width:600px){main{padding:12px}.kpis{grid-template-columns:repeat(auto-fit,minmax(130px,1fr))}figure.chart{overflow-x:auto}figure.chart>svg{min-width:560px}}
`;

/** Rules of the simulation and monitoring reports: swap-set cells, flags, band colours. */
const EXTRA_STYLE = `
td.flag,span.flag{color:${FLAG_TEXT};font-weight:600}
td.act{background:#fbe3d6}td.watch{background:#fdf0cf}td.stable{background:#e0f2ea}
table.swap td{font-variant-numeric:tabular-nums}
table.swap td.diag{background:#eef3f8}
.scroll{overflow-x:auto}
table.segments th,table.segments td{padding:4px 5px;white-space:nowrap}
.cols2{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(480px,100%),1fr));gap:16px}
.scroll,table{max-width:100%}
@media (max-width:600px){table{display:block;overflow-x:auto}}
`;

/**
 * A self-contained HTML document around `body`: the reports' shared inline stylesheet, a
 * Content-Security-Policy that forbids fetching anything, no script. Opens offline.
 */
export function htmlPage(o: { readonly title: string; readonly meta: readonly string[]; readonly body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(o.title)}</title>
<style>${STYLE}${EXTRA_STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(o.title)}</h1>
<p class="meta">${o.meta.map(escapeHtml).join(' · ')}</p>
${o.body}
</main>
</body>
</html>
`;
}

/** A table with a header row; every cell is text to escape, or `{ html, cls }` already built. */
export function htmlTable(
  cls: string,
  head: readonly string[],
  rows: readonly (readonly (string | { readonly html: string; readonly cls?: string })[])[],
): string {
  const cell = (c: string | { readonly html: string; readonly cls?: string }) =>
    typeof c === 'string' ? `<td>${escapeHtml(c)}</td>` : `<td${c.cls === undefined ? '' : ` class="${c.cls}"`}>${c.html}</td>`;
  return `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n')}
</tbody></table>`;
}
