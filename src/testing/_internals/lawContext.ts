import type fc from 'fast-check';
import type { Scorer } from '../../decision/createScorer.js';
import { ValidationError } from '../../errors/validationError.js';
import type { ValidationIssue } from '../../errors/validationError.js';
import { applyPolicy, type PolicyInput, type PolicyResult } from '../../policy/applyPolicy.js';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import { validatePolicy } from '../../policy/validatePolicy.js';
import type { Applicant } from '../../schema/applicant.js';
import { applicantArbitrary } from '../applicantArbitrary.js';
import type { LawAttributes, LawRunOptions, LawSubject } from '../creditLaw.js';
import { mostlyApprovable } from './approvable.js';
import type { RunParams } from './runLaw.js';

/** Everything a law's properties need, resolved and validated once. */
export interface LawContext {
  readonly policy: PolicyConfig;
  readonly decidePolicy: (input: PolicyInput) => PolicyResult;
  readonly scorer: Scorer | undefined;
  readonly policyRuns: RunParams;
  readonly scorerRuns: RunParams;
  /**
   * Valid applicants from the chosen segments on the chosen date, three in four of them moved
   * into room for a line (see `approvable`) so limit laws meet approvals on most runs.
   */
  readonly applicants: (maxEvidence: number) => fc.Arbitrary<Applicant>;
  /** The lender attributes option, for {@link forScorer}. */
  readonly attributes: LawAttributes | undefined;
}

/**
 * The context for a law's scorer part: every applicant drawn carries the lender attributes of the
 * `attributes` option. Only the scorer gets them: the policy reads none, and `applyPolicy`
 * validates an applicant without a feature set's declaration, which allows none.
 */
export function forScorer(ctx: LawContext): LawContext {
  const { attributes } = ctx;
  if (attributes === undefined) return ctx;
  const draw = typeof attributes === 'function' ? attributes : () => attributes;
  return {
    ...ctx,
    applicants: (maxEvidence) => ctx.applicants(maxEvidence).chain((a) => draw(a).map((drawn) => ({ ...a, attributes: drawn }) as Applicant)),
  };
}

function isArbitrary(x: unknown): boolean {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { generate?: unknown }).generate === 'function' &&
    typeof (x as { chain?: unknown }).chain === 'function'
  );
}

/** Default runs of a pure policy property. */
export const DEFAULT_POLICY_RUNS = 200;
/** Default runs of a scorer property: each run is a model call, so fewer. */
export const DEFAULT_SCORER_RUNS = 50;

function runsIssue(value: unknown, key: string): ValidationIssue[] {
  if (value === undefined) return [];
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 100_000
    ? []
    : [{ path: [key], code: 'out_of_range', message: `${key} must be an integer from 1 to 100000` }];
}

/**
 * Resolves a law subject and run options.
 *
 * @throws ValidationError for a missing subject or bad options; PolicyInvalidError for a bad policy.
 */
export function lawContext(subject: LawSubject, options: LawRunOptions = {}): LawContext {
  const issues: ValidationIssue[] = [];
  const s = (subject ?? {}) as Partial<LawSubject>;
  if (s.policy === undefined && s.scorer === undefined)
    issues.push({ path: ['subject'], code: 'missing_subject', message: 'give a policy, a scorer, or both' });
  if (s.scorer !== undefined && (typeof s.scorer !== 'object' || s.scorer === null || typeof s.scorer.decide !== 'function')) {
    issues.push({ path: ['subject', 'scorer'], code: 'invalid_type', message: 'scorer must be a Scorer from createScorer' });
  }
  if (s.applyPolicy !== undefined && typeof s.applyPolicy !== 'function')
    issues.push({ path: ['subject', 'applyPolicy'], code: 'invalid_type', message: 'applyPolicy must be a function' });
  issues.push(...runsIssue(options.numRuns, 'numRuns'), ...runsIssue(options.scorerNumRuns, 'scorerNumRuns'));
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed))
    issues.push({ path: ['seed'], code: 'invalid_type', message: 'seed must be an integer' });
  if (options.shrink !== undefined && typeof options.shrink !== 'boolean')
    issues.push({ path: ['shrink'], code: 'invalid_type', message: 'shrink must be a boolean' });
  if (options.path !== undefined && typeof options.path !== 'string')
    issues.push({ path: ['path'], code: 'invalid_type', message: 'path must be the string a failure reported' });
  if (options.part !== undefined && options.part !== 'policy' && options.part !== 'scorer')
    issues.push({ path: ['part'], code: 'invalid_value', message: "part must be 'policy' or 'scorer'" });
  if (options.part === 'scorer' && s.scorer === undefined)
    issues.push({ path: ['part'], code: 'missing_subject', message: "part 'scorer' runs the law end to end: give a scorer" });
  if (options.attributes !== undefined && typeof options.attributes !== 'function' && !isArbitrary(options.attributes))
    issues.push({
      path: ['attributes'],
      code: 'invalid_type',
      message: 'attributes must be a fast-check arbitrary of the attributes object, or a function from the drawn applicant to one',
    });
  if (issues.length > 0) throw new ValidationError('credit law options', issues);

  const policy = validatePolicy(s.policy ?? s.scorer?.policy);
  // Built eagerly so a bad segment or date is reported before any property runs.
  applicantArbitrary({ ...(options.segment === undefined ? {} : { segment: options.segment }), ...(options.asOf === undefined ? {} : { asOf: options.asOf }) });
  // What shapes the draw besides seed and path: a failure's replay options carry them.
  const draw = {
    ...(options.segment === undefined ? {} : { segment: options.segment }),
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
  };
  const common = { seed: options.seed, path: options.path, shrink: options.shrink ?? true, draw };
  return {
    policy,
    decidePolicy: s.applyPolicy ?? applyPolicy,
    // The kit hands the scorer its own drawn applicants, carrying the `attributes` option's draws:
    // what a scorer of lender attributes takes (and refuses, said so, when the option is missing).
    scorer: s.scorer as Scorer | undefined,
    policyRuns: { numRuns: options.numRuns ?? DEFAULT_POLICY_RUNS, ...common },
    scorerRuns: { numRuns: options.scorerNumRuns ?? DEFAULT_SCORER_RUNS, ...common },
    applicants: (maxEvidence) =>
      mostlyApprovable(
        applicantArbitrary({
          maxEvidence,
          ...(options.segment === undefined ? {} : { segment: options.segment }),
          ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
        }),
        policy,
      ),
    attributes: options.attributes,
  };
}
