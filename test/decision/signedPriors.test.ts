import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_AUDIT_KEYS, sealDecision, type UnsealedDecision } from '../../src/decision/audit.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { PriorInvalidError } from '../../src/decision/priorInvalidError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

const KEY_A = 'A'.repeat(40);
const KEY_B = 'B'.repeat(40);
const PERSONAL = 'P'.repeat(40);

const applicant = (): ApplicantInput => structuredClone(exampleApplicants.find((e) => e.id === 'ex-new-graduate')?.applicant) as ApplicantInput;

/** A decision whose figures were raised and whose keyless content hash was recomputed; its stale signature kept. */
function forged(d: Decision): Decision {
  const { contentHash: _c, signature, ...audit } = d.audit;
  const raised = { ...d, limit: 5_000_000, maxGrantable: 5_000_000, audit } as UnsealedDecision;
  const resealed = sealDecision(raised, NO_AUDIT_KEYS);
  return { ...resealed, audit: { ...resealed.audit, ...(signature === undefined ? {} : { signature }) } };
}

/** Every follow-up path, each given the prior: what each throws (or `accepted`). */
async function onEveryPath(scorer: Scorer, prior: Decision): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const tryIt = async (name: string, f: () => unknown) => {
    try {
      await f();
      out[name] = 'accepted';
    } catch (e) {
      out[name] = e;
    }
  };
  await tryIt('reassess', () => scorer.reassess(prior, { applicant: applicant(), evidence: [] }));
  await tryIt('requestReduction', () => scorer.requestReduction(prior, 4_000_000));
  await tryIt('recordReview', () => scorer.recordReview(prior, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, note: 'checked' }));
  await tryIt('recordContest', () => scorer.recordContest(prior, { statement: 'please look again' }));
  return out;
}

function refusedAt(results: Record<string, unknown>, field: string): void {
  for (const [path, e] of Object.entries(results)) {
    expect(e, path).toBeInstanceOf(PriorInvalidError);
    expect((e as PriorInvalidError).fields, path).toContain(field);
  }
}

describe('signed priors and the keys that verify them', () => {
  let plain: Scorer;
  let a: Scorer;
  let rotated: Scorer;
  let aPersonal: Scorer;
  beforeAll(async () => {
    plain = await createScorer({ suggestionsPerDecision: 0 });
    a = await createScorer({ signingKey: KEY_A, suggestionsPerDecision: 0 });
    aPersonal = await createScorer({ signingKey: KEY_A, personalDataKey: PERSONAL, suggestionsPerDecision: 0 });
    rotated = await createScorer({ signingKey: KEY_B, verificationKeys: [KEY_A], personalDataKey: PERSONAL, suggestionsPerDecision: 0 });
  });
  afterAll(async () => {
    await Promise.all([plain.close(), a.close(), aPersonal.close(), rotated.close()]);
  });

  // Audit tester F3: a scorer without a key accepted a signed decision forged to a 50,000 RMB
  // line (content hash recomputed, stale signature kept) and sealed an unsigned 40,000 RMB reduction.
  it('a scorer without a signing key refuses a signed prior on every path, naming audit.signature: it cannot verify it', async () => {
    const d = await a.decide(applicant());
    refusedAt(await onEveryPath(plain, forged(d)), 'audit.signature');
    // The genuine signed decision too: nothing there could tell it from the forgery.
    refusedAt(await onEveryPath(plain, d), 'audit.signature');
    // An unsigned decision given a signature is refused alike.
    const u = await plain.decide(applicant());
    refusedAt(await onEveryPath(plain, { ...u, audit: { ...u.audit, signature: 'f'.repeat(64) } }), 'audit.signature');
    // And an unsigned decision is still a prior for an unsigned scorer.
    expect(Object.values(await onEveryPath(plain, u))).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
  });

  it('a key option given as undefined (an unset environment variable) is refused, naming it; an empty key too', async () => {
    for (const [options, path] of [
      [{ signingKey: undefined }, 'signingKey'],
      [{ personalDataKey: undefined }, 'personalDataKey'],
      [{ signingKey: KEY_A, verificationKeys: undefined }, 'verificationKeys'],
      [{ signingKey: '' }, 'signingKey'],
    ] as const) {
      const e = await createScorer(options as never).catch((x: unknown) => x);
      expect(e, path).toBeInstanceOf(ValidationError);
      expect(
        (e as ValidationError).issues.map((i) => [i.path.join('.'), i.code]),
        path,
      ).toEqual([[path, 'invalid_key']]);
    }
    const e = await createScorer({ signingKey: undefined } as never).catch((x: unknown) => x);
    expect((e as ValidationError).issues[0]?.message).toMatch(/environment variable/);
    // The pool refuses it before any worker starts.
    const p = await createScorerPool({ workers: 1, scorer: { signingKey: undefined } as never }).catch((x: unknown) => x);
    expect(p).toBeInstanceOf(ValidationError);
    expect((p as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['scorer.signingKey']);
  });

  // Audit tester F4: with the signing key rotated A -> B, every stored A-signed decision was refused,
  // the customer's own reduction included.
  it('after a rotation, priors signed under an earlier key verify on every path; follow-ups are signed with the new key', async () => {
    const d = await aPersonal.decide(applicant());
    expect(Object.values(await onEveryPath(rotated, d))).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    const lowered = rotated.requestReduction(d, 1_000_000);
    const underB = await createScorer({ signingKey: KEY_B, personalDataKey: PERSONAL, suggestionsPerDecision: 0 });
    try {
      // The follow-up is B's: a scorer holding only B takes it, and no longer takes A's decision.
      expect(Object.values(await onEveryPath(underB, lowered))).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
      refusedAt(await onEveryPath(underB, d), 'audit.signature');
    } finally {
      await underB.close();
    }
    // A forgery of an A-signed decision is still refused by the rotated scorer, and so is an unsigned one.
    refusedAt(await onEveryPath(rotated, forged(d)), 'audit.signature');
    refusedAt(await onEveryPath(rotated, await plain.decide(applicant())), 'audit.signature');
  });

  it('verificationKeys without signingKey, or without an explicit personalDataKey, are refused naming each', async () => {
    const e = await createScorer({ verificationKeys: [KEY_A] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues.map((i) => i.path.join('.')).sort()).toEqual(['personalDataKey', 'verificationKeys']);
    const f = await createScorer({ signingKey: KEY_B, verificationKeys: [KEY_A, 'short'] }).catch((x: unknown) => x);
    expect((f as ValidationError).issues.map((i) => i.path.join('.')).sort()).toEqual(['personalDataKey', 'verificationKeys.1']);
    const g = await createScorer({ signingKey: KEY_B, personalDataKey: PERSONAL, verificationKeys: KEY_A as never }).catch((x: unknown) => x);
    expect((g as ValidationError).issues.map((i) => [i.path.join('.'), i.code])).toEqual([['verificationKeys', 'invalid_type']]);
  });

  it('a lender that signed with A alone keeps its decisions by passing the personal-data key A stood for (README, Key rotation)', async () => {
    const personalDataKey = createHmac('sha256', KEY_A).update('creditlift/personal-data-key').digest();
    const moved = await createScorer({ signingKey: KEY_B, verificationKeys: [KEY_A], personalDataKey, suggestionsPerDecision: 0 });
    try {
      const d = await a.decide(applicant());
      expect(Object.values(await onEveryPath(moved, d))).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
      // The same customer decided again under B keeps the ids A's scorer gave (same personal-data key).
      expect((await moved.decide(applicant())).audit.subjectHash).toBe(d.audit.subjectHash);
    } finally {
      await moved.close();
    }
  });

  it('champion/challenger arms verify with the earlier keys too', async () => {
    const cc = await createScorer({
      signingKey: KEY_B,
      verificationKeys: [KEY_A],
      personalDataKey: PERSONAL,
      suggestionsPerDecision: 0,
      challengers: [{ name: 'tight', share: 0.5, policyOverrides: { limits: { lenderCapPerBorrower: 1_000_000 } } }],
    });
    try {
      const d = await aPersonal.decide(applicant());
      const r = cc.requestReduction(d, 1_000_000);
      expect(r.audit.priorDecisionId).toBe(d.audit.decisionId);
    } finally {
      await cc.close();
    }
  });
});
