import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { NO_AUDIT_KEYS, sealDecision } from '../../src/decision/audit.js';
import type { Decision } from '../../src/decision/decision.js';
import type { PriorInvalidError } from '../../src/decision/priorInvalidError.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

// One scenario per failure reported in issue #12, each written before its fix.
let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

const teacher = exampleFor('salaried_teacher').applicant;
const grad = exampleFor('new_graduate').applicant;
const ielts = grad.evidence?.find((e) => e.kind === 'ielts');
const ieltsFor = (a: ApplicantInput) => ({ ...ielts!, holder: { idHash: a.identity.idHash } });

describe('reassessment within every bound', () => {
  it('a teacher whose other lines with this lender rose to 195k RMB is not approved above the regulatory cap: the line is held and referred, naming the cap', async () => {
    const prior = await scorer.decide(teacher);
    expect(prior.outcome).toBe('approve');
    const worse: ApplicantInput = { ...teacher, platform: { ...teacher.platform, otherLinesLimit: 19_500_000 } };
    const next = await scorer.reassess(prior, { applicant: worse, evidence: [ieltsFor(teacher)] });
    expect(next.caps.regulatory).toBe(500_000);
    expect(next.outcome).not.toBe('approve');
    expect(next.limit).toBeLessThanOrEqual(prior.limit);
    expect(next.lineAction).toBe('hold');
    expect(next.maxGrantable).toBeLessThanOrEqual(500_000);
    expect(next.reasons.map((r) => r.code)).toContain('limit_regulatory_cap');
    expect(next.reasons.length).toBeGreaterThanOrEqual(1);
    expect(next.reasons.length).toBeLessThanOrEqual(4);
  });

  it('a lower income that fails affordability is never approved above the healthy limit', async () => {
    const prior = await scorer.decide(teacher);
    const worse: ApplicantInput = {
      ...teacher,
      income: { ...teacher.income, monthlyNet: 350_000 },
      bureau: { ...teacher.bureau, otherMonthlyDebtService: 120_000 },
    };
    const next = await scorer.reassess(prior, { applicant: worse, evidence: [] });
    if (next.outcome === 'approve') {
      expect(next.limit).toBeLessThanOrEqual(next.health.healthyLimit);
      expect(next.affordability.pass).toBe(true);
    } else {
      expect(next.lineAction).toBe('hold');
      expect(next.limit).toBe(prior.limit);
      expect(next.reasons.length).toBeGreaterThan(0);
    }
  });

  it('an improved profile raises the line within step limits and says so', async () => {
    const small = { ...teacher, platform: { ...teacher.platform, currentLimit: 200_000 } };
    const prior = await scorer.decide(small);
    const next = await scorer.reassess(prior, { applicant: small, evidence: [ieltsFor(teacher)] });
    expect(next.outcome).toBe('approve');
    expect(['raise', 'keep']).toContain(next.lineAction);
  });
});

describe('decide on an existing customer says plainly what it does', () => {
  it('a line above what the policy grants today is lowered, with lineAction "lower" and reasons', async () => {
    const big: ApplicantInput = { ...teacher, platform: { ...teacher.platform, currentLimit: 5_000_000 }, income: { ...teacher.income, monthlyNet: 300_000 } };
    const d = await scorer.decide(big);
    expect(d.limit).toBeLessThan(5_000_000);
    expect(d.lineAction).toBe(d.limit === 0 ? 'close' : 'lower');
    expect(d.reasons.length).toBeGreaterThan(0);
  });

  it('a new customer approved opens a line; one declined gets none', async () => {
    const fresh = await scorer.decide({ ...teacher, platform: { ...teacher.platform, currentLimit: 0, currentBalance: 0 } });
    expect(fresh.lineAction).toBe('open');
    const late = await scorer.decide({
      ...teacher,
      platform: { ...teacher.platform, currentLimit: 0, currentBalance: 0 },
      bureau: { ...teacher.bureau, currentDaysPastDue: 45 },
    });
    expect(late.outcome).toBe('decline');
    expect(late.lineAction).toBe('none');
  });
});

describe('a prior decision is verified, not trusted', () => {
  it('a tampered limit is refused with prior_invalid naming the audit hash', async () => {
    const prior = await scorer.decide(teacher);
    const tampered: Decision = { ...prior, limit: 15_000_000 };
    const e = await scorer.reassess(tampered, { applicant: teacher, evidence: [] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CreditliftError);
    expect((e as CreditliftError).code).toBe('prior_invalid');
    expect((e as Error).message).toMatch(/contentHash/);
    expect(() => scorer.requestReduction(tampered, 100_000)).toThrow(/prior_invalid|contentHash/);
  });

  it("another applicant's decision is refused", async () => {
    const prior = await scorer.decide(grad);
    const e = await scorer.reassess(prior, { applicant: teacher, evidence: [] }).catch((x: unknown) => x);
    expect((e as CreditliftError).code).toBe('prior_invalid');
    expect((e as Error).message).toMatch(/applicantId/);
  });

  it('a five-field object is not a Decision', async () => {
    const stub = { applicantId: teacher.id, outcome: 'approve', limit: 100_000, limitHistory: [], audit: { decisionId: 'dec_x', kind: 'decide' } };
    const e = await scorer.reassess(stub as unknown as Decision, { applicant: teacher, evidence: [] }).catch((x: unknown) => x);
    expect((e as CreditliftError).code).toBe('prior_invalid');
    expect((e as Error).message).toMatch(/asOf/);
  });

  it('a prior with more schema faults than are listed says how many more there were', async () => {
    const stub = { applicantId: teacher.id, outcome: 'approve', limit: 100_000, reasons: Array.from({ length: 80 }, () => 1), audit: { decisionId: 'dec_x' } };
    const e = (await scorer.reassess(stub as unknown as Decision, { applicant: teacher, evidence: [] }).catch((x: unknown) => x)) as PriorInvalidError;
    expect(e.code).toBe('prior_invalid');
    const faults = e.issues.filter((i) => i.message.startsWith('not a Decision: '));
    expect(faults).toHaveLength(50);
    const last = e.issues.at(-1);
    expect(last?.code).toBe('too_many_issues');
    expect(Number(/^(\d+) more/.exec(last?.message ?? '')?.[1])).toBeGreaterThanOrEqual(30);
  });

  it('a signed prior verifies; one signed under another key, or re-hashed after tampering, is refused', async () => {
    const key = 'k'.repeat(32);
    const signer = await createScorer({ suggestionsPerDecision: 0, signingKey: key });
    const other = await createScorer({ suggestionsPerDecision: 0, signingKey: 'o'.repeat(32) });
    try {
      const prior = await signer.decide(teacher);
      expect(prior.audit.signature).toMatch(/^[0-9a-f]{64}$/);
      await expect(signer.reassess(prior, { applicant: teacher, evidence: [] })).resolves.toBeDefined();
      const e = await other.reassess(prior, { applicant: teacher, evidence: [] }).catch((x: unknown) => x);
      expect((e as CreditliftError).code).toBe('prior_invalid');
      expect((e as Error).message).toMatch(/signature/);
      // Re-hashing a tampered decision fixes its content hash but cannot forge the signature.
      const { signature: _s, contentHash: _c, ...audit } = prior.audit;
      const rehashed = sealDecision({ ...prior, limit: 15_000_000, audit }, NO_AUDIT_KEYS);
      const f = await signer
        .reassess({ ...rehashed, audit: { ...rehashed.audit, signature: prior.audit.signature! } }, { applicant: teacher, evidence: [] })
        .catch((x: unknown) => x);
      expect((f as CreditliftError).code).toBe('prior_invalid');
      expect((f as PriorInvalidError).fields).toEqual(['audit.signature']);
    } finally {
      await signer.close();
      await other.close();
    }
  });
});

describe('the other edges of the decision paths', () => {
  it('a prior dated after the reassessment is refused', async () => {
    const prior = await scorer.decide(teacher);
    const e = await scorer.reassess(prior, { applicant: teacher, evidence: [], asOf: '2020-01-01' }).catch((x: unknown) => x);
    expect((e as PriorInvalidError).fields).toContain('asOf');
  });

  it('a declined prior has no line to protect: reassessing it gives the policy answer, and a reduction of it changes nothing', async () => {
    const late: ApplicantInput = {
      ...teacher,
      platform: { ...teacher.platform, currentLimit: 0, currentBalance: 0 },
      bureau: { ...teacher.bureau, currentDaysPastDue: 45 },
    };
    const prior = await scorer.decide(late);
    expect(prior.lineAction).toBe('none');
    const next = await scorer.reassess(prior, { applicant: late, evidence: [] });
    expect(next.outcome).toBe('decline');
    expect(next.lineAction).toBe('none');
    const lower = scorer.requestReduction(prior, 100_000);
    expect(lower.limit).toBe(0);
    expect(lower.lineAction).toBe('none');
  });

  it('a reduction says "lower"; a held line can still be lowered by its customer', async () => {
    const prior = await scorer.decide(teacher);
    expect(scorer.requestReduction(prior, 100_000).lineAction).toBe('lower');
    const worse: ApplicantInput = { ...teacher, platform: { ...teacher.platform, otherLinesLimit: 19_500_000 } };
    const held = await scorer.reassess(prior, { applicant: worse, evidence: [] });
    expect(held.lineAction).toBe('hold');
    const lowered = scorer.requestReduction(held, 200_000);
    expect(lowered.limit).toBe(200_000);
    expect(lowered.controls.selfSetCap).toBe(200_000);
  });

  it('holding a line again on the next reassessment is stable and deterministic', async () => {
    const prior = await scorer.decide(teacher);
    const worse: ApplicantInput = { ...teacher, platform: { ...teacher.platform, otherLinesLimit: 19_500_000 } };
    const held = await scorer.reassess(prior, { applicant: worse, evidence: [] });
    const again = await scorer.reassess(held, { applicant: worse, evidence: [] });
    expect(again.limit).toBe(held.limit);
    expect(again.lineAction).toBe('hold');
    expect(JSON.stringify(await scorer.reassess(held, { applicant: worse, evidence: [] }))).toBe(JSON.stringify(again));
  });
});

describe('reasons everywhere they are owed', () => {
  it("the customer's own cap holding the limit below the request is given as a reason", async () => {
    const capped: ApplicantInput = { ...teacher, controls: { requestedLimit: 2_000_000, selfSetCap: 300_000 } };
    const d = await scorer.decide(capped);
    expect(d.limit).toBeLessThan(2_000_000);
    expect(d.reasons.map((r) => r.code)).toContain('limit_self_cap');
  });

  it('a knock-out decline is not labelled "affordability"', async () => {
    const late = await scorer.decide({ ...teacher, bureau: { ...teacher.bureau, currentDaysPastDue: 45 } });
    expect(late.outcome).toBe('decline');
    expect(late.bindingConstraint).toBe('knockout');
  });

  it('a duplicate upload inside one application says what happened', async () => {
    const item = ieltsFor(teacher);
    const d = await scorer.decide({ ...teacher, evidence: [item, { ...item }] });
    const dup = d.reasons.find((r) => r.code === 'duplicate_evidence');
    expect(dup).toBeDefined();
    expect(dup!.en).not.toMatch(/another application/);
    expect(dup!.en).toMatch(/more than once/);
  });
});
