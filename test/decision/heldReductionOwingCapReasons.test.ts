// A line lowered below a balance the customer cannot repay is held for a person with nothing
// grantable (findings27-recheck26 F2). Its reasons still carried the prior's "Limit set by your risk
// grade and income" (the grade's 17,000 RMB), although the grade set neither the 500 RMB held nor
// the 0 grantable: the hold and the balance did. The reasons now name only what set them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { CAP_REASONS, type PolicyReasonCode } from '../../src/policy/policyReasons.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

const RMB = 100;
const OWED = 40_000 * RMB;
const base = exampleFor('new_graduate').applicant as ApplicantInput;
const capReasons = (codes: readonly string[]) => codes.filter((c) => CAP_REASONS.has(c as PolicyReasonCode));

let scorer: Scorer;
let first: Decision;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
  first = await scorer.decide(base);
});
afterAll(() => scorer.close());

describe('a held line with an unaffordable balance names no cap that set nothing', () => {
  it.each([500, 5_000, 16_000])('lowered to %i RMB with 40,000 RMB owed: held, the balance and the hold named, no "Limit set by"', (line) => {
    expect(first).toMatchObject({ outcome: 'approve', limit: 17_000 * RMB });
    expect(first.policyReasons).toContain('limit_risk_grade');
    const r = scorer.requestReduction(first, line * RMB, { currentBalance: OWED });
    expect(r).toMatchObject({ outcome: 'refer', lineAction: 'hold', bindingConstraint: 'line_on_file', maxGrantable: 0 });
    // Before: customer_reduction, line_held_for_review, balance_owed_unaffordable, limit_risk_grade
    // (risk cap 17,023.47 RMB, grantable 0). The codes in force keep it, as a held reassessment's do.
    expect(capReasons(r.reasons.map((x) => x.code))).toEqual([]);
    expect(r.policyReasons).toContain('limit_risk_grade');
    expect(r.reasons.map((x) => x.code)).toEqual(['customer_reduction', 'line_held_for_review', 'balance_owed_unaffordable']);
  });
});
