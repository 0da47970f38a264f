// Outside tester findings17-gaming F3: a result one grid step above the level its scale values at 0
// (CET-6 221 at strength 0.001, a courier rate of 90.01%, 1 follower, Duolingo 15, a 4.01 ride
// rating, IELTS 0.5) was accepted and counted in full in cert_accepted_count: +400 RMB and PD
// 2.60% -> 2.21% on the graduate, about half of what a CET-6 700 buys, so failing-grade uploads
// raised the limit. Each kind now has a useful level (catalog `scale.usefulFrom`: the CET pass
// line of 425, CEFR B1 for the language tests, platforms' own thresholds for gig figures, else a
// scale value of 0.1) and a result below it is refused (result_below_useful_level), counted nowhere.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateKindSpec, CertificateKindSpecInput } from '../../src/catalog/certificateKindSpec.js';
import { readScale } from '../../src/catalog/readScale.js';
import { defaultCatalog, resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import type { CreditliftError } from '../../src/errors/creditliftError.js';
import type { ValidationError } from '../../src/errors/validationError.js';
import { assessEvidence } from '../../src/evidence/assessEvidence.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import type { Applicant } from '../../src/schema/applicant.js';
import type { CertificateEvidence } from '../../src/schema/certificateEvidence.js';
import { applicantArbitrary, certificateEvidenceArbitrary } from '../../src/testing/index.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(async () => scorer?.close());

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const graduate: Applicant = { ...(structuredClone(exampleApplicants.find((e) => e.id === 'ex-new-graduate')!.applicant) as Applicant), evidence: [] };
const platform = { method: 'platform_api', confidence: 0.95 } as const;

let serial = 0;
function cert(over: Partial<CertificateEvidence>): CertificateEvidence {
  serial += 1;
  return {
    kind: 'cet6',
    issuer: `Issuer ${serial}`,
    credentialId: `W${serial}X`,
    holder: { idHash: graduate.identity.idHash },
    issueDate: '2025-12-01',
    verification: { method: 'issuer_api', confidence: 0.95 },
    documentHash: sha(`weak-${serial}`),
    ...over,
  };
}

const outcomeOf = (d: Decision) => ({
  outcome: d.outcome,
  pd: d.pd,
  limit: d.limit,
  apr: d.apr,
  impacts: d.certificateImpacts.length,
  suggestions: d.suggestions.items.map((s) => s.kind),
});

function catalogError(f: () => unknown): CreditliftError {
  try {
    f();
  } catch (e) {
    return e as CreditliftError;
  }
  throw new Error('expected catalog_invalid');
}
const fieldsOf = (e: CreditliftError): string[] => ((e.cause ?? e) as ValidationError).fields ?? [];

describe('a result below its kind useful level counts nowhere (findings17-gaming F3)', () => {
  it("the tester's near-worthless results are refused with result_below_useful_level and leave the graduate's decision as it was", async () => {
    const weak = [
      cert({ kind: 'cet6', score: 221 }),
      cert({ kind: 'courier_rating', issueDate: '2026-10-01', score: 90.01, verification: platform }),
      cert({ kind: 'creator_followers', issueDate: '2026-10-01', score: 1, verification: platform }),
      cert({ kind: 'duolingo', score: 15 }),
      cert({ kind: 'ride_hailing_rating', issueDate: '2026-10-01', score: 4.01, verification: platform }),
      cert({ kind: 'cet4', score: 221 }),
      cert({ kind: 'ielts', score: 0.5 }),
      cert({ kind: 'cet6', score: 424 }),
      cert({ kind: 'toefl_ibt', score: 41 }),
      cert({ kind: 'toefl_ibt', issueDate: '2026-03-01', score: 2.5, scoreScale: 'alternate' }),
    ];
    const none = await scorer.decide(graduate);
    const all = await scorer.decide({ ...graduate, evidence: weak });
    for (const e of all.evidence) expect(e, `${e.kind}`).toMatchObject({ status: 'rejected', reasons: ['result_below_useful_level'], strength: 0 });
    expect(all.certificateImpacts).toEqual([]);
    expect(outcomeOf(all)).toEqual(outcomeOf(none));
  });

  it('the useful level itself counts: CET-6 425 (the pass line), IELTS 4, TOEFL 42 or band 3, Duolingo 60, a 4.5 rating, 95%, 1,000 followers', async () => {
    const none = await scorer.decide(graduate);
    for (const e of [
      cert({ kind: 'cet6', score: 425 }),
      cert({ kind: 'cet4', score: 425 }),
      cert({ kind: 'ielts', score: 4 }),
      cert({ kind: 'toefl_ibt', score: 42 }),
      cert({ kind: 'toefl_ibt', issueDate: '2026-03-01', score: 3, scoreScale: 'alternate' }),
      cert({ kind: 'duolingo', score: 60 }),
      cert({ kind: 'ride_hailing_rating', issueDate: '2026-10-01', score: 4.5, verification: platform }),
      cert({ kind: 'courier_rating', issueDate: '2026-10-01', score: 95, verification: platform }),
      cert({ kind: 'creator_followers', issueDate: '2026-10-01', score: 1000, verification: platform }),
    ]) {
      const d = await scorer.decide({ ...graduate, evidence: [e] });
      expect(d.evidence[0], `${e.kind} ${e.score}`).toMatchObject({ status: 'accepted' });
      expect(d.pd, `${e.kind} ${e.score}`).toBeLessThan(none.pd);
    }
  });

  it('a lender sets the useful level of a kind (createScorer({ catalog })), lower or higher, and it is what counts', async () => {
    const cet6 = defaultCatalog.get('cet6') as CertificateKindSpec;
    const lower: CertificateKindSpecInput = { ...cet6, scale: { ...cet6.scale, usefulFrom: 300 } as CertificateKindSpecInput['scale'] };
    const lender = await createScorer({ catalog: [lower], suggestionsPerDecision: 0 });
    try {
      const at = await lender.decide({ ...graduate, evidence: [cert({ kind: 'cet6', score: 300 })] });
      const below = await lender.decide({ ...graduate, evidence: [cert({ kind: 'cet6', score: 299 })] });
      expect(at.evidence[0]?.status).toBe('accepted');
      expect(below.evidence[0]).toMatchObject({ status: 'rejected', reasons: ['result_below_useful_level'] });
    } finally {
      await lender.close();
    }
  });

  it('catalog_invalid names scale.usefulFrom for a useful level above typical (a suggestion could never come true), at or below zeroAt, off the grid, above fullAt, or an unknown or 0-valued level', () => {
    const cet6 = defaultCatalog.get('cet6') as CertificateKindSpec;
    const numeric = cet6.scale as Extract<CertificateKindSpec['scale'], { type: 'numeric' }>;
    const level = (id: string, value: number) => ({ id, names: { en: id, zhHans: '级' }, value });
    const levels = (usefulFrom: string) => ({
      type: 'levels' as const,
      levels: [level('fail', 0), level('pass', 0.6), level('good', 1)],
      typical: 'pass',
      usefulFrom,
    });
    const cases: [CertificateKindSpecInput['scale'], string][] = [
      [{ ...numeric, usefulFrom: 461 }, 'scale.usefulFrom'],
      [{ ...numeric, usefulFrom: 220 }, 'scale.usefulFrom'],
      [{ ...numeric, usefulFrom: 100 }, 'scale.usefulFrom'],
      [{ ...numeric, usefulFrom: 425.5 }, 'scale.usefulFrom'],
      [{ ...numeric, typical: 700, usefulFrom: 710, fullAt: 700 }, 'scale.usefulFrom'],
      [{ ...numeric, usefulFrom: Number.NaN }, 'scale.usefulFrom'],
      [levels('good'), 'scale.usefulFrom'],
      [levels('fail'), 'scale.usefulFrom'],
      [levels('distinction'), 'scale.usefulFrom'],
      [
        { type: 'numeric', min: 0, max: 120, step: 1, typical: 90, alternate: { since: '2026-01-21', min: 1, max: 6, step: 0.5, usefulFrom: 1 } },
        'scale.alternate.usefulFrom',
      ],
      [
        { type: 'numeric', min: 0, max: 120, step: 1, typical: 90, alternate: { since: '2026-01-21', min: 1, max: 6, step: 0.5, usefulFrom: 3.25 } },
        'scale.alternate.usefulFrom',
      ],
      // Without a usefulFrom, a typical result below the default useful value (0.1) could never come true either.
      [{ type: 'numeric', min: 0, max: 100, step: 1, typical: 5 }, 'scale.typical'],
      [{ type: 'levels', levels: [level('low', 0.05), level('high', 1)], typical: 'low' }, 'scale.typical'],
    ];
    for (const [scale, field] of cases) {
      const err = catalogError(() => resolveCatalog([{ ...cet6, scale } as CertificateKindSpecInput]));
      expect(err.code, JSON.stringify(scale)).toBe('catalog_invalid');
      expect(fieldsOf(err), JSON.stringify(scale)).toContain(`0.${field}`);
    }
    expect(() => resolveCatalog([{ ...cet6, scale: levels('pass') } as CertificateKindSpecInput])).not.toThrow();
  });
});

describe('laws of the useful level', () => {
  it('for every kind, no accepted result reads below the kind useful level (so none has less strength than that level gives, verified and aged alike)', () => {
    fc.assert(
      fc.property(
        applicantArbitrary({ maxEvidence: 0 }).chain((a) =>
          fc.tuple(fc.constant(a), certificateEvidenceArbitrary({ applicant: a, validity: 'any' }), fc.integer({ min: -3, max: 3 })),
        ),
        ([a, e, nudge]) => {
          const spec = defaultCatalog.get(e.kind) as CertificateKindSpec;
          // Move a drawn score a few grid steps either way, so the draw crosses the useful level.
          const scale = spec.scale;
          const moved =
            scale.type === 'numeric' && e.score !== undefined && scale.step !== undefined && e.scoreScale !== 'alternate'
              ? { ...e, score: Number((e.score + nudge * scale.step).toFixed(6)) }
              : e;
          const item = assessEvidence({ ...a, evidence: [moved] }).items[0];
          if (item?.status !== 'accepted') return;
          const reading = readScale(scale, { score: moved.score, level: moved.level, issueDate: moved.issueDate, scoreScale: moved.scoreScale });
          expect(reading.ok && reading.useful, `${moved.kind} ${moved.score ?? moved.level}`).toBe(true);
          expect(item.scaleValue ?? 0).toBeGreaterThanOrEqual(usefulValue(spec, moved));
        },
      ),
      { numRuns: 250, seed: 17_003 },
    );
  });

  it('above the useful level, the limit never falls (and the PD never rises) as a result rises, for every scored kind', async () => {
    const scored = [...defaultCatalog.values()].filter((k) => k.scale.type === 'numeric');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...scored),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (spec, u, v) => {
          const scale = spec.scale as Extract<CertificateKindSpec['scale'], { type: 'numeric' }>;
          const from = scale.usefulFrom as number;
          const top = Math.min(scale.max, scale.fullAt ?? scale.max);
          const step = scale.step ?? 1;
          const at = (t: number) => Number((from + Math.round((t * (top - from)) / step) * step).toFixed(6));
          const [lo, hi] = [at(Math.min(u, v)), at(Math.max(u, v))];
          const gig = spec.category === 'gig';
          const item = (score: number) =>
            cert({
              kind: spec.id,
              score,
              issueDate: gig ? '2026-10-01' : '2025-12-01',
              verification: gig ? platform : { method: 'issuer_api', confidence: 0.95 },
            });
          const [dLo, dHi] = await Promise.all([scorer.decide({ ...graduate, evidence: [item(lo)] }), scorer.decide({ ...graduate, evidence: [item(hi)] })]);
          expect(dLo.evidence[0]?.status, `${spec.id} ${lo}`).toBe('accepted');
          expect(dHi.evidence[0]?.status, `${spec.id} ${hi}`).toBe('accepted');
          expect(dHi.limit, `${spec.id} ${lo} -> ${hi}`).toBeGreaterThanOrEqual(dLo.limit);
          expect(dHi.pd, `${spec.id} ${lo} -> ${hi}`).toBeLessThanOrEqual(dLo.pd);
        },
      ),
      { numRuns: 40, seed: 17_004 },
    );
  });
});

/** The scale value of a kind's useful level on the scale the item's score is read on. */
function usefulValue(spec: CertificateKindSpec, e: CertificateEvidence): number {
  const scale = spec.scale;
  if (scale.type === 'none') return 1;
  if (scale.type === 'levels') {
    const from = scale.levels.find((l) => l.id === scale.usefulFrom);
    return from?.value ?? 0.1;
  }
  const alt = scale.alternate;
  // An accepted score is on one scale only, or says which (an ambiguous one is refused).
  const onAlternate =
    e.scoreScale === 'alternate' ||
    (e.scoreScale === undefined && alt !== undefined && e.score !== undefined && e.issueDate >= alt.since && e.score >= alt.min && e.score <= alt.max);
  const from = onAlternate ? alt?.usefulFrom : scale.usefulFrom;
  if (from === undefined) return 0.1;
  const r = readScale(scale, { score: from, issueDate: e.issueDate, scoreScale: onAlternate ? 'alternate' : 'main' });
  return r.ok ? r.value : 1;
}
