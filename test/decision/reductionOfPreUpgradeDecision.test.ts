// Decisions sealed before affordability tested the dearest repayment over the term (0.1.0: the
// revolving line alone; no `affordability.paymentPlan`) still reduce, and the reduction is sealed
// under today's rule. Found from outside (findings12-recheck R2): the teacher approved 18,000 RMB
// under the old rule (capacity 1,803,850 fen), lowered to 17,900 RMB, came back `approve` / `lower`
// with `affordability.pass: false` beside `capacity` 1,803,850 and `maxGrantable` 1,790,000: a
// capacity saying 18,038 RMB fits while the checks beside it fail at 17,900. Today's rule grants
// 17,600 RMB. Now the reduction re-tests the old figures under today's rule (capacity, healthy limit,
// maxGrantable and the checks agree), and a lowered line that still fails is held for a person
// (`refer` / `hold`), as a reassessment holds it; the customer's cap takes effect in every case.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_AUDIT_KEYS, sealDecision } from '../../src/decision/audit.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { roundDownToStep } from '../../src/policy/limit.js';
import { applicantArbitrary } from '../../src/testing/index.js';

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

/** What any reduction must say about affordability: figures that agree with each other under today's rule. */
function expectConsistent(r: Decision, who: string): void {
  const step = scorer.policy.limits.roundingStep;
  expect(r.affordability.paymentPlan, `${who}: tested under today's rule`).toBeDefined();
  if (r.limit > 0) {
    expect(r.affordability.limit, who).toBe(r.limit);
    // The capacity is the largest limit that passes: the checks pass at the limit exactly when it is within it.
    expect(r.affordability.pass, `${who}: pass at ${r.limit} against capacity ${r.affordability.capacity}`).toBe(r.limit <= r.affordability.capacity);
  }
  expect(r.caps.affordability, who).toBe(r.affordability.capacity);
  expect(r.health.healthyLimit, who).toBe(roundDownToStep(r.affordability.capacity, step));
  expect(r.maxGrantable, `${who}: maxGrantable within today's affordability`).toBeLessThanOrEqual(r.health.healthyLimit);
  if (r.outcome === 'approve') expect(r.affordability.pass, `${who}: an approval passes its own checks`).toBe(true);
}

describe('a reduction of a decision sealed before the dearest-repayment rule', () => {
  it("the tester's case: the teacher approved 18,000 RMB under the old rule, lowered to 17,900 RMB, is held for a person at 17,900 RMB", async () => {
    const d = oldOf('ex-salaried-teacher');
    expect(d).toMatchObject({ outcome: 'approve', limit: 1_800_000, affordability: { capacity: 1_803_850, pass: true } });
    expect(d.affordability.paymentPlan).toBeUndefined();
    const r = scorer.requestReduction(d, 1_790_000);
    expect(r).toMatchObject({
      outcome: 'refer',
      lineAction: 'hold',
      limit: 1_790_000,
      previousLimit: 1_800_000,
      maxGrantable: 1_760_000,
      controls: { selfSetCap: 1_790_000 },
      affordability: { capacity: 1_764_705, pass: false, paymentPlan: { kind: 'instalment', months: 12 } },
      caps: { affordability: 1_764_705, self_cap: 1_790_000 },
      health: { healthyLimit: 1_760_000 },
    });
    expect(lineOnFileAfter(r)).toBe(1_790_000);
    expect(r.reasons.map((x) => x.code)[0]).toBe('customer_reduction');
    expect(r.policyReasons).toEqual(expect.arrayContaining(['customer_reduction', 'limit_affordability_residual_income', 'line_held_for_review']));
    expectConsistent(r, 'teacher lowered to 17,900 RMB');
    // What a reassessment of the old decision gives today, lowered by the customer.
    const teacher = exampleApplicants.find((e) => e.applicant.id === 'ex-salaried-teacher')?.applicant;
    const today = await scorer.reassess(d, { applicant: teacher as never, evidence: [] });
    expect(today).toMatchObject({ outcome: 'refer', lineAction: 'hold', maxGrantable: r.maxGrantable, affordability: { capacity: r.affordability.capacity } });
    expect(scorer.requestReduction(today, 1_790_000)).toMatchObject({ outcome: 'refer', lineAction: 'hold', limit: 1_790_000, maxGrantable: 1_760_000 });
  });

  it('lowered to what today grants or below: an approval, its checks passing', () => {
    const d = oldOf('ex-salaried-teacher');
    const r = scorer.requestReduction(d, 1_750_000);
    expect(r).toMatchObject({
      outcome: 'approve',
      lineAction: 'lower',
      limit: 1_750_000,
      maxGrantable: 1_750_000,
      affordability: { pass: true, capacity: 1_764_705 },
    });
    expectConsistent(r, 'teacher lowered to 17,500 RMB');
  });

  it('asked above the line: the cap is set, and the old line that today fails is held, as a reassessment holds it', () => {
    const d = oldOf('ex-salaried-teacher');
    const r = scorer.requestReduction(d, 2_000_000);
    expect(r).toMatchObject({
      outcome: 'refer',
      lineAction: 'hold',
      limit: 1_800_000,
      maxGrantable: 1_760_000,
      bindingConstraint: 'line_on_file',
      controls: { selfSetCap: 2_000_000 },
    });
    expectConsistent(r, 'teacher asked 20,000 RMB');
  });

  it('every old example decision, lowered a step or to the product minimum, gives figures that agree', () => {
    const step = scorer.policy.limits.roundingStep;
    for (const d of old) {
      const line = lineOnFileAfter(d, step);
      for (const amount of [line - step, line + step, scorer.policy.limits.productMin]) {
        if (amount < scorer.policy.limits.productMin) continue;
        const r = scorer.requestReduction(d, amount);
        expectConsistent(r, `${d.applicantId} (${d.outcome} ${d.limit}) lowered to ${amount}`);
        expect(lineOnFileAfter(r, step), 'the brake always takes effect').toBe(Math.min(line, roundDownToStep(amount, step)));
      }
    }
  });

  it('law: a decision of today with its paymentPlan taken away reduces to the same figures (the re-test is exact)', async () => {
    const step = scorer.policy.limits.roundingStep;
    await fc.assert(
      fc.asyncProperty(applicantArbitrary({ maxEvidence: 1 }), fc.integer({ min: scorer.policy.limits.productMin, max: 3_000_000 }), async (a, amount) => {
        const d = await scorer.decide(a);
        const { paymentPlan: _plan, ...affordability } = d.affordability;
        const { contentHash: _c, signature: _s, ...audit } = d.audit;
        const stripped = sealDecision({ ...d, affordability, audit }, NO_AUDIT_KEYS);
        const r = scorer.requestReduction(d, amount);
        const s = scorer.requestReduction(stripped, amount);
        for (const key of ['outcome', 'lineAction', 'limit', 'maxGrantable', 'affordability', 'caps', 'health', 'bindingConstraint', 'reasons'] as const) {
          expect(s[key], `${key} of ${d.outcome} ${d.limit} lowered to ${amount}`).toEqual(r[key]);
        }
        expect(lineOnFileAfter(s, step)).toBe(lineOnFileAfter(r, step));
      }),
      { seed: 13, numRuns: 40 },
    );
  });
});
