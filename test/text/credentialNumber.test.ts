// Outside tester findings13-security #1: a credential number uploaded again with an invisible Hangul
// filler (U+3164, U+FFA0, U+115F) or a Cyrillic look-alike letter was a new certificate: no
// duplicate_credential, no fraud referral, the PD down from 1.288% to 1.221% and the limit up from
// 17,400 to 17,500 RMB. The fillers are letters to Unicode (\p{Lo}), so the letter-or-digit rule kept
// them; NFKC folds neither them nor the look-alikes. Now every default-ignorable code point and
// every combining mark is dropped, and a letter or digit that is not A-Z, 0-9 or a Chinese character
// (what registration numbers are written in) is refused at `evidence.N.credentialId`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { credentialRef } from '../../src/decision/audit.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import { credentialNumberIssue, normalizedCredentialNumber } from '../../src/text/credentialNumber.js';
import { SIMPLIFIED_OF_TRADITIONAL } from '../../src/text/traditionalChinese.js';
import { disguisedNumber } from '../helpers/credentialDisguises.js';

const keys = { signing: null, personalData: new TextEncoder().encode('k'.repeat(32)) };

const graduate = exampleFor('new_graduate').applicant;
const firstUpload = graduate.evidence?.[0];
if (firstUpload === undefined) throw new Error('the new-graduate example carries a certificate');

function credentialIssues(credentialId: string): ValidationError | undefined {
  try {
    parseApplicant({ ...graduate, evidence: [{ ...firstUpload, credentialId }] });
    return undefined;
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
}

describe('credential numbers: invisible letters and look-alikes (findings13-security #1)', () => {
  it('the tester case: Hangul fillers fold away; a Cyrillic С is refused by name at evidence.0.credentialId', () => {
    for (const filled of ['24CN\u3164012345', '24CN\uffa0012345', '\u115f24CN012345', '24CN0123\u116045']) {
      expect(normalizedCredentialNumber(filled), JSON.stringify(filled)).toBe('24CN012345');
      expect(credentialRef(keys, 'ielts', filled)).toBe(credentialRef(keys, 'ielts', '24CN012345'));
      expect(credentialIssues(filled)).toBeUndefined();
    }
    const refused = credentialIssues('24\u0421N012345');
    expect(refused).toBeInstanceOf(ValidationError);
    const issue = refused?.issues.find((i) => i.path.join('.') === 'evidence.0.credentialId');
    expect(issue?.code).toBe('invalid_format');
    expect(issue?.message).toContain('U+0421');
    // The message names the code point; the character itself is never echoed.
    expect(issue?.message).not.toContain('\u0421');
  });

  it('property: a number with invisible characters or marks inserted and look-alike letters swapped in is the same number, or refused', () => {
    const plain = fc.stringMatching(/^[A-Z0-9]{2,5}(-[A-Z0-9]{2,5}){0,2}$/);
    fc.assert(
      fc.property(
        plain.chain((p) => fc.tuple(fc.constant(p), disguisedNumber(p))),
        ([p, disguised]) => {
          const refused = credentialNumberIssue(disguised);
          if (refused === undefined) expect(normalizedCredentialNumber(disguised), JSON.stringify(disguised)).toBe(normalizedCredentialNumber(p));
          else expect(credentialIssues(disguised)?.issues.map((i) => i.path.join('.'))).toContain('evidence.0.credentialId');
          expect(credentialNumberIssue(p)).toBeUndefined();
        },
      ),
      { seed: 20261130, numRuns: 300 },
    );
  });

  it('ASCII numbers and Chinese numbers keep their keyed references; Chinese characters are not refused', () => {
    const before: Record<string, string> = {
      '24CN012345': 'cred_b337e57d6a43a50608f67613cb362f92',
      'js-jxj-2025-0042': 'cred_b32c5b0f9b0bf8f5a26b193b657dbd7a',
      S000042010000245003817: 'cred_3c40eea060b984ee2f8adfdaa36ce621',
      '苏人社〔2024〕88号': 'cred_b4b297b5ab884c002f93187c9cf1e12e',
      'ＪＳ／ＪＸＪ／２０２５': 'cred_21c48a8f192bff0fa0c804cc9f89d0b2',
    };
    for (const [id, ref] of Object.entries(before)) {
      expect(credentialRef(keys, 'ielts', id), id).toBe(ref);
      expect(credentialNumberIssue(id), id).toBeUndefined();
    }
    for (const id of ['粤劳技证字第0012号', '二〇二四-〇〇一', '№ 42', 'Ⅻ-2024', 'ＪＳ－ＪＸＪ']) expect(credentialIssues(id), id).toBeUndefined();
  });

  it('letters with accents fold to the letter (a near-invisible mark is no new number); letters and digits of other scripts are refused', () => {
    expect(normalizedCredentialNumber('24ÇN012345')).toBe('24CN012345');
    expect(normalizedCredentialNumber('24C\u0323N012345')).toBe('24CN012345');
    expect(normalizedCredentialNumber('lü-2024')).toBe('LU2024');
    for (const id of ['24CN\u0660\u0661', 'АБВ-1', 'ΑΒΓ-1', '가나다-1', 'カタカナ1', 'Ø-1234', 'ł1']) {
      const e = credentialIssues(id);
      expect(
        e?.issues.map((i) => `${i.path.join('.')} ${i.code}`),
        id,
      ).toContain('evidence.0.credentialId invalid_format');
    }
  });
});

// Outside tester findings13-recheck N4: `苏人社〔2024〕88号` uploaded first, then reassessed with
// `苏人社〔2024〕88號` (the traditional 號), was a second certificate: approve at 17,500 RMB instead of refer
// (duplicate_credential) at 17,400. NFKD does not fold traditional characters to simplified ones.
describe('credential numbers: traditional and simplified Chinese characters (findings13-recheck N4)', () => {
  const traditional = [...SIMPLIFIED_OF_TRADITIONAL.keys()];
  const simplified = [...SIMPLIFIED_OF_TRADITIONAL.values()];

  it('the tester case: 88號 and 88号 are one number with one keyed reference, and the simplified one keeps its reference', () => {
    expect(normalizedCredentialNumber('苏人社〔2024〕88號')).toBe(normalizedCredentialNumber('苏人社〔2024〕88号'));
    expect(normalizedCredentialNumber('蘇人社(2024)88號')).toBe('苏人社202488号');
    expect(credentialRef(keys, 'ielts', '苏人社〔2024〕88號')).toBe('cred_b4b297b5ab884c002f93187c9cf1e12e');
    expect(credentialRef(keys, 'ielts', '粵勞技證字第0012號')).toBe(credentialRef(keys, 'ielts', '粤劳技证字第0012号'));
    expect(credentialIssues('蘇人社〔2024〕88號')).toBeUndefined();
    // A CJK compatibility ideograph is folded by NFKD first, then the table.
    expect(normalizedCredentialNumber('\uf92f\u{2f8cc}-1')).toBe(normalizedCredentialNumber('劳书-1'));
  });

  it('law: the table is a plain merge: each traditional character differs from its simplified one, both are Chinese characters, and no simplified one is a traditional key', () => {
    expect(SIMPLIFIED_OF_TRADITIONAL.size).toBeGreaterThanOrEqual(100);
    for (const [t, s] of SIMPLIFIED_OF_TRADITIONAL) {
      expect(t, `${t}->${s}`).not.toBe(s);
      expect(/^\p{Script=Han}$/u.test(t) && /^\p{Script=Han}$/u.test(s), `${t}->${s}`).toBe(true);
      expect(SIMPLIFIED_OF_TRADITIONAL.has(s), `${s} is a key too`).toBe(false);
    }
    // The characters the issue named, and those of the catalog's names, are in it.
    for (const t of '號證書資師專業級學記編碼區縣廳員務財會計華國廣東蘇滬與導遊語獎頒') expect(SIMPLIFIED_OF_TRADITIONAL.has(t), t).toBe(true);
  });

  it('property: a number written with the table characters normalises the same in traditional and simplified spelling, and normalising is idempotent', () => {
    // A number: Chinese characters of the table (each slot either form), digits, Latin letters and separators.
    const slot = fc.oneof(
      fc.integer({ min: 0, max: traditional.length - 1 }).chain((i) => fc.tuple(fc.constant(traditional[i]!), fc.constant(simplified[i]!), fc.boolean())),
      fc.constantFrom(...'0123456789AZjx第字号〔〕()-/ ').map((c) => [c, c, true] as const),
    );
    fc.assert(
      fc.property(fc.array(slot, { minLength: 1, maxLength: 20 }), (slots) => {
        const asTraditional = slots.map(([t]) => t).join('');
        const asSimplified = slots.map(([, s]) => s).join('');
        const mixed = slots.map(([t, s, pick]) => (pick ? t : s)).join('');
        const n = normalizedCredentialNumber(asSimplified);
        expect(normalizedCredentialNumber(asTraditional), asTraditional).toBe(n);
        expect(normalizedCredentialNumber(mixed), mixed).toBe(n);
        expect(normalizedCredentialNumber(n)).toBe(n);
        expect(normalizedCredentialNumber(normalizedCredentialNumber(asTraditional))).toBe(normalizedCredentialNumber(asTraditional));
        expect(credentialRef(keys, 'cpa', mixed)).toBe(credentialRef(keys, 'cpa', asSimplified));
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it('characters outside the table are kept: two numbers that differ in a Chinese character stay two numbers', () => {
    expect(normalizedCredentialNumber('苏人社〔2024〕88号')).not.toBe(normalizedCredentialNumber('浙人社〔2024〕88号'));
    expect(normalizedCredentialNumber('干部-1')).toBe('干部1');
    expect(normalizedCredentialNumber('乾-1')).toBe('乾1');
  });

  // An outside recheck: the ideographic zero typed for 0, and the variant forms 鑒, 衞 and 証, each
  // counted as a second certificate.
  it('the ideographic zero is the digit 0, and 鑒 衞 証 are 鉴 卫 证; other Chinese numerals are kept', () => {
    expect(normalizedCredentialNumber('苏人社〔2〇24〕88号')).toBe(normalizedCredentialNumber('苏人社〔2024〕88号'));
    expect(normalizedCredentialNumber('粤鑒証字第0012号')).toBe(normalizedCredentialNumber('粤鉴证字第0012号'));
    expect(normalizedCredentialNumber('衞健委-7')).toBe(normalizedCredentialNumber('卫健委-7'));
    expect(normalizedCredentialNumber('二〇二四-1')).toBe('二0二四1');
    expect(normalizedCredentialNumber('二〇二四-1')).not.toBe(normalizedCredentialNumber('2024-1'));
  });
});

// Outside tester findings16-text F1: `苏人社〔二〇二四〕88号` and `苏人社〔二○二四〕88号` (U+25CB WHITE CIRCLE, what
// Chinese input methods give for "líng" as often as 〇) were two certificates: the circle is a symbol
// and was dropped, so one document counted twice (approve at 17,400 RMB, PD 1.263%, instead of refer
// at 17,300), and `2○24` was `224`, another document's number.
describe('credential numbers: a zero typed as a circle or 零 (findings16-text F1)', () => {
  it('the tester cases: 〇 ○ ◯ 零 between numerals are one zero, and 2○24 is not 224', () => {
    const year = normalizedCredentialNumber('苏人社〔二〇二四〕88号');
    for (const id of ['苏人社〔二○二四〕88号', '苏人社〔二◯二四〕88号', '苏人社〔二零二四〕88号', '蘇人社〔二○二四〕88號']) {
      expect(normalizedCredentialNumber(id), id).toBe(year);
      expect(credentialRef(keys, 'ielts', id), id).toBe(credentialRef(keys, 'ielts', '苏人社〔二〇二四〕88号'));
    }
    expect(normalizedCredentialNumber('苏人社〔2○24〕88号')).toBe(normalizedCredentialNumber('苏人社〔2〇24〕88号'));
    expect(normalizedCredentialNumber('苏人社〔2○24〕88号')).toBe(normalizedCredentialNumber('苏人社〔2024〕88号'));
    expect(normalizedCredentialNumber('苏人社〔2○24〕88号')).not.toBe(normalizedCredentialNumber('苏人社〔224〕88号'));
    // A run of circles, a circle beside a numeral across a separator or an invisible character.
    expect(normalizedCredentialNumber('二○○○-○1')).toBe('二00001');
    expect(normalizedCredentialNumber('2 ○ 24')).toBe('2024');
    expect(normalizedCredentialNumber('2\u200b○24')).toBe('2024');
    // Not beside a digit or numeral: a symbol, dropped as every symbol is.
    expect(normalizedCredentialNumber('A○B-7')).toBe(normalizedCredentialNumber('AB-7'));
    expect(credentialIssues('苏人社〔二○二四〕88号')).toBeUndefined();
  });

  it('law: a zero written as 0, ０, 〇, ○, ◯ or 零 gives one number; leaving the zero out gives another', () => {
    const zeros = ['0', '\uff10', '\u3007', '\u25cb', '\u25ef', '\u96f6'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'0123456789'), { minLength: 2, maxLength: 10 }).filter((d) => d.includes('0') && d.some((c) => c !== '0')),
        fc.infiniteStream(fc.constantFrom(...zeros)),
        fc.constantFrom('', '苏人社', 'JS-'),
        (digits, picks, prefix) => {
          const plain = `${prefix}${digits.join('')}`;
          const typed = `${prefix}${digits.map((c) => (c === '0' ? picks.next().value : c)).join('')}`;
          expect(normalizedCredentialNumber(typed), typed).toBe(normalizedCredentialNumber(plain));
          const dropped = `${prefix}${digits.filter((c) => c !== '0').join('')}`;
          expect(normalizedCredentialNumber(typed), typed).not.toBe(normalizedCredentialNumber(dropped));
        },
      ),
      { seed: 20261216, numRuns: 300 },
    );
  });
});

// Outside tester findings16-text F5: `2024-1-23` and `2024-12-3` are one number (the separators
// dropped, the digits in the same order), so a second certificate numbered so is referred as a
// duplicate. Kept on purpose: a separator typed or left out (`2024-0042` and `20240042`, an OCR that
// loses a hyphen) is the commonest way one document is typed twice, and a duplicate missed is a
// document counted twice, silently; a merge is a referral a person reviews. The README says so.
describe('credential numbers: separators never make two numbers (findings16-text F5, kept)', () => {
  it('law: where separators stand, and whether there are any, does not change the number', () => {
    const separators = ['-', '/', '.', ' ', '_', '\u00b7', '\u2010', '\u3000', '\uff0d', ''];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'0123456789ABZ'), { minLength: 1, maxLength: 12 }),
        fc.infiniteStream(fc.constantFrom(...separators)),
        fc.infiniteStream(fc.constantFrom(...separators)),
        (chars, a, b) => {
          const one = chars.map((c) => `${c}${a.next().value}`).join('');
          const other = chars.map((c) => `${b.next().value}${c}`).join('');
          expect(normalizedCredentialNumber(one)).toBe(normalizedCredentialNumber(other));
        },
      ),
      { seed: 20261217, numRuns: 200 },
    );
    expect(normalizedCredentialNumber('2024-1-23')).toBe(normalizedCredentialNumber('2024-12-3'));
    expect(normalizedCredentialNumber('2024-1-23')).not.toBe(normalizedCredentialNumber('2024-1-24'));
  });
});
