import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalText } from '../../src/text/terminalText.js';

// Text from input reached operators' terminals raw: an applicant id or certificate kind holding ESC ]0;...BEL
// set the window title, ESC [2J cleared the screen, U+009B (C1 CSI) started a sequence in one code point,
// and U+202E reversed the text after it.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

// Any code point, lone surrogates included; and one from the low planes, where the controls and bidi characters crowd.
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c));
const lowCodePoint = fc.integer({ min: 0, max: 0x2069 }).map((c) => String.fromCodePoint(c));

describe('terminalText', () => {
  it('law: its output never holds a control, format (bidi) character, separator or lone surrogate, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCodePoint, maxLength: 40 }), fc.string({ unit: lowCodePoint }), (a, b) => {
        return [a, b, a + b].every((s) => !UNSAFE.test(terminalText(s)) && !UNSAFE.test(terminalText(s, { keepLineBreaks: true }).replace(/\n/g, '')));
      }),
      { numRuns: 500 },
    );
  });

  it('law: ordinary text (letters, digits, punctuation, spaces, CJK, emoji) comes back unchanged', () => {
    const ordinary = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !UNSAFE.test(s) && !s.includes('\\u{'));
    const cjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)), maxLength: 20 });
    fc.assert(
      fc.property(ordinary, cjk, (a, b) => {
        return terminalText(a) === a && terminalText(b) === b && terminalText(`${b}\n${a}`, { keepLineBreaks: true }) === `${b}\n${a}`;
      }),
      { numRuns: 300 },
    );
    expect(terminalText('雅思 IELTS 7.5 — 证书 #1 (¥17,400.00) C:\\path')).toBe('雅思 IELTS 7.5 — 证书 #1 (¥17,400.00) C:\\path');
  });

  it('shows each unsafe code point as a visible \\u{..} escape: ESC, BEL, DEL, C1 CSI, bidi overrides and isolates', () => {
    expect(terminalText('x\u001b[31mRED\u001b]0;TITLE\u0007\u009b31m')).toBe('x\\u{1b}[31mRED\\u{1b}]0;TITLE\\u{7}\\u{9b}31m');
    expect(terminalText('app-\u202eevil\u2066\u2069\u202a\u007f\u200b\ufeff')).toBe('app-\\u{202e}evil\\u{2066}\\u{2069}\\u{202a}\\u{7f}\\u{200b}\\u{feff}');
    expect(terminalText('a\nb\r\tc\u2028')).toBe('a\\u{a}b\\u{d}\\u{9}c\\u{2028}');
    expect(terminalText('a\nb\r', { keepLineBreaks: true })).toBe('a\nb\\u{d}');
    expect(terminalText('\ud800x')).toBe('\\u{d800}x');
  });

  // Outside tester findings13-security: the six characters `\u{1b}` typed into an id printed exactly as a
  // real ESC escaped, so an operator could not tell a harmless id from one that carried a control.
  it('an input that spells an escape prints differently from the code point it spells: a backslash before u{ is itself escaped', () => {
    expect(terminalText('\\u{1b}')).not.toBe(terminalText('\u001b'));
    expect(terminalText('\\u{1b}')).toBe('\\u{5c}u{1b}');
    expect(terminalText('\\\u001b')).toBe('\\\\u{1b}');
    expect(terminalText('\\u{5c}')).toBe('\\u{5c}u{5c}');
    // A backslash that starts no escape is kept: paths and regular expressions read as typed.
    expect(terminalText('C:\\users\\u1 \\d+ \\')).toBe('C:\\users\\u1 \\d+ \\');
  });

  it('law: the escapes decode back to the input, so two inputs never print alike', () => {
    // Text rich in the pieces of an escape: backslashes, u, braces, hex digits and the code points escaped.
    const piece = fc.constantFrom('\\', '\\u{', '\\u{1b}', 'u', '{', '}', '1', 'b', '5c', '\u001b', '\n', '\u202e', 'x', '\ud800');
    const decode = (t: string) => t.replace(/\\u\{([0-9a-f]+)\}/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const text = pieces.join('');
        expect(decode(terminalText(text)), JSON.stringify(text)).toBe(text);
        expect(decode(terminalText(text, { keepLineBreaks: true })), JSON.stringify(text)).toBe(text);
      }),
      { seed: 20261201, numRuns: 500 },
    );
  });
});
