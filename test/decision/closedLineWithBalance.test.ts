// A decline closes the line, and the balance stays owed. Read as "no line" (utilisation missing),
// the same profile reassessed the same day scored like a new customer: PD 20.1% fell to 8.7% and
// the closed line reopened at 7,100 RMB, past a step-limit window already used up. Found by the deep
// run of step_limits_hold (seed 187254293). A balance on no limit is now utilisation at its cap.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { featureDefinitionsByName } from '../../src/features/featureDefinitions.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import type { LimitChange } from '../../src/policy/stepLimit.js';

const { applicant, limitHistory } = JSON.parse(readFileSync(new URL('../fixtures/closedLineWithBalance.json', import.meta.url), 'utf8')) as {
  applicant: ApplicantInput;
  limitHistory: LimitChange[];
};
const atMinimum = { ...applicant, platform: { ...applicant.platform, currentLimit: 50_000, currentBalance: 43_200 } };

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(async () => scorer?.close());

describe('a closed line with a balance still owed', () => {
  it('a decline that closed the line is not reversed by reassessing the same profile the same day', async () => {
    const declined = await scorer.decide(atMinimum, { limitHistory });
    expect(declined).toMatchObject({ outcome: 'decline', limit: 0, lineAction: 'close' });
    const again = await scorer.reassess(declined, { applicant: atMinimum, evidence: [] });
    expect(again.outcome).toBe('decline');
    expect(again.limit).toBe(0);
    expect(again.pd).toBeGreaterThanOrEqual(declined.pd);
  });

  it('utilisation of a balance on no limit is at its cap; with neither it is missing', () => {
    const utilisation = featureDefinitionsByName.get('platform_utilization')!;
    const on = (currentLimit: number, currentBalance: number) =>
      utilisation.compute({ applicant: { ...atMinimum, platform: { ...atMinimum.platform, currentLimit, currentBalance } } } as never);
    expect(on(0, 43_200)).toBe(10);
    expect(on(0, 0)).toBeNaN();
    expect(on(50_000, 43_200)).toBeCloseTo(0.864, 12);
  });
});
