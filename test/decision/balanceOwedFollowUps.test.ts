// findings27-recheck26 F2-F4: the balance owed on a line, on the follow-ups. A reduction told of a
// balance it cannot afford seals the figures the rule gives (capacity 0, nothing grantable, the
// balance named), a person may not approve that line, a reassessment whose profile omits the
// balance keeps the one the prior noted (as a reduction does), and the reduction's balance is held
// to the applicant's bound.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_AUDIT_KEYS, sealDecision, type UnsealedDecision } from '../../src/decision/audit.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { scorerReassessBatch } from '../../src/decision/reassessBatch.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { MAX_MONEY_FEN } from '../../src/schema/primitives.js';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../cli/fakeDecider.js';

const RMB = 100;
const base = exampleFor('new_graduate').applicant as ApplicantInput;
const OWED = 40_000 * RMB;
const LINE = 500 * RMB;

/** The graduate's profile after lowering the line to 500 RMB, with `platform.currentBalance` as given (left out when undefined). */
function profileOwing(balance: number | undefined): ApplicantInput {
  const { currentBalance: _left, ...platform } = base.platform as Record<string, unknown>;
  return {
    ...structuredClone(base),
    controls: { ...base.controls, selfSetCap: LINE },
    platform: { ...(platform as ApplicantInput['platform']), currentLimit: LINE, ...(balance === undefined ? {} : { currentBalance: balance }) },
  };
}

let scorer: Scorer;
let first: Decision;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
  first = await scorer.decide(base);
});
afterAll(async () => scorer?.close());

describe('F2: a reduction told of a balance it cannot afford', () => {
  it('lowers the line, and seals the figures the rule gives: capacity 0, nothing grantable, the balance named', async () => {
    expect(first).toMatchObject({ outcome: 'approve', limit: 17_000 * RMB });
    const r = scorer.requestReduction(first, LINE, { currentBalance: OWED });
    // Not refused: the customer's line goes to 500 RMB and their cap is 500 RMB.
    expect(r.limit).toBe(LINE);
    expect(r.controls.selfSetCap).toBe(LINE);
    expect(r.previousLimit).toBe(17_000 * RMB);
    // Before: capacity 2,591,911 (the prior's, without the balance), maxGrantable 50,000, approve.
    expect(r.affordability.capacity).toBe(0);
    expect(r.caps.affordability).toBe(0);
    expect(r.health.healthyLimit).toBe(0);
    expect(r.affordability.pass).toBe(false);
    expect(r.affordability.balanceOwed).toMatchObject({ amount: OWED, aboveLimit: true });
    // What a reassessment of the same facts gives.
    const same = await scorer.reassess(r, { applicant: profileOwing(OWED) });
    expect(same.maxGrantable).toBe(0);
    expect(r.maxGrantable).toBe(same.maxGrantable);
    // Never an approval whose checks fail: the line lowered is held for a person, as the reassessment holds it.
    expect(r).toMatchObject({ outcome: 'refer', lineAction: 'hold' });
    expect(same).toMatchObject({ outcome: 'refer', lineAction: 'hold', limit: LINE });
    expect(r.policyReasons).toContain('balance_owed_unaffordable');
    expect(r.policyReasons[0]).toBe('customer_reduction');
    expect(r.reasons.map((x) => x.code)).toContain('balance_owed_unaffordable');
    expect(r.reasons[0]?.code).toBe('customer_reduction');
  });

  it('a balance it can afford changes nothing but the payment tested', async () => {
    // 1,000 RMB owed on a 500 RMB line: its payment fits the graduate's income.
    const r = scorer.requestReduction(first, LINE, { currentBalance: 1_000 * RMB });
    const plain = scorer.requestReduction(first, LINE);
    expect(r).toMatchObject({ outcome: 'approve', lineAction: 'lower', limit: LINE, maxGrantable: plain.maxGrantable });
    expect(r.affordability.capacity).toBe(plain.affordability.capacity);
    expect(r.affordability.pass).toBe(true);
    expect(r.policyReasons).toEqual(plain.policyReasons);
  });

  it('the balance a prior noted holds on a reduction of it: the same figures', async () => {
    const r = scorer.requestReduction(first, 5_000 * RMB, { currentBalance: OWED });
    expect(r).toMatchObject({ outcome: 'refer', lineAction: 'hold', limit: 5_000 * RMB, maxGrantable: 0 });
    const again = scorer.requestReduction(r, LINE);
    expect(again).toMatchObject({ outcome: 'refer', lineAction: 'hold', limit: LINE, maxGrantable: 0 });
    expect(again.affordability.capacity).toBe(0);
    expect(again.policyReasons).toContain('balance_owed_unaffordable');
  });

  it('a referral waiting for a person, lowered below a balance it cannot afford, proposes nothing', async () => {
    const referred = await scorer.decide({
      ...structuredClone(base),
      controls: { humanReview: true },
      platform: { ...base.platform, currentLimit: 3_000 * RMB },
    });
    expect(referred).toMatchObject({ outcome: 'refer', lineAction: 'review', limit: 17_000 * RMB });
    const r = scorer.requestReduction(referred, 1_000 * RMB, { currentBalance: OWED });
    // Before: refer / lower at 1,000 RMB, the review proposing to approve it, maxGrantable 1,000 RMB, its checks failing on the 40,000 owed.
    expect(r).toMatchObject({ outcome: 'refer', lineAction: 'review', limit: 0, maxGrantable: 0, bindingConstraint: 'product_minimum' });
    expect(r.review?.proposed).toEqual({ outcome: 'decline', limit: 0 });
    expect(r.policyReasons.slice(-2)).toEqual(['balance_owed_unaffordable', 'limit_below_product_minimum']);
    expect(r.controls.selfSetCap).toBe(1_000 * RMB);
  });

  it('recordReview: a person may not approve the lowered line, refused at the affordability bound as for any failing check', async () => {
    const r = scorer.requestReduction(first, LINE, { currentBalance: OWED });
    let error: unknown;
    try {
      scorer.recordReview(r, { reviewerRole: 'credit_officer', outcome: 'approve', limit: LINE });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'review_invalid' });
    const issues = (error as { issues: { path: string[]; expected?: string }[] }).issues;
    expect(issues.some((i) => i.path[0] === 'limit' && /affordability/.test(i.expected ?? ''))).toBe(true);
    // A person's decline is open to them.
    expect(scorer.recordReview(r, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 }).outcome).toBe('decline');
  });
});

describe("recordReview: an approval never seals checks that fail, whatever the decision's capacity says", () => {
  it('refuses to approve the lowered line on a reduction sealed as the previous build sealed it (capacity without the balance)', () => {
    const r = scorer.requestReduction(first, LINE, { currentBalance: OWED });
    // What the previous build sealed: the prior's capacity (25,919.11 RMB), 500 RMB grantable, approve.
    const { contentHash: _c, ...audit } = r.audit;
    const before = sealDecision(
      {
        ...r,
        outcome: 'approve',
        lineAction: 'lower',
        maxGrantable: LINE,
        bindingConstraint: 'self_cap',
        caps: { ...r.caps, affordability: first.caps.affordability },
        affordability: { ...r.affordability, capacity: first.affordability.capacity },
        health: { ...r.health, healthyLimit: first.health.healthyLimit },
        policyReasons: ['customer_reduction', 'limit_risk_grade'],
        reasons: r.reasons.filter((x) => x.code === 'customer_reduction'),
        audit,
      } as UnsealedDecision,
      NO_AUDIT_KEYS,
    );
    expect(before.affordability.pass).toBe(false);
    let error: unknown;
    try {
      scorer.recordReview(before, { reviewerRole: 'credit_officer', outcome: 'approve', limit: LINE });
    } catch (e) {
      error = e;
    }
    // Before: approve keep 500 RMB, maxGrantable 500 RMB, affordability.pass false.
    expect(error).toMatchObject({ code: 'review_invalid' });
    expect((error as { issues: unknown[] }).issues).toMatchObject([
      {
        path: ['limit'],
        code: 'too_big',
        expected: 'a limit passing every affordability check',
        message: expect.stringContaining('debt_service, residual_income, 4000000 fen owed'),
      },
    ]);
    // Ordinary approvals within the capacity pass their checks and are recorded as before.
    const referred = scorer.requestReduction(first, 5_000 * RMB);
    expect(scorer.recordReview(referred, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 5_000 * RMB }).affordability.pass).toBe(true);
  });
});

describe('F3: a reassessment whose profile omits the balance keeps the one the prior noted', () => {
  it('reassess: left out, the noted 40,000 RMB is still owed (before: approve keep, balanceOwed gone); 0 given is paid down', async () => {
    const r = scorer.requestReduction(first, LINE, { currentBalance: OWED });
    const given = await scorer.reassess(r, { applicant: profileOwing(OWED) });
    const omitted = await scorer.reassess(r, { applicant: profileOwing(undefined) });
    expect(JSON.stringify(omitted)).toBe(JSON.stringify(given));
    expect(omitted).toMatchObject({ outcome: 'refer', lineAction: 'hold', maxGrantable: 0 });
    expect(omitted.affordability.balanceOwed?.amount).toBe(OWED);
    // An explicit undefined is absent too (zod's reading of an absent key).
    const undef = await scorer.reassess(r, {
      applicant: { ...profileOwing(undefined), platform: { ...profileOwing(undefined).platform, currentBalance: undefined } },
    });
    expect(JSON.stringify(undef)).toBe(JSON.stringify(given));
    // A balance given is the account's figure today: 0 is a balance paid off.
    const paid = await scorer.reassess(r, { applicant: profileOwing(0) });
    expect(paid.affordability.balanceOwed).toBeUndefined();
    expect(paid.outcome).toBe('approve');
  });

  it('a prior that noted no balance: an omitted balance is 0, as before', async () => {
    const omitted = await scorer.reassess(first, { applicant: profileOwing(undefined) });
    const zero = await scorer.reassess(first, { applicant: profileOwing(0) });
    expect(JSON.stringify(omitted)).toBe(JSON.stringify(zero));
  });

  it('batches, the pool and simulate --mode reassess agree with reassess', async () => {
    const r = scorer.requestReduction(first, LINE, { currentBalance: OWED });
    const given = await scorer.reassess(r, { applicant: profileOwing(OWED) });
    const items = [{ prior: r, update: { applicant: profileOwing(undefined) } }];
    const local = await scorerReassessBatch(scorer)(items);
    expect(JSON.stringify(local)).toBe(JSON.stringify([{ ok: true, index: 0, decision: given }]));
    const pool = await createScorerPool({ workers: 1, scorer: { suggestionsPerDecision: 0 } });
    try {
      expect(JSON.stringify(await pool.safeReassessBatch(items))).toBe(JSON.stringify(local));
    } finally {
      await pool.close();
    }
    const dir = mkdtempSync(join(tmpdir(), 'creditlift-owed-followups-'));
    try {
      writeFileSync(join(dir, 'book.ndjson'), `${JSON.stringify({ applicant: profileOwing(undefined), prior: r })}\n`);
      const c = captureIo();
      const code = await main(['simulate', '--book', join(dir, 'book.ndjson'), '--mode', 'reassess', '--out', join(dir, 'sim.json')], c.io);
      expect(c.err()).toBe('');
      expect(code).toBe(0);
      const sim = JSON.parse(readFileSync(join(dir, 'sim.json'), 'utf8'));
      // Both sides hold the line for a person (before: approve on both, the 40,000 RMB gone).
      expect(sim.swapSet.counts.refer.refer).toBe(1);
      expect(sim.swapSet.counts.approve.approve).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('F4: the reduction balance is held to the applicant bound', () => {
  it(`refuses a currentBalance above MAX_MONEY_FEN (10^12 fen) at currentBalance, too_big, as the applicant's is`, () => {
    for (const bad of [MAX_MONEY_FEN + 1, 1e13, Number.MAX_SAFE_INTEGER]) {
      let error: unknown;
      try {
        scorer.requestReduction(first, LINE, { currentBalance: bad });
      } catch (e) {
        error = e;
      }
      expect(error, String(bad)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toMatchObject([{ path: ['currentBalance'], code: 'too_big' }]);
    }
    expect(scorer.requestReduction(first, LINE, { currentBalance: MAX_MONEY_FEN }).affordability.balanceOwed?.amount).toBe(MAX_MONEY_FEN);
  });
});
