// Outside tester findings9-rules2026 F2: a reduction copies its prior's terms (APR, plans, caps), so
// on a scorer whose policy had since tightened (a 10% APR cap, a 5,000 RMB lender cap) it sealed an
// approval of 8,000 RMB at 12.37% under the scorer's keys, above both caps, where a review of the
// same prior is refused and a reassessment reprices. A reduction needs the prior's policy too:
// reassess under the new one first, then lower that line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

let before: Scorer;
let after: Scorer;
beforeAll(async () => {
  before = await createScorer({ suggestionsPerDecision: 0 });
  after = await createScorer({
    suggestionsPerDecision: 0,
    policyOverrides: { pricing: { aprCap: 0.1 }, fees: { instalmentPlans: [] }, limits: { lenderCapPerBorrower: 500_000 } },
  });
});
afterAll(async () => {
  await before?.close();
  await after?.close();
});

const graduate = exampleApplicants[0]!.applicant as ApplicantInput;

describe('a reduction under a policy other than its prior’s', () => {
  it('is refused (policy_mismatch), naming both policies, instead of sealing terms above the caps in force', async () => {
    const prior = await before.decide(graduate);
    expect(prior.apr).toBeGreaterThan(0.1);
    expect(prior.limit).toBeGreaterThan(900_000);
    let error: unknown;
    try {
      after.requestReduction(prior, 900_000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CreditliftError);
    expect((error as CreditliftError).code).toBe('policy_mismatch');
    expect((error as CreditliftError).message).toContain(prior.audit.policyHash.slice(0, 12));
    expect((error as CreditliftError).message).toMatch(/reassess/);
  });

  it('after a reassessment under the new policy the customer lowers that line, within every cap in force', async () => {
    const prior = await before.decide(graduate);
    const repriced = await after.reassess(prior, { applicant: graduate, evidence: [] });
    const lowered = after.requestReduction(repriced, 300_000);
    expect(lowered.audit.policyHash).toBe(repriced.audit.policyHash);
    expect(lowered.apr).toBeLessThanOrEqual(0.1);
    expect(lowered.limit).toBeLessThanOrEqual(500_000);
  });

  it('on the scorer of its own policy a reduction is unchanged', async () => {
    const prior = await before.decide(graduate);
    const lowered = before.requestReduction(prior, 900_000);
    expect(lowered.limit).toBe(900_000);
    expect(lowered.audit.policyHash).toBe(prior.audit.policyHash);
  });
});
