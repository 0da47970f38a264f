import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adverseActionNotice,
  createScorer,
  CreditliftError,
  decisionFacts,
  lineOnFileAfter,
  PriorInvalidError,
  renderAdverseActionNotice,
  resolvePolicy,
  ValidationError,
  type Decision,
  type Scorer,
} from '../../src/index.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';

// Decisions sealed by the released 0.1.0 (git 8e62469^): a referral proposing 3,000 RMB on a
// 1,000 RMB line, and an approval, both for ex-new-graduate. Tester finding "upgrade".
const release010 = JSON.parse(readFileSync(new URL('../fixtures/release0.1.0/decisions.json', import.meta.url), 'utf8')) as {
  refer: Record<string, unknown>;
  approve: Record<string, unknown>;
};
const oldRefer = release010.refer as unknown as Decision;
const oldApprove = release010.approve as unknown as Decision;
const applicant = exampleFor('new_graduate').applicant;

/** The error `fn` throws, or a failure when it returns. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw, got a result');
}

async function rejected(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection, got a result');
}

let scorer: Scorer;
let fresh: Decision;
beforeAll(async () => {
  scorer = await createScorer();
  fresh = await scorer.decide(applicant);
});
afterAll(async () => {
  await scorer.close();
});

describe('the public functions that take a Decision give a result or a typed error on any JSON value', () => {
  const notDecisions: [string, unknown][] = [
    ['{}', {}],
    ['null', null],
    ['42', 42],
    ['a string', 'decision'],
    ['an array', []],
    ['{ limit: 5 }', { limit: 5 }],
    ['{ outcome: "decline" }', { outcome: 'decline' }],
  ];
  const publicFunctions: [string, (d: unknown) => unknown][] = [
    ['lineOnFileAfter', (d) => lineOnFileAfter(d as Decision, 10_000)],
    ['adverseActionNotice', (d) => adverseActionNotice(d as Decision, { roundingStep: 10_000 })],
    ['decisionFacts', (d) => decisionFacts(d as Decision)],
  ];
  for (const [fnName, fn] of publicFunctions) {
    for (const [name, value] of notDecisions) {
      it(`${fnName}(${name}) throws a ValidationError naming a field`, () => {
        const e = thrown(() => fn(value));
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).code).toBe('validation_failed');
        expect((e as ValidationError).issues.length).toBeGreaterThan(0);
      });
    }
    it(`${fnName} on a 0.1.0 decision says it was sealed by an earlier release, first, and the path on`, () => {
      for (const old of [oldRefer, oldApprove]) {
        const e = thrown(() => fn(old)) as ValidationError;
        expect(e).toBeInstanceOf(ValidationError);
        expect(e.issues[0]?.code).toBe('earlier_release_decision');
        expect(e.issues[0]?.message).toMatch(/earlier release of creditlift/);
        expect(e.issues[0]?.message).toMatch(/decide\(applicant, \{ limitHistory/);
        expect(e.message).toMatch(/earlier release/);
      }
    });
    it(`${fnName} still reads today's decision`, () => {
      expect(() => fn(fresh)).not.toThrow();
    });
    it(`${fnName} never throws anything but a CreditliftError on a mutated decision (property)`, () => {
      const paths = Object.keys(fresh);
      fc.assert(
        fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 1 }), (key, value) => {
          const mutated = { ...fresh, [key]: value };
          try {
            fn(mutated);
          } catch (e) {
            expect(e).toBeInstanceOf(CreditliftError);
          }
        }),
        { seed: 13, numRuns: 60 },
      );
    });
  }

  it('adverseActionNotice options and renderAdverseActionNotice input are read by name: null, a misspelt key, a Decision for a notice, an unknown language', () => {
    for (const options of [null, 42, { roundingstep: 10_000 }]) {
      const e = thrown(() => adverseActionNotice(fresh, options as never));
      expect(e, JSON.stringify(options)).toBeInstanceOf(ValidationError);
    }
    const notice = adverseActionNotice(fresh, { roundingStep: 10_000 });
    expect(renderAdverseActionNotice(notice, 'zhHans')).toContain(notice.decisionId);
    for (const [value, lang, path] of [
      [null, 'en', 'notice'],
      [fresh, 'en', 'notice.principalReasons'],
      [{ ...notice, principalReasons: undefined }, 'zhHans', 'notice.principalReasons'],
      [notice, 'fr', 'lang'],
    ] as const) {
      const e = thrown(() => renderAdverseActionNotice(value as never, lang as never)) as ValidationError;
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.issues.map((i) => i.path.join('.'))).toContain(path);
    }
  });

  it("lineOnFileAfter never returns a 0.1.0 referral's proposal (3,000 RMB on a 1,000 RMB line) as the line", () => {
    expect(oldRefer.limit).toBe(300_000);
    expect(oldRefer.previousLimit).toBe(100_000);
    expect(() => lineOnFileAfter(oldRefer, 10_000)).toThrow(ValidationError);
  });

  it("lineOnFileAfter reads a Pick of today's fields, as the engine builds them", () => {
    expect(lineOnFileAfter({ lineAction: 'review', limit: 300_000, previousLimit: 100_000, controls: { selfSetCap: null } }, 10_000)).toBe(100_000);
    expect(lineOnFileAfter({ lineAction: 'raise', limit: 300_000, previousLimit: 100_000, controls: { selfSetCap: null } }, 10_000)).toBe(300_000);
  });
});

describe('follow-ups refuse a 0.1.0 decision saying why first, and where to go', () => {
  const followUps: [string, (s: Scorer, prior: Decision) => Promise<unknown>][] = [
    ['reassess', (s, prior) => s.reassess(prior, { applicant, evidence: [] })],
    ['requestReduction', async (s, prior) => s.requestReduction(prior, 100_000)],
    ['recordReview', async (s, prior) => s.recordReview(prior, { outcome: 'decline', limit: 0, reviewerRole: 'credit_officer' })],
    ['recordContest', async (s, prior) => s.recordContest(prior, { statement: 'my income is higher' })],
  ];
  for (const [name, call] of followUps) {
    it(`${name} on a 0.1.0 decision: prior_invalid led by earlier_release_decision, the other faults kept`, async () => {
      for (const old of [oldRefer, oldApprove]) {
        const e = (await rejected(call(scorer, old))) as PriorInvalidError;
        expect(e).toBeInstanceOf(PriorInvalidError);
        expect(e.code).toBe('prior_invalid');
        expect(e.issues[0]?.code).toBe('earlier_release_decision');
        expect(e.message).toMatch(/^Prior decision refused \(prior_invalid\): \(root\): sealed by an earlier release of creditlift/);
        expect(e.message).toMatch(/controls\.selfSetCap/);
        expect(e.fields).toContain('lineAction');
        expect(e.fields).toContain('audit.contentHash');
      }
    });
  }

  it('a decision of today that fails the schema is not called an earlier release', async () => {
    const { lineAction: _dropped, ...noLineAction } = fresh;
    const e = (await rejected(scorer.reassess(noLineAction as unknown as Decision, { applicant, evidence: [] }))) as PriorInvalidError;
    expect(e).toBeInstanceOf(PriorInvalidError);
    expect(e.issues.map((i) => i.code)).not.toContain('earlier_release_decision');
  });

  it('the path the message names works: decide with the stored ledger, cap and line', async () => {
    const old = oldApprove as unknown as { limit: number; limitHistory: Decision['limitHistory']; controls: { selfSetCap: number | null } };
    const d = await scorer.decide(
      {
        ...applicant,
        platform: { ...applicant.platform, currentLimit: old.limit },
        controls: { ...applicant.controls, ...(old.controls.selfSetCap === null ? {} : { selfSetCap: old.controls.selfSetCap }) },
      },
      { limitHistory: old.limitHistory },
    );
    expect(d.previousLimit).toBe(old.limit);
  });
});

describe('a 0.1.0 policy key names its replacement', () => {
  it('limits.regulatoryCapPerBorrower is refused naming limits.lenderCapPerBorrower and the jurisdiction profile', () => {
    const e = thrown(() => resolvePolicy({ limits: { regulatoryCapPerBorrower: 4_000_000 } } as never)) as ValidationError;
    expect(e.code).toBe('policy_invalid');
    const issue = e.issues.find((i) => i.path.join('.') === 'limits.regulatoryCapPerBorrower');
    expect(issue?.code).toBe('unrecognized_key');
    expect(issue?.message).toMatch(/limits\.lenderCapPerBorrower/);
    expect(issue?.message).toMatch(/jurisdiction\.perBorrowerCreditLineCap/);
  });
});
