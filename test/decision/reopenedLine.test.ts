// A decline in a chain of decisions used to reset the step limits, and a person's decline was undone
// the next day. Found from outside (findings10-chains F1): the new graduate earning 15,000 RMB and
// asking 50,000 RMB was raised from 3,000 to 18,000 RMB, then to 23,000 RMB the next day (the
// window's 20,000 RMB used up), a person declined (closing the line), and the reassessment the day
// after, uploading nothing, opened it again at 37,900 RMB as an automated approve. A re-underwriting
// decline (arrears) closed and reopened it the same way. The step limits held only a line above 0,
// and a reopening was not entered in the ledger.
//
// The rules now: a reopening inside the step-limit window of earlier rises is a step (a rise from 0,
// entered in the ledger); a line a person closed is reopened only by a person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import type { CreditliftError } from '../../src/errors/creditliftError.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { uploadOfSuggestion } from './uploadOfSuggestion.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(async () => {
  await scorer.close();
});

/** The tester's customer: the new graduate (a 3,000 RMB line) earning 15,000 RMB, asking 50,000 RMB. */
function graduate(): ApplicantInput {
  const a = structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput;
  return { ...a, controls: { requestedLimit: 5_000_000 }, income: { ...a.income, monthlyNet: 1_500_000 } };
}

/** Policy default: at most 20,000 RMB in three rises within 30 days. */
const WINDOW_MAX_INCREASE = 2_000_000;

/** The rises in a ledger dated within 30 days of `asOf` (inclusive of `asOf`). */
function windowRises(ledger: Decision['limitHistory'], asOf: string): { total: number; count: number } {
  const on = Date.parse(asOf);
  const rises = ledger.filter((c) => c.to > c.from && on - Date.parse(c.asOf) < 30 * 86_400_000 && Date.parse(c.asOf) <= on);
  return { total: rises.reduce((s, c) => s + c.to - c.from, 0), count: rises.length };
}

/** decide (3,000 -> 18,000 RMB on 11-01), reassess on 11-02 (-> 23,000 RMB): the window's amount used up. */
async function raisedTwice(): Promise<{ applicant: ApplicantInput; raised: Decision }> {
  const applicant = graduate();
  const first = await scorer.decide(applicant);
  expect(first.lineAction).toBe('raise');
  const raised = await scorer.reassess(first, { applicant, evidence: [], asOf: '2026-11-02' });
  expect(raised.lineAction).toBe('raise');
  expect(windowRises(raised.limitHistory, '2026-11-02').total).toBe(WINDOW_MAX_INCREASE);
  return { applicant, raised };
}

describe('a line a person closed is reopened only by a person (findings10-chains F1)', () => {
  /** decide (3,000 -> 18,000 RMB on 11-01: 5,000 RMB of the window left), a person's decline on 11-03. */
  async function closedByPerson(): Promise<{ applicant: ApplicantInput; closed: Decision }> {
    const applicant = graduate();
    const first = await scorer.decide(applicant);
    const closed = scorer.recordReview(first, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, asOf: '2026-11-03' });
    expect(closed.lineAction).toBe('close');
    return { applicant, closed };
  }

  it('the next day, with nothing new, the reassessment refers (lineAction review) naming the person who closed it, and never opens the line', async () => {
    const { applicant, closed } = await closedByPerson();
    const next = await scorer.reassess(closed, { applicant, evidence: [], asOf: '2026-11-04' });
    expect(next.outcome).toBe('refer');
    expect(next.lineAction).toBe('review');
    expect(lineOnFileAfter(next)).toBe(0);
    expect(next.review).toBeNull();
    expect(next.reasons[0]?.code).toBe('line_closed_by_person');
    // The proposal for the person is a step: the window's 5,000 RMB left.
    expect(next.limit).toBe(500_000);
    expect(next.limitHistory).toEqual(closed.limitHistory);
    // And so on along the chain: an upload after the referral, a withdrawn request for a person.
    const again = await scorer.reassess(next, { applicant, evidence: [], asOf: '2026-11-05' });
    expect([again.outcome, again.lineAction, again.reasons[0]?.code]).toEqual(['refer', 'review', 'line_closed_by_person']);
    const withdrawn = await scorer.reassess(again, {
      applicant: { ...applicant, controls: { ...applicant.controls, humanReview: false } },
      evidence: [],
      asOf: '2026-11-06',
    });
    expect([withdrawn.outcome, withdrawn.lineAction]).toEqual(['refer', 'review']);
    // Long after the window, too: it is a person's line to open.
    const later = await scorer.reassess(closed, { applicant, evidence: [], asOf: '2027-03-01' });
    expect([later.outcome, later.lineAction, later.reasons[0]?.code]).toEqual(['refer', 'review', 'line_closed_by_person']);
  });

  it('its previews come true: each certificate it suggests, uploaded, gives the proposal it promised, still for a person', async () => {
    const { closed } = await closedByPerson();
    // Nothing asked, so the request does not cap what a certificate may propose.
    const base = { ...graduate(), controls: {} };
    const next = await scorer.reassess(closed, { applicant: base, evidence: [], asOf: '2026-12-20' });
    expect([next.outcome, next.lineAction]).toEqual(['refer', 'review']);
    expect(next.suggestions.items.length).toBeGreaterThan(0);
    for (const s of next.suggestions.items) {
      const upload = await scorer.reassess(next, { applicant: base, evidence: [uploadOfSuggestion(scorer, base, s)], asOf: '2026-12-20' });
      expect([upload.outcome, upload.lineAction, upload.limit, upload.pd]).toEqual([s.outcome, 'review', s.limit, s.pd]);
      expect(s.outcome).toBe('refer');
    }
  });

  it("a contest of the person's decline, withdrawn, and a reduction of it do not open the line either", async () => {
    const { applicant, closed } = await closedByPerson();
    const contested = scorer.recordContest(closed, { statement: 'Please look again', asOf: '2026-11-03' });
    const afterContest = await scorer.reassess(contested, {
      applicant: { ...applicant, controls: { ...applicant.controls, humanReview: false } },
      evidence: [],
      asOf: '2026-11-04',
    });
    expect([afterContest.outcome, afterContest.lineAction]).toEqual(['refer', 'review']);
    expect(afterContest.reasons.map((r) => r.code)).toContain('line_closed_by_person');
    const reduced = scorer.requestReduction(closed, 1_000_000, { asOf: '2026-11-03' });
    const afterReduction = await scorer.reassess(reduced, { applicant, evidence: [], asOf: '2026-11-04' });
    expect([afterReduction.outcome, afterReduction.lineAction]).toEqual(['refer', 'review']);
  });

  it('a person may reopen it within the step limits: the reopening is entered in the ledger and the next rise counts it', async () => {
    const { applicant, closed } = await closedByPerson();
    const next = await scorer.reassess(closed, { applicant, evidence: [], asOf: '2026-11-20' });
    expect([next.outcome, next.limit]).toEqual(['refer', 500_000]);
    expect(() => scorer.recordReview(next, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 600_000, asOf: '2026-11-20' })).toThrow(
      expect.objectContaining({ code: 'review_invalid', message: expect.stringMatching(/step limit/) }) as CreditliftError,
    );
    const reopened = scorer.recordReview(next, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 500_000, asOf: '2026-11-20' });
    expect(reopened.lineAction).toBe('open');
    expect(reopened.policyReasons).not.toContain('line_closed_by_person');
    expect(reopened.limitHistory.at(-1)).toEqual({ asOf: '2026-11-20', from: 0, to: 500_000 });
    // Reopened by a person, the line is the model's again, and the window is used up.
    const after = await scorer.reassess(reopened, { applicant, evidence: [], asOf: '2026-11-21' });
    expect([after.outcome, after.lineAction, after.limit, after.bindingConstraint]).toEqual(['approve', 'keep', 500_000, 'step_limit']);
  });

  it('the window used up by two rises: no reopening of any size, by the model or a person, naming the step limit', async () => {
    const { applicant, raised } = await raisedTwice();
    const closed = scorer.recordReview(raised, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, asOf: '2026-11-03' });
    const next = await scorer.reassess(closed, { applicant, evidence: [], asOf: '2026-11-04' });
    expect([next.outcome, next.lineAction, next.limit, next.bindingConstraint]).toEqual(['decline', 'none', 0, 'step_limit']);
    expect(next.reasons[0]?.code).toBe('step_limit_window_amount');
    expect(() => scorer.recordReview(next, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 50_000, asOf: '2026-11-04' })).toThrow(
      expect.objectContaining({ code: 'review_invalid', message: expect.stringMatching(/step limit/) }) as CreditliftError,
    );
    // The decline carries the person's close on: once the window clears, a person still decides.
    const cleared = await scorer.reassess(next, { applicant, evidence: [], asOf: '2026-12-05' });
    expect([cleared.outcome, cleared.lineAction, cleared.reasons[0]?.code]).toEqual(['refer', 'review', 'line_closed_by_person']);
  });
});

describe('a reopening inside the step-limit window is a step (findings10-chains F1)', () => {
  /** Day 3: arrears today, re-underwritten with the ledger: the line closes. */
  async function closedForArrears(raised: Decision, applicant: ApplicantInput): Promise<Decision> {
    const bad = {
      ...applicant,
      asOf: '2026-11-03',
      platform: { ...applicant.platform, currentLimit: lineOnFileAfter(raised) },
      bureau: { ...applicant.bureau, currentDaysPastDue: 40 },
    };
    const closed = await scorer.decide(bad, { limitHistory: raised.limitHistory });
    expect(closed.lineAction).toBe('close');
    return closed;
  }

  it('the window used up: the arrears paid, a reassessment keeps the line closed and names the step limit', async () => {
    const { applicant, raised } = await raisedTwice();
    const closed = await closedForArrears(raised, applicant);
    const next = await scorer.reassess(closed, { applicant: { ...applicant, asOf: '2026-11-05' }, evidence: [] });
    expect(next.limit).toBe(0);
    expect(next.lineAction).toBe('none');
    expect(next.bindingConstraint).toBe('step_limit');
    expect(next.reasons[0]?.code).toBe('step_limit_window_amount');
    // Nothing that did not hold the line closed is named: not the risk grade that would set a line.
    expect(next.reasons.map((r) => r.code)).not.toContain('limit_risk_grade');
  });

  it('room left in the window: the line reopens by at most that room, entered in the ledger, and the next rise counts it', async () => {
    const applicant = graduate();
    const first = await scorer.decide(applicant); // 3,000 -> 18,000 RMB: 15,000 RMB of the window's 20,000 used
    expect(windowRises(first.limitHistory, first.asOf)).toEqual({ total: 1_500_000, count: 1 });
    const closed = await closedForArrears(first, applicant);
    const reopened = await scorer.reassess(closed, { applicant: { ...applicant, asOf: '2026-11-05' }, evidence: [] });
    expect(reopened.lineAction).toBe('open');
    expect(reopened.limit).toBe(500_000);
    expect(reopened.bindingConstraint).toBe('step_limit');
    expect(reopened.limitHistory.at(-1)).toEqual({ asOf: '2026-11-05', from: 0, to: 500_000 });
    const again = await scorer.reassess(reopened, { applicant: { ...applicant, asOf: '2026-11-06' }, evidence: [] });
    expect(again.limit).toBe(500_000);
    expect(again.bindingConstraint).toBe('step_limit');
  });

  it('decide, decideBatch and suggest with the ledger reopen within the window alike; a suggestion comes true', async () => {
    const applicant = graduate();
    const first = await scorer.decide(applicant);
    const closedProfile = { ...applicant, asOf: '2026-11-05', platform: { ...applicant.platform, currentLimit: 0, currentBalance: 0 } };
    const ledger = first.limitHistory;
    const alone = await scorer.decide(closedProfile, { limitHistory: ledger });
    expect([alone.lineAction, alone.limit]).toEqual(['open', 500_000]);
    expect(alone.limitHistory.at(-1)).toEqual({ asOf: '2026-11-05', from: 0, to: 500_000 });
    const [batched] = await scorer.decideBatch([closedProfile, closedProfile], { limitHistories: [ledger, undefined] });
    expect(batched?.ok && batched.decision).toEqual(alone);
    // A brand-new customer (no rise in the window) still opens without step limits, and enters nothing.
    const fresh = await scorer.decide(closedProfile);
    expect(fresh.lineAction).toBe('open');
    expect(fresh.limit).toBeGreaterThan(1_500_000);
    expect(fresh.limitHistory).toEqual([]);
    // From 0 a step is at most the per-step amount, 15,000 RMB, whatever room the window has.
    const small = await scorer.decide(closedProfile, { limitHistory: [{ asOf: '2026-10-20', from: 100_000, to: 200_000 }] });
    expect([small.lineAction, small.limit, small.bindingConstraint]).toEqual(['open', 1_500_000, 'step_limit']);
    // Under the window, a preview promises only what the reopening may give.
    const items = (await scorer.suggest(closedProfile, { limitHistory: ledger })).items;
    for (const s of items) expect(s.limit).toBeLessThanOrEqual(500_000);
  });
});
