// findings28 F1: a contest of a contest led its four principal reasons with contest_received again
// each time. The teacher's held line (three bureau knock-outs, then the hold) contested three times
// was told contest_received three times and the hold, no cause; a delinquent's decline contested
// three times lost two of its knock-outs the same way. A contest is named once, as in policyReasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

const codes = (d: Decision) => d.reasons.map((r) => r.code);

async function heldTeacher(): Promise<Decision> {
  const teacher = exampleFor('salaried_teacher').applicant as ApplicantInput;
  const prior = await scorer.decide(teacher);
  const worse = structuredClone(teacher);
  worse.bureau = { ...worse.bureau, hasFile: true, currentDaysPastDue: 60, delinquencies24m: 10, enquiries6m: 30 };
  const held = await scorer.reassess(prior, { applicant: worse });
  expect(held.lineAction).toBe('hold');
  return held;
}

function contested(d: Decision, times: number): Decision {
  let c = d;
  for (let i = 0; i < times; i++) c = scorer.recordContest(c, { statement: `contest ${i + 1}` });
  return c;
}

describe('a contest of a contest names the contest once', () => {
  it('the held teacher contested three times: the contest, two causes, the hold (was contest_received x3, the hold)', async () => {
    const held = await heldTeacher();
    expect(codes(held)).toEqual(['current_past_due', 'too_many_delinquencies', 'too_many_enquiries', 'line_held_for_review']);
    const once = contested(held, 1);
    for (const times of [2, 3]) {
      const c = contested(held, times);
      expect(codes(c), `${times} contests`).toEqual(codes(once));
      expect(c.lineAction).toBe('hold');
    }
    expect(codes(once)).toEqual(['contest_received', 'current_past_due', 'too_many_delinquencies', 'line_held_for_review']);
    const notice = adverseActionNotice(contested(held, 3));
    const texts = notice.principalReasons.map((r) => r.code);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('the delinquent decline contested three times keeps its knock-outs (was contest_received x3, current_past_due)', async () => {
    const d = await scorer.decide(exampleFor('delinquent').applicant);
    const c = contested(d, 3);
    expect(codes(c)).toEqual(codes(contested(d, 1)));
    expect(codes(c).filter((x) => x === 'contest_received')).toHaveLength(1);
    expect(c.policyReasons.filter((x) => x === 'contest_received')).toHaveLength(1);
  });
});
