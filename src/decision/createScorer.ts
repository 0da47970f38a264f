import { catalogOf, defaultCatalog, resolveCatalog, type Catalog } from '../catalog/resolveCatalog.js';
import { catalogHash } from '../catalog/catalogHash.js';
import { kindDataCategory, type CertificateKindSpec, type CertificateKindSpecInput } from '../catalog/certificateKindSpec.js';
import { DEFAULT_MIN_CONFIDENCE } from '../evidence/assessEvidence.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';
import { createTreeExplainer } from '../explain/createTreeExplainer.js';
import { createFeatureEncoder, type UnseenCategory } from '../features/featureEncoder.js';
import type { FeatureReasons } from '../features/featureDefinitions.js';
import { builtInFeatureSet, featureSetIssue, type FeatureSet } from '../features/featureSet.js';
import { parseWithFeatures } from '../features/parseFeatureApplicant.js';
import { defaultModelPath } from '../model/defaultModelPath.js';
import { checkSha256, loadModel, type LoadedModel } from '../model/loadModel.js';
import type { ModelEvaluatorOption } from '../model/chooseModelEvaluator.js';
import { readBatchElement } from '../schema/readBatchElement.js';
import { defaultPolicy } from '../policy/defaultPolicy.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import { policyHashOf } from '../policy/policyHash.js';
import { resolvePolicy, type PolicyOverrides } from '../policy/resolvePolicy.js';
import { validatePolicy } from '../policy/validatePolicy.js';
import type { LimitChange } from '../policy/stepLimit.js';
import { Fen } from '../schema/primitives.js';
import type { Applicant, ApplicantInput } from '../schema/applicant.js';
import type { CertificateEvidenceInput } from '../schema/certificateEvidence.js';
import { resolveScorerKeys } from './scorerKeys.js';
import { verifyPrior } from './verifyPrior.js';
import { requireLatestPrior, type LineOnFile } from './priorOnFile.js';
import { lineOnFileAfter } from './lineOnFile.js';
import { parseReassessmentUpdate } from './reassessmentUpdate.js';
import { reduceLine, type ReductionOptions } from './reduceLine.js';
import { throwIfAborted } from './abortedError.js';
import { parseDecisionInput } from './decisionInput.js';
import { checkLimitHistories, parseLimitHistory } from './limitHistories.js';
import { BATCH_OPTION_KEYS, readCallOptions, DECIDE_OPTION_KEYS, REASSESS_OPTION_KEYS, SCORER_OPTION_KEYS, SUGGEST_OPTION_KEYS } from './checkOptionKeys.js';
import { nullOptionIssues, refuseArguments } from '../errors/argumentIssues.js';
import { readOptionsOrRefuse } from '../errors/readOptions.js';
import { recordContest, recordReview, type ContestInput, type ReviewInput } from './recordReview.js';
import { followUpExplainer, type FollowUpOptions } from './explainFollowUp.js';
import type { Decision, EvidenceSuggestions } from './decision.js';
import { encodePlans, planDecision, planRowsInAll, type DecisionPlan } from './decisionPlan.js';
import { assertAllowedDataCategories, dataCategoriesUsed } from './dataCategoryCheck.js';
import type { EngineContext } from './engineContext.js';
import { settleDecision, type SettledDecision } from './finishDecision.js';
import { evidenceColumns } from './evidenceColumns.js';
import { type PlanRowScorer, scorePlanRows } from './scorePlanRows.js';
import { provenPartialEvaluator } from '../model/float32PartialEvaluator.js';
import { toErrorData, type DecisionErrorData } from './toErrorData.js';
import { DEFAULT_SUGGESTION_COUNT, suggestionCountIssues } from './suggestionCount.js';
import { createChampionChallengerScorer, type Challenger, type ChallengerMode } from './challengers/championChallenger.js';

/** Options of {@link createScorer}; every one has a default. */
export interface ScorerOptions {
  /** An ONNX model: a path, its bytes, or a model already loaded with `loadModel`. Default: the embedded default model. */
  readonly model?: string | Uint8Array | LoadedModel;
  /**
   * A complete policy (e.g. from `resolvePolicy` or a JSON file), validated as it is: an incomplete
   * one is refused with `PolicyInvalidError` naming every missing or bad field, never completed
   * with defaults. Give `policy` or `policyOverrides`, not both. Default: {@link defaultPolicy}.
   */
  readonly policy?: PolicyConfig;
  /** Overrides merged into {@link defaultPolicy} (as `resolvePolicy(overrides)`), then validated. */
  readonly policyOverrides?: PolicyOverrides;
  /** Certificate kinds to add or override in the default catalog, or a catalog from `resolveCatalog`. */
  readonly catalog?: Catalog | readonly CertificateKindSpecInput[];
  /**
   * Verifier confidence below which evidence is rejected, in [0, 1]. Default 0.6
   * (`DEFAULT_MIN_CONFIDENCE`). Another floor is recorded in every decision
   * (`audit.minConfidence`, and in its `inputHash` and `decisionId`), so a decision names the floor
   * it was made under and two floors never share a decision id.
   */
  readonly minConfidence?: number;
  /** Contributions in log-odds (default, exact TreeSHAP) or scaled to probability. */
  readonly contributionSpace?: 'log_odds' | 'probability';
  /**
   * Which decisions carry model explanations (TreeSHAP contributions and the factors behind
   * principal reasons). `always` (default): every decision, exactly as before this option.
   * `when_owed`: only decisions that owe reasons (outcome not approve, or a limit below the
   * request or the line on file), so every decision that owes reasons still carries them, in full;
   * the others carry `contributions.factors: []` with `contributions.omitted: 'not_owed'` and skip
   * TreeSHAP. When a person turns such a decision adverse (`recordReview`) or a customer contests
   * it (`recordContest`), or a customer's reduction is held (`requestReduction` below a balance no
   * income repays), reasons are owed after all: pass the applicant it was made for
   * (`{ applicant }`) and its factors are computed again, exactly as by default.
   */
  readonly explanations?: 'always' | 'when_owed';
  /** What-if suggestions carried by every decision (default 3; 0 skips the what-if scoring). */
  readonly suggestionsPerDecision?: number;
  /** Challengers tried beside this scorer (the champion) on shares of applicants, by a keyed hash of the id. See {@link createChampionChallengerScorer}. */
  readonly challengers?: readonly Challenger[];
  /** `shadow` (default): the champion decides, a challenger's decision is attached for logging. `live`: the challenger decides its arm. */
  readonly challengerMode?: ChallengerMode;
  /** Key of the arm-assignment hash (default a fixed public key); set your own secret to make arms unguessable. */
  readonly assignmentKey?: string;
  /**
   * The lender's secret (at least 32 bytes; a string is taken as UTF-8). Every decision's audit
   * then carries an HMAC-SHA-256 `signature` over its canonical JSON, and `reassess` /
   * `requestReduction` refuse a prior that is unsigned or does not verify. Unless
   * `personalDataKey` is given, a personal-data key is derived from it too. Without it, a prior
   * that carries a signature is refused (`prior_invalid` at `audit.signature`): nothing could verify
   * it. Given by name as `undefined` (`signingKey: process.env.KEY` with the variable unset) it is
   * refused with a ValidationError (`invalid_key`): leave the option out to decide unsigned.
   */
  readonly signingKey?: string | Uint8Array;
  /**
   * Signing keys used before a rotation (each at least 32 bytes): a prior signed under `signingKey`
   * or under any of these verifies; every new decision is signed with `signingKey`. Needs
   * `signingKey`, and `personalDataKey` given explicitly (the key derived from a signing key would
   * change with it, and stored decisions would no longer match their customers): README, "Key rotation".
   */
  readonly verificationKeys?: readonly (string | Uint8Array)[];
  /**
   * The lender's secret (at least 32 bytes) for personal data: `audit.inputHash`,
   * `audit.subjectHash` and `decisionId` become HMACs under it, and certificates are named by a
   * keyed `credentialRef` (without a key: null, never the registration number). Default: derived
   * from `signingKey`, or none.
   */
  readonly personalDataKey?: string | Uint8Array;
  /**
   * Hex SHA-256 the model must have: a model file replaced under the same path, or a loaded model
   * built from other bytes, is refused with `model_sha256_mismatch` before any decision.
   */
  readonly expectedSha256?: string;
  /**
   * Passed to `loadModel` as `evaluator`: `'auto'` (default) or `'onnxruntime'` to keep the JS
   * evaluator off, for small runs and for the partial re-walks of what-if rows alike (identical
   * rows are still scored once). Not for an already loaded model.
   */
  readonly modelEvaluator?: ModelEvaluatorOption;
}

/**
 * Options of {@link createScorer} with the features it computes. `features` declares every
 * feature (built-in and the lender's own, see `defineFeatureSet`) and the lender attributes they
 * read; the model's manifest must agree with it (a FeatureMismatchError names each mismatch).
 * Not for `createScorerPool`: functions do not cross to worker processes.
 */
export interface ScorerOptionsWithFeatures<TAttributes = never, TAttributesInput = unknown> extends ScorerOptions {
  readonly features?: FeatureSet<TAttributes, TAttributesInput>;
}

/** An applicant as a caller writes it for a scorer whose feature set declares attributes of input type `A`. */
export type ApplicantInputWith<A> = Omit<ApplicantInput, 'attributes'> & ({} extends A ? { readonly attributes?: A } : { readonly attributes: A });

/** Per-call options of {@link Scorer.decide} and the other deciding calls. */
export interface DecideOptions {
  /**
   * Recent limit increases (from the last decision's `limitHistory`), for step limits. Read with the
   * applicant: one ValidationError names the applicant's faults (at its paths) and every ledger
   * fault, at `limitHistory.<i>.<field>`: an entry's schema faults, and each raise dated after the
   * applicant's `asOf` (`out_of_range`) whenever that date is valid. Subject `Applicant`,
   * `limitHistory` or `Applicant and limitHistory`, by which is at fault.
   */
  readonly limitHistory?: readonly LimitChange[];
  /**
   * Cancels the call: checked before the work starts and between runtime calls. A cancelled call
   * rejects with a {@link CreditliftError} of code `aborted` (its `cause` the signal's reason);
   * no partial result is returned.
   */
  readonly signal?: AbortSignal;
  /**
   * What-if previews this call's decisions carry, in place of the scorer's `suggestionsPerDecision`:
   * an integer in [0, 100]; 0 scores no what-if. Each decision is the one a scorer built with
   * `suggestionsPerDecision` set to it makes, byte for byte: the count is part of its
   * `audit.inputHash`, so of its id. A caller that shows `suggest`'s previews instead (deciding again
   * with the certificate) passes 0 and scores the what-ifs once. Default: the scorer's.
   * @throws ValidationError (`out_of_range` at `suggestions`) for any other value
   */
  readonly suggestions?: number;
}

/** What {@link Scorer.decideBatch} takes: {@link DecideOptions}, and each record's own ledger. */
export interface BatchDecideOptions extends DecideOptions {
  /**
   * Each record's own recent limit increases (its last decision's `limitHistory`), by index:
   * `limitHistories[i]` is `applicants[i]`'s; an `undefined` entry takes `limitHistory`. With it, one
   * batch re-underwriting a book of existing customers keeps every line's step-limit window. Its
   * length must be the batch's; an entry that is not a valid ledger is that record's own error (the
   * one `decide` gives for that record with that ledger, its applicant's faults beside). A shared
   * `limitHistory` that is not a ledger refuses the whole call; one dated after a record's `asOf` is
   * that record's error.
   */
  readonly limitHistories?: readonly (readonly LimitChange[] | undefined)[];
}

/** What {@link Scorer.reassess} takes besides the prior decision. */
export interface ReassessUpdate<TInput = ApplicantInput> {
  /**
   * The applicant as on file (the one the prior decision was made for, updated if anything changed).
   * `platform.currentLimit` is the line the prior left on file, whatever the profile says. A
   * `platform.currentBalance` left out (or `undefined`) is the balance the prior noted
   * (`affordability.balanceOwed`), as a reduction keeps it, else 0: a store that does not keep the
   * balance does not undo the balance rule one step later. A balance given, 0 included, is what is
   * owed today.
   */
  readonly applicant: TInput;
  /**
   * The newly uploaded evidence; absent for a profile-only update (nothing uploaded). `null` or any
   * other non-array is refused at `evidence`, never read as none.
   */
  readonly evidence?: readonly CertificateEvidenceInput[];
  /**
   * Decision date of the reassessment; default the applicant's `asOf`. A profile dated after it is
   * refused (`out_of_range` at `applicant.asOf` and `asOf`): its facts are stated as of a later day.
   */
  readonly asOf?: string;
}

/** Options of {@link Scorer.reassess}. */
export interface ReassessOptions {
  /** Cancels the call (see {@link DecideOptions.signal}). */
  readonly signal?: AbortSignal;
  /**
   * What your account system holds for the line now (the line on file, the customer's cap and the
   * step-limit ledger, as stored from the line's latest decision): a prior that left another line, cap or ledger on file is not
   * the latest and is refused (`prior_superseded`). See {@link LineOnFile}.
   */
  readonly onFile?: LineOnFile;
  /**
   * What-if previews this reassessment carries, in place of the scorer's `suggestionsPerDecision`, as
   * {@link DecideOptions.suggestions}: an integer in [0, 100]; 0 scores no what-if. The reassessment is
   * the one a scorer built with `suggestionsPerDecision` set to it makes, byte for byte (the count is
   * sealed in its `audit.inputHash`). Not carried over from the prior: a line decided with
   * `{ suggestions: 0 }` passes it again on each reassessment. Default: the scorer's.
   * @throws ValidationError (`out_of_range` at `suggestions`) for any other value
   */
  readonly suggestions?: number;
}

/** One result of {@link Scorer.decideBatch}: a decision or that record's own error. Narrow on `ok`. */
export type BatchResult =
  | { readonly ok: true; readonly index: number; readonly decision: Decision }
  | { readonly ok: false; readonly index: number; readonly error: DecisionErrorData };

/** Result of {@link Scorer.safeDecide}: the decision, or the typed error that refused it. Narrow on `ok`. */
export type DecideResult = { readonly ok: true; readonly decision: Decision } | { readonly ok: false; readonly error: CreditliftError };

/**
 * Options of {@link Scorer.suggest}. No `suggestions` (refused by name): the previews are the result,
 * and `top` counts them.
 */
export interface SuggestOptions {
  /** How many suggestions, 1 to 100. Default 5. */
  readonly top?: number;
  /**
   * Recent limit increases (the last decision's `limitHistory`), as for {@link DecideOptions.limitHistory}:
   * an existing customer who has used up the step limits' window gains nothing from a certificate
   * today, and the previews say so (`blockedBy: 'step_limit'`). Default: none.
   */
  readonly limitHistory?: readonly LimitChange[];
  /** Cancels the call (see {@link DecideOptions.signal}). */
  readonly signal?: AbortSignal;
}

/**
 * A loaded model and policy, ready to decide. Safe to share across concurrent requests.
 *
 * Typed entry points (`decide`, `decideBatch`, `reassess`, `suggest`) take `TInput`: an
 * {@link ApplicantInput}, or with a feature set declaring lender attributes an applicant carrying
 * them (see {@link ApplicantInputWith}). A misspelled field is a compile error; they still validate
 * at run time (schema and cross-field rules) and throw a `ValidationError` naming every field at
 * fault. For untrusted JSON (a request body, a queue message) use `safeDecide` / `safeDecideBatch`,
 * which take `unknown`.
 */
export interface Scorer<TInput = ApplicantInput> {
  /**
   * Model identity: `name@version` and SHA-256; and `unseenCategories`, every category a lender
   * feature declares that the model never saw in training (so does not code), known before any
   * applicant takes one: such an applicant is scored as missing there, and the decision lists it
   * (`Decision.unseenCategories`). Empty for the default model.
   */
  readonly model: { readonly id: string; readonly sha256: string; readonly unseenCategories: readonly UnseenCategory[] };
  readonly policy: PolicyConfig;
  /**
   * The certificate kinds this scorer assesses (its catalog, in catalog order, less the kinds whose
   * data category the jurisdiction bans: an upload of one is rejected `banned_data_category`), frozen:
   * what an upload screen may offer, and what a what-if suggestion assumes (a preview assumes the kind's
   * typical result verified by its first method in `verificationMethods`).
   */
  readonly certificateKinds: readonly CertificateKindSpec[];
  /**
   * The kinds of this scorer's catalog it refuses for their data category (the jurisdiction bans it:
   * a creator follower count under `eu-ccd2`, a lender's own kind declared `health` under either
   * profile), in catalog order, frozen: an upload of one is rejected `banned_data_category` and counts
   * nowhere. Beside `certificateKinds` they make the whole catalog; never offer them. The testing kit
   * draws its `banned_data_never_counts` uploads from them.
   */
  readonly bannedCertificateKinds: readonly CertificateKindSpec[];
  /**
   * SHA-256 of this scorer's certificate catalog (every kind, banned ones included), as every
   * decision records it (`audit.catalogHash`): what tells a lender's catalog from the default one.
   */
  readonly catalogHash: string;
  /**
   * The verifier-confidence floor this scorer assesses evidence at (the `minConfidence` option,
   * default 0.6): an upload verified below it is rejected `low_verification_confidence`. Every
   * decision seals it (`audit.minConfidence`); the testing kit draws "valid" evidence at it.
   */
  readonly minConfidence: number;
  /** Decides one applicant. @throws ValidationError naming every field at fault; CreditliftError `aborted` when cancelled. */
  decide(applicant: TInput, options?: DecideOptions): Promise<Decision>;
  /**
   * Decides any JSON value: resolves to `{ ok: true, decision }` or `{ ok: false, error }` (the typed
   * error, e.g. a `ValidationError` with every issue, or `aborted`); never rejects.
   */
  safeDecide(input: unknown, options?: DecideOptions): Promise<DecideResult>;
  /**
   * Decides many in batched runtime calls; order kept; a bad record gets its own error, the rest still decide.
   * Runs on the calling thread, yielding to the event loop only between runs of up to 8,192 rows: a
   * service answering other requests meanwhile should use a pool or small batches (README, "Batch and
   * multi-core scoring").
   */
  decideBatch(applicants: readonly TInput[], options?: BatchDecideOptions): Promise<BatchResult[]>;
  /**
   * {@link Scorer.decideBatch} for records of unknown shape (parsed NDJSON, a queue): each record is
   * validated and a bad one gets its own error result. @throws ValidationError when `inputs` is not an array.
   */
  safeDecideBatch(inputs: readonly unknown[], options?: BatchDecideOptions): Promise<BatchResult[]>;
  /**
   * Re-decides an existing customer's line with new evidence and the profile as it is now. Raises
   * the line to what the policy grants today (within step limits), never above it; a line on file
   * above what may be granted today is held and referred (`lineAction: 'hold'`), never lowered
   * automatically. The prior is verified first. The prior must be the line's latest decision (a
   * later one carries what came after it, such as the customer's own cap): give `options.onFile`
   * and a prior that is not is refused.
   * @throws PriorInvalidError when the prior is not a valid, unchanged (and, with a signing key,
   *   signed) decision of this applicant, or (`prior_superseded`) left another line, cap or ledger on file
   *   than `options.onFile`; ValidationError for a bad update or option.
   */
  reassess(prior: Decision, update: ReassessUpdate<TInput>, options?: ReassessOptions): Promise<Decision>;
  /** Catalog evidence the applicant does not hold, ranked by the limit gain if verified at a typical value. */
  suggest(applicant: TInput, options?: SuggestOptions): Promise<EvidenceSuggestions>;
  /**
   * Lowers the line on file (`lineOnFileAfter`) at the customer's request, at once, without the
   * model. The prior is verified first. The amount asked, rounded down to the rounding step, becomes
   * the customer's cap. A referral waiting for a person keeps its proposal (bounded by the cap) as
   * its `limit` (`lineAction: 'review'`) when the lowered line is not that proposal; a held line
   * still above what may be granted stays held (`hold`); a decision sealed before the
   * dearest-repayment rule is re-tested under it, and a line that fails it is held.
   * `options.asOf` is the day the customer asked (YYYY-MM-DD), not before the prior's `asOf`;
   * default the prior's `asOf`. The new decision is dated so, and a review or reassessment after it
   * can be dated no earlier (its step-limit window counts from there). `options.onFile` (what your
   * account system holds for the line now) refuses a prior that is not the line's latest decision.
   * @example
   * const lowered = scorer.requestReduction(decision, 500_000, { asOf: '2026-12-15' });
   * lowered.asOf; // '2026-12-15'
   * @throws PriorInvalidError for a prior that is not a valid, unchanged (and signed, with a key) decision;
   *   ValidationError (subject `reduction amount`) for an amount that is not integer fen, or is below
   *   the product minimum (`too_small`, naming the amount and the minimum: a line is never lower);
   *   ValidationError (subject `reduction options`) for an unknown option (`unrecognized_key`), or an
   *   `asOf` that is not a date or is before the prior's (`out_of_range`), or a malformed `onFile`;
   *   PriorInvalidError (`prior_superseded`) for a prior that left another line, cap or ledger on file than `onFile`.
   */
  requestReduction(prior: Decision, amount: number, options?: ReductionOptions): Decision;
  /**
   * Records a person's review of a decision (PIPL Art. 24; EU CCD2 Art. 18) as a new decision,
   * sealed (and signed) by this scorer, linked to the one reviewed, and itself a valid prior for
   * {@link Scorer.reassess}. The reviewer may decide differently from the model, never outside a
   * bound: every cap of the decision and its healthy limit, the rounding step, the product minimum,
   * and the step limits on raising an existing line.
   * @example
   * const reviewed = scorer.recordReview(decision, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 300_000, note: 'payslips checked' });
   * reviewed.audit.kind; // 'review'
   *
   * An adverse review (not an approval, or a limit below the request or the line on file) owes the
   * customer principal reasons, drawn from the decision's model factors. A decision made with
   * `explanations: 'when_owed'` that owed none carries no factors: give `options.applicant` (the
   * applicant it was made for, checked against the decision's input hash) and they are computed
   * again; without it such a review is refused.
   * @throws PriorInvalidError for a prior that is not a valid, unchanged (and signed, with a key)
   *   decision, or (`prior_superseded`) left another line, cap or ledger on file than `options.onFile`;
   *   ValidationError naming every bad review field, and `applicant` when it is needed and
   *   missing or is not the decision's; ReviewInvalidError (`review_invalid`) naming every bound
   *   the terms would break, each an issue at `limit` or `outcome` (the message opens with the first),
   *   or at `audit.modelSha256` / `audit.catalogHash` when this scorer cannot compute the factors owed.
   */
  recordReview(prior: Decision, review: ReviewInput, options?: FollowUpOptions): Decision;
  /**
   * Records a customer's contest (their point of view and new facts; EU CCD2 Art. 18(8)) as a new
   * decision referred to a person (`outcome: 'refer'`, `lineAction: 'review'`, limit unchanged; a
   * held line stays `hold`, its review proposing what may be granted, never the held line),
   * sealed by this scorer. Answer it with {@link Scorer.recordReview}. A referral owes reasons, so
   * a decision without model factors (`explanations: 'when_owed'`) needs `options.applicant`, as
   * for an adverse review.
   * @throws PriorInvalidError for a prior that does not verify, or (`prior_superseded`) left another
   *   line, cap or ledger on file than `options.onFile`; ValidationError naming every bad field;
   *   ReviewInvalidError (`review_invalid`) when this scorer cannot compute the factors the referral
   *   owes (its model or catalog is not the decision's: `audit.modelSha256`, `audit.catalogHash`).
   */
  recordContest(prior: Decision, contest: ContestInput, options?: FollowUpOptions): Decision;
  /**
   * Refuses every later call (`scorer_closed`) and releases the runtime session of a model this
   * scorer loaded (from a path or bytes). A model passed in (`model: LoadedModel`) stays the
   * caller's, open for the other scorers built on it: close it yourself once none is in use.
   */
  close(): Promise<void>;
}

/** Rows per runtime call in batch work: large enough to amortise the call, small enough to bound memory. */
const MAX_ROWS_PER_RUN = 8192;

/**
 * Loads the model (the embedded default unless told otherwise), the policy and the catalog once,
 * and returns a {@link Scorer}.
 *
 * @example
 * const scorer = await createScorer();
 * const decision = await scorer.decide(applicant);
 * decision.limit; // fen
 */
export async function createScorer(options?: ScorerOptions): Promise<Scorer>;
/** With a feature set declaring lender attributes: `decide` takes applicants carrying them, typed by the lender's schema. */
export async function createScorer<TAttributes, TAttributesInput>(
  options: ScorerOptionsWithFeatures<TAttributes, TAttributesInput> & { readonly features: FeatureSet<TAttributes, TAttributesInput> },
): Promise<Scorer<ApplicantInputWith<TAttributesInput>>>;
export async function createScorer(given: ScorerOptionsWithFeatures = {}): Promise<Scorer> {
  // Read by name: a misspelt `signingkey` or an option meant for another call would otherwise be
  // ignored, and decisions made unsigned or on the default policy without a word. Read once, into
  // a plain copy: a getter or Proxy in the options is refused by name, never thrown raw.
  const options: ScorerOptionsWithFeatures = readOptionsOrRefuse(given, SCORER_OPTION_KEYS, 'ScorerOptions') ?? {};
  // Checked before anything loads: `features: 42` failed later as a raw TypeError from the encoder.
  refuseArguments('ScorerOptions', [nullOptionIssues(options), featureSetIssue(['features'], options.features ?? undefined, true)]);
  if (options.challengers !== undefined) return createChampionChallengerScorer(options, createScorer, resolveScorerKeys(options));
  const keys = resolveScorerKeys(options);
  const features: FeatureSet = options.features ?? builtInFeatureSet;
  const parseApplicant = (input: unknown): Applicant => parseWithFeatures(input, features);
  const policy = resolvePolicyOptions(options);
  // A catalog the caller built by hand is validated and copied here (catalogOf): a kind it holds is
  // checked as resolveCatalog checks one, and a later edit of the caller's Map changes no decision.
  const catalog = options.catalog === undefined ? defaultCatalog : isCatalog(options.catalog) ? catalogOf(options.catalog) : resolveCatalog(options.catalog);
  refuseArguments('ScorerOptions', [suggestionCountIssues(options.suggestionsPerDecision, 'suggestionsPerDecision')]);
  const suggestionCount = options.suggestionsPerDecision ?? DEFAULT_SUGGESTION_COUNT;
  // Checked here, not at each decision: the floor is sealed into every decision (audit.minConfidence).
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (typeof minConfidence !== 'number' || !(minConfidence >= 0 && minConfidence <= 1)) {
    throw new ValidationError('ScorerOptions', [{ path: ['minConfidence'], code: 'out_of_range', message: 'minConfidence must be a number in [0, 1]' }]);
  }
  const explanations = options.explanations ?? 'always';
  if (explanations !== 'always' && explanations !== 'when_owed') {
    throw new ValidationError('ScorerOptions', [
      { path: ['explanations'], code: 'invalid_value', message: "explanations must be 'always' or 'when_owed'", received: String(explanations) },
    ]);
  }
  const pin = {
    ...(options.expectedSha256 === undefined ? {} : { expectedSha256: options.expectedSha256 }),
    ...(options.modelEvaluator === undefined ? {} : { evaluator: options.modelEvaluator }),
  };
  if (options.modelEvaluator !== undefined && isLoadedModel(options.model))
    throw new ValidationError('ScorerOptions', [
      {
        path: ['modelEvaluator'],
        code: 'invalid_value',
        message: 'modelEvaluator applies when the scorer loads the model; pass evaluator to loadModel instead',
      },
    ]);
  const model = isLoadedModel(options.model) ? options.model : await loadModel(checkModelOption(options.model) ?? defaultModelPath(), pin);
  if (isLoadedModel(options.model) && options.expectedSha256 !== undefined) checkSha256(model.sha256, options.expectedSha256);
  let encoder: ReturnType<typeof createFeatureEncoder>;
  try {
    encoder = createFeatureEncoder(model.manifest, features);
    // A model using data the jurisdiction bans (EU: social media, health) is refused before any decision.
    assertAllowedDataCategories(encoder.definitions, policy.jurisdiction);
  } catch (e) {
    // A model this call opened is released before the mismatch is reported; one passed in stays the caller's.
    if (!isLoadedModel(options.model)) await model.close();
    throw e;
  }
  const factors = encoder.definitions.map((d) => d.factor);
  const featureReasons = new Map<string, FeatureReasons>();
  for (const d of encoder.definitions) if (d.reasons !== undefined) featureReasons.set(d.name, d.reasons);
  const explainer = createTreeExplainer(model.ensemble);
  const ctx: EngineContext = {
    model,
    encoder,
    factors,
    featureReasons,
    explainer,
    policy,
    policyHash: policyHashOf(policy),
    catalog,
    catalogHash: catalogHash(catalog),
    // -0 is the floor 0 (a sealed -0 would read back as 0 and hash differently).
    minConfidence: minConfidence === 0 ? 0 : minConfidence,
    // Frozen: a decision that used no extra category carries this very list.
    dataCategories: Object.freeze(dataCategoriesUsed(encoder.definitions)),
    contributionSpace: options.contributionSpace ?? 'log_odds',
    explanations,
    suggestionCount,
    keys,
  };
  const whatIfCtx: EngineContext = { ...ctx, suggestionCount: catalog.size };
  const followUpCtx = { ...ctx, explainFollowUp: followUpExplainer(ctx, parseApplicant) };
  const partial = provenPartialEvaluator(model);
  const rowScorer: PlanRowScorer = {
    model,
    partial,
    width: encoder.width,
    evidenceColumns: evidenceColumns(encoder),
    // Only a model loadModel proved has a partial evaluator, and with it its evaluator info.
    smallRunRows: partial === undefined ? 0 : model.evaluator.maxRows,
  };

  // Closed, the scorer refuses every call alike: small runs need no session (the JS evaluator), so
  // without this decide() kept answering while a batch failed on the released session. Every
  // method checks it first, before its input: a bad request body after shutdown is scorer_closed
  // (503), not validation_failed (422).
  let closed = false;
  const checkOpen = (): void => {
    if (closed) throw new CreditliftError('scorer_closed', 'this scorer has been closed (close()); create another to decide');
  };

  async function run(c: EngineContext, plans: readonly DecisionPlan[], signal?: AbortSignal): Promise<(Decision | CreditliftError)[]> {
    checkOpen();
    const out: (Decision | CreditliftError)[] = [];
    let start = 0;
    while (start < plans.length) {
      throwIfAborted(signal);
      checkOpen();
      // Chunk by rows so a million-record stream never holds more than one chunk of features.
      let end = start;
      let nRows = 0;
      while (end < plans.length && (end === start || nRows + planRowsInAll(plans[end] as DecisionPlan) <= MAX_ROWS_PER_RUN)) {
        nRows += planRowsInAll(plans[end] as DecisionPlan);
        end++;
      }
      const chunk = plans.slice(start, end);
      const { rows, firstRows, failures, nRows: chunkRows } = encodePlans(chunk, encoder);
      // onnxruntime-node 1.30 does not overlap with this thread (its native run executes
      // synchronously inside a setImmediate on the JavaScript thread), so nothing is gained by
      // starting TreeSHAP before awaiting it; each call pays an event-loop turn.
      // Duplicate counterfactual rows scored once, the others by re-walking only the trees their
      // evidence columns reach (when the float32 evaluator was proved): the bits predict gives.
      const pds = await scorePlanRows(rowScorer, chunk, rows, firstRows, chunkRows);
      const w = encoder.width;
      throwIfAborted(signal);
      checkOpen();
      // The policy runs first; then the main rows of the decisions to explain (every one, or with
      // `when_owed` those owing reasons) go to the explainer as one block, tree by tree across it.
      const settled: (SettledDecision | CreditliftError)[] = [];
      const explained: number[] = [];
      for (let i = start; i < end; i++) {
        const k = i - start;
        // A plan whose rows could not be written (its rows were scored as they stood, and are dropped here).
        if (failures.has(k)) {
          settled.push(asCreditliftError(failures.get(k)));
          continue;
        }
        try {
          const s = settleDecision(c, plans[i] as DecisionPlan, pds, firstRows[k] as number);
          if (c.explanations === 'always' || s.owesReasons) explained.push(k);
          settled.push(s);
        } catch (e) {
          settled.push(asCreditliftError(e));
        }
      }
      // A decision's what-ifs preview the upload to it: their rows are the reassessment that
      // uploads them, whose line on file is the decision's own, so they are scored once the
      // decisions have settled, in one more run for the chunk.
      const uploads = scoreUploads(settled, signal);
      const block = new Float32Array(explained.length * w);
      explained.forEach((k, j) => {
        const r0 = firstRows[k] as number;
        block.set(rows.subarray(r0 * w, r0 * w + w), j * w);
      });
      let shaps: Float64Array | CreditliftError;
      try {
        shaps = explained.length === 0 ? new Float64Array(0) : explainer.shapBatch(block, explained.length);
      } catch (e) {
        shaps = asCreditliftError(e);
      }
      const { pds: uploadPds, firstRows: uploadRows, failures: uploadFailures } = await uploads;
      throwIfAborted(signal);
      checkOpen();
      let j = 0;
      for (let k = 0; k < settled.length; k++) {
        const s = settled[k] as SettledDecision | CreditliftError;
        if (s instanceof CreditliftError) {
          out.push(s);
          continue;
        }
        try {
          const failed = uploadFailures.get(k);
          if (failed !== undefined) throw failed;
          const upRow = uploadRows[k] ?? 0;
          if (c.explanations !== 'always' && !s.owesReasons) out.push(s.finish(null, uploadPds, upRow));
          else {
            const at = j++;
            if (shaps instanceof CreditliftError) throw shaps;
            out.push(s.finish(shaps.subarray(at * (w + 1), (at + 1) * (w + 1)), uploadPds, upRow));
          }
        } catch (e) {
          out.push(asCreditliftError(e));
        }
      }
      start = end;
    }
    return out;
  }

  /**
   * The PDs of the upload plans of settled decisions (see `SettledDecision.upload`), in one block:
   * where each decision's rows start (by its index in `settled`), and the plans whose rows could not
   * be written (a lender feature that throws), whose decisions fail alone.
   */
  async function scoreUploads(
    settled: readonly (SettledDecision | CreditliftError)[],
    signal: AbortSignal | undefined,
  ): Promise<{ pds: Float32Array; firstRows: (number | undefined)[]; failures: Map<number, CreditliftError> }> {
    const plans: DecisionPlan[] = [];
    const owners: number[] = [];
    settled.forEach((s, k) => {
      if (!(s instanceof CreditliftError) && s.upload !== null) {
        plans.push(s.upload);
        owners.push(k);
      }
    });
    const firstRows: (number | undefined)[] = [];
    const failures = new Map<number, CreditliftError>();
    if (plans.length === 0) return { pds: new Float32Array(0), firstRows, failures };
    throwIfAborted(signal);
    const encoded = encodePlans(plans, encoder);
    const pds = await scorePlanRows(rowScorer, plans, encoded.rows, encoded.firstRows, encoded.nRows);
    owners.forEach((k, i) => {
      firstRows[k] = encoded.firstRows[i];
      const failed = encoded.failures.get(i);
      if (failed !== undefined) failures.set(k, asCreditliftError(failed));
    });
    return { pds, firstRows, failures };
  }

  async function one(c: EngineContext, plan: DecisionPlan, signal: AbortSignal | undefined): Promise<Decision> {
    const [d] = await run(c, [plan], signal);
    if (d instanceof Error) throw d;
    return d as Decision;
  }

  /**
   * The context a deciding call decides in: the scorer's, or with the call's own count of what-if
   * previews (already checked), which the decision seals in its input hash as a scorer built with
   * that count would.
   */
  function contextOf(opts: Pick<DecideOptions, 'suggestions'> | undefined): EngineContext {
    const n = opts?.suggestions;
    return n === undefined || n === ctx.suggestionCount ? ctx : { ...ctx, suggestionCount: n };
  }

  async function decide(input: ApplicantInput, given?: DecideOptions): Promise<Decision> {
    checkOpen();
    const opts = readCallOptions(given, DECIDE_OPTION_KEYS, 'decide options');
    throwIfAborted(opts?.signal);
    const { applicant, limitHistory } = parseDecisionInput(parseApplicant, () => input, { given: opts?.limitHistory });
    const c = contextOf(opts);
    return one(c, planDecision(c, applicant, { suggestions: c.suggestionCount > 0, previews: 'upload', limitHistory }), opts?.signal);
  }

  // decideBatch and safeDecideBatch: every record is validated here, so one body serves both.
  async function decideMany(inputs: readonly unknown[], given?: BatchDecideOptions): Promise<BatchResult[]> {
    checkOpen();
    const opts = readCallOptions(given, BATCH_OPTION_KEYS, 'decideBatch options');
    throwIfAborted(opts?.signal);
    if (!Array.isArray(inputs))
      throw new ValidationError('decideBatch input', [{ path: [], code: 'invalid_type', message: 'expected an array of applicants', expected: 'array' }]);
    // The call's ledger is refused as a whole when it is not one; its dates are each record's.
    const shared = { parsed: parseLimitHistory(opts?.limitHistory) };
    const own = checkLimitHistories(opts?.limitHistories, inputs.length);
    const c = contextOf(opts);
    const results: BatchResult[] = new Array(inputs.length);
    const plans: DecisionPlan[] = [];
    const planIndex: number[] = [];
    // An index loop, not forEach: a hole or a throwing element is that record's own error.
    for (let index = 0; index < inputs.length; index++) {
      try {
        const ledger = own?.[index] === undefined ? shared : { given: own[index] };
        const { applicant, limitHistory } = parseDecisionInput(parseApplicant, () => readBatchElement(inputs, index), ledger);
        plans.push(planDecision(c, applicant, { suggestions: c.suggestionCount > 0, previews: 'upload', limitHistory }));
        planIndex.push(index);
      } catch (e) {
        results[index] = { ok: false, index, error: toErrorData(e) };
      }
    }
    const decided = await run(c, plans, opts?.signal);
    decided.forEach((d, k) => {
      const index = planIndex[k] as number;
      results[index] = d instanceof Error ? { ok: false, index, error: toErrorData(d) } : { ok: true, index, decision: d };
    });
    return results;
  }

  return {
    model: Object.freeze({ id: model.id, sha256: model.sha256, unseenCategories: encoder.uncodedCategories }),
    policy,
    // The specs are deep-frozen by resolveCatalog; the list is a frozen copy, so the scorer's own catalog cannot be edited through it.
    certificateKinds: Object.freeze([...catalog.values()].filter((k) => !policy.jurisdiction.bannedDataCategories.includes(kindDataCategory(k)))),
    bannedCertificateKinds: Object.freeze([...catalog.values()].filter((k) => policy.jurisdiction.bannedDataCategories.includes(kindDataCategory(k)))),
    catalogHash: ctx.catalogHash,
    minConfidence: ctx.minConfidence,
    decide,
    async safeDecide(input, opts) {
      try {
        // decide validates at run time whatever the static type says.
        return { ok: true, decision: await decide(input as ApplicantInput, opts) };
      } catch (e) {
        return { ok: false, error: asCreditliftError(e) };
      }
    },
    decideBatch: (inputs, opts) => decideMany(inputs, opts),
    safeDecideBatch: (inputs, opts) => decideMany(inputs, opts),
    async reassess(priorInput, update, given) {
      checkOpen();
      const opts = readCallOptions(given, REASSESS_OPTION_KEYS, 'reassess options');
      throwIfAborted(opts?.signal);
      const { base, evidence, asOf, balanceGiven } = parseReassessmentUpdate(update, parseApplicant);
      const prior = verifyPrior(priorInput, keys, { ...base, asOf });
      // The engine keeps no state: only the lender's store knows the line's latest decision. A prior
      // older than it would lose what came after (the customer's own cap, a person's review).
      requireLatestPrior(prior, opts, policy.limits.roundingStep, 'reassess options');
      // The line on file is the one the prior left (a referral's proposal granted nothing); new
      // evidence is appended after what was held. The customer's cap in force after the prior
      // (`controls.selfSetCap`: a reduction's, or the profile's then) holds until the customer clears
      // it, which a profile without it does not say: kept for one reassessment only, a reduction was
      // undone by the one after. The profile may only lower it; a cap the customer clears is cleared
      // by deciding again (`decide`) on the profile without it.
      const priorCap = prior.controls.selfSetCap;
      const profileCap = base.controls.selfSetCap ?? null;
      const selfSetCap = priorCap === null ? profileCap : profileCap === null ? priorCap : Math.min(profileCap, priorCap);
      // A customer's request for a person (PIPL Art. 24: a pending review, or a contest) holds
      // until a person decides (`recordReview`) or the customer withdraws it, which only an
      // explicit `controls.humanReview: false` in the update says: a profile that does not repeat
      // the request dropped it, and the next upload was approved by the model alone.
      const awaitingPerson = prior.review?.status === 'pending' || prior.review?.status === 'contested';
      const humanReview = base.controls.humanReview ?? (awaitingPerson ? true : undefined);
      // The balance owed the prior noted (above the limit it tested, or read by the model at its cap)
      // is still owed until the update says what is owed now, as a reduction keeps it: a profile
      // leaving `platform.currentBalance` out (a store that does not keep it) is read as 0 by the
      // schema, and the line the rule held was approved one step later as if the debt were gone.
      // A balance given, 0 included, is the account's figure today.
      const noted = prior.affordability.balanceOwed?.amount;
      const currentBalance = !balanceGiven && noted !== undefined ? noted : base.platform.currentBalance;
      const applicant: Applicant = parseApplicant({
        ...base,
        asOf,
        controls: { ...base.controls, ...(selfSetCap === null ? {} : { selfSetCap }), ...(humanReview === undefined ? {} : { humanReview }) },
        platform: { ...base.platform, currentLimit: lineOnFileAfter(prior, policy.limits.roundingStep), currentBalance },
        evidence: [...base.evidence, ...evidence],
      });
      const c = contextOf(opts);
      return one(
        c,
        planDecision(c, applicant, {
          suggestions: c.suggestionCount > 0,
          previews: 'upload',
          limitHistory: prior.limitHistory,
          prior,
          newEvidenceFrom: base.evidence.length,
        }),
        opts?.signal,
      );
    },
    async suggest(input, given) {
      checkOpen();
      const opts = readCallOptions(given, SUGGEST_OPTION_KEYS, 'suggest options', (read) =>
        isSuggestionTop(read?.top ?? 5) ? [] : [{ path: ['top'], code: 'out_of_range', message: 'top must be an integer in [1, 100]' }],
      );
      const top = opts?.top ?? 5;
      throwIfAborted(opts?.signal);
      const { applicant, limitHistory } = parseDecisionInput(parseApplicant, () => input, { given: opts?.limitHistory });
      const d = await one({ ...whatIfCtx, suggestionCount: top }, planDecision(whatIfCtx, applicant, { suggestions: true, limitHistory }), opts?.signal);
      return d.suggestions;
    },
    requestReduction(priorInput, amount, opts) {
      checkOpen();
      const prior = verifyPrior(priorInput, keys);
      const amt = Fen.safeParse(amount);
      if (!amt.success) throw ValidationError.fromZod('reduction amount', amt.error);
      return reduceLine(prior, amt.data, { policy, keys, policyHash: ctx.policyHash, explainFollowUp: followUpCtx.explainFollowUp }, opts);
    },
    recordReview(priorInput, review, opts) {
      checkOpen();
      return recordReview(priorInput, review, followUpCtx, opts);
    },
    recordContest(priorInput, contest, opts) {
      checkOpen();
      return recordContest(priorInput, contest, followUpCtx, opts);
    },
    async close() {
      closed = true;
      // A model passed in stays the caller's, as on the failure path above: a lender building a
      // scorer per policy version on one loaded model retires one without breaking the others.
      if (!isLoadedModel(options.model)) await model.close();
    },
  };
}

/**
 * The policy {@link ScorerOptions} stand for, never a guess: `policy` is validated as complete,
 * `policyOverrides` are merged into the default, and giving both is refused.
 */
export function resolvePolicyOptions(options: ScorerOptions): PolicyConfig {
  const { policy, policyOverrides } = options;
  if (policy !== undefined && policyOverrides !== undefined) {
    throw new ValidationError('ScorerOptions', [{ path: ['policyOverrides'], code: 'custom', message: 'give policy (complete) or policyOverrides, not both' }]);
  }
  if (policy !== undefined) return validatePolicy(policy);
  if (policyOverrides !== undefined) return resolvePolicy(policyOverrides);
  // Validated like any other (a cached lookup after the first): the run loop trusts ctx.policy.
  return validatePolicy(defaultPolicy);
}

/** A `suggest` call's `top`: how many what-if previews, 1 to 100. */
function isSuggestionTop(top: unknown): top is number {
  return Number.isInteger(top) && (top as number) >= 1 && (top as number) <= 100;
}

function isCatalog(c: unknown): c is Catalog {
  return c instanceof Map;
}

/** The model option as a path or bytes; anything else (a number, a plain object) is a typed load failure, not a TypeError. */
function checkModelOption(m: unknown): string | Uint8Array | undefined {
  if (m === undefined || typeof m === 'string' || m instanceof Uint8Array) return m;
  const got = m === null ? 'null' : Array.isArray(m) ? 'an array' : typeof m === 'object' ? 'an object that is not a LoadedModel' : `a ${typeof m}`;
  throw new CreditliftError('model_load_failed', `The model option must be a file path, the model's bytes (Uint8Array) or a model from loadModel; got ${got}`);
}

function isLoadedModel(m: unknown): m is LoadedModel {
  return typeof m === 'object' && m !== null && !(m instanceof Uint8Array) && 'predict' in m && 'manifest' in m;
}

/** Any thrown value as a CreditliftError (`internal_error` unless it is one). */
function asCreditliftError(e: unknown): CreditliftError {
  return e instanceof CreditliftError ? e : new CreditliftError('internal_error', e instanceof Error ? e.message : String(e), { cause: e });
}
