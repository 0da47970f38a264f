import { checkedScorerCatalog } from './catalogOption.js';
import type fc from 'fast-check';
import type { Scorer } from '../../decision/createScorer.js';
import { ValidationError } from '../../errors/validationError.js';
import type { ValidationIssue } from '../../errors/validationError.js';
import { applyPolicy, type PolicyInput, type PolicyResult } from '../../policy/applyPolicy.js';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import { policyHashOf } from '../../policy/policyHash.js';
import { validatePolicy } from '../../policy/validatePolicy.js';
import type { Catalog } from '../../catalog/resolveCatalog.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../evidence/assessEvidence.js';
import type { Applicant } from '../../schema/applicant.js';
import { applicantArbitrary } from '../applicantArbitrary.js';
import type { LawAttributes, LawPart, LawPool, LawRunOptions, LawSubject } from '../creditLaw.js';
import { mostlyApprovable } from './approvable.js';
import type { RunParams } from './runLaw.js';

/** Everything a law's properties need, resolved and validated once. */
export interface LawContext {
  readonly policy: PolicyConfig;
  readonly decidePolicy: (input: PolicyInput) => PolicyResult;
  readonly scorer: Scorer | undefined;
  /** The pool checked beside the scorer (its batches), or undefined. */
  readonly pool: LawPool | undefined;
  /** The `part` option: the one part to run, or undefined for every part the law has. */
  readonly part: LawPart | undefined;
  readonly policyRuns: RunParams;
  readonly scorerRuns: RunParams;
  /**
   * Valid applicants from the chosen segments on the chosen date, three in four of them moved
   * into room for a line (see `approvable`) so limit laws meet approvals on most runs.
   */
  readonly applicants: (maxEvidence: number) => fc.Arbitrary<Applicant>;
  /** The same, with evidence drawn from the scorer's catalog (its own kinds too): {@link forScorer} makes them `applicants`. */
  readonly scorerApplicants: (maxEvidence: number) => fc.Arbitrary<Applicant>;
  /**
   * The scorer's catalog (its `certificateKinds`: the built-in kinds it kept and the lender's own),
   * which the scorer parts draw evidence from; undefined without a scorer.
   */
  readonly catalog: Catalog | undefined;
  /**
   * The verifier-confidence floor "valid" evidence is drawn at: the scorer's own (`minConfidence`),
   * else the default 0.6. Drawn at 0.6 under a stricter scorer, most "valid" certificates were
   * rejected `low_verification_confidence` and a law about accepted evidence checked less and less.
   */
  readonly minConfidence: number;
  /**
   * Counts one case the scorer part actually checked, for a law whose runs may each check nothing
   * (see `LawSpec.checkedCase`): a run of the part in which no case was counted is refused, never
   * passed. Outside such a part it counts into nothing.
   */
  readonly caseChecked: () => void;
  /** The lender attributes option, for {@link forScorer}. */
  readonly attributes: LawAttributes | undefined;
}

/**
 * The context for a law's scorer part: every applicant drawn holds evidence of the scorer's catalog
 * (its own kinds too) and carries the lender attributes of the `attributes` option. Only the scorer gets them: the policy reads none, and `applyPolicy`
 * validates an applicant without a feature set's declaration, which allows none.
 */
export function forScorer(ctx: LawContext): LawContext {
  const { attributes, scorerApplicants } = ctx;
  if (attributes === undefined) return { ...ctx, applicants: scorerApplicants };
  const draw = typeof attributes === 'function' ? attributes : () => attributes;
  return {
    ...ctx,
    applicants: (maxEvidence) => scorerApplicants(maxEvidence).chain((a) => draw(a).map((drawn) => ({ ...a, attributes: drawn }) as Applicant)),
  };
}

function isFloor(x: unknown): x is number {
  return typeof x === 'number' && x >= 0 && x <= 1;
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

/** fast-check seeds are 32-bit integers: it runs any other number as another seed, without a word (2^33 + 5 as 5). */
export const MIN_SEED = -(2 ** 31);
/** The largest seed fast-check runs as given. */
export const MAX_SEED = 2 ** 31 - 1;

function issuesOf(error: unknown, prefix: readonly (string | number)[] = []): ValidationIssue[] {
  if (!(error instanceof ValidationError)) throw error;
  return error.issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }));
}

/**
 * The policy a law is held to, or the issues with it: the given policy, else the scorer's. Given
 * both, they must be the same policy (by hash): a scorer runs its own policy whatever `policy`
 * says, so another one beside it would be checked in the policy part and ignored end to end.
 */
function resolveSubjectPolicy(s: Partial<LawSubject>, scorerOk: boolean): { policy?: PolicyConfig; issues: ValidationIssue[]; error?: ValidationError } {
  let policy: PolicyConfig;
  try {
    policy = validatePolicy(s.policy ?? s.scorer?.policy);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return { issues: issuesOf(e, s.policy === undefined ? ['subject', 'scorer', 'policy'] : ['policy']), error: e };
  }
  if (s.policy === undefined || s.scorer === undefined || !scorerOk) return { policy, issues: [] };
  let scorerHash: string;
  try {
    scorerHash = policyHashOf(validatePolicy(s.scorer.policy));
  } catch (e) {
    return { issues: issuesOf(e, ['subject', 'scorer', 'policy']) };
  }
  const given = policyHashOf(policy);
  if (given === scorerHash) return { policy, issues: [] };
  return {
    issues: [
      {
        path: ['policy'],
        code: 'policy_mismatch',
        message: `policy ${given} is not the scorer's policy ${scorerHash}: the scorer decides under its own policy, so it cannot be held to this one; build the scorer with this policy, or pass the scorer alone`,
      },
    ],
  };
}

/** The catalog a scorer assesses evidence on (its `certificateKinds`), for the kit to draw from. */
// One checked catalog per scorer's kinds (see checkedScorerCatalog): a kit run reads it for every law.
const scorerCatalogs = new WeakMap<object, Catalog>();

function scorerCatalog(scorer: Scorer): Catalog {
  return checkedScorerCatalog(scorer.certificateKinds, scorerCatalogs);
}

/** Every run option a law takes; any other key is refused, never ignored. */
export const RUN_OPTION_KEYS: readonly string[] = [
  'numRuns',
  'scorerNumRuns',
  'seed',
  'shrink',
  'path',
  'part',
  'segment',
  'asOf',
  'attributes',
] satisfies readonly (keyof LawRunOptions)[];
/** Every field of a law's subject. */
export const SUBJECT_KEYS: readonly string[] = ['policy', 'scorer', 'pool', 'applyPolicy'] satisfies readonly (keyof LawSubject)[];

/**
 * Why a pool cannot be checked beside this scorer: not a pool, no scorer to hold it to, or a pool
 * built with other scorer options than the scorer's (another policy, catalog or model).
 */
function poolIssues(pool: unknown, scorer: Scorer | undefined): ValidationIssue[] {
  const p = pool as Partial<LawPool> | null;
  const isPool =
    typeof p === 'object' &&
    p !== null &&
    typeof p.decideBatch === 'function' &&
    typeof p.decideBatchJson === 'function' &&
    typeof p.safeReassessBatch === 'function' &&
    typeof p.policyHash === 'string' &&
    typeof p.catalogHash === 'string' &&
    typeof p.model?.sha256 === 'string';
  if (!isPool)
    return [
      {
        path: ['subject', 'pool'],
        code: 'invalid_type',
        message:
          'pool must be a ScorerPool from createScorerPool (or a wrapper keeping its decideBatch, decideBatchJson, safeReassessBatch, policyHash, catalogHash and model)',
      },
    ];
  const pooled = p as LawPool;
  if (scorer === undefined)
    return [
      {
        path: ['subject', 'scorer'],
        code: 'missing_subject',
        message:
          "a pool is checked beside a scorer built with its scorer options (createScorer(options.scorer)): a pool only decides batches, which the kit holds to the scorer's, and the rest of each law runs on the scorer",
      },
    ];
  let scorerPolicy: string;
  try {
    scorerPolicy = policyHashOf(validatePolicy(scorer.policy));
  } catch {
    return []; // the scorer's own policy issues are reported at subject.scorer.policy
  }
  const differ = [
    ...(pooled.policyHash === scorerPolicy ? [] : [`policy ${pooled.policyHash} (scorer: ${scorerPolicy})`]),
    ...(pooled.catalogHash === scorer.catalogHash ? [] : [`catalog ${pooled.catalogHash} (scorer: ${scorer.catalogHash})`]),
    ...(pooled.model.sha256 === scorer.model.sha256 ? [] : [`model ${pooled.model.sha256} (scorer: ${scorer.model.sha256})`]),
  ];
  if (differ.length === 0) return [];
  return [
    {
      path: ['subject', 'pool'],
      code: 'pool_mismatch',
      message: `the pool runs another ${differ.join(', ')}: it cannot be held to this scorer's decisions; build the scorer with the pool's scorer options`,
    },
  ];
}

/** Edits between two short words (Levenshtein), to suggest the key a misspelt one meant. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next.push(Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length] as number;
}

/** The known key a misspelt one likely meant: the nearest within two edits (case aside), the first listed on a tie; else none. */
function likelyMeant(key: string, known: readonly string[]): string | undefined {
  let best: { readonly name: string; readonly edits: number } | undefined;
  for (const name of known) {
    const edits = editDistance(name.toLowerCase(), key.toLowerCase());
    if (edits <= 2 && (best === undefined || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}

/** One `unrecognized_key` issue per key of `x` not in `known`, naming the nearest known key when one is close. */
export function unknownKeys(x: object, known: readonly string[], prefix: readonly string[], what: string): ValidationIssue[] {
  return Object.keys(x)
    .filter((k) => !known.includes(k))
    .map((k) => {
      const near = likelyMeant(k, known);
      return {
        path: [...prefix, k],
        code: 'unrecognized_key' as const,
        message: `unknown ${what} "${k}"${near === undefined ? '' : ` (did you mean "${near}"?)`}; known: ${known.join(', ')}`,
      };
    });
}

/**
 * Resolves a law subject and run options. Every problem is reported at once, in one
 * ValidationError (after `leading`, the caller's own issues); a bad policy alone is a
 * PolicyInvalidError, beside other problems its issues are listed under `policy`.
 *
 * @throws ValidationError for a missing subject, bad options or a policy that is not the scorer's;
 *   PolicyInvalidError for a bad policy.
 */
export function lawContext(
  subject: LawSubject,
  given?: LawRunOptions,
  leading: readonly ValidationIssue[] = [],
  optionKeys: readonly string[] = RUN_OPTION_KEYS,
): LawContext {
  const issues: ValidationIssue[] = [...leading];
  const isObject = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (given !== undefined && !isObject(given))
    issues.push({
      path: ['options'],
      code: 'invalid_type',
      message: `options must be an object of run options, or left out; got ${given === null ? 'null' : typeof given}`,
    });
  const options: LawRunOptions = isObject(given) ? (given as LawRunOptions) : {};
  issues.push(...unknownKeys(options, optionKeys, [], 'option'));
  if (isObject(subject)) issues.push(...unknownKeys(subject, SUBJECT_KEYS, ['subject'], 'subject field'));
  const s = (subject ?? {}) as Partial<LawSubject>;
  // A pool alone is named below, with what it needs (a scorer beside it).
  if (s.policy === undefined && s.scorer === undefined && s.pool === undefined)
    issues.push({ path: ['subject'], code: 'missing_subject', message: 'give a policy, a scorer, or both' });
  const scorerOk = s.scorer !== undefined && typeof s.scorer === 'object' && s.scorer !== null && typeof s.scorer.decide === 'function';
  if (s.scorer !== undefined && !scorerOk) {
    issues.push({ path: ['subject', 'scorer'], code: 'invalid_type', message: 'scorer must be a Scorer from createScorer' });
  } else if (scorerOk && !Array.isArray((s.scorer as Scorer).certificateKinds)) {
    issues.push({
      path: ['subject', 'scorer', 'certificateKinds'],
      code: 'invalid_type',
      message: "a scorer wrapper must keep the scorer's certificateKinds (the kit draws evidence from them): spread the scorer into the wrapper",
    });
  } else if (scorerOk && !isFloor((s.scorer as Scorer).minConfidence)) {
    issues.push({
      path: ['subject', 'scorer', 'minConfidence'],
      code: 'invalid_type',
      message:
        "a scorer wrapper must keep the scorer's minConfidence, a number in [0, 1] (the kit draws valid evidence at that floor): spread the scorer into the wrapper",
    });
  }
  if (s.applyPolicy !== undefined && typeof s.applyPolicy !== 'function')
    issues.push({ path: ['subject', 'applyPolicy'], code: 'invalid_type', message: 'applyPolicy must be a function' });
  issues.push(...runsIssue(options.numRuns, 'numRuns'), ...runsIssue(options.scorerNumRuns, 'scorerNumRuns'));
  // Runs of a part that will not run would be ignored: a lender believing the scorer looked 500 times.
  // (A pool alone is refused below for want of the scorer this option is for.)
  if (options.scorerNumRuns !== undefined && ((s.scorer === undefined && s.pool === undefined) || options.part === 'policy'))
    issues.push({
      path: ['scorerNumRuns'],
      code: 'unused_option',
      message:
        s.scorer === undefined
          ? "scorerNumRuns sets the runs of the end-to-end part, which needs a scorer: give a scorer, or leave scorerNumRuns out (numRuns sets the policy part's runs)"
          : "scorerNumRuns sets the runs of the end-to-end part, which part 'policy' does not run: leave one of them out",
    });
  // The same for the policy part's own options: end to end the scorer decides with creditlift's
  // applyPolicy and draws its own runs, so under part 'scorer' or 'pool' numRuns and applyPolicy
  // were read by nothing (a lender's wrapped engine believed checked, never called).
  if (options.part === 'scorer' || options.part === 'pool') {
    const only = `part '${options.part}' runs the law end to end only`;
    if (options.numRuns !== undefined)
      issues.push({
        path: ['numRuns'],
        code: 'unused_option',
        message: `numRuns sets the runs of the policy part, which ${only}: set scorerNumRuns for the end-to-end runs, or leave part out to run both`,
      });
    if (s.applyPolicy !== undefined)
      issues.push({
        path: ['subject', 'applyPolicy'],
        code: 'unused_option',
        message: `applyPolicy is the policy engine the policy part checks, and ${only}, where the scorer decides with its own: leave applyPolicy out, or leave part out (or give part 'policy') to check it`,
      });
  }
  // Attributes are drawn for the scorer only (the policy reads none): without an end-to-end part they were drawn for nothing.
  if (options.attributes !== undefined && (s.scorer === undefined || options.part === 'policy'))
    issues.push({
      path: ['attributes'],
      code: 'unused_option',
      message:
        s.scorer === undefined
          ? 'attributes are drawn for the applicants a scorer decides, and the policy reads none: give a scorer, or leave attributes out'
          : "attributes are drawn for the applicants a scorer decides, which part 'policy' does not run (the policy reads none): leave one of them out",
    });
  if (options.seed !== undefined && !Number.isInteger(options.seed)) issues.push({ path: ['seed'], code: 'invalid_type', message: 'seed must be an integer' });
  else if (options.seed !== undefined && (options.seed < MIN_SEED || options.seed > MAX_SEED))
    issues.push({
      path: ['seed'],
      code: 'out_of_range',
      message: `seed must be an integer from ${MIN_SEED} to ${MAX_SEED} (fast-check's 32-bit seeds: it would run ${options.seed} as seed ${options.seed | 0})`,
    });
  if (options.shrink !== undefined && typeof options.shrink !== 'boolean')
    issues.push({ path: ['shrink'], code: 'invalid_type', message: 'shrink must be a boolean' });
  if (options.path !== undefined && typeof options.path !== 'string')
    issues.push({ path: ['path'], code: 'invalid_type', message: 'path must be the string a failure reported' });
  else if (options.path !== undefined && options.seed === undefined)
    issues.push({
      path: ['path'],
      code: 'missing_seed',
      message: "path replays a failure only with the seed it was printed with: give seed too (a violation's replay holds both)",
    });
  if (options.part !== undefined && options.part !== 'policy' && options.part !== 'scorer' && options.part !== 'pool')
    issues.push({ path: ['part'], code: 'invalid_value', message: "part must be 'policy', 'scorer' or 'pool'" });
  if (options.part === 'scorer' && s.scorer === undefined)
    issues.push({ path: ['part'], code: 'missing_subject', message: "part 'scorer' runs the law end to end: give a scorer" });
  if (options.part === 'pool' && s.pool === undefined)
    issues.push({
      path: ['part'],
      code: 'missing_subject',
      message: "part 'pool' runs the law with its batches decided by a pool: give a pool beside the scorer",
    });
  // A scorer given but unfit is named above; the pool is held to a scorer only once there is one.
  if (s.pool !== undefined && (s.scorer === undefined || (scorerOk && Array.isArray((s.scorer as Scorer).certificateKinds))))
    issues.push(...poolIssues(s.pool, s.scorer as Scorer | undefined));
  if (options.attributes !== undefined && typeof options.attributes !== 'function' && !isArbitrary(options.attributes))
    issues.push({
      path: ['attributes'],
      code: 'invalid_type',
      message: 'attributes must be a fast-check arbitrary of the attributes object, or a function from the drawn applicant to one',
    });
  // Built eagerly so a bad segment or date is reported before any property runs.
  try {
    applicantArbitrary({
      ...(options.segment === undefined ? {} : { segment: options.segment }),
      ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    });
  } catch (e) {
    issues.push(...issuesOf(e));
  }
  const resolved = s.policy === undefined && !scorerOk ? { issues: [] } : resolveSubjectPolicy(s, scorerOk);
  // A bad policy alone keeps its own error (PolicyInvalidError); beside other problems, all in one.
  if (issues.length === 0 && resolved.error !== undefined) throw resolved.error;
  issues.push(...resolved.issues);
  if (issues.length > 0 || resolved.policy === undefined) throw new ValidationError('credit law options', issues);
  const policy = resolved.policy;
  // What shapes the draw besides seed and path: a failure's replay options carry them.
  const draw = {
    ...(options.segment === undefined ? {} : { segment: options.segment }),
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
  };
  const catalog = s.scorer === undefined ? undefined : scorerCatalog(s.scorer as Scorer);
  const minConfidence = s.scorer === undefined ? DEFAULT_MIN_CONFIDENCE : (s.scorer as Scorer).minConfidence;
  const drawApplicants =
    (on: Catalog | undefined, floor: number) =>
    (maxEvidence: number): fc.Arbitrary<Applicant> =>
      mostlyApprovable(
        applicantArbitrary({
          maxEvidence,
          ...(options.segment === undefined ? {} : { segment: options.segment }),
          ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
          ...(on === undefined ? {} : { catalog: on }),
          minConfidence: floor,
        }),
        policy,
      );
  const common = { seed: options.seed, path: options.path, shrink: options.shrink ?? true, draw };
  return {
    policy,
    part: options.part,
    decidePolicy: s.applyPolicy ?? applyPolicy,
    // The kit hands the scorer its own drawn applicants, carrying the `attributes` option's draws:
    // what a scorer of lender attributes takes (and refuses, said so, when the option is missing).
    scorer: s.scorer as Scorer | undefined,
    pool: s.pool,
    catalog,
    minConfidence,
    policyRuns: { numRuns: options.numRuns ?? DEFAULT_POLICY_RUNS, ...common },
    scorerRuns: { numRuns: options.scorerNumRuns ?? DEFAULT_SCORER_RUNS, ...common },
    applicants: drawApplicants(undefined, DEFAULT_MIN_CONFIDENCE),
    scorerApplicants: drawApplicants(catalog, minConfidence),
    attributes: options.attributes,
    caseChecked: () => {},
  };
}
