// A held line (`refer` / `hold`) whose causes filled the four principal reasons lost the hold from
// them. The teacher's 17,600 RMB line reassessed with an account 60 days past due and ten
// delinquencies was held with reasons current_past_due, too_many_delinquencies, pd_in_refer_band,
// line_held_for_review; lowered a step at her request (still held) it gave customer_reduction,
// current_past_due, too_many_delinquencies, pd_in_refer_band: held, and not a word of it. With 30
// enquiries too, the reassessment itself gave four knock-outs and no hold. A held decision names the
// hold among its principal reasons on every path: the hold takes the last of the four places where
// what caused it would fill them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

const HELD = 'line_held_for_review';
let scorer: Scorer;
let teacher: Decision;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
  teacher = await scorer.decide(exampleFor('salaried_teacher').applicant as ApplicantInput);
});
afterAll(() => scorer.close());

const codes = (d: Decision) => d.reasons.map((r) => r.code);

/** The teacher reassessed with her bureau file turned against her. */
async function reassessedWith(bureau: Record<string, number>): Promise<Decision> {
  const a = structuredClone(exampleFor('salaried_teacher').applicant) as ApplicantInput;
  a.bureau = { ...a.bureau, ...bureau } as ApplicantInput['bureau'];
  return scorer.reassess(teacher, { applicant: a });
}

describe('a held decision names the hold among its principal reasons', () => {
  it('two knock-outs and the refer band, then lowered a step: her request, what caused it, and the hold', async () => {
    const held = await reassessedWith({ currentDaysPastDue: 60, delinquencies24m: 10 });
    expect([held.outcome, held.lineAction, held.limit]).toEqual(['refer', 'hold', 1_760_000]);
    expect(codes(held)).toEqual(['current_past_due', 'too_many_delinquencies', 'pd_in_refer_band', HELD]);
    const r = scorer.requestReduction(held, 1_750_000);
    expect([r.outcome, r.lineAction, r.limit]).toEqual(['refer', 'hold', 1_750_000]);
    expect(codes(r)).toEqual(['customer_reduction', 'current_past_due', 'too_many_delinquencies', HELD]);
    // The full list keeps every code, in the order it had.
    expect(r.policyReasons).toEqual(['customer_reduction', 'current_past_due', 'too_many_delinquencies', 'pd_in_refer_band', HELD, 'limit_risk_grade']);
  });

  it('four knock-outs on the reassessment itself: three of them and the hold', async () => {
    const held = await reassessedWith({ currentDaysPastDue: 60, delinquencies24m: 10, enquiries6m: 30 });
    expect([held.outcome, held.lineAction, held.bindingConstraint]).toEqual(['refer', 'hold', 'line_on_file']);
    expect(held.policyReasons).toEqual(['current_past_due', 'too_many_delinquencies', 'too_many_enquiries', 'pd_above_cutoff', HELD, 'limit_risk_grade']);
    expect(codes(held)).toEqual(['current_past_due', 'too_many_delinquencies', 'too_many_enquiries', HELD]);
    const r = scorer.requestReduction(held, 1_750_000);
    expect(codes(r)).toEqual(['customer_reduction', 'current_past_due', 'too_many_delinquencies', HELD]);
  });

  it('a contest of the held line, and of its reduction: the contest, what caused it, and the hold', async () => {
    const held = await reassessedWith({ currentDaysPastDue: 60, delinquencies24m: 10, enquiries6m: 30 });
    const contested = scorer.recordContest(held, { statement: 'I disagree' });
    expect(contested.lineAction).toBe('hold');
    expect(codes(contested)).toEqual(['contest_received', 'current_past_due', 'too_many_delinquencies', HELD]);
    const ofReduction = scorer.recordContest(scorer.requestReduction(held, 1_750_000), { statement: 'I disagree' });
    expect(ofReduction.lineAction).toBe('hold');
    expect(codes(ofReduction)).toEqual(['contest_received', 'customer_reduction', 'current_past_due', HELD]);
  });

  it('a held line the customer lowered is labelled as every held line, as the reassessment after it labels it', async () => {
    const held = await reassessedWith({ currentDaysPastDue: 60 });
    const r = scorer.requestReduction(held, 1_750_000);
    expect([r.lineAction, r.limit, r.maxGrantable, r.bindingConstraint]).toEqual(['hold', 1_750_000, 0, 'line_on_file']);
    const a = structuredClone(exampleFor('salaried_teacher').applicant) as ApplicantInput;
    a.bureau = { ...a.bureau, currentDaysPastDue: 60 } as ApplicantInput['bureau'];
    const again = await scorer.reassess(r, { applicant: a });
    expect([again.lineAction, again.limit, again.bindingConstraint]).toEqual(['hold', 1_750_000, 'line_on_file']);
  });
});
