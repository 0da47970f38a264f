import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../src/decision/createScorer.js';
import type { Decision } from '../src/decision/decision.js';
import { ValidationError } from '../src/errors/validationError.js';
import { exampleApplicants, exampleFor } from '../src/examples/exampleApplicants.js';
import { REGULATORY_CAP_PER_BORROWER_FEN } from '../src/policy/policyConfig.js';
import type { ApplicantInput } from '../src/schema/applicant.js';

let scorer: Scorer;
const decisions = new Map<string, Decision>();

beforeAll(async () => {
  scorer = await createScorer();
  for (const ex of exampleApplicants) decisions.set(ex.segment, await scorer.decide(ex.applicant));
});
afterAll(() => scorer.close());

const decided = (segment: string) => decisions.get(segment) as Decision;

describe('scenario: every example segment', () => {
  it('every decision respects the hard bounds: caps, rounding, APR ceiling, at most four reasons', () => {
    for (const ex of exampleApplicants) {
      const d = decided(ex.segment);
      const other = ex.applicant.platform.otherLinesLimit ?? 0;
      expect(d.limit % 10_000, ex.segment).toBe(0);
      expect(d.limit).toBeLessThanOrEqual(Math.max(0, REGULATORY_CAP_PER_BORROWER_FEN - other));
      for (const cap of Object.values(d.caps)) if (cap !== null && d.outcome !== 'decline') expect(d.limit).toBeLessThanOrEqual(cap);
      expect(d.apr).toBeGreaterThan(0);
      expect(d.apr).toBeLessThanOrEqual(0.24);
      expect(d.dailyRate).toBeCloseTo(d.apr / 365, 12);
      expect(d.reasons.length).toBeLessThanOrEqual(4);
      if (d.outcome === 'approve') expect(d.affordability.pass, ex.segment).toBe(true);
    }
  });

  it('new graduate: approved on a thin file, and the IELTS certificate lowered the risk', () => {
    const d = decided('new_graduate');
    expect(d.outcome).toBe('approve');
    expect(d.limit).toBeGreaterThan(0);
    const ielts = d.certificateImpacts.find((c) => c.kind === 'ielts');
    expect(ielts?.pdReduction).toBeGreaterThan(0);
    expect(ielts?.limitGain).toBeGreaterThanOrEqual(0);
  });

  it('factory worker with no bureau file is not knocked out for the missing file', () => {
    const d = decided('factory_worker');
    expect(d.outcome).not.toBe('decline');
    expect(d.limit).toBeGreaterThan(0);
  });

  it('applicant currently past due is declined, and the arrears are the first reason, in both languages', () => {
    const d = decided('delinquent');
    expect(d.outcome).toBe('decline');
    expect(d.limit).toBe(0);
    expect(d.reasons[0]?.code).toBe('current_past_due');
    expect(d.reasons[0]?.zhHans.length).toBeGreaterThan(0);
  });

  it('a reused certificate is rejected as a duplicate and the application does not pass straight through', () => {
    const d = decided('duplicate_certificate');
    expect(d.evidence.some((e) => e.reasons.includes('duplicate_document') || e.reasons.includes('duplicate_credential'))).toBe(true);
    expect(d.outcome).not.toBe('approve');
    expect(d.reasons.some((r) => r.code === 'duplicate_evidence')).toBe(true);
  });

  it('a self-set cap always holds and is named as binding when it is the lowest cap', () => {
    const ex = exampleFor('self_capped');
    const d = decided('self_capped');
    const cap = ex.applicant.controls?.selfSetCap as number;
    expect(d.limit).toBeLessThanOrEqual(cap);
    if (d.caps.risk >= cap && d.caps.affordability >= cap) expect(d.bindingConstraint).toBe('self_cap');
  });

  it('gig driver: the platform rating is accepted and counted', () => {
    const d = decided('gig_driver');
    expect(d.evidence.find((e) => e.kind === 'ride_hailing_rating')?.status).toBe('accepted');
    expect(d.certificateImpacts.find((c) => c.kind === 'ride_hailing_rating')?.pdReduction).toBeGreaterThan(0);
  });

  it('a verified teacher gets a higher limit than the rural household on self-declared income', () => {
    expect(decided('salaried_teacher').limit).toBeGreaterThan(decided('rural_household').limit);
  });

  it('a limit below the request carries principal reasons naming factors actually used', () => {
    for (const ex of exampleApplicants) {
      const d = decided(ex.segment);
      if (d.requestedLimit !== null && d.limit < d.requestedLimit) {
        expect(d.reasons.length, ex.segment).toBeGreaterThan(0);
        for (const r of d.reasons) {
          if (r.source === 'model') expect(d.contributions.factors.find((f) => f.factor === r.factor)?.value).toBeGreaterThan(0);
          else expect(d.policyReasons).toContain(r.code);
        }
      }
    }
  });
});

describe('decision record', () => {
  it('is deterministic: the same input gives the same decision, byte for byte', async () => {
    const ex = exampleFor('new_graduate');
    const again = await scorer.decide(ex.applicant);
    expect(JSON.stringify(again)).toBe(JSON.stringify(decided('new_graduate')));
  });

  it('audits model, policy and input by hash, with no personal data beyond the caller id', () => {
    const d = decided('new_graduate');
    const ex = exampleFor('new_graduate');
    expect(d.audit.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(d.audit.policyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(d.audit.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(d.audit.applicantId).toBe(ex.applicant.id);
    const audit = JSON.stringify(d.audit);
    expect(audit).not.toContain(ex.applicant.identity.idHash);
    expect(audit).not.toContain(ex.applicant.birthDate);
  });

  it('contributions sum with the baseline to the model margin (log-odds of the PD)', () => {
    const d = decided('construction_worker');
    const total = d.contributions.baseline + d.contributions.factors.reduce((s, f) => s + f.value, 0);
    expect(1 / (1 + Math.exp(-total))).toBeCloseTo(d.pd, 5);
  });
});

describe('entry points reject bad input with every field named', () => {
  it('decide', async () => {
    const bad = { ...exampleFor('retail_clerk').applicant, income: { monthlyNet: -5, source: 'rumour' }, gender: 'f' };
    const err = await scorer.decide(bad as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual(expect.arrayContaining(['income.monthlyNet', 'income.source', 'gender']));
  });

  it('decideBatch keeps order and one bad record never loses the others', async () => {
    const good = exampleFor('retail_clerk').applicant;
    const results = await scorer.safeDecideBatch([good, { id: 'broken' }, exampleFor('gig_driver').applicant, 42]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true, false]);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    const first = results[0];
    if (first?.ok) expect(JSON.stringify(first.decision)).toBe(JSON.stringify(decided('retail_clerk')));
    const second = results[1];
    if (second && !second.ok) expect(second.error.issues?.length).toBeGreaterThan(3);
  });

  it('reassess and requestReduction', async () => {
    await expect(scorer.reassess({} as Decision, { applicant: {} as never, evidence: [] })).rejects.toBeInstanceOf(ValidationError);
    expect(() => scorer.requestReduction(decided('retail_clerk'), -100)).toThrow(ValidationError);
  });
});

describe('interactive reassessment and customer controls', () => {
  const grad = exampleFor('new_graduate').applicant;
  const withoutIelts: ApplicantInput = { ...grad, evidence: (grad.evidence ?? []).filter((e) => e.kind !== 'ielts') };
  const found = (grad.evidence ?? []).find((e) => e.kind === 'ielts');
  if (found === undefined) throw new Error('the new_graduate example holds an IELTS certificate');
  const ielts = found;

  it('adding an IELTS certificate never lowers the limit, and the result says what it added', async () => {
    const prior = await scorer.decide(withoutIelts);
    const next = await scorer.reassess(prior, { applicant: withoutIelts, evidence: [ielts] });
    expect(next.limit).toBeGreaterThanOrEqual(prior.limit);
    expect(next.movement?.from).toBe(prior.limit);
    expect(next.movement?.byEvidence.map((b) => b.kind)).toEqual(['ielts']);
    const gains = next.movement?.byEvidence.reduce((s, b) => s + b.limitGain, 0) ?? 0;
    expect(gains).toBe(next.limit - (next.movement?.withoutNewEvidence ?? 0));
    expect(next.audit.priorDecisionId).toBe(prior.audit.decisionId);
  });

  it('a reduction applies at once, never raises the limit, and is rounded down to 100 RMB', () => {
    const prior = decided('salaried_teacher');
    const lower = scorer.requestReduction(prior, 123_456);
    expect(lower.limit).toBe(Math.min(prior.limit, 120_000));
    expect(lower.previousLimit).toBe(prior.limit);
    expect(scorer.requestReduction(prior, prior.limit + 1_000_000).limit).toBe(prior.limit);
  });

  it('suggest ranks catalog evidence by gain and never promises more than the caps allow', async () => {
    const ex = exampleFor('factory_worker').applicant;
    const s = await scorer.suggest(ex, { top: 5 });
    const d = decided('factory_worker');
    for (let i = 1; i < s.items.length; i++) expect(s.items[i - 1]!.limitGain).toBeGreaterThanOrEqual(s.items[i]!.limitGain);
    for (const item of s.items) {
      expect(item.limitGain).toBeGreaterThan(0);
      expect(item.limit).toBeLessThanOrEqual(Math.min(d.caps.regulatory ?? Number.POSITIVE_INFINITY, d.caps.product_max));
    }
    if (s.items.length === 0) expect(s.blockedBy).not.toBeNull();
  });
});

describe('audit input hash', () => {
  it('does not depend on the order the caller wrote the fields in', async () => {
    const reverse = (o: unknown): unknown =>
      Array.isArray(o)
        ? o.map(reverse)
        : o !== null && typeof o === 'object'
          ? Object.fromEntries(
              Object.entries(o)
                .reverse()
                .map(([k, v]) => [k, reverse(v)]),
            )
          : o;
    const ex = exampleFor('gig_driver').applicant;
    const d = await scorer.decide(reverse(ex) as ApplicantInput);
    expect(d.audit.inputHash).toBe(decided('gig_driver').audit.inputHash);
    expect(d.audit.decisionId).toBe(decided('gig_driver').audit.decisionId);
  });
});

describe('probability-space contributions', () => {
  it('factors sum from the baseline PD to the decision PD, with the same signs as in log-odds', async () => {
    const p = await createScorer({ contributionSpace: 'probability', suggestionsPerDecision: 0 });
    try {
      const d = await p.decide(exampleFor('gig_driver').applicant);
      const logOdds = decided('gig_driver');
      expect(d.contributions.space).toBe('probability');
      expect(d.contributions.baseline + d.contributions.factors.reduce((s, f) => s + f.value, 0)).toBeCloseTo(d.pd, 6);
      for (const f of d.contributions.factors) {
        const same = logOdds.contributions.factors.find((g) => g.factor === f.factor)!;
        expect(Math.sign(f.value)).toBe(Math.sign(same.value));
      }
    } finally {
      await p.close();
    }
  });
});

describe('certificate impacts', () => {
  it('law: removing a certificate nothing copied never makes the applicant look better', async () => {
    for (const ex of exampleApplicants) {
      if (ex.segment === 'duplicate_certificate') continue;
      const d = decided(ex.segment);
      for (const c of d.certificateImpacts) {
        expect(c.pdReduction, `${ex.segment} ${c.kind}`).toBeGreaterThanOrEqual(0);
        expect(c.limitGain, `${ex.segment} ${c.kind}`).toBeGreaterThanOrEqual(0);
        expect(c.outcomeWithout, `${ex.segment} ${c.kind}`).toBeDefined();
      }
    }
  });

  it('a certificate whose stronger copies it shut out is shown raising the risk, and the referral they caused (findings15-explain F1)', () => {
    const d = decided('duplicate_certificate');
    expect(d.outcome).toBe('refer');
    const [first] = d.certificateImpacts;
    expect(first!.pdReduction).toBeLessThan(0);
    expect(first!.outcomeWithout).toBe('approve');
  });
});
