/**
 * The JSON Schema pattern of the characters a credential number may hold, as
 * `src/schema/credentialIdPattern.ts` holds it, computed from the code as it stands: every code point is
 * put through {@link credentialNumberIssue}, the rule `decide` applies, and the pattern lists the ones
 * it takes. A test holds the shipped pattern to the rule code point by code point; after a change to
 * the rule (or a Node whose Unicode data differs), rewrite the file with
 * `npx tsx scripts/credentialIdPattern.ts --write`.
 *
 * The pattern is `^(?:[^\p{L}\p{N}R]|(?=[\p{L}\p{N}])[A])*$`: a character that is no letter or digit,
 * unless it is one of R (a symbol or mark that folds to a refused letter: the combining iota U+0345,
 * parenthesised Hangul, circled and squared katakana); or a letter or digit of A (A-Z, a-z, 0-9, every
 * Chinese character, the default-ignorable ones, and the letters and digits that fold to those:
 * accented Latin letters, full-width forms, superscripts, Roman numerals, circled digits,
 * mathematical letters). The two branches never match the same character, so the pattern runs in
 * linear time. Properties stand for whole sets where the rule takes all of them; explicit ranges
 * hold the rest, a range running on over characters the branch does not care about.
 */
import { writeFileSync } from 'node:fs';
import { credentialNumberIssue } from '../src/text/credentialNumber.js';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const UNASSIGNED = /\p{Cn}/u;
/** What branch A names by property; the script checks the rule takes every letter and digit of it. */
const A_PROPERTIES = 'A-Za-z0-9\\p{Script=Han}\\p{Default_Ignorable_Code_Point}';
const BY_PROPERTY = new RegExp(`[${A_PROPERTIES}]`, 'u');

type Range = [number, number];

const u = (cp: number) => `\\u{${cp.toString(16)}}`;
const rangeText = (rs: readonly Range[]) => rs.map(([a, b]) => (a === b ? u(a) : b === a + 1 ? u(a) + u(b) : `${u(a)}-${u(b)}`)).join('');

/**
 * Runs of the code points `want` picks, a run going on over the ones `dontCare` picks (characters
 * the branch never sees) and broken by every other, unassigned ones included: a letter Unicode adds
 * there later is refused, as decide refuses letters outside A-Z, 0-9 and Chinese characters.
 */
function runs(want: (cp: number) => boolean, dontCare: (cp: number) => boolean): Range[] {
  const out: Range[] = [];
  let open: Range | undefined;
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (want(cp)) {
      if (open === undefined) {
        open = [cp, cp];
        out.push(open);
      } else open[1] = cp;
    } else if (!(open !== undefined && dontCare(cp))) open = undefined;
  }
  // A run ends on the last code point it wants: it only grows when one is wanted.
  return out;
}

/** The pattern's source text, computed from {@link credentialNumberIssue}. */
export function credentialIdPatternSource(): string {
  const accepted = new Uint8Array(0x110000);
  const letterOrDigit = new Uint8Array(0x110000);
  const assigned = new Uint8Array(0x110000);
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    accepted[cp] = credentialNumberIssue(c) === undefined ? 1 : 0;
    letterOrDigit[cp] = LETTER_OR_DIGIT.test(c) ? 1 : 0;
    assigned[cp] = UNASSIGNED.test(c) ? 0 : 1;
    if (letterOrDigit[cp] === 1 && BY_PROPERTY.test(c) && accepted[cp] === 0)
      throw new Error(`U+${cp.toString(16)} is named by a property of the pattern, but the rule refuses it`);
  }
  const byProperty = (cp: number) => BY_PROPERTY.test(String.fromCodePoint(cp));
  // R: refused characters that are no letter or digit; runs go on over letters and digits (excluded anyway).
  const refusedOther = runs(
    (cp) => accepted[cp] === 0 && letterOrDigit[cp] === 0,
    (cp) => letterOrDigit[cp] === 1,
  );
  // A beyond the properties: accepted letters and digits; runs go on over assigned non-letters and what the properties name.
  const acceptedLetters = runs(
    (cp) => accepted[cp] === 1 && letterOrDigit[cp] === 1 && !byProperty(cp),
    (cp) => (assigned[cp] === 1 && letterOrDigit[cp] === 0) || (letterOrDigit[cp] === 1 && byProperty(cp)),
  );
  return `^(?:[^\\p{L}\\p{N}${rangeText(refusedOther)}]|(?=[\\p{L}\\p{N}])[${A_PROPERTIES}${rangeText(acceptedLetters)}])*$`;
}

/** The text of `src/schema/credentialIdPattern.ts`. */
export function credentialIdPatternFile(): string {
  return `// Written by scripts/credentialIdPattern.ts from the credentialId rule of src/text/credentialNumber.ts;
// test/schema/credentialIdPattern.test.ts holds it to the rule for every code point. Do not edit by hand.

/**
 * The characters a credential number may hold, as a JSON Schema pattern (ECMA-262 with the \`u\` flag, as
 * ajv reads it): the same set \`decide\` takes at \`evidence.N.credentialId\` (\`credentialNumberIssue\`):
 * anything that is no letter or digit (folded away), and letters and digits that, width, case and
 * accents folded, are A-Z, 0-9 or a Chinese character. A Cyrillic or Greek look-alike of a Latin letter,
 * an Arabic-Indic digit, kana or Hangul are refused, as by \`decide\`.
 * @internal
 */
export const CREDENTIAL_ID_CHARACTERS_PATTERN =
  '${credentialIdPatternSource().replace(/\\/g, '\\\\')}';
`;
}

if (process.argv.includes('--write')) {
  writeFileSync(new URL('../src/schema/credentialIdPattern.ts', import.meta.url), credentialIdPatternFile());
  console.log('wrote src/schema/credentialIdPattern.ts');
}
