import { deepFreeze } from '../common/deepFreeze.js';
import type fc from 'fast-check';
import type { Scorer } from '../decision/createScorer.js';
import type { ScorerPool } from '../parallel/createScorerPool.js';
import type { PolicyInput, PolicyResult } from '../policy/applyPolicy.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import type { Applicant } from '../schema/applicant.js';
import type { ApplicantSegment } from './applicantSegment.js';

/** The stable names of the credit laws, in the order {@link creditLaws} lists them. */
export const CREDIT_LAW_NAMES = deepFreeze([
  'apr_within_bounds',
  'apr_non_decreasing_in_pd',
  'limit_within_caps',
  'accepted_evidence_never_lowers_limit',
  'step_limits_hold',
  'customer_controls_hold',
  'approved_limits_affordable',
  'limits_rounded',
  'same_input_same_decision',
  'daily_rate_within_cap',
  'comprehensive_cost_within_cap',
  'reassessment_within_bounds',
  'reduction_within_bounds',
  'reasons_where_owed',
  'suggestions_come_true',
  'results_below_useful_level_never_count',
  'banned_data_never_counts',
  'tampered_priors_refused',
] as const);

/** The name of one credit law. */
export type CreditLawName = (typeof CREDIT_LAW_NAMES)[number];

/**
 * A scorer pool as the kit checks it (a `ScorerPool` from `createScorerPool`, or a lender's wrapper
 * keeping these): the batches it decides, on both of its batch paths, the batches it reassesses
 * (`safeReassessBatch`: each item as `scorer.reassess` gives it alone), and what it says it runs.
 */
export type LawPool = Pick<ScorerPool, 'decideBatch' | 'decideBatchJson' | 'safeReassessBatch' | 'policyHash' | 'catalogHash' | 'model'>;

/**
 * What a law is checked against. The policy laws always run (on `policy`, else the scorer's
 * policy); the scorer laws run too when a scorer is given, and the pool part when a pool is given beside it. `suggestions_come_true` has no policy
 * half (previews need a model and a catalog), nor have `results_below_useful_level_never_count`
 * (results are read on the scorer's catalog), `banned_data_never_counts` (uploads are refused by the
 * scorer's catalog and jurisdiction) and `tampered_priors_refused` (priors are the scorer's): checked without a scorer (or with `part: 'policy'`)
 * they are refused with a ValidationError, never passed having checked nothing.
 */
export interface LawSubject {
  /**
   * The policy under test. Default: `scorer.policy`. One of `policy` and `scorer` is required.
   * Given beside a scorer it must be the scorer's own policy (the same `policyHash`; an equal copy
   * is fine), since a scorer decides under the policy it was built with: another one is refused
   * with a ValidationError (`policy_mismatch`) at `policy` naming both hashes. Build the scorer
   * with this policy, or pass the scorer alone.
   */
  readonly policy?: PolicyConfig;
  /**
   * A scorer (from `createScorer`, or a lender's wrapper of one, keeping its `policy` and
   * `certificateKinds`) to check end to end, of any applicant type: with a feature set declaring
   * attributes, give the `attributes` run option too. Evidence is drawn from its catalog
   * (`certificateKinds`), the lender's own kinds as often as the built-in ones together.
   */
  readonly scorer?: Scorer<never>;
  /**
   * A scorer pool (from `createScorerPool`) to check beside `scorer`, which must be built with the
   * pool's scorer options (the same `policyHash`, `catalogHash` and model: else `pool_mismatch` at
   * `subject.pool`). A pool only decides and reassesses batches, so the laws that decide batches get a third part,
   * `'pool'`: the law's scorer part again, with every batch it draws decided by the pool
   * (`decideBatch` and `decideBatchJson`), held to the scorer's results byte for byte and then to the
   * law's own checks, and the batch's decisions reassessed on the same records by the pool
   * (`safeReassessBatch`), each item held byte for byte to `scorer.reassess` of it alone (a refusal
   * to the same code); the rest of the law (decide, reassess, reviews) runs on the scorer. A law with
   * no batch to decide (`reassessment_within_bounds`, `reduction_within_bounds`,
   * `suggestions_come_true`, `tampered_priors_refused`) has no pool part: given a pool it is refused (`part_unavailable` at
   * `subject.pool`) unless `part` says which other part to run. Keep the pool small (one worker is
   * enough: the kit's batches hold at most 9 records, `same_input_same_decision`'s at most 64).
   */
  readonly pool?: LawPool;
  /**
   * The policy engine to check, for lenders who wrap `applyPolicy` (a promotion, an override).
   * Default: creditlift's own `applyPolicy`. Only the policy part calls it (end to end the scorer
   * decides with its own), so it is refused (`unused_option` at `subject.applyPolicy`) with `part`
   * `'scorer'` or `'pool'`, and by `assertCreditLaws` when every law in `laws` is checked end to end
   * only. A single law with no policy part takes it unread, so one subject serves a loop over every law.
   */
  readonly applyPolicy?: (input: PolicyInput) => PolicyResult;
}

/**
 * Where a law was broken, or which part of it to run: the pure policy, end to end through a
 * scorer, or end to end with the batches decided by a pool (see {@link LawSubject.pool}).
 */
export type LawPart = 'policy' | 'scorer' | 'pool';

/**
 * A lender's own applicant attributes for the kit to draw: an arbitrary of the attributes object
 * (what `createScorer({ features })` declares), or a function from the drawn applicant to one.
 *
 * @example
 * { attributes: fc.record({ internal_behaviour_score: fc.integer({ min: 0, max: 1000 }) }) }
 */
export type LawAttributes = fc.Arbitrary<Readonly<Record<string, unknown>>> | ((applicant: Applicant) => fc.Arbitrary<Readonly<Record<string, unknown>>>);

/** How hard to look. Defaults keep one law under a few seconds on a laptop. */
export interface LawRunOptions {
  /**
   * Runs of each pure policy property. Default 200. Refused (`unused_option`) where no policy part
   * runs: with `part` `'scorer'` or `'pool'` (set `scorerNumRuns`), and by `assertCreditLaws` when
   * every law in `laws` is checked end to end only. A single law with no policy part takes it unread,
   * so one settings object serves a loop over every law.
   */
  readonly numRuns?: number;
  /**
   * Runs of each scorer property (each run calls the model). Default 50. Refused (`unused_option`)
   * where no end-to-end part runs: without a scorer, or with `part: 'policy'`.
   */
  readonly scorerNumRuns?: number;
  /**
   * fast-check seed, to reproduce a failure: an integer from -2147483648 to 2147483647 (fast-check's
   * 32-bit seeds; another number is refused, never run as another seed). Default: random.
   */
  readonly seed?: number;
  /**
   * Shrink a counterexample to a minimal one before reporting (default true). False reports the
   * first counterexample found at once: for mutation sweeps and CI gates that only need to know
   * whether a law broke.
   */
  readonly shrink?: boolean;
  /**
   * fast-check replay path from a failure report (needs its seed: a path alone is refused; use with its seed, its part and its other replay
   * options, a single law: a violation's `replay` holds them all). It replays one part: `part`, or
   * without it the law's first part (the policy part, where the law has one).
   */
  readonly path?: string;
  /**
   * Run only this part of a law: `'policy'` (the pure policy property), `'scorer'` (end to end,
   * which needs a scorer) or `'pool'` (end to end with the batches decided by the pool, which needs
   * a scorer and a pool). Default: every part the law has that the subject can run. A violation names the part it was found in, and replays
   * with it, since the two parts draw different inputs from the same seed.
   */
  readonly part?: LawPart;
  /** Segments to draw applicants from; default all. */
  readonly segment?: ApplicantSegment | readonly ApplicantSegment[];
  /** Decision date of drawn applicants; default `DEFAULT_ARBITRARY_AS_OF`. */
  readonly asOf?: string;
  /**
   * The lender attributes every applicant drawn for a scorer carries (`applicant.attributes`), on
   * every law: needed when the scorer's feature set declares attributes it requires. Default: none.
   * The policy parts do not use them (the policy reads no lender attribute): given without a scorer,
   * or with `part: 'policy'`, they are refused (`unused_option` at `attributes`).
   */
  readonly attributes?: LawAttributes;
}

/**
 * The run options that replay one failure exactly (a violation's `replay`): its seed, path and part,
 * and every option that shapes what the law draws. Pass them as they are:
 * `creditLaws[v.law].check(subject, v.replay)`.
 */
export interface LawReplayOptions extends Pick<LawRunOptions, 'path' | 'part' | 'segment' | 'asOf' | 'attributes'> {
  readonly seed: number;
}

/** One credit law: a stable name, what it promises, and a check a lender runs in its own test runner. */
export interface CreditLaw {
  readonly name: CreditLawName;
  /** The law in one sentence, fit for a test name. */
  readonly description: string;
  /**
   * The parts the law has: `'policy'` unless it is checked end to end only (it needs a scorer),
   * `'scorer'`, and `'pool'` for a law that decides batches (checked on a pool given beside the
   * scorer), e.g. `['policy', 'scorer', 'pool']`.
   */
  readonly parts: readonly LawPart[];
  /**
   * Looks for a counterexample. Resolves when none was found; rejects with a
   * `CreditLawViolation` naming the law, why it failed and the shrunk minimal counterexample.
   *
   * @throws ValidationError when neither a policy nor a scorer is given, options is not an object,
   *   an option or subject key is unknown (`unrecognized_key`, a misspelt option is never run as
   *   the default), an option is out of range, `path` is given without `seed` (`missing_seed`), the
   *   law has no part to check (`part_unavailable` for a part it does not have, or at `subject.pool`
   *   for a pool given to a law with no pool part; `missing_subject`
   *   at `subject.scorer` for a law checked end to end only, given no scorer; `nothing_to_check` at
   *   `subject.scorer` for a law with nothing to draw from the scorer, see {@link CreditLaw.nothingToCheck};
   *   `nothing_to_check` at `subject` after a part of a law about granted lines whose runs received
   *   decisions but no line among them) (every bad option
   *   named at once, a bad policy's issues among them under `policy`), or a policy
   *   is given beside a scorer that runs another (`policy_mismatch`), a pool without a scorer
   *   (`missing_subject` at `subject.scorer`) or beside one built with other options (`pool_mismatch`); PolicyInvalidError when the
   *   policy is not a valid PolicyConfig and nothing else is wrong.
   */
  check(subject: LawSubject, options?: LawRunOptions): Promise<void>;
  /**
   * Why this law would check nothing on this subject (on `part`, default every part it has), or
   * undefined when it has something to check. Only a law drawing what the scorer may lack has such
   * a case: `banned_data_never_counts` on a scorer whose catalog holds no kind of a data category its
   * jurisdiction bans (the default catalog under cn-consumer-finance-2024). `check` refuses such a
   * subject (`nothing_to_check`), never passing it; ask first to skip the law visibly.
   *
   * @example
   * it(law.description, (ctx) => {
   *   const nothing = law.nothingToCheck({ scorer });
   *   if (nothing !== undefined) ctx.skip(nothing);
   *   return law.check({ scorer });
   * });
   */
  nothingToCheck(subject: LawSubject, options?: Pick<LawRunOptions, 'part'>): string | undefined;
}
