// Outside tester findings17-gaming F1: a line closed before its first rise reopened without step
// limits. The new graduate earning 15,000 RMB (a 3,000 RMB line, asking 50,000 RMB) set their own cap
// to 100 RMB (below the product minimum): decline / close, line 0, and `limitHistory` [] (a close
// added no entry, and no rise had been entered yet). Deciding again the same day with the cap cleared
// and `platform.currentLimit: 0` opened the line at 37,900 RMB as a new customer's first line, where
// the honest path stops at 23,000 RMB (one rise of 37,900 RMB from 0; per step at most 15,000 RMB).
// A request below the minimum or a day of arrears closed it the same way.
//
// The rule now: a close of a line (0 on file after a line) is entered in the ledger
// (`{ asOf, from: line, to: 0 }`, a change that is no rise), so a line at 0 whose ledger shows a line
// inside the window (a rise or a close) existed recently, and reopening it is a step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(async () => {
  await scorer.close();
});

const DAY = '2026-11-01';
/** Policy default: per step at most 1.5 x the line or 15,000 RMB; at most 20,000 RMB in three rises within 30 days. */
const PER_STEP_FROM_0 = 1_500_000;
const WINDOW_MAX_INCREASE = 2_000_000;
const LINE = 300_000;

/** The tester's customer: the new graduate (a 3,000 RMB line), `monthlyNet` RMB of payroll, asking 50,000 RMB. */
function graduate(monthlyNet = 1_500_000): ApplicantInput {
  const a = structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput;
  return { ...a, asOf: DAY, controls: { requestedLimit: 5_000_000 }, income: { monthlyNet, source: 'payroll' } };
}

/** The same customer with the line closed (0 on file), dated `asOf`, nothing of their own set. */
function closedProfile(a: ApplicantInput, asOf = DAY): ApplicantInput {
  return { ...a, asOf, controls: { requestedLimit: 5_000_000 }, platform: { ...a.platform, currentLimit: 0, currentBalance: 0 } };
}

/** Rises in `ledger` within the 30 days ending on `asOf`. */
function windowRises(ledger: Decision['limitHistory'], asOf: string): { total: number; count: number } {
  const on = Date.parse(asOf);
  const rises = ledger.filter((c) => c.to > c.from && on - Date.parse(c.asOf) < 30 * 86_400_000 && Date.parse(c.asOf) <= on);
  return { total: rises.reduce((s, c) => s + c.to - c.from, 0), count: rises.length };
}

/** The three ways the customer closes the 3,000 RMB line on their own before any rise. */
const closes: readonly (readonly [string, (a: ApplicantInput) => ApplicantInput])[] = [
  ['their own cap below the product minimum', (a) => ({ ...a, controls: { ...a.controls, selfSetCap: 10_000 } })],
  ['a request below the product minimum', (a) => ({ ...a, controls: { requestedLimit: 10_000 } })],
  ['a day of arrears (a knock-out)', (a) => ({ ...a, bureau: { ...a.bureau, currentDaysPastDue: 1 } })],
];

describe('a line closed before its first rise reopens only as a step (findings17-gaming F1)', () => {
  it.each(closes)('closed by %s: the close is entered in the ledger, and deciding again the same day opens at most 15,000 RMB', async (_, close) => {
    const a = graduate();
    const closed = await scorer.decide(close(a));
    expect([closed.outcome, closed.lineAction, lineOnFileAfter(closed)]).toEqual(['decline', 'close', 0]);
    expect(closed.limitHistory).toEqual([{ asOf: DAY, from: LINE, to: 0 }]);

    const reopened = await scorer.decide(closedProfile(a), { limitHistory: closed.limitHistory });
    expect(reopened.lineAction).toBe('open');
    expect(reopened.limit).toBe(PER_STEP_FROM_0);
    expect(reopened.bindingConstraint).toBe('step_limit');
    expect(reopened.limitHistory).toEqual([
      { asOf: DAY, from: LINE, to: 0 },
      { asOf: DAY, from: 0, to: PER_STEP_FROM_0 },
    ]);
    // The reassessments that follow on the same day have only what the window leaves.
    let d = reopened;
    for (let i = 0; i < 3; i++) d = await scorer.reassess(d, { applicant: closedProfile(a), evidence: [] });
    expect(lineOnFileAfter(d)).toBe(WINDOW_MAX_INCREASE);
    expect(windowRises(d.limitHistory, DAY)).toEqual({ total: WINDOW_MAX_INCREASE, count: 2 });
  });

  it('the 25,000 RMB earner too: never the product maximum the same day, and below the honest path (23,000 RMB)', async () => {
    const a = graduate(2_500_000);
    const honest = await scorer.reassess(await scorer.decide(a), { applicant: a, evidence: [] });
    expect(lineOnFileAfter(honest)).toBe(2_300_000);
    const closed = await scorer.decide({ ...a, controls: { ...a.controls, selfSetCap: 10_000 } });
    const reopened = await scorer.decide(closedProfile(a), { limitHistory: closed.limitHistory });
    expect([reopened.lineAction, reopened.limit]).toEqual(['open', PER_STEP_FROM_0]);
  });

  it('every path reads the close alike: decideBatch, suggest, and reassess of the close', async () => {
    const a = graduate();
    const closed = await scorer.decide({ ...a, controls: { ...a.controls, selfSetCap: 10_000 } });
    const alone = await scorer.decide(closedProfile(a, '2026-11-02'), { limitHistory: closed.limitHistory });
    const [batched, fresh] = await scorer.decideBatch([closedProfile(a, '2026-11-02'), closedProfile(a, '2026-11-02')], {
      limitHistories: [closed.limitHistory, undefined],
    });
    expect(batched?.ok && batched.decision).toEqual(alone);
    // A brand-new customer (no ledger) still opens without step limits.
    expect(fresh?.ok && fresh.decision.limit).toBeGreaterThan(PER_STEP_FROM_0);
    for (const s of (await scorer.suggest(closedProfile(a), { limitHistory: closed.limitHistory })).items) expect(s.limit).toBeLessThanOrEqual(PER_STEP_FROM_0);
    // reassess takes the prior's ledger, which holds the close; the profile clears nothing (reassess
    // keeps the cap), so the arrears close is the one a reassessment can reopen.
    const arrears = await scorer.decide({ ...a, bureau: { ...a.bureau, currentDaysPastDue: 1 } });
    const next = await scorer.reassess(arrears, { applicant: { ...a, asOf: '2026-11-02' }, evidence: [] });
    expect([next.lineAction, next.limit, next.bindingConstraint]).toEqual(['open', PER_STEP_FROM_0, 'step_limit']);
  });

  it("a person's decline of a line that never rose is entered too, and decide with that ledger reopens as a step", async () => {
    const a = graduate();
    const kept = await scorer.decide({ ...a, controls: { requestedLimit: LINE } });
    expect(kept.lineAction).toBe('keep');
    const closed = scorer.recordReview(kept, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, asOf: '2026-11-02' });
    expect(closed.limitHistory).toEqual([{ asOf: '2026-11-02', from: LINE, to: 0 }]);
    const reopened = await scorer.decide(closedProfile(a, '2026-11-03'), { limitHistory: closed.limitHistory });
    expect([reopened.lineAction, reopened.limit]).toEqual(['open', PER_STEP_FROM_0]);
  });

  it('a close older than the window is history: the line reopens as a new line, as after a rise that old', async () => {
    const a = graduate();
    const closed = await scorer.decide({ ...a, controls: { ...a.controls, selfSetCap: 10_000 } });
    const later = await scorer.decide(closedProfile(a, '2026-12-01'), { limitHistory: closed.limitHistory });
    expect(later.lineAction).toBe('open');
    expect(later.limit).toBeGreaterThan(PER_STEP_FROM_0);
    expect(later.limitHistory).toEqual(closed.limitHistory);
  });

  it('a ledger written before closes were entered still reads: [] is a new line, a rise in the window still steps', async () => {
    const a = graduate();
    expect((await scorer.decide(closedProfile(a), { limitHistory: [] })).limit).toBeGreaterThan(PER_STEP_FROM_0);
    const old = [{ asOf: '2026-10-20', from: LINE, to: 1_800_000 }];
    expect((await scorer.decide(closedProfile(a), { limitHistory: old })).limit).toBe(500_000);
  });
});
