// Outside tester findings16-text F2: the holder-name check folded case, width and `\s · • . - _ , '`
// only, so the applicant's own certificate (holder idHash matching) was rejected `holder_mismatch` when
// the name dot was typed `・` `‧` `･` `⋅`, when an invisible character (ZWSP, ZWJ, RLM, soft hyphen) was
// in it, or a typographic hyphen or apostrophe: the limit fell from 17,400 to 16,400 RMB. Names also took
// control characters and lone surrogates, which credentialId refuses by name. F3: an issuer with one
// Cyrillic look-alike letter (`DіDі Chuxing`) escaped the cross-kind duplicate check. Names, issuers and
// numbers now go through one folding (foldedText), with look-alike capitals read as Latin.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { assessEvidence, sameCredential } from '../../src/evidence/assessEvidence.js';
import { exampleFor } from '../../src/examples/index.js';
import type { CertificateEvidence } from '../../src/schema/certificateEvidence.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import { foldedText } from '../../src/text/foldedText.js';
import { nameKey } from '../../src/text/nameKey.js';
import { LOOK_ALIKES } from '../helpers/credentialDisguises.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const base = parseApplicant(exampleFor('new_graduate').applicant);

let serial = 0;
function item(over: Partial<CertificateEvidence> = {}): CertificateEvidence {
  serial += 1;
  return {
    kind: 'ielts',
    issuer: 'British Council',
    credentialId: `CRED-${serial}`,
    holder: { idHash: base.identity.idHash },
    issueDate: '2026-01-10',
    score: 7,
    verification: { method: 'issuer_api', confidence: 0.95 },
    documentHash: sha(`doc-${serial}`),
    ...over,
  };
}

/** The assessment of one certificate whose holder is `holderName` for an applicant named `applicantName`. */
function holderCheck(applicantName: string, holderName: string) {
  const applicant = parseApplicant({
    ...base,
    identity: { ...base.identity, name: applicantName },
    evidence: [item({ holder: { idHash: base.identity.idHash, name: holderName } })],
  });
  return assessEvidence(applicant).items[0];
}

function issuesAt(input: unknown): string[] {
  try {
    parseApplicant(input);
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.issues.map((i) => i.path.join('.'));
  }
}

describe('holder names are compared by nameKey (findings16-text F2, findings16-recheck16 R1)', () => {
  it('the tester cases: name dots, invisible characters, typographic hyphens and apostrophes are the same name', () => {
    const same: [string, string][] = [
      ['阿不都·热合曼', '阿不都•热合曼'],
      ['阿不都·热合曼', '阿不都・热合曼'],
      ['阿不都·热合曼', '阿不都‧热合曼'],
      ['阿不都·热合曼', '阿不都･热合曼'],
      ['阿不都·热合曼', '阿不都⋅热合曼'],
      ['张三', '张\u200b三'],
      ['张三', '张三\u200d'],
      ['张三', '\u200f张三'],
      ['张三', '张三\u00ad'],
      ['Jean-Luc Li', 'Jean\u2010Luc Li'],
      ["O'Brien", 'O\u2019Brien'],
      ["O'Brien", 'O\u02bcbrien'],
      ['José Lin', 'JOSÉ LIN'],
      ['ｌｉｎ　ｘｉａｏｙｕ', 'Lin Xiaoyu'],
      // findings16-recheck16b N1-N3: a spacing accent typed as an apostrophe, the Greek final sigma
      // beside a removed space, and the case pairs lower-casing misses.
      ["O'Brien", 'O´Brien'],
      ["D'Souza", 'D¨Souza'],
      ['ΝΙΚΟΣ ΠΑΥΛΟΣ', 'ΝΙΚΟΣΠΑΥΛΟΣ'],
      ['Νίκος Παύλος', 'ΝΊΚΟΣ·ΠΑΎΛΟΣ'],
      ['ΝΙΚΟΣ ΠΑΥΛΟΣ', 'ΝΙΚΟΣ\u200bΠΑΥΛΟΣ'],
      ['İlker', 'ilker'],
      ['Işık', 'IŞIK'],
      ['Strauß', 'STRAUSS'],
    ];
    for (const [applicant, holder] of same) expect(holderCheck(applicant, holder)?.status, `${applicant} / ${JSON.stringify(holder)}`).toBe('accepted');
  });

  it('another name is still another person', () => {
    const other: [string, string][] = [
      ['张三', '张四'],
      ['阿不都·热合曼', '阿不都热合'],
      ['Lin Xiaoyu', 'Lin Xiaoyun'],
      // The recheck's R1: the fold built for certificate numbers (marks dropped, look-alike capitals read
      // as Latin, 零 as 0) took each of these for one person and accepted another person's certificate.
      ['Lü Wei', 'Lu Wei'],
      ['José Lin', 'Jose Lin'],
      ['Nguyễn Văn Hùng', 'Nguyễn Văn Hưng'],
      ['राम', 'रमा'],
      ['བླ་མ', 'བུམ'],
      ['ལྷ་མོ', 'ལ་མ'],
      ['こうだ', 'こうた'],
      ['Түмэн', 'Тумэн'],
      ['Һасан', 'Насан'],
      ['ئالىم', 'يالىم'],
      ['张零', '张0'],
    ];
    for (const [applicant, holder] of other) expect(holderCheck(applicant, holder)?.reasons).toEqual(['holder_mismatch']);
  });

  it('law: a name with separators, dots and invisible characters inserted, or its case changed, is the same holder', () => {
    const inserted = ['\u200b', '\u200d', '\u200f', '\u00ad', '\u2060', '\ufeff', '·', '・', '‧', '･', '⋅', '•', '-', '\u2010', '\u2019', ' ', '\u3000'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'张三李四王阿不都热合曼LinXiaoyuJean'), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...inserted)), { maxLength: 4 }),
        fc.boolean(),
        (chars, inserts, upper) => {
          const name = chars.join('');
          const typed = [...(upper ? name.toUpperCase() : name.toLowerCase())];
          for (const [at, c] of inserts) typed.splice(at % (typed.length + 1), 0, c);
          expect(holderCheck(name, typed.join(''))?.status, JSON.stringify(typed.join(''))).toBe('accepted');
        },
      ),
      { seed: 20261218, numRuns: 60 },
    );
  });

  it('names and issuers with a control character or a lone surrogate are refused by name, as credential numbers are; so is a name with no letter', () => {
    const withName = (name: string) => ({ ...base, identity: { ...base.identity, name } });
    const withHolder = (name: string) => ({ ...base, evidence: [item({ holder: { name } })] });
    const withIssuer = (issuer: string) => ({ ...base, evidence: [item({ issuer })] });
    for (const bad of ['张三\u0000', '张\ud800', '\udc00张三', '张三\u0085', '张三\u001b[31m']) {
      expect(issuesAt(withName(bad)), JSON.stringify(bad)).toContain('identity.name');
      expect(issuesAt(withHolder(bad)), JSON.stringify(bad)).toContain('evidence.0.holder.name');
      expect(issuesAt(withIssuer(bad)), JSON.stringify(bad)).toContain('evidence.0.issuer');
    }
    for (const empty of ['\u200b', '·・', '😀']) {
      expect(issuesAt(withName(empty)), JSON.stringify(empty)).toContain('identity.name');
      expect(issuesAt(withHolder(empty)), JSON.stringify(empty)).toContain('evidence.0.holder.name');
      expect(issuesAt(withIssuer(empty)), JSON.stringify(empty)).toContain('evidence.0.issuer');
    }
    expect(issuesAt(withName('张三'))).toEqual([]);
    expect(issuesAt(withIssuer('Иван Франко University'))).toEqual([]);
  });
});

describe('issuers: look-alike letters of other scripts are the Latin letter (findings16-text F3)', () => {
  const first = item({
    kind: 'ride_hailing_rating',
    issuer: 'DiDi Chuxing',
    credentialId: 'DRV-88231907',
    score: 4.9,
    issueDate: '2026-10-01',
    verification: { method: 'platform_api', confidence: 0.99 },
  });

  it('the tester case: DіDі Chuxing (Cyrillic і) is DiDi Chuxing, and the same number under a second kind is a duplicate', () => {
    for (const issuer of ['DiDi Chuxing', 'ＤｉＤｉ　Ｃｈｕｘｉｎｇ', 'didi-chuxing', 'D\u0456D\u0456 Chuxing', 'D\u0456D\u0456 \u0421hu\u0445ing']) {
      const second = item({ ...first, kind: 'courier_rating', issuer, score: 99.5, documentHash: sha(`second ${issuer}`) });
      const items = assessEvidence({ ...base, evidence: [first, second] }).items;
      expect(items[1]?.reasons, issuer).toEqual(['duplicate_credential']);
      expect(sameCredential(first, second), issuer).toBe(true);
    }
  });

  it('law: an issuer with Latin letters swapped for look-alikes of any case folds as the Latin one; a different letter stays different', () => {
    const letters = Object.keys(LOOK_ALIKES).filter((k) => /[A-Z]/.test(k));
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...letters, ...'abcdxyz '), { minLength: 1, maxLength: 12 }),
        fc.infiniteStream(fc.boolean()),
        fc.infiniteStream(fc.nat()),
        (chars, swap, pick) => {
          const latin = chars.join('');
          const spoofed = chars
            .map((c) => {
              const alikes = LOOK_ALIKES[c];
              if (alikes === undefined || !swap.next().value) return c;
              // Only letters (a Cyrillic О may stand for the digit 0 in the helper; here it is the letter O).
              return alikes[pick.next().value % alikes.length] as string;
            })
            .join('');
          expect(foldedText(spoofed), JSON.stringify(spoofed)).toBe(foldedText(latin));
          expect(foldedText(spoofed.toLowerCase()), JSON.stringify(spoofed)).toBe(foldedText(latin));
        },
      ),
      { seed: 20261219, numRuns: 300 },
    );
    expect(foldedText('DiDi Chuxing')).not.toBe(foldedText('DiDa Chuxing'));
  });
});

describe('the name rule reads most names without folding them', () => {
  // nameText skips the fold for a name with an ASCII letter or digit or a CJK unified ideograph:
  // sound only while folding always keeps such a character.
  it('law: text holding an ASCII letter or digit or a CJK ideograph keeps a letter or digit, compared as a name or as an issuer', () => {
    const kept = fc.constantFrom(...'Az09', '中', '零', '\u4e00', '\u9fff');
    const noise = fc.string({ unit: 'binary', maxLength: 12 });
    fc.assert(
      fc.property(noise, kept, noise, (a, k, b) => {
        expect(foldedText(`${a}${k}${b}`).length).toBeGreaterThan(0);
        expect(nameKey(`${a}${k}${b}`)).toMatch(/[\p{L}\p{N}]/u);
      }),
      { numRuns: 300 },
    );
  });
});
