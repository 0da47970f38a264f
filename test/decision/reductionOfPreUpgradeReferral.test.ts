// A referral waiting for a person, sealed before affordability tested the dearest repayment over
// the term (no `affordability.paymentPlan`: the revolving line alone), keeps waiting when the
// customer lowers their line, but its proposal is re-tested under today's rule. Found from the
// inside (the held-contest round, gap 2): the teacher's 18,000 RMB proposal on a 15,000 RMB line,
// affordable under the old rule (capacity 1,803,850 fen), came back from a reduction (cap 20,000
// RMB) still proposing 18,000 RMB beside `maxGrantable` 17,600 RMB, failing its own checks, the
// pending review showing 18,000 RMB and a person approving it refused. Approvals and held lines of
// that era were already re-tested (reductionOfPreUpgradeDecision.test.ts); the proposal was not.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { affordabilityAt, aprBpOf } from '../../src/decision/affordabilityAt.js';
import { NO_AUDIT_KEYS, sealDecision } from '../../src/decision/audit.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision, DecisionReview } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { largestPrincipal, monthlyPayment } from '../../src/policy/annuity.js';
import { roundDownToStep } from '../../src/policy/limit.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

/** The example applicants as the 0.1.0 package decided them (the same policy), sealed then. */
const old: readonly Decision[] = readFileSync(new URL('../fixtures/preDearestRepayment/decisions-0.1.0.ndjson', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { decision: Decision }).decision);
const oldOf = (id: string) => old.find((d) => d.applicantId === id) as Decision;
const approvedOld = old.filter((d) => d.outcome === 'approve');

/**
 * The old rule's figures moved to `limit`, as that build moved them: the revolving line alone over
 * the term (`monthlyPayment`), debt service and residual income moved by the change in it, and its
 * capacity from the smaller room. `residualRoom`, when given, first sets the residual income room
 * at `limit` (what the household has left above its floor), for a profile the old rule only just passed.
 */
function oldRuleAt(d: Decision, limit: number, residualRoom?: number): Decision['affordability'] {
  const aprBp = aprBpOf(d);
  const term = scorer.policy.affordability.termMonths;
  const payment = monthlyPayment(limit, aprBp, term);
  const delta = payment - d.affordability.monthlyPayment;
  const checks = d.affordability.checks.map((c) => {
    const value =
      c.id === 'debt_service'
        ? c.value + delta
        : c.id === 'residual_income'
          ? residualRoom === undefined
            ? c.value - delta
            : c.threshold + residualRoom
          : c.value;
    return { ...c, value, pass: c.comparison === 'at_least' ? value >= c.threshold : value <= c.threshold };
  });
  const room = (id: string) => {
    const c = checks.find((x) => x.id === id) as (typeof checks)[number];
    return c.comparison === 'at_least' ? c.value - c.threshold : c.threshold - c.value;
  };
  const capacity = largestPrincipal(payment + Math.min(room('debt_service'), room('residual_income')), aprBp, term);
  return { limit, pass: checks.every((c) => c.pass), monthlyPayment: payment, capacity, checks };
}

interface OldReferral {
  /** The limit proposed to a person. */
  readonly proposal: number;
  /** The line on file the proposal would replace (0: a new customer). */
  readonly line: number;
  /** The review the customer asked for (pending), a contest of it, or none (a referral by rule). */
  readonly review: 'pending' | 'contested' | null;
  readonly residualRoom?: number;
}

/** A referral as the build before the dearest-repayment rule sealed it: its proposal passing the old rule's checks. */
function oldReferral(base: Decision, r: OldReferral): Decision {
  const affordability = oldRuleAt(base, r.proposal, r.residualRoom);
  expect(affordability.pass, `${base.applicantId}: the old rule proposed only what it found affordable`).toBe(true);
  const step = scorer.policy.limits.roundingStep;
  const review: DecisionReview | null =
    r.review === null
      ? null
      : {
          status: r.review,
          proposed: { outcome: 'approve', limit: r.proposal },
          automatedDecisionId: null,
          reviewerRole: null,
          note: null,
          contest: r.review === 'contested' ? { statement: 'I would like a person to look at this.', newFacts: [] } : null,
        };
  const { contentHash: _c, signature: _s, ...audit } = base.audit;
  return sealDecision(
    {
      ...base,
      outcome: 'refer',
      lineAction: 'review',
      limit: r.proposal,
      previousLimit: r.line,
      maxGrantable: r.proposal,
      bindingConstraint: 'affordability',
      affordability,
      caps: { ...base.caps, affordability: affordability.capacity },
      health: { ...base.health, healthyLimit: roundDownToStep(affordability.capacity, step) },
      review,
      policyReasons: [...base.policyReasons, r.review === 'contested' ? 'contest_received' : 'human_review_requested'],
      limitHistory: [],
      audit,
    },
    NO_AUDIT_KEYS,
  );
}

/** What a reduction of an old referral must say: a proposal today's rule affords, or, when it affords no line, a proposal of nothing that says so. */
function expectProposalOfToday(r: Decision, prior: Decision, amount: number, who: string): void {
  const step = scorer.policy.limits.roundingStep;
  const { productMin, belowMinimum } = scorer.policy.limits;
  expect(r.affordability.paymentPlan, `${who}: tested under today's rule`).toBeDefined();
  expect(lineOnFileAfter(r, step), `${who}: the brake takes effect`).toBe(Math.min(lineOnFileAfter(prior, step), roundDownToStep(amount, step)));
  if (r.lineAction !== 'review') return;
  const waiting = r.review !== null && r.review.status !== 'reviewed';
  if (r.limit > 0) {
    expect(r.limit, `${who}: the proposal within maxGrantable`).toBeLessThanOrEqual(r.maxGrantable);
    expect(r.limit, `${who}: the proposal within today's affordability`).toBeLessThanOrEqual(r.health.healthyLimit);
    expect(r.affordability.limit, who).toBe(r.limit);
    expect(r.affordability.pass, `${who}: the proposal passes its own checks`).toBe(true);
    if (waiting) expect(r.review?.proposed.limit, `${who}: the waiting review shows the proposal`).toBe(r.limit);
  } else {
    // Today's rule affords no line the product offers: the referral proposes nothing, and says why.
    expect(r.health.healthyLimit, who).toBeLessThan(productMin);
    expect(r, who).toMatchObject({
      outcome: 'refer',
      maxGrantable: 0,
      bindingConstraint: 'product_minimum',
      affordability: { limit: productMin, pass: false },
    });
    expect(r.policyReasons, who).toContain('limit_below_product_minimum');
    expect(
      r.policyReasons.some((c) => c.startsWith('limit_affordability_')),
      who,
    ).toBe(true);
    expect(
      r.reasons.map((x) => x.code),
      who,
    ).toContain('limit_below_product_minimum');
    if (waiting) expect(r.review?.proposed, who).toEqual({ outcome: belowMinimum, limit: 0 });
  }
}

describe('a reduction of a referral sealed before the dearest-repayment rule re-tests its proposal', () => {
  it("the teacher's 18,000 RMB proposal on a 15,000 RMB line, capped at 20,000 RMB: proposes 17,600 RMB, what today's rule affords, which a person may approve", () => {
    const teacher = oldOf('ex-salaried-teacher');
    const d = oldReferral(teacher, { proposal: 1_800_000, line: 1_500_000, review: 'pending' });
    expect(d).toMatchObject({ limit: 1_800_000, affordability: { capacity: 1_803_850, pass: true } });
    for (const amount of [2_000_000, 1_790_000]) {
      const r = scorer.requestReduction(d, amount);
      expect(r).toMatchObject({
        outcome: 'refer',
        lineAction: 'review',
        limit: 1_760_000,
        previousLimit: 1_500_000,
        maxGrantable: 1_760_000,
        bindingConstraint: 'affordability',
        controls: { selfSetCap: amount },
        affordability: { limit: 1_760_000, pass: true, capacity: 1_764_705, paymentPlan: { kind: 'instalment', months: 12 } },
        health: { healthyLimit: 1_760_000 },
        review: { status: 'pending', proposed: { outcome: 'approve', limit: 1_760_000 } },
      });
      expect(r.policyReasons).toContain('limit_affordability_residual_income');
      expect(r.reasons.map((x) => x.code)[0]).toBe('limit_affordability_residual_income');
      expect(lineOnFileAfter(r, 10_000)).toBe(1_500_000);
      expectProposalOfToday(r, d, amount, `teacher capped at ${amount}`);
      // A person may approve what is proposed (was refused: 18,000 RMB above the healthy limit).
      expect(scorer.recordReview(r, { reviewerRole: 'credit_officer', outcome: 'approve', limit: r.limit }).limit).toBe(1_760_000);
    }
    // Capped below what today affords, the cap sets the proposal, as before.
    expect(scorer.requestReduction(d, 1_700_000)).toMatchObject({ lineAction: 'review', limit: 1_700_000, bindingConstraint: 'self_cap' });
  });

  it('today affords no line the product offers: the referral waits for a person proposing nothing, and says why', () => {
    const { productMin } = scorer.policy.limits;
    const worker = oldOf('ex-construction-worker');
    // A household the old rule only just passed at the product minimum: no room left at its payment.
    for (const line of [0, 200_000]) {
      const d = oldReferral(worker, { proposal: productMin, line, review: 'pending', residualRoom: 0 });
      const r = scorer.requestReduction(d, 100_000);
      expect(r).toMatchObject({
        outcome: 'refer',
        lineAction: 'review',
        limit: 0,
        maxGrantable: 0,
        bindingConstraint: 'product_minimum',
        review: { status: 'pending', proposed: { outcome: 'decline', limit: 0 } },
      });
      expect(r.policyReasons).toEqual(expect.arrayContaining(['limit_below_product_minimum', 'limit_affordability_residual_income']));
      expectProposalOfToday(r, d, 100_000, `construction worker on a ${line} line`);
      expect(lineOnFileAfter(r, 10_000)).toBe(Math.min(line, 100_000));
      // A person may still decline it; approving the product minimum is above what today affords.
      expect(scorer.recordReview(r, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 }).outcome).toBe('decline');
      expect(() => scorer.recordReview(r, { reviewerRole: 'credit_officer', outcome: 'approve', limit: productMin })).toThrow(/healthyLimit/);
    }
  });

  it('law: every old referral, reduced anywhere, proposes what today affords (or nothing, said so), and the brake takes effect', () => {
    const step = scorer.policy.limits.roundingStep;
    const { productMin } = scorer.policy.limits;
    const met = { cut: 0, nothing: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...approvedOld),
        fc.integer({ min: 80, max: 100 }),
        fc.constantFrom(0, 0.5, 1.2),
        fc.constantFrom<OldReferral['review']>('pending', 'contested', null),
        fc.integer({ min: 0, max: 150 }),
        fc.boolean(),
        (base, percent, lineFactor, review, askedPercent, tight) => {
          // A proposal the old rule passed, up to its old capacity; or the product minimum for a
          // household the old rule left no room at it (today's affords no line).
          const oldCapacity = oldRuleAt(base, base.affordability.limit as number).capacity;
          const proposal = tight ? productMin : Math.max(productMin, roundDownToStep((oldCapacity * percent) / 100, step));
          const line = roundDownToStep(proposal * lineFactor, step);
          const d = oldReferral(base, { proposal, line, review, ...(tight ? { residualRoom: 0 } : {}) });
          const amount = Math.max(productMin, Math.round((Math.max(line, proposal) * askedPercent) / 100));
          const r = scorer.requestReduction(d, amount);
          const who = `${base.applicantId}: ${proposal} proposed on a ${line} line (${review}), lowered to ${amount}`;
          expectProposalOfToday(r, d, amount, who);
          if (r.lineAction === 'review' && r.limit > 0 && r.limit < Math.min(proposal, roundDownToStep(amount, step))) met.cut++;
          if (r.lineAction === 'review' && r.limit === 0) met.nothing++;
        },
      ),
      { seed: 20261212, numRuns: 200 },
    );
    // The draws reach both re-tested shapes.
    expect(met.cut).toBeGreaterThan(0);
    expect(met.nothing).toBeGreaterThan(0);
  });

  it("a proposal today's rule still affords stands, with today's figures", () => {
    const teacher = oldOf('ex-salaried-teacher');
    const today = oldReferral(teacher, { proposal: 1_700_000, line: 1_500_000, review: 'pending' });
    const r = scorer.requestReduction(today, 2_000_000);
    // Within what today affords, the proposal stands, with today's figures.
    expect(r).toMatchObject({ lineAction: 'review', limit: 1_700_000, affordability: { pass: true } });
    expect(affordabilityAt(r.affordability, 1_700_000, aprBpOf(r), scorer.policy)).toEqual(r.affordability);
  });
});
