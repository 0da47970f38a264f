// findings19-rules2026 #1: under eu-ccd2 a creator follower count was rejected banned_data_category,
// but it still took part in duplicate detection: its document hash and credential keys went into the
// seen sets and a second snapshot of it set duplicateDetected. So banned social-media data referred
// the application (duplicate_evidence), shut out a valid ride-hailing rating sharing its issuer and
// number (duplicate_credential: refer at PD 0.0111 instead of approve at 0.0079), and gave the notice
// "The same certificate was submitted more than once" and "Few verified certificates...". An item of
// a banned data category now has no effect anywhere: it is reported rejected for its category alone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { assessEvidence } from '../../src/evidence/assessEvidence.js';
import { createFeatureEncoder, defaultFeatureColumns } from '../../src/features/featureEncoder.js';
import { builtInFeatures, defineFeatureSet } from '../../src/features/featureSet.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import { euCcd2 } from '../../src/policy/jurisdictionProfile.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import type { CertificateEvidence } from '../../src/schema/certificateEvidence.js';
import { creditLaws, CreditLawViolation, mutateScorer } from '../../src/testing/index.js';
import { captureIo } from '../cli/fakeDecider.js';

const ID = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

/** The tester's gig worker: 9,000 RMB a month, asking for 50,000 RMB. */
function gig(id: string, evidence: CertificateEvidence[], currentLimit = 0): ApplicantInput {
  return {
    id,
    asOf: '2026-11-24',
    birthDate: '2003-05-14',
    identity: { idHash: ID },
    employment: { type: 'gig', industry: 'transport_logistics', startDate: '2025-08-15' },
    income: { monthlyNet: 900_000, source: 'payroll' },
    socialInsuranceMonths: 14,
    housingFundMonths: 14,
    residence: { cityTier: 2, region: 'central' },
    bureau: { hasFile: false },
    platform: { accountAgeMonths: 20, transactions3m: 150, transactionAmount3m: 1_300_000, onTimeRepaymentRate: 1, currentLimit },
    household: { monthlyEssentialSpending: 350_000, dependants: 0 },
    controls: { requestedLimit: 5_000_000 },
    evidence,
  };
}

const platform = { method: 'platform_api', confidence: 0.99 } as const;
/** A Douyin follower count, and a second snapshot of the same account (same number, another hash). */
const follower: CertificateEvidence = {
  kind: 'creator_followers',
  issuer: 'Douyin',
  credentialId: 'DY-88001',
  holder: { idHash: ID },
  issueDate: '2026-11-01',
  score: 50_000,
  verification: platform,
  documentHash: '1'.repeat(64),
};
const snapshot: CertificateEvidence = { ...follower, documentHash: 'b'.repeat(64), issueDate: '2026-11-10', score: 52_000 };
/** A ride-hailing rating from the same issuer under the same number: permitted data. */
const rating: CertificateEvidence = {
  kind: 'ride_hailing_rating',
  issuer: 'Douyin',
  credentialId: 'DY-88001',
  holder: { idHash: ID },
  issueDate: '2026-11-01',
  score: 4.9,
  verification: platform,
  documentHash: '2'.repeat(64),
};

/** What a decision grants and says, apart from its evidence list (and the ids that hash it). */
function terms(d: Decision) {
  const banned = new Set(d.evidence.filter((e) => e.reasons.includes('banned_data_category')).map((e) => e.index));
  return {
    outcome: d.outcome,
    lineAction: d.lineAction,
    limit: d.limit,
    pd: d.pd,
    apr: d.apr,
    bindingConstraint: d.bindingConstraint,
    policyReasons: d.policyReasons,
    reasons: d.reasons,
    dataCategories: d.dataCategories,
    contributions: d.contributions,
    certificateImpacts: d.certificateImpacts.map(({ index, ...rest }) => rest),
    suggestions: d.suggestions,
    movement: d.movement && {
      ...d.movement,
      byEvidence: d.movement.byEvidence.filter((m) => !banned.has(m.index)).map(({ index, ...rest }) => rest),
    },
    permitted: d.evidence.filter((e) => !banned.has(e.index)).map(({ index, ...rest }) => rest),
  };
}

const bannedOnly = (d: Decision, kind = 'creator_followers') =>
  d.evidence.filter((e) => e.kind === kind).map((e) => ({ status: e.status, reasons: e.reasons, strength: e.strength, scaleValue: e.scaleValue }));
const refusedForCategory = { status: 'rejected', reasons: ['banned_data_category'], strength: 0, scaleValue: undefined };

let eu: Scorer;
beforeAll(async () => {
  eu = await createScorer({ policyOverrides: { jurisdiction: euCcd2 } });
});
afterAll(() => eu?.close());

describe('an item of a banned data category has no effect anywhere (findings19-rules2026 #1)', () => {
  it('a follower count sharing a rating issuer and number does not make the rating a duplicate: [follower, rating] decides as [rating] alone', async () => {
    const alone = await eu.decide(gig('a5', [rating]));
    const both = await eu.decide(gig('a4', [follower, rating]));
    expect(alone.outcome).toBe('approve');
    expect(both.evidence.find((e) => e.kind === 'ride_hailing_rating')).toMatchObject({ status: 'accepted', reasons: [] });
    expect(bannedOnly(both)).toEqual([refusedForCategory]);
    expect(both.policyReasons).not.toContain('duplicate_evidence');
    expect(terms(both)).toEqual(terms(alone));
  });

  it('two snapshots of one banned account are refused for their category only, never as duplicates, and decide as no upload', async () => {
    const none = await eu.decide(gig('a1', []));
    const one = await eu.decide(gig('a2', [follower]));
    const two = await eu.decide(gig('a3', [follower, snapshot]));
    expect(bannedOnly(two)).toEqual([refusedForCategory, refusedForCategory]);
    expect(two.policyReasons).not.toContain('duplicate_evidence');
    expect(terms(one)).toEqual(terms(none));
    expect(terms(two)).toEqual(terms(none));
  });

  it('a banned item placed after a permitted one is no duplicate of it either, and the permitted one keeps its certificate impact', async () => {
    const alone = await eu.decide(gig('a5', [rating]));
    const after = await eu.decide(gig('a6', [rating, { ...follower, documentHash: rating.documentHash }]));
    expect(bannedOnly(after)).toEqual([refusedForCategory]);
    expect(after.certificateImpacts).toHaveLength(1);
    expect(terms(after)).toEqual(terms(alone));
  });

  it('reassess with two snapshots, or a snapshot and the rating, gives the reassessment without the banned items', async () => {
    const prior = await eu.decide(gig('r1', []));
    const plain = await eu.reassess(prior, { applicant: gig('r1', []), evidence: [] });
    const snaps = await eu.reassess(prior, { applicant: gig('r1', []), evidence: [follower, snapshot] });
    expect(bannedOnly(snaps)).toEqual([refusedForCategory, refusedForCategory]);
    expect(terms(snaps)).toEqual(terms(plain));
    expect(snaps.movement?.byEvidence.map((m) => m.limitGain)).toEqual([0, 0]);
    const withRating = await eu.reassess(prior, { applicant: gig('r1', []), evidence: [rating] });
    const mixed = await eu.reassess(prior, { applicant: gig('r1', [follower]), evidence: [snapshot, rating] });
    expect(terms(mixed)).toEqual(terms(withRating));
  });

  it('decideBatch gives each record the decision without its banned items', async () => {
    const results = await eu.decideBatch([gig('b1', [follower, snapshot]), gig('b2', [follower, rating]), gig('b3', []), gig('b4', [rating])]);
    const [two, both, none, alone] = results.map((r) => (r.ok ? r.decision : undefined)) as Decision[];
    expect(terms(two!)).toEqual(terms(none!));
    expect(terms(both!)).toEqual(terms(alone!));
  });

  it('assessEvidence: a banned item is refused for its category alone (another holder, expired, a copy of a permitted document), raises no fraud flag and is in neither count', () => {
    const banned = ['social_media'] as const;
    const applicant = parseApplicant(
      gig('u1', [
        { ...follower, holder: { idHash: 'c'.repeat(64) }, issueDate: '2019-01-01', expiryDate: '2020-01-01' },
        { ...snapshot, verification: { method: 'self_declared', confidence: 0.1 } },
        rating,
        { ...follower, documentHash: rating.documentHash, credentialId: 'DY-88001' },
      ]),
    );
    const { items, summary } = assessEvidence(applicant, { bannedDataCategories: banned });
    expect(items.map((i) => [i.kind, i.status, i.reasons.join('+')])).toEqual([
      ['creator_followers', 'rejected', 'banned_data_category'],
      ['creator_followers', 'rejected', 'banned_data_category'],
      ['ride_hailing_rating', 'accepted', ''],
      ['creator_followers', 'rejected', 'banned_data_category'],
    ]);
    expect(items.filter((i) => i.kind === 'creator_followers').map((i) => i.scaleValue)).toEqual([undefined, undefined, undefined]);
    expect(summary).toMatchObject({ acceptedCount: 1, rejectedCount: 0, duplicateDetected: false, holderMismatchDetected: false });
    // Without the ban the same uploads are what they are: another holder, duplicates.
    const allowed = assessEvidence(applicant).summary;
    expect(allowed).toMatchObject({ duplicateDetected: true, holderMismatchDetected: true });
  });

  it("a lender's feature never sees a banned item, in the assessments or in the applicant's own evidence", () => {
    const counts = (name: string, compute: (ctx: { evidence: readonly unknown[]; applicant: { evidence: readonly unknown[] } }) => number) => ({
      name,
      description: 'd',
      unit: 'items',
      sources: ['evidence'],
      monotone: 0 as const,
      factor: 'certificates' as const,
      kind: 'numeric' as const,
      dataCategory: 'certificates' as const,
      reasons: { raisesRisk: { en: 'r', zhHans: '风险' }, lowersRisk: { en: 'l', zhHans: '良好' } },
      compute,
    });
    const features = defineFeatureSet({
      features: [...builtInFeatures, counts('own_assessed', (ctx) => ctx.evidence.length), counts('own_uploaded', (ctx) => ctx.applicant.evidence.length)],
    });
    const encoder = createFeatureEncoder(defaultFeatureColumns(features), features);
    const row = (evidence: CertificateEvidence[]) => {
      const applicant = parseApplicant(gig('f1', evidence));
      const out = new Float32Array(encoder.width);
      encoder.encode({ applicant, evidence: assessEvidence(applicant, { bannedDataCategories: ['social_media'] }).items }, out);
      return [...out];
    };
    const without = row([rating]);
    expect(without[encoder.names.indexOf('own_assessed')]).toBe(1);
    expect(row([follower, rating, snapshot])).toEqual(without);
  });

  it('creditlift score --policy eu.json: one follower, two snapshots and a follower beside a rating decide as without them', async () => {
    const work = mkdtempSync(join(tmpdir(), 'creditlift-banned-'));
    try {
      const book = [gig('a1', []), gig('a2', [follower]), gig('a3', [follower, snapshot]), gig('a4', [follower, rating]), gig('a5', [rating])];
      writeFileSync(join(work, 'book.ndjson'), `${book.map((b) => JSON.stringify(b)).join('\n')}\n`);
      writeFileSync(join(work, 'eu.json'), JSON.stringify({ jurisdiction: euCcd2 }));
      const c = captureIo();
      expect(
        await main(['score', '--in', join(work, 'book.ndjson'), '--out', join(work, 'out.ndjson'), '--policy', join(work, 'eu.json')], c.io),
        c.err(),
      ).toBe(0);
      const out = readFileSync(join(work, 'out.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { decision: Decision }).decision);
      const [a1, a2, a3, a4, a5] = out as [Decision, Decision, Decision, Decision, Decision];
      expect(terms(a2)).toEqual(terms(a1));
      expect(terms(a3)).toEqual(terms(a1));
      expect(terms(a4)).toEqual(terms(a5));
      expect(a4.policyReasons).not.toContain('duplicate_evidence');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('creditlift/testing: banned_data_never_counts', () => {
  const law = creditLaws.banned_data_never_counts;

  it('is checked end to end only, on the scorer and a pool', () => {
    expect(law.parts).toEqual(['scorer', 'pool']);
  });

  it('holds for the eu-ccd2 scorer on decide, decideBatch and reassess, and for a pool built with its options', async () => {
    await expect(law.check({ scorer: eu }, { scorerNumRuns: 12, seed: 19_001 })).resolves.toBeUndefined();
    const pool = await createScorerPool({ workers: 1, scorer: { policyOverrides: { jurisdiction: euCcd2 } } });
    try {
      await expect(law.check({ scorer: eu, pool }, { part: 'pool', scorerNumRuns: 4, seed: 19_002 })).resolves.toBeUndefined();
    } finally {
      await pool.close();
    }
  });

  it('catches a scorer whose banned uploads still refer the application, on each path', async () => {
    // The findings' effect without its cause: a decision holding banned data is referred as duplicate evidence.
    const referring = (d: Decision): Decision =>
      d.evidence.some((e) => e.reasons.includes('banned_data_category')) && d.outcome === 'approve'
        ? { ...d, outcome: 'refer', policyReasons: [...d.policyReasons, 'duplicate_evidence'] }
        : d;
    for (const path of ['decide', 'decideBatch', 'reassess'] as const) {
      const mutant = mutateScorer(eu, referring, { paths: [path] });
      const e = await law.check({ scorer: mutant }, { scorerNumRuns: 12, seed: 19_003, shrink: false }).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e, path).toBeInstanceOf(CreditLawViolation);
      expect((e as CreditLawViolation).message).toContain(`${path}: uploads of a banned data category changed`);
    }
  });
});
