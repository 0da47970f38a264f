// A customer who lowers a line that stays held (`refer` / `hold`: the lowered line still above what
// may be granted) was told an affordability limit before the hold: the teacher approved 18,000 RMB
// under the previous affordability rule, lowered to 17,900 RMB (17,600 RMB grantable today), got
// principal reasons customer_reduction, limit_affordability_residual_income, model_debt_burden
// (no line_held_for_review at all) and policyReasons customer_reduction,
// limit_affordability_residual_income, line_held_for_review; asked above the line, the reasons were
// limit_affordability_residual_income, model_debt_burden. Every other held decision (decide,
// reassess) says the line is held before anything says what sets a limit. Now a held reduction does
// too: the customer's own request (the act that made the decision) leads, then the hold, then the limits.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_AUDIT_KEYS, sealDecision } from '../../src/decision/audit.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { LIMIT_SETTING_REASONS, type PolicyReasonCode } from '../../src/policy/policyReasons.js';
import { applicantArbitrary, profileChangeArbitrary } from '../../src/testing/index.js';
import { changedProfile } from '../../src/testing/profileChangeArbitrary.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { withLine } from '../../src/testing/_internals/lawInputs.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

const HELD = 'line_held_for_review';
const codes = (d: Decision) => d.reasons.map((r) => r.code);

/** The teacher as the 0.1.0 package approved her (18,000 RMB, the revolving line alone tested). */
const oldTeacher = readFileSync(new URL('../fixtures/preDearestRepayment/decisions-0.1.0.ndjson', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { decision: Decision }).decision)
  .find((d) => d.applicantId === 'ex-salaried-teacher') as Decision;

/** The same decision as one sealed before the dearest-repayment rule: its plan taken away, unsigned. */
function beforeTheRule(d: Decision): Decision {
  const { paymentPlan: _plan, ...affordability } = d.affordability;
  const { contentHash: _c, signature: _s, ...audit } = d.audit;
  return sealDecision({ ...d, affordability, audit }, NO_AUDIT_KEYS);
}

/**
 * Where a held decision's codes say it is held: among them (never crowded out of the four by what
 * caused it), before any code that says what sets a limit (a model factor among them), the
 * customer's own request aside (it leads a reduction).
 */
function heldFirst(list: readonly string[]): boolean {
  const at = list.indexOf(HELD);
  if (at === -1) return false;
  const before = list.slice(0, at);
  return !before.some((c) => c !== 'customer_reduction' && (LIMIT_SETTING_REASONS.has(c as PolicyReasonCode) || c.startsWith('model_')));
}

describe('a held reduction says the line is held before what sets a limit', () => {
  it('the teacher of the previous rule lowered to 17,900 RMB: her request, the hold, then the affordability limit', () => {
    const r = scorer.requestReduction(oldTeacher, 1_790_000);
    expect([r.outcome, r.lineAction, r.limit, r.maxGrantable]).toEqual(['refer', 'hold', 1_790_000, 1_760_000]);
    expect(r.policyReasons).toEqual(['customer_reduction', HELD, 'limit_affordability_residual_income']);
    expect(codes(r)).toEqual(['customer_reduction', HELD, 'limit_affordability_residual_income', 'model_debt_burden']);
  });

  it('asked above her line (a cap, nothing lowered): the hold leads', () => {
    const r = scorer.requestReduction(oldTeacher, 2_000_000);
    expect([r.outcome, r.lineAction, r.limit]).toEqual(['refer', 'hold', 1_800_000]);
    expect(r.policyReasons).toEqual(['customer_reduction', HELD, 'limit_affordability_residual_income']);
    expect(codes(r)).toEqual([HELD, 'limit_affordability_residual_income', 'model_debt_burden']);
  });

  it('a reduction of a held reassessment keeps its order: the request, then the reassessment as it was', async () => {
    const teacherToday = await scorer.reassess(oldTeacher, { applicant: exampleFor('salaried_teacher').applicant as never, evidence: [] });
    expect(teacherToday.lineAction).toBe('hold');
    const r = scorer.requestReduction(teacherToday, 1_790_000);
    expect(r.lineAction).toBe('hold');
    expect(codes(r)).toEqual(['customer_reduction', ...codes(teacherToday)].slice(0, 4));
  });

  it('law: every held reduction of a generated decision or a held reassessment of it, of this release or the previous rule, names the hold before any limit', async () => {
    const step = scorer.policy.limits.roundingStep;
    let held = 0;
    let retested = 0;
    await fc.assert(
      fc.asyncProperty(
        withLine(applicantArbitrary({ maxEvidence: 1 }), scorer.policy),
        profileChangeArbitrary({ direction: 'worse' }),
        fc.integer({ min: 1, max: 5 }),
        async (a, change, steps) => {
          const d = await scorer.decide(a);
          const again = await scorer.reassess(d, { applicant: changedProfile(a, change) });
          for (const prior of [d, again, beforeTheRule(d), beforeTheRule(again)]) {
            const line = lineOnFileAfter(prior, step);
            for (const amount of [line - steps * step, line + step]) {
              if (amount < scorer.policy.limits.productMin) continue;
              const r = scorer.requestReduction(prior, amount);
              if (r.lineAction !== 'hold') continue;
              held++;
              if (prior.affordability.paymentPlan === undefined) retested++;
              const who = `${prior.audit.kind} ${prior.lineAction} ${prior.limit}${prior.affordability.paymentPlan === undefined ? ' (previous rule)' : ''} lowered to ${amount}`;
              expect(heldFirst(r.policyReasons), `${who}: policyReasons ${r.policyReasons.join(', ')}`).toBe(true);
              expect(heldFirst(codes(r)), `${who}: reasons ${codes(r).join(', ')}`).toBe(true);
            }
          }
        },
      ),
      { seed: 37, numRuns: 120 },
    );
    // The law met held reductions of both kinds, not only the easy ones.
    expect(held).toBeGreaterThan(20);
    expect(retested).toBeGreaterThan(5);
  }, 120_000);
});
