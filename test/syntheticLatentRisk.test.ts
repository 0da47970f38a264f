import { readFileSync } from 'node:fs';
import { lightFormat, parseISO, subDays } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Applicant } from '../src/schema/applicant.js';
import type { CertificateEvidence } from '../src/schema/certificateEvidence.js';
import { SYNTHETIC_CERTIFICATE_KINDS, SYNTHETIC_KIND_INFO, type SyntheticCertificateKind } from '../src/train/synthetic/certificateKinds.js';
import { generatePopulation } from '../src/train/synthetic/generatePopulation.js';
import { LATENT_EFFECTS, LATENT_RISK, latentRiskEffects, sumEffects, type LatentEffects } from '../src/train/synthetic/latentRisk.js';

const AS_OF = '2026-03-31';
const BASE = generatePopulation({ size: 400, seed: 77, asOf: AS_OF }).map((r) => r.applicant);
const applicantArb = fc.constantFrom(...BASE).map((a) => structuredClone(a));
const none = { fraudulentEvidence: [] as number[] };
const runs = { numRuns: 200 };

const risk = (a: Applicant, fraud: readonly number[] = []): number => sumEffects(latentRiskEffects(a, { fraudulentEvidence: fraud }));
const certificateTotal = (e: LatentEffects): number => e.cert_professional + e.cert_language + e.cert_honour + e.cert_gig + e.cert_vocational;

/** A genuine, verified item of any kind, held by `idHash`, issued `daysAgo` days before asOf. */
function itemArb(idHash: string): fc.Arbitrary<CertificateEvidence> {
  return fc
    .record({
      kind: fc.constantFrom(...SYNTHETIC_CERTIFICATE_KINDS),
      u: fc.double({ min: 0, max: 1, noNaN: true }),
      monthsAgo: fc.integer({ min: 1, max: 20 }),
      confidence: fc.double({ min: 0.7, max: 0.99, noNaN: true }),
    })
    .map(({ kind, u, monthsAgo, confidence }) => {
      const item: CertificateEvidence = {
        kind,
        issuer: SYNTHETIC_KIND_INFO[kind].issuer,
        credentialId: `T-${kind}`,
        holder: { idHash },
        issueDate: `${monthsAgo <= 2 ? '2026' : '2025'}-0${1 + (monthsAgo % 9)}-15`,
        verification: { method: 'issuer_api', confidence },
        documentHash: 'a'.repeat(64),
      };
      const scored = scoreFor(kind, u);
      if (scored.score !== undefined) item.score = scored.score;
      if (scored.level !== undefined) item.level = scored.level;
      return item;
    });
}

function scoreFor(kind: SyntheticCertificateKind, u: number): { score?: number; level?: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(u * xs.length))] as T;
  switch (kind) {
    case 'ielts':
      return { score: Math.round(u * 18) / 2 };
    case 'toefl_ibt':
      return { score: Math.round(u * 120) };
    case 'duolingo':
      return { score: 10 + 5 * Math.round(u * 30) };
    case 'cet4':
    case 'cet6':
      return { score: Math.round(u * 710) };
    case 'tem8':
      return { level: pick(['fail', 'pass', 'good', 'excellent']) };
    case 'national_computer_rank':
      return { level: pick(['level_1', 'level_2', 'level_3', 'level_4']) };
    case 'vocational_skill_level':
      return { level: pick(['level_1', 'level_2', 'level_3', 'level_4', 'level_5']) };
    case 'ride_hailing_rating':
      return { score: 1 + 4 * u };
    case 'courier_rating':
      return { score: 100 * u };
    case 'creator_followers':
      return { score: Math.round(10 ** (6 * u)) };
    default:
      return {};
  }
}

describe('latentRiskEffects: financial laws', () => {
  it('more income never raises risk', () => {
    fc.assert(
      fc.property(applicantArb, fc.double({ min: 1, max: 20, noNaN: true }), (a, k) => {
        const richer = structuredClone(a);
        richer.income.monthlyNet = Math.round(a.income.monthlyNet * k);
        expect(risk(richer)).toBeLessThanOrEqual(risk(a) + 1e-12);
      }),
      runs,
    );
  });

  it('more delinquencies, days past due or enquiries never lower risk', () => {
    fc.assert(
      fc.property(applicantArb, fc.nat({ max: 10 }), fc.nat({ max: 400 }), fc.nat({ max: 20 }), (a, dq, dpd, enq) => {
        const worse = structuredClone(a);
        worse.bureau.delinquencies24m = (a.bureau.delinquencies24m ?? 0) + dq;
        worse.bureau.currentDaysPastDue = a.bureau.currentDaysPastDue + dpd;
        worse.bureau.enquiries6m = (a.bureau.enquiries6m ?? 0) + enq;
        expect(risk(worse)).toBeGreaterThanOrEqual(risk(a) - 1e-12);
      }),
      runs,
    );
  });

  it('more other debt service never lowers risk', () => {
    fc.assert(
      fc.property(applicantArb, fc.nat({ max: 5_000_000 }), (a, extra) => {
        const worse = structuredClone(a);
        worse.bureau.otherMonthlyDebtService = a.bureau.otherMonthlyDebtService + extra;
        expect(risk(worse)).toBeGreaterThanOrEqual(risk(a) - 1e-12);
      }),
      runs,
    );
  });

  it('a higher on-time repayment rate never raises risk', () => {
    fc.assert(
      fc.property(applicantArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, x, y) => {
        const lo = structuredClone(a);
        const hi = structuredClone(a);
        lo.platform.onTimeRepaymentRate = Math.min(x, y);
        hi.platform.onTimeRepaymentRate = Math.max(x, y);
        expect(risk(hi)).toBeLessThanOrEqual(risk(lo) + 1e-12);
      }),
      runs,
    );
  });

  it('longer contribution and platform histories never raise risk', () => {
    fc.assert(
      fc.property(applicantArb, fc.nat({ max: 200 }), fc.nat({ max: 200 }), fc.nat({ max: 200 }), (a, si, hf, acct) => {
        const longer = structuredClone(a);
        longer.socialInsuranceMonths = Math.min(600, a.socialInsuranceMonths + si);
        longer.housingFundMonths = Math.min(600, a.housingFundMonths + hf);
        longer.platform.accountAgeMonths = Math.min(600, a.platform.accountAgeMonths + acct);
        expect(risk(longer)).toBeLessThanOrEqual(risk(a) + 1e-12);
      }),
      runs,
    );
  });

  it('a higher balance on the same limit never lowers risk', () => {
    fc.assert(
      fc.property(applicantArb, fc.nat({ max: 10_000_000 }), (a, extra) => {
        const fuller = structuredClone(a);
        fuller.platform.currentBalance = a.platform.currentBalance + extra;
        expect(risk(fuller)).toBeGreaterThanOrEqual(risk(a) - 1e-12);
      }),
      runs,
    );
  });

  it('every effect is finite and the function is pure (same input, same output, input untouched)', () => {
    fc.assert(
      fc.property(applicantArb, (a) => {
        const copy = structuredClone(a);
        const first = latentRiskEffects(a, none);
        expect(latentRiskEffects(a, none)).toEqual(first);
        expect(a).toEqual(copy);
        for (const name of LATENT_EFFECTS) expect(Number.isFinite(first[name]), name).toBe(true);
      }),
      runs,
    );
  });
});

describe('latentRiskEffects: certificate laws', () => {
  it('adding a verified, valid, own certificate never raises risk', () => {
    fc.assert(
      fc.property(
        applicantArb.chain((a) => fc.tuple(fc.constant(a), itemArb(a.identity.idHash))),
        ([a, item]) => {
          const more = structuredClone(a);
          more.evidence.push(item);
          expect(risk(more)).toBeLessThanOrEqual(risk(a) + 1e-12);
        },
      ),
      runs,
    );
  });

  it('self-declared certificates carry no signal', () => {
    fc.assert(
      fc.property(
        applicantArb.chain((a) => fc.tuple(fc.constant(a), fc.array(itemArb(a.identity.idHash), { maxLength: 6 }))),
        ([a, items]) => {
          const declared = structuredClone(a);
          declared.evidence = items.map((i) => ({ ...i, verification: { method: 'self_declared' as const, confidence: 0.99 } }));
          expect(certificateTotal(latentRiskEffects(declared, none))).toBe(0);
        },
      ),
      runs,
    );
  });

  it('certificates held by someone else, or verified with confidence under 0.7, carry no signal', () => {
    fc.assert(
      fc.property(
        applicantArb.chain((a) =>
          fc.tuple(fc.constant(a), fc.array(itemArb('b'.repeat(64)), { maxLength: 6 }), fc.array(itemArb(a.identity.idHash), { maxLength: 6 })),
        ),
        ([a, others, unsure]) => {
          const x = structuredClone(a);
          x.evidence = [...others, ...unsure.map((i) => ({ ...i, verification: { method: 'issuer_api' as const, confidence: 0.69 } }))];
          expect(certificateTotal(latentRiskEffects(x, none))).toBe(0);
        },
      ),
      runs,
    );
  });

  it('IELTS, TOEFL and Duolingo results older than two years carry no signal', () => {
    const expiring = new Set(['ielts', 'toefl_ibt', 'duolingo']);
    fc.assert(
      fc.property(
        applicantArb.chain((a) => fc.tuple(fc.constant(a), fc.array(itemArb(a.identity.idHash), { maxLength: 6 }))),
        ([a, items]) => {
          const x = structuredClone(a);
          x.evidence = items.filter((i) => expiring.has(i.kind)).map((i) => ({ ...i, issueDate: '2024-03-30' }));
          expect(latentRiskEffects(x, none).cert_language).toBe(0);
        },
      ),
      runs,
    );
  });

  it('CET and TEM-8 results fade: an older result never counts more than the same result taken later', () => {
    fc.assert(
      fc.property(
        applicantArb,
        fc.constantFrom('cet4', 'cet6', 'tem8'),
        fc.integer({ min: 0, max: 710 }),
        fc.constantFrom('fail', 'pass', 'good', 'excellent'),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        (a, kind, score, level, d1, d2) => {
          const at = (daysAgo: number): Applicant => {
            const x = structuredClone(a);
            const date = lightFormat(subDays(parseISO(AS_OF), daysAgo), 'yyyy-MM-dd');
            const item: CertificateEvidence = {
              kind,
              issuer: 'NEEA',
              credentialId: 'C',
              holder: { idHash: a.identity.idHash },
              issueDate: date,
              verification: { method: 'issuer_api', confidence: 0.9 },
              documentHash: 'c'.repeat(64),
            };
            if (kind === 'tem8') item.level = level;
            else item.score = score;
            x.evidence = [item];
            return x;
          };
          const newer = latentRiskEffects(at(Math.min(d1, d2)), none).cert_language;
          const older = latentRiskEffects(at(Math.max(d1, d2)), none).cert_language;
          expect(older).toBeGreaterThanOrEqual(newer - 1e-12); // effects are negative: closer to 0 counts less
        },
      ),
      runs,
    );
  });

  it('the certificate benefit is never below the stated floor and never a penalty', () => {
    fc.assert(
      fc.property(
        applicantArb.chain((a) => fc.tuple(fc.constant(a), fc.array(itemArb(a.identity.idHash), { maxLength: 30 }))),
        ([a, items]) => {
          const x = structuredClone(a);
          x.evidence = items;
          const total = certificateTotal(latentRiskEffects(x, none));
          expect(total).toBeGreaterThanOrEqual(LATENT_RISK.certificateFloor - 1e-12);
          expect(total).toBeLessThanOrEqual(0);
        },
      ),
      runs,
    );
  });

  it('a fraudulent item adds the fraud penalty and none of its own benefit', () => {
    fc.assert(
      fc.property(
        applicantArb.chain((a) => fc.tuple(fc.constant(a), itemArb(a.identity.idHash))),
        ([a, item]) => {
          const x = structuredClone(a);
          x.evidence = [item];
          const effects = latentRiskEffects(x, { fraudulentEvidence: [0] });
          expect(effects.evidence_fraud).toBe(LATENT_RISK.fraud);
          expect(certificateTotal(effects)).toBe(0);
        },
      ),
      runs,
    );
  });
});

describe('the model card states the latent model', () => {
  it('POPULATION.md names every effect, the intercept, the noise and says the data are synthetic', () => {
    const card = readFileSync(new URL('../models/default/POPULATION.md', import.meta.url), 'utf8');
    for (const name of LATENT_EFFECTS) expect(card, name).toContain(`\`${name}\``);
    expect(card).toContain(String(LATENT_RISK.intercept));
    expect(card).toContain(String(LATENT_RISK.noiseSd));
    expect(card).toMatch(/synthetic/i);
  });
});
