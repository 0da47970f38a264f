import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import type { CertificateKindSpecInput } from '../../src/catalog/certificateKindSpec.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { assessEvidence } from '../../src/evidence/assessEvidence.js';
import { applyPolicy } from '../../src/policy/applyPolicy.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { policyHash } from '../../src/policy/policyHash.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import type { Applicant } from '../../src/schema/applicant.js';
import type { CertificateEvidence } from '../../src/schema/certificateEvidence.js';
import {
  applicantArbitrary,
  assertCreditLaws,
  certificateEvidenceArbitrary,
  CREDIT_LAW_NAMES,
  creditLaws,
  CreditLawViolation,
  evidenceRejectionReasons,
  type CreditLawName,
} from '../../src/testing/index.js';
import { editing } from './mutantScorers.js';

const issuesOf = async (run: () => Promise<unknown>): Promise<string[]> => {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => `${i.path.join('.')}:${i.code}`);
};

// A lender's own kinds: pass/fail, levelled (one level worth nothing), numeric, and numeric with a
// second reporting scale whose range covers the main scale's low scores (a score there is on both).
const ownKinds: CertificateKindSpecInput[] = [
  {
    id: 'forklift_licence',
    category: 'professional',
    names: { en: 'Forklift licence', zhHans: '叉车证' },
    scale: { type: 'none' },
    validity: { fadeHalfLifeMonths: 120 },
    minHolderAgeAtIssue: 18,
    signalWeight: 0.9,
    verificationMethods: ['government_registry'],
  },
  {
    id: 'welder_grade',
    category: 'professional',
    names: { en: 'Welder grade', zhHans: '焊工等级' },
    scale: {
      type: 'levels',
      levels: [
        { id: 'trainee', names: { en: 'Trainee', zhHans: '学徒' }, value: 0 },
        { id: 'senior', names: { en: 'Senior', zhHans: '高级' }, value: 0.6 },
        { id: 'master', names: { en: 'Master', zhHans: '技师' }, value: 1 },
      ],
      typical: 'senior',
    },
    validity: { expiresAfterMonths: 36 },
    minHolderAgeAtIssue: 18,
    signalWeight: 0.7,
    verificationMethods: ['government_registry'],
  },
  {
    id: 'skills_score',
    category: 'professional',
    names: { en: 'Skills score', zhHans: '技能分' },
    scale: { type: 'numeric', min: 0, max: 10, step: 1, typical: 9, zeroAt: 2, alternate: { since: '2025-01-01', min: 0, max: 8, step: 0.5 } },
    validity: { expiresAfterMonths: 24 },
    minHolderAgeAtIssue: 16,
    signalWeight: 0.6,
    verificationMethods: ['government_registry'],
  },
];
const ownIds = ownKinds.map((k) => k.id);
const catalog = resolveCatalog(ownKinds);

describe('finding 2: a scorer is never silently held to another policy than the one given', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await createScorer({ suggestionsPerDecision: 0 });
  });
  afterAll(() => scorer.close());
  const lender = resolvePolicy({ limits: { lenderCapPerBorrower: 1_000_000 }, pricing: { aprCap: 0.18 } });

  it('a policy that is not the scorer’s is refused naming `policy`, with both hashes (check and assertCreditLaws)', async () => {
    for (const run of [
      () => creditLaws.limit_within_caps.check({ policy: lender, scorer }, { numRuns: 5, scorerNumRuns: 2, seed: 1 }),
      () => assertCreditLaws({ policy: lender, scorer, scorerNumRuns: 2, seed: 1, part: 'scorer' }),
    ]) {
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      const issue = (error as ValidationError).issues.find((i) => i.path.join('.') === 'policy');
      expect(issue?.code).toBe('policy_mismatch');
      expect(issue?.message).toContain(policyHash(lender));
      expect(issue?.message).toContain(policyHash(scorer.policy));
      expect(issue?.message).toContain('build the scorer with this policy, or pass the scorer alone');
    }
  });

  it('the scorer’s own policy, or an equal copy of it, is accepted beside it', async () => {
    const copy = resolvePolicy({});
    expect(copy).not.toBe(scorer.policy);
    await expect(creditLaws.limits_rounded.check({ policy: copy, scorer }, { numRuns: 5, scorerNumRuns: 2, seed: 1 })).resolves.toBeUndefined();
    await expect(creditLaws.limits_rounded.check({ policy: scorer.policy, scorer }, { numRuns: 5, scorerNumRuns: 2, seed: 1 })).resolves.toBeUndefined();
  });
});

describe('finding 8: every bad run option is named in one ValidationError', () => {
  it('assertCreditLaws names laws, numRuns, seed, segment and asOf at once', async () => {
    const issues = await issuesOf(() =>
      assertCreditLaws({
        policy: defaultPolicy,
        laws: ['nope' as CreditLawName],
        numRuns: 0,
        seed: 'x' as unknown as number,
        segment: 'astronaut' as never,
        asOf: 'yesterday',
      }),
    );
    for (const path of ['laws', 'numRuns', 'seed', 'segment', 'asOf']) expect(issues.some((i) => i.startsWith(`${path}:`))).toBe(true);
  });

  it('check names numRuns, segment and asOf at once, and a bad policy beside them', async () => {
    const issues = await issuesOf(() =>
      creditLaws.limits_rounded.check({ policy: defaultPolicy }, { numRuns: 0, segment: 'astronaut' as never, asOf: 'yesterday' }),
    );
    for (const path of ['numRuns', 'segment', 'asOf']) expect(issues.some((i) => i.startsWith(`${path}:`))).toBe(true);
    const badPolicy = { ...defaultPolicy, limits: { ...defaultPolicy.limits, roundingStep: -1 } };
    const both = await issuesOf(() => creditLaws.limits_rounded.check({ policy: badPolicy as never }, { numRuns: 0 }));
    expect(both).toContain('numRuns:out_of_range');
    expect(both.some((i) => i.startsWith('policy.limits.roundingStep:'))).toBe(true);
  });
});

describe('finding 9: a seed outside fast-check’s 32-bit range is refused, never cut', () => {
  it.each([2 ** 33 + 5, 2 ** 40 + 5, 2 ** 31, -(2 ** 31) - 1, 2 ** 32 - 1])('seed %d is a ValidationError naming seed', async (seed) => {
    const issues = await issuesOf(() => creditLaws.limits_rounded.check({ policy: defaultPolicy }, { seed, numRuns: 5 }));
    expect(issues).toEqual(['seed:out_of_range']);
  });

  it('the ends of the range run, and a violation reports the seed given', async () => {
    const unrounded: typeof applyPolicy = (i) => {
      const r = applyPolicy(i);
      return r.limit > 0 ? { ...r, limit: r.limit + 1 } : r;
    };
    for (const seed of [2 ** 31 - 1, -(2 ** 31)]) {
      const v = await creditLaws.limits_rounded.check({ policy: defaultPolicy, applyPolicy: unrounded }, { seed, numRuns: 100 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(v).toBeInstanceOf(CreditLawViolation);
      expect((v as CreditLawViolation).seed).toBe(seed);
    }
  });
});

describe("finding 7: a lender's own certificate kinds are drawn and valid", () => {
  const withItem = (a: Applicant, e: CertificateEvidence): Applicant => ({ ...a, evidence: [...a.evidence, e] });

  it('applicantArbitrary({ catalog }) draws the catalog’s own kinds, every item accepted on that catalog', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(applicantArbitrary({ catalog, maxEvidence: 3 }), (a) => {
        for (const e of a.evidence) seen.add(e.kind);
        expect(parseApplicant(a)).toEqual(a);
        for (const item of assessEvidence(a, { catalog }).items) expect(item).toMatchObject({ status: 'accepted', reasons: [] });
      }),
      { numRuns: 200, seed: 11 },
    );
    for (const id of ownIds) expect(seen).toContain(id);
  });

  it('certificateEvidenceArbitrary draws valid own-kind items on every scale, main and alternate (scoreScale said)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        applicantArbitrary({ maxEvidence: 0 }).chain((a) => certificateEvidenceArbitrary({ applicant: a, catalog, kind: ownIds }).map((e) => ({ a, e }))),
        ({ a, e }) => {
          seen.add(e.kind === 'skills_score' ? `skills_score:${e.scoreScale ?? 'unsaid'}` : e.kind);
          const item = assessEvidence(parseApplicant(withItem(a, e)), { catalog }).items.at(-1);
          expect(item).toMatchObject({ status: 'accepted', reasons: [] });
          expect(item?.strength).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300, seed: 12 },
    );
    expect(seen).toContain('forklift_licence');
    expect(seen).toContain('welder_grade');
    expect(seen).toContain('skills_score:main');
    expect(seen).toContain('skills_score:alternate');
  });

  it.each(['expired', 'off_scale', 'below_useful_level', 'holder_mismatch'] as const)(
    '%s own-kind items are rejected with their reason code and no other',
    (validity) => {
      fc.assert(
        fc.property(
          applicantArbitrary({ maxEvidence: 0 }).chain((a) =>
            certificateEvidenceArbitrary({ applicant: a, catalog, kind: ownIds, validity }).map((e) => ({ a, e })),
          ),
          ({ a, e }) => {
            const item = assessEvidence(parseApplicant(withItem(a, e)), { catalog }).items.at(-1);
            expect(item?.status).toBe('rejected');
            expect(item?.reasons.length).toBeGreaterThan(0);
            for (const r of item?.reasons ?? []) expect(evidenceRejectionReasons[validity]).toContain(r);
          },
        ),
        { numRuns: 100, seed: 13 },
      );
    },
  );

  it('a scorer wrapper docking a new approval that holds its own kind fails accepted_evidence_never_lowers_limit', async () => {
    const base = await createScorer({ suggestionsPerDecision: 0, catalog: ownKinds });
    try {
      const step = base.policy.limits.roundingStep;
      const dock = (d: Decision): Decision =>
        d.outcome === 'approve' && d.limit > step && d.evidence.some((e) => e.kind === 'forklift_licence' && e.status === 'accepted')
          ? { ...d, limit: d.limit - step }
          : d;
      const error = await creditLaws.accepted_evidence_never_lowers_limit
        .check({ scorer: editing(base, dock) }, { scorerNumRuns: 30, seed: 1, part: 'scorer' })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(CreditLawViolation);
      expect((error as CreditLawViolation).why).toContain('forklift_licence');
    } finally {
      await base.close();
    }
  });
});

describe('findings12-lawkit #7-#9: options the kit would ignore, or checks that check nothing, are refused naming the option', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await createScorer({ suggestionsPerDecision: 0 });
  });
  afterAll(() => scorer.close());
  const messageAt = async (run: () => Promise<unknown>, path: string): Promise<string> => {
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    const issue = (error as ValidationError).issues.find((i) => i.path.join('.') === path);
    expect(issue, `no issue at ${path}: ${(error as ValidationError).message}`).toBeDefined();
    return `${issue?.code}: ${issue?.message}`;
  };

  it('a misspelt or unknown option or subject key is refused by name, with the key it likely meant', async () => {
    const loose = <T>(x: T) => x as never;
    expect(await messageAt(() => creditLaws.limit_within_caps.check({ scorer }, loose({ scorerNumRun: 1 })), 'scorerNumRun')).toMatch(
      /^unrecognized_key: .*"scorerNumRun" \(did you mean "scorerNumRuns"\?\)/,
    );
    expect(await messageAt(() => creditLaws.limits_rounded.check({ policy: defaultPolicy }, loose({ numruns: 1 })), 'numruns')).toContain(
      'did you mean "numRuns"',
    );
    expect(await messageAt(() => assertCreditLaws(loose({ policy: defaultPolicy, law: ['limits_rounded'] })), 'law')).toContain('unrecognized_key');
    expect(await messageAt(() => creditLaws.limits_rounded.check(loose({ scorer, polcy: defaultPolicy }), { numRuns: 1 }), 'subject.polcy')).toContain(
      'did you mean "policy"',
    );
  });

  // findings21-docs F2: assertCreditLaws takes its subject and laws off its options before it
  // checks the rest, so "law" and "polcy" named no key, and "known:" left out the keys it takes.
  it('assertCreditLaws names the key it likely meant among all it takes, laws and the subject keys included', async () => {
    const loose = <T>(x: T) => x as never;
    const law = await messageAt(() => assertCreditLaws(loose({ policy: defaultPolicy, law: ['limits_rounded'] })), 'law');
    expect(law).toMatch(/^unrecognized_key: unknown option "law" \(did you mean "laws"\?\)/);
    const polcy = await messageAt(() => assertCreditLaws(loose({ polcy: defaultPolicy })), 'polcy');
    expect(polcy).toMatch(/^unrecognized_key: unknown option "polcy" \(did you mean "policy"\?\)/);
    for (const message of [law, polcy]) {
      const known = message.slice(message.indexOf('known: ') + 'known: '.length).split(', ');
      expect(known).toEqual(expect.arrayContaining(['laws', 'policy', 'scorer', 'pool', 'applyPolicy', 'numRuns', 'scorerNumRuns', 'seed', 'shrink']));
    }
    // The nearest key, not the first within two edits: "par" is two from "path" (listed first), one from "part".
    expect(await messageAt(() => assertCreditLaws(loose({ policy: defaultPolicy, par: 'policy' })), 'par')).toContain('did you mean "part"');
  });

  it('options null is a ValidationError at options, not a TypeError', async () => {
    expect(await messageAt(() => creditLaws.limits_rounded.check({ policy: defaultPolicy }, null as never), 'options')).toMatch(
      /^invalid_type: options must be an object/,
    );
  });

  it('a law checked end to end only, without a scorer or on part policy, is refused rather than passed', async () => {
    expect(await messageAt(() => creditLaws.suggestions_come_true.check({ policy: defaultPolicy }), 'subject.scorer')).toMatch(
      /^missing_subject: suggestions_come_true is checked end to end only/,
    );
    expect(await messageAt(() => creditLaws.results_below_useful_level_never_count.check({ scorer }, { part: 'policy' }), 'part')).toMatch(
      /^part_unavailable: results_below_useful_level_never_count has no policy part/,
    );
    expect(await messageAt(() => assertCreditLaws({ policy: defaultPolicy, laws: ['suggestions_come_true'] }), 'laws')).toMatch(
      /^missing_subject: suggestions_come_true/,
    );
    expect(await messageAt(() => assertCreditLaws({ scorer, part: 'policy', laws: ['limits_rounded', 'suggestions_come_true'] }), 'part')).toMatch(
      /^part_unavailable: suggestions_come_true has no policy part/,
    );
    expect(await messageAt(() => assertCreditLaws({ policy: defaultPolicy, laws: [] }), 'laws')).toMatch(/^too_small: /);
  });

  // F71: under part 'scorer' or 'pool' the policy part's numRuns and applyPolicy were read by
  // nothing, and attributes were drawn for no scorer under part 'policy' or without one.
  it('an option the part run does not read is refused naming it (unused_option), before any law runs', async () => {
    for (const part of ['scorer', 'pool'] as const) {
      const subject = { scorer, applyPolicy };
      const check = () => creditLaws.limits_rounded.check(subject, { numRuns: 300, part });
      expect(await messageAt(check, 'numRuns')).toMatch(new RegExp(`^unused_option: numRuns sets the runs of the policy part, which part '${part}'`));
      expect(await messageAt(check, 'subject.applyPolicy')).toMatch(/^unused_option: applyPolicy is the policy engine the policy part checks/);
      const all = () => assertCreditLaws({ ...subject, numRuns: 300, part });
      expect(await messageAt(all, 'numRuns')).toMatch(/^unused_option: /);
      expect(await messageAt(all, 'subject.applyPolicy')).toMatch(/^unused_option: /);
    }
    const drawn = fc.constant({});
    expect(await messageAt(() => creditLaws.limits_rounded.check({ scorer }, { attributes: drawn, part: 'policy' }), 'attributes')).toMatch(
      /^unused_option: attributes are drawn for the applicants a scorer decides, which part 'policy' does not run/,
    );
    expect(await messageAt(() => assertCreditLaws({ policy: defaultPolicy, attributes: drawn }), 'attributes')).toMatch(/^unused_option: .*give a scorer/);
    // Laws named that are all checked end to end only read neither numRuns nor applyPolicy.
    const endToEnd = () => assertCreditLaws({ scorer, applyPolicy, numRuns: 300, laws: ['suggestions_come_true', 'tampered_priors_refused'] });
    expect(await messageAt(endToEnd, 'numRuns')).toMatch(/^unused_option: .*suggestions_come_true, tampered_priors_refused have none/);
    expect(await messageAt(endToEnd, 'subject.applyPolicy')).toMatch(/^unused_option: /);
  });

  it('a single law with no policy part takes numRuns unread, so one settings object serves a loop over every law', async () => {
    await expect(creditLaws.tampered_priors_refused.check({ scorer }, { numRuns: 300, scorerNumRuns: 2, seed: 1 })).resolves.toBeUndefined();
  });

  it('a replay path without its seed is refused naming path', async () => {
    expect(await messageAt(() => creditLaws.limits_rounded.check({ policy: defaultPolicy }, { path: '0:1' }), 'path')).toMatch(/^missing_seed: /);
  });

  it('each law lists its parts, and assertCreditLaws without a scorer runs the laws that have a policy part', async () => {
    expect(creditLaws.suggestions_come_true.parts).toEqual(['scorer']);
    expect(creditLaws.limits_rounded.parts).toEqual(['policy', 'scorer', 'pool']);
    // Every law by default: without a scorer, the ones with a policy part (as the README example does).
    // Enough runs for every law about lines to meet one (fewer can meet none, and be refused).
    const report = await assertCreditLaws({ policy: defaultPolicy, numRuns: 10, seed: 1 });
    expect(report.checked).toEqual(CREDIT_LAW_NAMES.filter((name) => creditLaws[name].parts.includes('policy')));
    expect(report.checked).toHaveLength(14);
    expect(report.notChecked).toEqual([]);
  });
});
