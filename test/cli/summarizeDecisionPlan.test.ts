// The tested monthly payment is the dearest way of repaying the line over the policy term, and which
// one it is (`affordability.paymentPlan`) changes what the figure means: the CLI summary and the
// playground showed "payment ¥1,251.20/month" without naming the plan (round-12 fixers' note).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeDecision } from '../../src/cli/summarizeDecision.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { payrollApplicant } from '../helpers/payrollApplicant.js';

const applicant: ApplicantInput = payrollApplicant('plan-named', 134_880);

let scorer: Scorer;
let d: Decision;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
  d = await scorer.decide(applicant);
});
afterAll(() => scorer.close());

const affordabilityLine = (decision: Decision): string =>
  summarizeDecision(decision)
    .split('\n')
    .find((l) => l.includes('Affordability')) ?? '';

describe('the CLI summary names the repayment its monthly payment is', () => {
  it('an instalment plan: "payment ¥1,251.20/month on the 12-month instalment plan"', () => {
    expect(d.affordability.paymentPlan).toEqual({ kind: 'instalment', months: 12 });
    expect(affordabilityLine(d)).toContain('payment ¥1,251.20/month on the 12-month instalment plan');
  });

  it('the revolving line: "on the revolving line repaid over 12 months"', () => {
    const revolving = { ...d, affordability: { ...d.affordability, paymentPlan: { kind: 'revolving', months: 12 } } } as Decision;
    expect(affordabilityLine(revolving)).toContain('/month on the revolving line repaid over 12 months');
  });

  it('a decision made before 0.2 (no plan) says it names none, and is not given one', () => {
    const { paymentPlan: _, ...before } = d.affordability;
    expect(affordabilityLine({ ...d, affordability: before } as Decision)).toContain('/month on the revolving line (a decision made before 0.2 names no plan)');
  });
});
