import { STYLE } from './buildReportHtml.js';
import { escapeHtml } from './escapeHtml.js';

/** Extra rules of the simulation and monitoring reports: swap-set cells, flags, band colours. */
const EXTRA_STYLE = `
td.flag,span.flag{color:#D55E00;font-weight:600}
td.act{background:#fbe3d6}td.watch{background:#fdf0cf}td.stable{background:#e0f2ea}
table.swap td{font-variant-numeric:tabular-nums}
table.swap td.diag{background:#eef3f8}
.scroll{overflow-x:auto}
table.segments th,table.segments td{padding:4px 5px;white-space:nowrap}
.cols2{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:16px}
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
