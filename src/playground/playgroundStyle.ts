// The playground is built from the public API only, as an integrator's page would be, so it keeps
// its own copy of the report pages' `.sr-only` rule (src/common/visuallyHiddenCss.ts): a hidden
// table is a clipped block whose text wraps, so it never widens the page.
const SCREEN_READER_ONLY_CSS =
  '.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);clip-path:inset(50%);border:0}' +
  '.sr-only,.sr-only *{white-space:normal;overflow-wrap:anywhere}' +
  'table.sr-only{display:block}';

/** The playground's stylesheet, inline (no external assets). High contrast, visible focus, readable at 200% zoom. */
export const PLAYGROUND_CSS = `
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --up: #b42318; --down: #1a7f37; --accent: #0550ae; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; color: var(--ink); background: #fff; }
header { padding: 10px 20px; border-bottom: 1px solid var(--line); background: var(--bg); }
header h1 { font-size: 18px; margin: 0; }
header p { margin: 2px 0 0; color: var(--muted); }
main { display: grid; grid-template-columns: minmax(300px, 380px) 1fr; gap: 20px; padding: 14px 20px; }
h2 { font-size: 16px; margin: 0 0 8px; }
h3 { font-size: 14px; margin: 14px 0 4px; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 10px; padding: 6px 10px 10px; }
legend { font-weight: 600; padding: 0 4px; }
label { display: block; margin-top: 6px; font-weight: 500; }
input, select, textarea, button { font: inherit; color: inherit; }
input, select, textarea { width: 100%; padding: 4px 6px; border: 1px solid #8c959f; border-radius: 4px; background: #fff; }
textarea { height: 180px; font-family: ui-monospace, monospace; font-size: 12px; }
button { padding: 5px 10px; border: 1px solid var(--accent); border-radius: 4px; background: #fff; color: var(--accent); cursor: pointer; }
button.primary { background: var(--accent); color: #fff; margin-top: 8px; }
:focus-visible { outline: 3px solid #fb8f44; outline-offset: 2px; }
.row { display: grid; grid-template-columns: 1fr 1fr; gap: 0 10px; }
#story { color: var(--muted); margin: 4px 0 10px; }
#in-use code { font-size: 12px; }
#left-out { border-left: 3px solid #bf8700; background: #fff8c5; padding: 4px 10px; margin: 0 0 10px; }
#left-out p { margin: 0; font-weight: 600; }
#left-out ul { margin: 4px 0 0; padding-left: 18px; }
#certs { list-style: none; margin: 0; padding: 0; }
#certs li { display: flex; justify-content: space-between; align-items: center; gap: 8px; padding: 3px 0; border-bottom: 1px dotted var(--line); }
#headline { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
#outcome { font-weight: 700; text-transform: uppercase; padding: 2px 8px; border-radius: 4px; background: #ddf4ff; }
#outcome[data-outcome="decline"] { background: #ffebe9; }
#outcome[data-outcome="refer"] { background: #fff8c5; }
#limit { font-size: 32px; font-weight: 700; }
#change { font-weight: 600; }
#change.up { color: var(--down); }
#change.down { color: var(--up); }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.pass { color: var(--down); font-weight: 600; }
.fail { color: var(--up); font-weight: 600; }
#error { border: 1px solid var(--up); background: #ffebe9; padding: 6px 10px; border-radius: 6px; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 0 20px; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
#waterfall svg { max-width: 100%; height: auto; }
${SCREEN_READER_ONLY_CSS}
/* A phone: one column, the decision under the editor (two columns were 960 px wide at 375). */
@media (max-width: 760px) {
  main { grid-template-columns: minmax(0, 1fr); padding: 10px; }
  .row, .cards { grid-template-columns: minmax(0, 1fr); }
  table { display: block; overflow-x: auto; }
}
`;
