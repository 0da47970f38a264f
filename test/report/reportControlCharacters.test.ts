// findings22-text F4: `report` showed a bidi control of an error line's (unsealed) code as `[U+202E]`
// but copied ESC (U+001B) raw into its HTML, three times (the chart label and the table), where C0
// controls are not even allowed in the inline SVG's XML. Every control character, format character,
// line or paragraph separator and lone surrogate from input is now shown the one visible way.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { escapeHtml, shownText } from '../../src/report/escapeHtml.js';
import { captureIo } from '../cli/fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'report-controls-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A raw character of input a page must never carry: controls (the page's own line breaks and tabs aside) and lone surrogates. */
const RAW = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

describe('report shows every control character of input as its code point', () => {
  it('escapeHtml: C0, DEL, C1, separators, format characters and lone surrogates as [U+XXXX], like bidi controls', () => {
    expect(escapeHtml('\u001b[2Jx')).toBe('[U+001B][2Jx');
    expect(escapeHtml('a\u0000b\u007fc\u009bd')).toBe('a[U+0000]b[U+007F]c[U+009B]d');
    expect(escapeHtml('a\u2028b\u200bc\ufeff')).toBe('a[U+2028]b[U+200B]c[U+FEFF]');
    expect(escapeHtml('x\ud800y')).toBe('x[U+D800]y');
    expect(escapeHtml('tab\there')).toBe('tab[U+0009]here');
    // Kept as they are: letters of any script, emoji (a surrogate pair is one character), CJK.
    expect(escapeHtml('张三 café \u{1F600}')).toBe('张三 café \u{1F600}');
  });

  it('law: no raw control, separator or lone surrogate survives escapeHtml', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u);
      }),
      { seed: 22, numRuns: 300 },
    );
  });

  it("the tester's error file: the code's ESC is [U+001B] in the chart and the table, and the page holds no raw control", async () => {
    const lines = [
      JSON.stringify({ line: 3, error: { code: '\u001b[2Jx', message: '\u202eabc', issues: [] } }),
      JSON.stringify({ line: 4, error: { code: 'bad\ud800', message: 'x', issues: [] } }),
    ];
    const input = join(work, 'esc.ndjson');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const out = join(work, 'esc.html');
    await runReportCommand([input, '--out', out], captureIo().io);
    const bytes = readFileSync(out);
    const html = bytes.toString('utf8');
    expect(html).not.toMatch(RAW);
    expect(html.match(/\[U\+001B\]\[2Jx/g)?.length).toBeGreaterThanOrEqual(2);
    // A lone surrogate is no character: the line is left out, named for it, never shown with U+FFFD in its place.
    expect(html).not.toContain('bad');
    expect(html).toContain('lone_surrogate');
    expect(html).not.toContain('\ufffd');
  });
});

/** The text a page shows read back: each `[U+XXXX]` replaced by its code point. */
const readBack = (shown: string) => shown.replace(/\[U\+([0-9A-F]{4,6})\]/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));

describe('report: an escaped control cannot be told from text spelling one (was: both [U+202E])', () => {
  it('text spelling "[U+202E]" is shown with its bracket escaped; a real U+202E as [U+202E]', () => {
    expect(shownText('id[U+202E]x')).toBe('id[U+005B]U+202E]x');
    expect(shownText('id\u202ex')).toBe('id[U+202E]x');
    expect(escapeHtml('<[U+001B]>')).toBe('&lt;[U+005B]U+001B]&gt;');
    // A bracket before anything else is kept, as a backslash before anything but u{ is on a terminal.
    expect(shownText('[2J [u+1] [U]')).toBe('[2J [u+1] [U]');
  });

  it('law: reading each [U+XXXX] back as its code point gives the text again, whatever it holds', () => {
    const pieces = fc.oneof(
      fc.constantFrom('[', ']', 'U', '+', '[U+', '[U+202E]', '[U+005B]', '202E', '\u202e', '\u001b', '\ud800', 'a', '张'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(readBack(shownText(text))).toBe(text);
      }),
      { seed: 13, numRuns: 400 },
    );
  });

  it('the page: an error code spelling [U+202E] and one holding U+202E are shown apart, in the chart and the table', async () => {
    const lines = [
      JSON.stringify({ line: 1, error: { code: 'spelt[U+202E]', message: 'x', issues: [] } }),
      JSON.stringify({ line: 2, error: { code: 'real\u202e', message: 'x', issues: [] } }),
    ];
    const input = join(work, 'spelt.ndjson');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const out = join(work, 'spelt.html');
    const io = captureIo();
    await runReportCommand([input, '--out', out], io.io);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('spelt[U+202E]');
    expect(html.match(/spelt\[U\+005B\]U\+202E\]/g)?.length).toBeGreaterThanOrEqual(2);
    expect(html.match(/real\[U\+202E\]/g)?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('report: the summary on stdout', () => {
  it('shows a control in a path as terminal text does (was: an ESC in --out written raw to the terminal)', async () => {
    const input = join(work, 'plain.ndjson');
    writeFileSync(input, `${JSON.stringify({ line: 1, error: { code: 'x', message: 'x' } })}\n`);
    const io = captureIo();
    await runReportCommand([input, '--out', join(work, 'a\u001b[2J.html')], io.io);
    expect(io.out()).toContain('a\\u{1b}[2J.html');
    expect(io.out()).not.toContain('\u001b');
  });
});
