import { createHash } from 'node:crypto';
import { addDays, format, parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog, resolveCatalog } from '../src/catalog/index.js';
import type { CreditliftError } from '../src/errors/creditliftError.js';
import { ValidationError } from '../src/errors/validationError.js';
import { assessEvidence, evidenceReasonCodes, evidenceReasons, type EvidenceReport } from '../src/evidence/index.js';
import { credentialRef } from '../src/decision/audit.js';
import { credentialKeys } from '../src/evidence/assessEvidence.js';
import { exampleFor } from '../src/examples/index.js';
import type { Applicant } from '../src/schema/applicant.js';
import type { CertificateEvidence, VerificationMethod } from '../src/schema/certificateEvidence.js';
import { parseApplicant } from '../src/schema/parseApplicant.js';
import { forkliftLicenceKind } from './helpers/forkliftLicenceKind.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

// The new graduate (born 2003-05-14, asOf 2026-11-01) with the evidence under test.
const base = parseApplicant(exampleFor('new_graduate').applicant);
const OTHER_ID = sha('someone else');
const withEvidence = (evidence: CertificateEvidence[]): Applicant => ({ ...base, evidence });

let serial = 0;
/** An item of `over.kind` (IELTS by default); the default score 7 only for a kind graded by score. */
function item(over: Partial<CertificateEvidence> = {}): CertificateEvidence {
  serial += 1;
  const scored = defaultCatalog.get(over.kind ?? 'ielts')?.scale.type === 'numeric';
  return {
    kind: 'ielts',
    issuer: 'British Council',
    credentialId: `CRED-${serial}`,
    holder: { idHash: base.identity.idHash },
    issueDate: '2026-01-10',
    ...(scored ? { score: 7 } : {}),
    verification: { method: 'issuer_api', confidence: 0.95 },
    documentHash: sha(`doc-${serial}`),
    ...over,
  };
}

const one = (e: CertificateEvidence, options?: Parameters<typeof assessEvidence>[1]) => {
  const a = assessEvidence(withEvidence([e]), options).items[0];
  if (a === undefined) throw new Error('no assessment');
  return a;
};

describe('assessEvidence: 2026 rules', () => {
  it('reads a 2026 TOEFL 4.5 as a band and a 2025 TOEFL 96 as a total, both accepted with the same strength scale', () => {
    const band = one(item({ kind: 'toefl_ibt', issuer: 'ETS', issueDate: '2026-03-01', score: 4.5 }));
    const total = one(item({ kind: 'toefl_ibt', issuer: 'ETS', issueDate: '2025-03-01', score: 84 }));
    expect(band).toMatchObject({ status: 'accepted', scaleValue: 0.7 });
    expect(total).toMatchObject({ status: 'accepted', scaleValue: 0.7 });
    expect(one(item({ kind: 'toefl_ibt', issuer: 'ETS', issueDate: '2025-03-01', score: 4.5 }))).toMatchObject({
      status: 'rejected',
      reasons: ['score_off_scale'],
    });
  });

  it('refuses a 2026 TOEFL of a whole 1 to 6 that does not say its scale (band 6, or 6 of 120?), and reads it as it says (findings9 F6)', () => {
    const six = (scoreScale?: 'main' | 'alternate') =>
      one(item({ kind: 'toefl_ibt', issuer: 'ETS', issueDate: '2026-03-01', score: 6, ...(scoreScale === undefined ? {} : { scoreScale }) }));
    expect(six()).toMatchObject({ status: 'rejected', reasons: ['score_scale_ambiguous'], strength: 0 });
    expect(six('alternate')).toMatchObject({ status: 'accepted', scaleValue: 1 });
    // Read as a total, 6 of 120 is far below the useful level (42): read, and refused for it.
    expect(six('main')).toMatchObject({ status: 'rejected', reasons: ['result_below_useful_level'], scaleValue: 0.05 });
    // A kind with one scale reads `scoreScale: 'main'` as it reads no scale; `'alternate'` is off its scale.
    const ielts = (scoreScale: 'main' | 'alternate') =>
      one(item({ kind: 'ielts', issuer: 'British Council', issueDate: '2026-03-01', score: 6.5, scoreScale }));
    expect(ielts('main')).toMatchObject({ status: 'accepted' });
    expect(ielts('alternate')).toMatchObject({ status: 'rejected', reasons: ['score_off_scale'] });
    // A scale for a levelled kind is a reading it is not graded by.
    expect(one(item({ kind: 'tem8', issuer: 'NACFLT', issueDate: '2026-03-01', score: undefined, level: 'good', scoreScale: 'main' }))).toMatchObject({
      status: 'rejected',
      reasons: ['reading_not_on_scale'],
    });
  });

  it('a tour-guide card without an expiry date expires 3 years after issue', () => {
    const guide = (issueDate: string) =>
      one(
        item({
          kind: 'tour_guide_licence',
          issuer: 'Ministry of Culture and Tourism',
          issueDate,
          score: undefined,
          verification: { method: 'government_registry', confidence: 0.95 },
        }),
      );
    expect(guide('2023-11-02').status).toBe('accepted');
    expect(guide('2023-10-31')).toMatchObject({ status: 'rejected', reasons: ['expired'] });
  });
});

describe('assessEvidence: reason codes', () => {
  it('accepts a verified, current, on-scale certificate of the applicant', () => {
    expect(one(item())).toMatchObject({ status: 'accepted', reasons: [], category: 'language' });
  });

  it('unknown_kind: a kind the catalog does not know', () => {
    expect(one(item({ kind: 'pilot_licence' }))).toMatchObject({ status: 'rejected', reasons: ['unknown_kind'], category: undefined, strength: 0 });
  });

  it("expired: past the document's own expiry date, for a kind that expires (the earlier of the two ends counts)", () => {
    expect(one(item({ issueDate: '2026-01-10', expiryDate: '2026-10-31' })).reasons).toEqual(['expired']);
    expect(one(item({ issueDate: '2026-01-10', expiryDate: '2026-11-01' })).status).toBe('accepted');
  });

  it('a kind whose catalog validity sets no expiry (scholarships, CPA) is not voided by an uploaded expiry date; it still fades (findings5-rules #3)', () => {
    const scholarship = (expiryDate?: string) =>
      one(
        item({
          kind: 'national_scholarship',
          issuer: 'Ministry of Education',
          issueDate: '2023-10-01',
          ...(expiryDate === undefined ? {} : { expiryDate }),
          verification: { method: 'issuer_api', confidence: 0.95 },
        }),
      );
    const without = scholarship();
    expect(without.status).toBe('accepted');
    // The end of the award year, as award letters and OCR commonly give it.
    expect(scholarship('2024-09-30')).toEqual({ ...without, credentialId: expect.any(String) });
    expect(one(item({ kind: 'cpa', issueDate: '2024-01-01', expiryDate: '2026-10-31' }))).toEqual({
      ...one(item({ kind: 'cpa', issueDate: '2024-01-01' })),
      credentialId: expect.any(String),
    });
    // The fade still applies: an older award is weaker.
    const older = one(item({ kind: 'national_scholarship', issuer: 'Ministry of Education', issueDate: '2021-10-01', expiryDate: '2022-09-30' }));
    expect(older.status).toBe('accepted');
    expect(older.strength).toBeLessThan(without.strength);
  });

  it('law: for every kind without a catalog expiry, any uploaded expiry date leaves the assessment as it is without one', () => {
    const noExpiry = [...defaultCatalog.values()].filter((k) => k.validity.expiresAfterMonths === undefined);
    expect(noExpiry.map((k) => k.id)).toEqual(expect.arrayContaining(['national_scholarship', 'cpa', 'cet4']));
    fc.assert(
      fc.property(fc.constantFrom(...noExpiry), fc.integer({ min: -500, max: 3000 }), (spec, expiresIn) => {
        const level = spec.scale.type === 'levels' ? { level: spec.scale.typical } : {};
        const score = spec.scale.type === 'numeric' ? { score: spec.scale.typical } : { score: undefined };
        const plain = item({
          kind: spec.id,
          issueDate: '2025-06-01',
          ...score,
          ...level,
          verification: { method: spec.verificationMethods[0]!, confidence: 0.95 },
        });
        // On or after the issue date (2025-06-01 is 518 days before asOf); an expiry before issue is a schema error.
        const expiryDate = format(addDays(parseISO('2026-11-01'), expiresIn), 'yyyy-MM-dd');
        expect(one({ ...plain, expiryDate })).toEqual(one(plain));
      }),
      { seed: 20260601, numRuns: 100 },
    );
  });

  it("expired: past the kind's validity (IELTS 24 months), valid up to and including the last day", () => {
    expect(one(item({ issueDate: '2024-10-31' })).reasons).toEqual(['expired']);
    expect(one(item({ issueDate: '2024-11-01' })).status).toBe('accepted');
    expect(
      one(item({ kind: 'ride_hailing_rating', score: 4.9, verification: { method: 'platform_api', confidence: 0.9 }, issueDate: '2026-07-15' })).reasons,
    ).toEqual(['expired']);
  });

  it('issued_in_future: issued after asOf', () => {
    expect(one(item({ issueDate: '2026-11-02' })).reasons).toEqual(['issued_in_future']);
  });

  it('issued_before_plausible_age: a CPA at 17', () => {
    expect(one(item({ kind: 'cpa', issueDate: '2020-06-01' })).reasons).toEqual(['issued_before_plausible_age']);
    expect(one(item({ kind: 'cpa', issueDate: '2023-05-14' })).status).toBe('accepted');
  });

  it('score_off_scale: an IELTS band off the half-band grid, above 9, or missing', () => {
    expect(one(item({ score: 6.3 })).reasons).toEqual(['score_off_scale']);
    expect(one(item({ score: 9.5 })).reasons).toEqual(['score_off_scale']);
    const { score: _dropped, ...unscored } = item();
    expect(one(unscored).reasons).toEqual(['score_off_scale']);
  });

  it('level_unknown: a TEM-8 grade that does not exist, or none', () => {
    expect(one(item({ kind: 'tem8', level: 'great', issueDate: '2025-04-01' })).reasons).toEqual(['level_unknown']);
    expect(one(item({ kind: 'tem8', issueDate: '2025-04-01' })).reasons).toEqual(['level_unknown']);
  });

  it('duplicate_document: the same document twice; the first is kept', () => {
    const a = item();
    const b = item({ documentHash: a.documentHash, score: 8 });
    const r = assessEvidence(withEvidence([a, b])).items;
    expect(r.map((x) => x.status)).toEqual(['accepted', 'rejected']);
    expect(r[1]?.reasons).toEqual(['duplicate_document']);
  });

  it('duplicate_credential: the same kind and credential number twice (case and spaces ignored); the first is kept', () => {
    const a = item({ credentialId: '25CN012345ABC' });
    const b = item({ credentialId: ' 25cn 012345abc ' });
    const r = assessEvidence(withEvidence([a, b])).items;
    expect(r.map((x) => x.status)).toEqual(['accepted', 'rejected']);
    expect(r[1]?.reasons).toEqual(['duplicate_credential']);
    // The same number under another kind from another issuer is another certificate; from the same
    // issuer it is the same document filed under another kind (findings15-gig #2).
    expect(assessEvidence(withEvidence([a, item({ kind: 'cpa', issuer: 'Ministry of Finance', credentialId: '25CN012345ABC' })])).items[1]?.status).toBe(
      'accepted',
    );
    expect(
      assessEvidence(withEvidence([a, item({ kind: 'toefl_ibt', issuer: 'british council', credentialId: '25CN012345ABC', score: 90 })])).items[1]?.reasons,
    ).toEqual(['duplicate_credential']);
  });

  it('duplicate_credential: separators typed differently (hyphens, slashes, dots, middle dots, full-width) are the same number', () => {
    const spellings = [
      'JS-JXJ-2025-0042',
      'JS JXJ 2025 0042',
      'js/jxj/2025/0042',
      'JS.JXJ.2025.0042',
      'JS·JXJ·2025·0042',
      'ＪＳ－ＪＸＪ－２０２５－００４２',
      'JS_JXJ_2025_0042',
    ];
    for (const second of spellings.slice(1)) {
      const r = assessEvidence(
        withEvidence([item({ credentialId: spellings[0] as string }), item({ credentialId: second, documentHash: 'f'.repeat(64) })]),
      ).items;
      expect(r[1]?.reasons, second).toContain('duplicate_credential');
      expect(credentialKeys(item({ credentialId: second }))).toEqual(credentialKeys(item({ credentialId: spellings[0] as string })));
    }
    // One number, one keyed reference, however it was typed.
    const keys = { signing: null, personalData: new TextEncoder().encode('k'.repeat(32)) };
    expect(new Set(spellings.map((id) => credentialRef(keys, 'ielts', id))).size).toBe(1);
    // Letters and digits still tell numbers apart.
    const [kind43, issuer43] = credentialKeys(item({ credentialId: 'JS-JXJ-2025-0043' }));
    const [kind42, issuer42] = credentialKeys(item({ credentialId: 'JS-JXJ-2025-0042' }));
    expect([kind43 === kind42, issuer43 === issuer42]).toEqual([false, false]);
  });

  it('duplicate_credential: a number padded with invisible or look-alike characters is the same number (property)', () => {
    // What a copy-paste or a phone keyboard slips into a number: format characters (zero-width
    // space, soft hyphen, word joiner, BOM), dash and dot look-alikes, punctuation and symbols.
    const noise = fc.constantFrom(
      '\u200b',
      '\u200c',
      '\u200d',
      '\u00ad',
      '\u2060',
      '\ufeff',
      '\u30fc',
      '\u2027',
      '\u2043',
      '\u2e3a',
      '\u00a0',
      '\u3000',
      '#',
      '*',
      '~',
      '(',
      ')',
      '\u3001',
      '\u3002',
      "'",
      '"',
      '+',
    );
    const number = fc.stringMatching(/^[A-Z0-9]{4,12}$/);
    fc.assert(
      fc.property(number, fc.array(fc.tuple(fc.nat(), noise), { minLength: 1, maxLength: 4 }), (plain, inserts) => {
        let padded = plain;
        for (const [at, c] of inserts) {
          const i = at % (padded.length + 1);
          padded = padded.slice(0, i) + c + padded.slice(i);
        }
        const r = assessEvidence(withEvidence([item({ credentialId: plain }), item({ credentialId: padded, documentHash: 'f'.repeat(64) })])).items;
        expect(r[1]?.reasons, JSON.stringify(padded)).toContain('duplicate_credential');
      }),
      { seed: 20261129, numRuns: 200 },
    );
  });

  it('a credential number must be well-formed text with a letter or digit: lone surrogates and control characters are refused, never replaced in its reference', () => {
    for (const credentialId of ['X\ud800', 'X\udc00Y', 'AB\u0007C', '---', '\u200b\u200b']) {
      expect(() => parseApplicant({ ...exampleFor('new_graduate').applicant, evidence: [item({ credentialId })] }), JSON.stringify(credentialId)).toThrow(
        ValidationError,
      );
      try {
        parseApplicant({ ...exampleFor('new_graduate').applicant, evidence: [item({ credentialId })] });
      } catch (e) {
        expect((e as ValidationError).issues.map((i) => i.path.join('.'))).toContain('evidence.0.credentialId');
      }
    }
  });

  it('reading_not_on_scale: a score for a levelled or pass/fail kind, a level for a scored or pass/fail kind, is refused, never dropped', () => {
    const cases = [
      item({ kind: 'tem8', score: 85, level: 'good' }),
      item({ kind: 'ielts', score: 7, level: 'fail' }),
      item({ kind: 'school_scholarship', score: 12, level: undefined }),
      item({ kind: 'school_scholarship', score: undefined, level: 'level_1' }),
    ];
    for (const c of cases) {
      const r = assessEvidence(withEvidence([c])).items[0];
      expect(r?.status, `${c.kind} ${c.score} ${c.level}`).toBe('rejected');
      expect(r?.reasons).toContain('reading_not_on_scale');
    }
    // Each graded by its own field alone is read.
    expect(assessEvidence(withEvidence([item({ kind: 'tem8', score: undefined, level: 'good' })])).items[0]?.status).toBe('accepted');
    expect(assessEvidence(withEvidence([item({ kind: 'school_scholarship', score: undefined, level: undefined })])).items[0]?.status).toBe('accepted');
  });

  it('holder_mismatch: another id hash, or another name', () => {
    expect(one(item({ holder: { idHash: OTHER_ID } })).reasons).toEqual(['holder_mismatch']);
    expect(one(item({ holder: { name: 'Wang Lei' } })).reasons).toEqual(['holder_mismatch']);
    // The graduate is "Lin Xiaoyu": spacing and case are not a different person.
    expect(one(item({ holder: { name: 'LIN  xiaoyu' } })).status).toBe('accepted');
  });

  it('low_verification_confidence: below minConfidence (default 0.6), which the caller can set', () => {
    expect(one(item({ verification: { method: 'document_ocr', confidence: 0.5 } })).reasons).toEqual(['low_verification_confidence']);
    expect(one(item({ verification: { method: 'document_ocr', confidence: 0.5 } }), { minConfidence: 0.4 }).status).toBe('accepted');
    expect(one(item({ verification: { method: 'document_ocr', confidence: 0.6 } })).status).toBe('accepted');
  });

  it('self_declared_only: typed in, nothing checked', () => {
    expect(one(item({ verification: { method: 'self_declared', confidence: 1 } })).reasons).toEqual(['self_declared_only']);
  });

  it('verification_method_not_accepted: a platform feed cannot prove a CPA', () => {
    expect(one(item({ kind: 'cpa', verification: { method: 'platform_api', confidence: 1 } })).reasons).toEqual(['verification_method_not_accepted']);
  });

  // findings8-customer #1: a failed TEM-8, IELTS 0, a courier with 0% positive reviews... were
  // accepted at strength 0 and still counted (cert_accepted_count), each raising the limit.
  // findings17-gaming F3: so did one grid step above (CET-6 221, 90.01%, 1 follower): a result now
  // counts from its kind's useful level (scale.usefulFrom), and below it is refused.
  it('result_below_useful_level: a result valued 0, or below the kind useful level, is refused, and the useful level itself counts', () => {
    const platform = { method: 'platform_api', confidence: 0.99 } as const;
    // Platform figures are valid 3 months: fetched last month.
    const fetched = '2026-10-15';
    // [kind, results valued 0, results above 0 but below the useful level, the useful level]
    const table: [string, (number | string)[], (number | string)[], number | string, Partial<CertificateEvidence>?][] = [
      ['tem8', ['fail'], [], 'pass'],
      ['ielts', [0], [0.5, 3.5], 4],
      ['cet4', [0, 220], [221, 424], 425],
      ['cet6', [0, 220], [221, 424], 425],
      ['duolingo', [10], [15, 55], 60],
      ['toefl_ibt', [0], [7, 41], 42, { issueDate: '2025-12-01' }],
      // Band 1, the bottom of the 2026 scale; band 2.5 below B1.
      ['toefl_ibt', [1], [1.5, 2.5], 3, { issueDate: '2026-03-01', scoreScale: 'alternate' }],
      ['courier_rating', [0, 90], [90.01, 94.99], 95, { verification: platform, issueDate: fetched }],
      ['ride_hailing_rating', [1, 4], [4.01, 4.49], 4.5, { verification: platform, issueDate: fetched }],
      ['creator_followers', [0], [1, 999], 1000, { verification: platform, issueDate: fetched }],
    ];
    const result = (r: number | string) => (typeof r === 'string' ? { level: r } : { score: r });
    for (const [kind, zero, weak, from, over] of table) {
      const at = (r: number | string) => one(item({ kind, ...result(r), ...over }));
      for (const r of zero)
        expect(at(r), `${kind} ${r}`).toMatchObject({ status: 'rejected', reasons: ['result_below_useful_level'], strength: 0, scaleValue: 0 });
      for (const r of weak) {
        const refused = at(r);
        expect(refused, `${kind} ${r}`).toMatchObject({ status: 'rejected', reasons: ['result_below_useful_level'], strength: 0 });
        expect(refused.scaleValue, `${kind} ${r}`).toBeGreaterThan(0);
      }
      const counted = at(from);
      expect(counted.status, `${kind} ${from}`).toBe('accepted');
      expect(counted.strength).toBeGreaterThan(0);
    }
  });

  it('result_below_useful_level applies to a lender level valued 0 too, and is listed with the other reasons', () => {
    const catalog = resolveCatalog([forkliftLicenceKind]);
    expect(one(item({ kind: 'forklift_licence', level: 'provisional' }), { catalog }).reasons).toEqual(['result_below_useful_level']);
    expect(one(item({ kind: 'forklift_licence', level: 'full' }), { catalog }).status).toBe('accepted');
    expect(one(item({ kind: 'tem8', level: 'fail', holder: { idHash: OTHER_ID } })).reasons).toEqual(['holder_mismatch', 'result_below_useful_level']);
  });

  it('a verifier confidence of 0 is never enough, whatever minConfidence says (it would be accepted at strength 0)', () => {
    expect(one(item({ verification: { method: 'issuer_api', confidence: 0 } }), { minConfidence: 0 }).reasons).toEqual(['low_verification_confidence']);
    expect(one(item({ verification: { method: 'issuer_api', confidence: 0.01 } }), { minConfidence: 0 }).status).toBe('accepted');
  });

  it('lists every applicable reason of a rejected item, in the stable order', () => {
    const first = item();
    const bad = item({
      documentHash: first.documentHash,
      credentialId: first.credentialId,
      issueDate: '2027-01-01',
      score: 9.25,
      holder: { idHash: OTHER_ID },
      verification: { method: 'self_declared', confidence: 0.1 },
    });
    expect(assessEvidence(withEvidence([first, bad])).items[1]?.reasons).toEqual([
      'issued_in_future',
      'score_off_scale',
      'duplicate_document',
      'duplicate_credential',
      'holder_mismatch',
      'low_verification_confidence',
      'self_declared_only',
    ]);
  });

  it('explains every reason code in English and Simplified Chinese', () => {
    for (const code of evidenceReasonCodes) {
      expect(evidenceReasons[code].en.length).toBeGreaterThan(0);
      expect(evidenceReasons[code].zhHans).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('assessEvidence: strength', () => {
  it('is verification factor x confidence x kind weight x scale value x fade', () => {
    // IELTS 6.5, issuer API (factor 1), confidence 0.98, weight 0.9, no fade within validity.
    expect(one(item({ score: 6.5, verification: { method: 'issuer_api', confidence: 0.98 } })).strength).toBeCloseTo(0.98 * 0.9 * (6.5 / 9), 12);
    // A teacher qualification 120 months old has faded to half (half-life 120 months). The
    // applicant is made older so the old certificate is plausible.
    const strengthIssuedOn = (issueDate: string) =>
      assessEvidence({ ...withEvidence([item({ kind: 'teacher_qualification', issueDate })]), birthDate: '1990-01-01' }).items[0]?.strength ?? NaN;
    expect(strengthIssuedOn('2016-11-01')).toBeCloseTo(strengthIssuedOn('2026-11-01') / 2, 12);
  });

  it('ranks vocational level 1 (senior technician) above level 5 (junior worker)', () => {
    const s = (level: string) => one(item({ kind: 'vocational_skill_level', level, verification: { method: 'government_registry', confidence: 1 } })).strength;
    expect(s('level_1')).toBeGreaterThan(s('level_5'));
  });

  it('ranks a CPA above a junior accountant at equal verification', () => {
    expect(one(item({ kind: 'cpa' })).strength).toBeGreaterThan(one(item({ kind: 'junior_accountant' })).strength);
  });

  it('counts a kind a lender added through resolveCatalog', () => {
    const catalog = resolveCatalog([
      {
        id: 'pilot_licence',
        category: 'professional',
        names: { en: 'Pilot licence', zhHans: '飞行执照' },
        scale: { type: 'none' },
        validity: {},
        minHolderAgeAtIssue: 18,
        signalWeight: 1,
        verificationMethods: ['issuer_api'],
      },
    ]);
    expect(one(item({ kind: 'pilot_licence' }), { catalog })).toMatchObject({ status: 'accepted', category: 'professional', strength: 0.95 });
  });
});

describe('assessEvidence: options', () => {
  it('rejects minConfidence outside [0, 1] with a ValidationError', () => {
    for (const minConfidence of [1.5, -0.1, Number.NaN]) {
      expect(() => assessEvidence(base, { minConfidence })).toThrow(ValidationError);
    }
  });

  it('rejects a catalog that is not one with catalog_invalid', () => {
    const bad = { catalog: { ielts: {} } as unknown as ReturnType<typeof resolveCatalog> };
    expect(() => assessEvidence(base, bad)).toThrow(expect.objectContaining({ code: 'catalog_invalid' }) as unknown as CreditliftError);
  });
});

describe('assessEvidence: summary', () => {
  it('has all four categories even with no evidence', () => {
    const s = assessEvidence(withEvidence([])).summary;
    expect(s.byCategory).toEqual({
      professional: { maxStrength: 0, count: 0 },
      language: { maxStrength: 0, count: 0 },
      honour: { maxStrength: 0, count: 0 },
      gig: { maxStrength: 0, count: 0 },
    });
    expect(s).toMatchObject({ acceptedCount: 0, rejectedCount: 0, duplicateDetected: false, holderMismatchDetected: false });
  });

  it('takes the max strength and the count of accepted items per category, and flags fraud signals', () => {
    const a = item({ score: 6 });
    const r = assessEvidence(
      withEvidence([a, item({ score: 8 }), item({ documentHash: a.documentHash }), item({ kind: 'cpa', holder: { idHash: OTHER_ID } })]),
    );
    expect(r.summary.byCategory.language.count).toBe(2);
    expect(r.summary.byCategory.language.maxStrength).toBe(r.items[1]?.strength);
    expect(r.summary).toMatchObject({ acceptedCount: 2, rejectedCount: 2, duplicateDetected: true, holderMismatchDetected: true });
  });
});

// ---- Laws over arbitrary evidence ----

const kinds = [...defaultCatalog.keys(), 'mystery_kind'];
const levels = ['level_1', 'level_2', 'level_3', 'level_4', 'level_5', 'fail', 'pass', 'good', 'excellent', 'bogus'];
const methods: VerificationMethod[] = ['issuer_api', 'government_registry', 'platform_api', 'document_ocr', 'manual_review', 'self_declared'];
const day0 = parseISO('2000-01-01');
const isoDay = fc.integer({ min: 0, max: 10_400 }).map((d) => format(addDays(day0, d), 'yyyy-MM-dd'));
// Small pools make duplicates and mismatches common; `unique` draws make fresh ones.
const docHash = fc.oneof(
  fc.constantFrom(...[0, 1, 2].map((i) => sha(`pool-${i}`))),
  fc.string().map((s) => sha(`unique-${s}`)),
);

const evidenceArb: fc.Arbitrary<CertificateEvidence> = fc
  .record(
    {
      kind: fc.constantFrom(...kinds),
      issuer: fc.constant('Issuer'),
      credentialId: fc.oneof(fc.constantFrom('A1', 'a 1', 'B2'), fc.uuid()),
      holder: fc.oneof(fc.constant({ idHash: base.identity.idHash }), fc.constant({ idHash: OTHER_ID }), fc.constant({ name: 'Lin Xiaoyu' })),
      issueDate: isoDay,
      expiryDate: isoDay,
      score: fc.oneof(fc.double({ min: -10, max: 1000, noNaN: true }), fc.integer({ min: 0, max: 710 }), fc.constantFrom(6.5, 4.9, 110, 98.5, 5000)),
      level: fc.constantFrom(...levels),
      verification: fc.record({ method: fc.constantFrom(...methods), confidence: fc.double({ min: 0, max: 1, noNaN: true }) }),
      documentHash: docHash,
    },
    { requiredKeys: ['kind', 'issuer', 'credentialId', 'holder', 'issueDate', 'verification', 'documentHash'] },
    // An expiry before the issue date is refused by the Applicant schema itself (expiry_before_issue),
    // so assessEvidence, which validates what it is given, only ever sees them in order.
  )
  .map((e) => (e.expiryDate !== undefined && e.expiryDate < e.issueDate ? { ...e, issueDate: e.expiryDate, expiryDate: e.issueDate } : e));

// An item sharing no document or credential with anything else.
const freshArb = fc.tuple(evidenceArb, fc.uuid()).map(([e, u]) => ({ ...e, documentHash: sha(`fresh-${u}`), credentialId: `fresh-${u}` }));

function summaryValues(r: EvidenceReport): number[] {
  const s = r.summary;
  return [
    ...Object.values(s.byCategory).flatMap((c) => [c.maxStrength, c.count]),
    s.acceptedCount,
    s.rejectedCount,
    Number(s.duplicateDetected),
    Number(s.holderMismatchDetected),
  ];
}

const list = fc.array(evidenceArb, { maxLength: 12 });

describe('assessEvidence: laws', () => {
  it('strength is always in [0, 1]; rejected items have strength 0 and at least one reason; accepted ones none and a strength above 0', () => {
    fc.assert(
      fc.property(list, fc.double({ min: 0, max: 1, noNaN: true }), (ev, minConfidence) => {
        for (const a of assessEvidence(withEvidence(ev), { minConfidence }).items) {
          expect(a.strength).toBeGreaterThanOrEqual(0);
          expect(a.strength).toBeLessThanOrEqual(1);
          if (a.status === 'rejected') {
            expect(a.strength).toBe(0);
            expect(a.reasons.length).toBeGreaterThan(0);
          } else {
            expect(a.reasons).toEqual([]);
            // What is accepted counts: an item worth nothing is refused with a reason, never accepted at 0.
            expect(a.strength).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic: the same applicant (or a copy) gives the same report', () => {
    fc.assert(
      fc.property(list, (ev) => {
        const a = withEvidence(ev);
        expect(assessEvidence(structuredClone(a))).toEqual(assessEvidence(a));
      }),
      { numRuns: 100 },
    );
  });

  it('adding a new certificate anywhere never lowers a summary value nor changes any other item', () => {
    fc.assert(
      fc.property(list, freshArb, fc.nat(), (ev, extra, at) => {
        const pos = at % (ev.length + 1);
        const before = assessEvidence(withEvidence(ev));
        const after = assessEvidence(withEvidence([...ev.slice(0, pos), extra, ...ev.slice(pos)]));
        const others = after.items.filter((_, i) => i !== pos).map(({ index: _i, ...rest }) => rest);
        expect(others).toEqual(before.items.map(({ index: _i, ...rest }) => rest));
        summaryValues(after).forEach((v, i) => expect(v).toBeGreaterThanOrEqual(summaryValues(before)[i]!));
      }),
      { numRuns: 200 },
    );
  });

  it('appending any item, even a duplicate, never lowers a summary value nor changes an earlier item', () => {
    fc.assert(
      fc.property(list, evidenceArb, (ev, extra) => {
        const before = assessEvidence(withEvidence(ev));
        const after = assessEvidence(withEvidence([...ev, extra]));
        expect(after.items.slice(0, ev.length)).toEqual(before.items);
        summaryValues(after).forEach((v, i) => expect(v).toBeGreaterThanOrEqual(summaryValues(before)[i]!));
      }),
      { numRuns: 200 },
    );
  });

  it('duplicates keep the first: the first item with a document hash is never a duplicate_document', () => {
    fc.assert(
      fc.property(list, (ev) => {
        const items = assessEvidence(withEvidence(ev)).items;
        const firstAt = new Map<string, number>();
        ev.forEach((e, i) => firstAt.set(e.documentHash, firstAt.get(e.documentHash) ?? i));
        items.forEach((a, i) => {
          const first = firstAt.get(ev[i]!.documentHash) === i;
          expect(a.reasons.includes('duplicate_document')).toBe(!first);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('higher verifier confidence never lowers strength', () => {
    fc.assert(
      fc.property(evidenceArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (e, c1, c2) => {
        const [lo, hi] = [c1, c2].sort((a, b) => a - b) as [number, number];
        const at = (confidence: number) => one({ ...e, verification: { ...e.verification, confidence } }).strength;
        expect(at(hi)).toBeGreaterThanOrEqual(at(lo));
      }),
      { numRuns: 200 },
    );
  });
});
