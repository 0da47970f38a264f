import { z } from 'zod';
import { CertificateCategory } from '../catalog/certificateKindSpec.js';
import { evidenceReasonCodes } from '../evidence/evidenceReasons.js';
import type { EvidenceReasonCode } from '../evidence/evidenceAssessment.js';
import { factorCatalog } from '../explain/factorCatalog.js';
import type { FeatureFactor } from '../features/featureDefinitions.js';
import { BINDING_PRIORITY } from '../policy/limit.js';
import { policyReasons, type PolicyReasonCode } from '../policy/policyReasons.js';
import { LimitChange } from '../policy/stepLimit.js';
import { VerificationMethod } from '../schema/certificateEvidence.js';
import { IsoDate } from '../schema/primitives.js';
import { LOWER_LIMIT_REASON_CODES } from '../health/recommendLowerLimit.js';

// The one schema of a Decision. Every type below is inferred from it (never written twice), a
// prior decision is parsed with it before anything trusts it, and `decisionJsonSchema()` exports
// it. Adding a field to Decision means adding it here, once. Objects are strict: a field this
// version does not know is refused rather than dropped.

const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const signedFen = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const finite = z.number().finite();
const probability = z.number().min(0).max(1);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected lowercase hex SHA-256');
const text = z.strictObject({ en: z.string(), zhHans: z.string() }).readonly();
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const enumOf = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]]);

const PolicyReasonCodeSchema = enumOf(Object.keys(policyReasons) as PolicyReasonCode[]);
const FactorSchema = enumOf(Object.keys(factorCatalog) as FeatureFactor[]);
const EvidenceReasonCodeSchema = enumOf(evidenceReasonCodes as EvidenceReasonCode[]);

/**
 * What set a decision's limit: the lowest cap (`risk`, `affordability`, `regulatory`,
 * `product_max`, `self_cap`, `requested`), `step_limit` when a step limit on raising an existing
 * line (`platform.currentLimit`) held an increase back, on a first decision or a reassessment, `knockout` on a knock-out decline, `product_minimum` when no limit reaches the
 * product minimum, `line_on_file` when a reassessment holds an existing line that is above
 * what may be granted today (or a reduction leaves a line held, lowered or not), and `person` when a person on review set the limit below what the
 * policy granted (`recordReview`: approved or proposed less than `maxGrantable`).
 */
export const DecisionLimitSetBy = enumOf([...BINDING_PRIORITY, 'step_limit', 'knockout', 'product_minimum', 'line_on_file', 'person'] as const);
/** See {@link DecisionLimitSetBy}. */
export type DecisionLimitSetBy = z.infer<typeof DecisionLimitSetBy>;

/**
 * What the lender should do with the customer's line after this decision:
 * - `open`: no line before; open one at `limit`.
 * - `raise`: raise the line on file to `limit`.
 * - `keep`: the line on file stays as it is (`limit === previousLimit`).
 * - `lower`: lower the line on file to `limit`: from `decide` when the policy today supports
 *   less than the line on file (apply it under your terms, with notice), or at the customer's
 *   request (`requestReduction`, or their own cap).
 * - `close`: from `decide` on an existing customer the policy now declines.
 * - `hold`: a reassessment found the line on file above what may be granted today (`maxGrantable`):
 *   the line stays as it is, is never raised, and goes to a person (`outcome: 'refer'`); a customer's
 *   reduction that leaves it still above holds it at the lowered line (`limit`).
 * - `review`: `outcome: 'refer'`: a person decides on the proposed `limit`; until then no new
 *   line is opened and an existing one stays as it is (`previousLimit`), or at the customer's own
 *   cap when a reduction lowered it while the proposal waits (see `lineOnFileAfter`).
 * - `none`: a new applicant declined: no line.
 */
export const LineAction = z.enum(['open', 'raise', 'keep', 'lower', 'close', 'hold', 'review', 'none']);
/** See {@link LineAction}. */
export type LineAction = z.infer<typeof LineAction>;

/** One evidence item as a decision reports it: the assessment, with the credential named by a keyed reference, never its number. */
export const DecisionEvidence = z
  .strictObject({
    index: z.number().int().min(0),
    kind: z.string(),
    category: CertificateCategory.optional(),
    status: z.enum(['accepted', 'rejected']),
    reasons: list(EvidenceReasonCodeSchema),
    strength: probability,
    scaleValue: probability.optional(),
    /** HMAC of the credential under the scorer's personal-data key; null when no key was given. */
    credentialRef: z.string().nullable(),
  })
  .readonly();
/** See {@link DecisionEvidence}. */
export type DecisionEvidence = z.infer<typeof DecisionEvidence>;

/**
 * What one accepted certificate did to this decision, found by re-deciding without exactly that
 * certificate, everything else as given. Later uploads rejected only as copies of it (the same
 * document or certificate number) are then nobody's copies and are assessed on their own: so a
 * certificate whose copies were stronger than it, or whose copies made the decision a referral
 * (`duplicate_evidence`), shows a negative `pdReduction` or an `outcomeWithout` other than the
 * decision's.
 */
export const CertificateImpact = z
  .strictObject({
    /** Position in `applicant.evidence`. */
    index: z.number().int().min(0),
    kind: z.string(),
    credentialRef: z.string().nullable(),
    /** PD without the certificate minus PD with it (> 0: it lowered the risk by this much; < 0: it raised it). */
    pdReduction: finite,
    /** Limit with the certificate minus limit without it, fen. */
    limitGain: signedFen,
    /** The limit re-deciding without it gives, fen. */
    limitWithout: fen,
    /**
     * The outcome re-deciding without it gives. Absent on a decision this version made before the
     * field was added, which did not say.
     */
    outcomeWithout: z.enum(['approve', 'refer', 'decline']).optional(),
  })
  .readonly();
/** See {@link CertificateImpact}. */
export type CertificateImpact = z.infer<typeof CertificateImpact>;

/** A certificate the applicant does not hold yet, with what it would do if verified at a typical value. */
export const EvidenceSuggestion = z
  .strictObject({
    kind: z.string(),
    category: z.string(),
    names: text,
    /**
     * The certificate the preview assumes: the kind's typical result ("IELTS 6.5"), issued on
     * `issueDate` (the decision's own date: a certificate the customer already holds was issued
     * earlier, and one of a kind that fades counts for less, one of a kind that expires may have
     * expired, so it can fall short of `limit`), verified by `verification` (the kind's first
     * accepted method at `WHAT_IF_CONFIDENCE`). `issueDate` and `verification` are absent on a
     * decision this version made before they were added, which assumed the same without saying.
     */
    assumed: z
      .strictObject({
        score: finite.optional(),
        level: z.string().optional(),
        issueDate: IsoDate.optional(),
        verification: z.strictObject({ method: VerificationMethod, confidence: probability }).readonly().optional(),
      })
      .readonly(),
    /**
     * `assumed` in words for the customer, both languages: the result, the issue date the limit is
     * for, and what an older one of the kind does (fades, expires). Absent on a decision this
     * version made before it was added.
     */
    assumption: text.optional(),
    /**
     * The limit it leads to, fen, under every cap and affordability check (at most today's healthy
     * limit, or today's limit if higher): in a decision, what uploading it to that decision
     * (`reassess`, on its date) gives; from `suggest`, what deciding again with it gives.
     */
    limit: fen,
    /** `limit` minus the current decision's limit, fen. */
    limitGain: signedFen,
    /** The outcome it leads to: `refer` only proposes `limit` to a person, who decides. */
    outcome: z.enum(['approve', 'refer']),
    pd: probability,
  })
  .readonly();
/** See {@link EvidenceSuggestion}. */
export type EvidenceSuggestion = z.infer<typeof EvidenceSuggestion>;

/** The suggestions block: ranked gains, or the constraint that no evidence can move. */
export const EvidenceSuggestions = z
  .strictObject({
    items: list(EvidenceSuggestion),
    /**
     * When no evidence can raise the limit: what binds instead (affordability, a cap, ...);
     * `human_review` on a review or contest, which previews nothing (the reassessment after it does).
     */
    blockedBy: z.union([DecisionLimitSetBy, z.enum(['decline', 'financial_health', 'human_review'])]).nullable(),
    note: text.nullable(),
  })
  .readonly();
/** See {@link EvidenceSuggestions}. */
export type EvidenceSuggestions = z.infer<typeof EvidenceSuggestions>;

/**
 * A certificate the prior decision accepted that a reassessment no longer counts: `expired` (valid
 * through `validThrough`, inclusive), `not_in_update` (the updated profile and the new uploads do not
 * hold it), or `rejected` for another reason (`reasons`, as the evidence item of the reassessment
 * gives them). `index`, `kind` and `credentialRef` are the prior's evidence item's. Matched by
 * `credentialRef` where both decisions carry one, else by kind (a renewed certificate of the kind
 * that is accepted stands for the old one).
 */
export const EvidenceNoLongerCounted = z
  .strictObject({
    index: z.number().int().min(0),
    kind: z.string(),
    credentialRef: z.string().nullable(),
    why: z.enum(['expired', 'not_in_update', 'rejected']),
    validThrough: IsoDate.optional(),
    reasons: list(EvidenceReasonCodeSchema).optional(),
  })
  .readonly();
/** See {@link EvidenceNoLongerCounted}. */
export type EvidenceNoLongerCounted = z.infer<typeof EvidenceNoLongerCounted>;

/** For a reassessment or reduction: how the limit moved and which new evidence moved it. */
export const LimitMovement = z
  .strictObject({
    /** The limit before. */
    from: fen,
    /** What re-deciding without any of the new evidence gives (other data may have moved too). */
    withoutNewEvidence: fen,
    to: fen,
    /** In the order the evidence was added; each gain is measured after the ones before it, so the gains sum to `to - withoutNewEvidence`. */
    byEvidence: list(
      z.strictObject({ index: z.number().int().min(0), kind: z.string(), credentialRef: z.string().nullable(), limitGain: signedFen }).readonly(),
    ),
    /** Set when a reassessment step limit held the increase back. */
    stepLimited: z.boolean(),
    /**
     * On a reassessment, each certificate the prior decision accepted that no longer counts (see
     * {@link EvidenceNoLongerCounted}), in the prior's order. Absent when every one still counts, so
     * a reassessment where nothing lapsed keeps its bytes.
     */
    evidenceNoLongerCounted: list(EvidenceNoLongerCounted).optional(),
  })
  .readonly();
/** See {@link LimitMovement}. */
export type LimitMovement = z.infer<typeof LimitMovement>;

/** One principal reason (see `principalReasons`). */
export const PrincipalReasonSchema = z
  .strictObject({
    code: z.string(),
    source: z.enum(['policy', 'model']),
    factor: z.string(),
    en: z.string(),
    zhHans: z.string(),
    contribution: finite.optional(),
  })
  .readonly();

const AffordabilityCheckSchema = z
  .strictObject({
    id: z.enum(['income_level', 'debt_service', 'residual_income']),
    value: signedFen,
    threshold: signedFen,
    comparison: z.enum(['at_least', 'at_most']),
    pass: z.boolean(),
    unit: z.literal('fen_per_month'),
    label: text,
  })
  .readonly();

/** One plan offered on the line with its comprehensive annualised cost (see `offeredPlans`). */
export const OfferedPlanSchema = z
  .strictObject({
    /** `revolving`: the line billed by the daily rate; `instalment`: a fixed plan of equal monthly instalments. */
    kind: z.enum(['revolving', 'instalment']),
    /** Number of monthly instalments; null for the revolving line. */
    months: z.number().int().min(1).nullable(),
    /** The billed daily rate (revolving) or null (instalment plans charge a plan fee instead). */
    dailyRate: finite.nullable(),
    /** Plan fee as a share of the principal (instalment), 0 on the revolving line. */
    feeRate: finite,
    /** Comprehensive annualised cost, nominal (12 x monthly IRR), every fee included: the figure disclosed and capped. */
    comprehensiveApr: finite,
    /** Effective annual rate of the same cash flows, `(1 + IRR)^12 - 1`. */
    effectiveAnnualRate: finite,
  })
  .readonly();

/**
 * Human involvement in a decision (PIPL Art. 24; EU CCD2 Art. 18): a customer's request that no
 * decision be made solely by automated means, a reviewer's decision, or a customer's contest.
 * Names a reviewer ROLE only, never a person.
 */
export const DecisionReview = z
  .strictObject({
    /** `pending`: a person has yet to decide; `reviewed`: a person decided this decision; `contested`: the customer contested and a person will review. */
    status: z.enum(['pending', 'reviewed', 'contested']),
    /** The terms the automated policy proposed, kept for the reviewer. */
    proposed: z.strictObject({ outcome: z.enum(['approve', 'refer', 'decline']), limit: fen }).readonly(),
    /** The decision reviewed or contested (its `audit.decisionId`); null on the automated decision itself. */
    automatedDecisionId: z.string().nullable(),
    /** Role of the reviewer, e.g. `credit_officer` (no personal data); null until a person decided. */
    reviewerRole: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/)
      .nullable(),
    /** The reviewer's note for the file. */
    note: z.string().max(1000).nullable(),
    /** The customer's point of view and any new facts, on a contest. */
    contest: z
      .strictObject({ statement: z.string().min(1).max(2000), newFacts: list(z.string().min(1).max(500)) })
      .readonly()
      .nullable(),
  })
  .readonly();
/** See {@link DecisionReview}. */
export type DecisionReview = z.infer<typeof DecisionReview>;

const LowerLimitOfferSchema = z
  .strictObject({
    offer: z.boolean(),
    reasonCode: z.enum(LOWER_LIMIT_REASON_CODES),
    currentLimit: fen,
    recommendedLimit: fen,
    reduction: fen,
    basis: z.enum(['healthy_limit', 'spare_income', 'gradual_step', 'product_minimum']).nullable(),
    explanation: text,
  })
  .readonly();

/**
 * What makes a decision reproducible, accountable and verifiable. Holds no personal data beyond the
 * caller's own applicant id: the input and the subject appear only as hashes (HMACs under the
 * scorer's personal-data key when one is given).
 */
export const DecisionAudit = z
  .strictObject({
    /** Deterministic: the same inputs, model, policy, version and key give the same id. */
    decisionId: z.string().regex(/^dec_[0-9a-f]{32}$/),
    applicantId: z.string(),
    asOf: IsoDate,
    /** Model name@version from its manifest. */
    modelId: z.string(),
    /** SHA-256 of the ONNX file's bytes. */
    modelSha256: sha256,
    /** SHA-256 of the canonical JSON of the policy in force. */
    policyHash: sha256,
    /** SHA-256 of the canonical JSON of the catalog in force. */
    catalogHash: sha256,
    /**
     * The verifier-confidence floor evidence was assessed under (the scorer's `minConfidence`), when
     * it is not the default 0.6 (`DEFAULT_MIN_CONFIDENCE`); absent: the default. A follow-up
     * (reduction, review, contest) names its prior's, as it names its prior's policy and catalog.
     */
    minConfidence: z.number().min(0).max(1).optional(),
    /** How `inputHash`, `subjectHash` and `decisionId` were made: plain SHA-256, or HMAC-SHA-256 under the personal-data key. */
    hashing: z.enum(['sha256', 'hmac-sha256']),
    /**
     * Hash of the decision's input: the validated applicant, the ledger it was decided with and the
     * scorer settings that change the output (README, "What inputHash hashes"). A follow-up hashes
     * only its own input (the person's review, the amount asked).
     */
    inputHash: sha256,
    /** Hash of the applicant's `identity.idHash`: lets a later reassessment check the prior is this person's. */
    subjectHash: sha256,
    /** creditlift package version. */
    engineVersion: z.string(),
    /** What produced it: a first decision, a reassessment, a customer's reduction, a person's review or a customer's contest. */
    kind: z.enum(['decide', 'reassess', 'reduction', 'review', 'contest']),
    /** For reassessments, reductions, reviews and contests: the decision it followed. */
    priorDecisionId: z.string().optional(),
    /**
     * For reductions, reviews and contests: the `inputHash` of the decide or reassess decision their
     * model factors come from (they hash only their own input). A later follow-up that owes reasons
     * for a chain whose factors were omitted checks the applicant against it to compute them again.
     */
    originInputHash: sha256.optional(),
    /** The champion/challenger arm that decided ("champion" or a challenger's name), when the scorer runs challengers; sealed with the rest. */
    arm: z.string().optional(),
    /** SHA-256 of the canonical JSON of the whole decision without `contentHash` and `signature`. */
    contentHash: sha256,
    /** HMAC-SHA-256 under the scorer's signing key of the canonical JSON of the decision without `signature`; absent when unsigned. */
    signature: sha256.optional(),
  })
  .readonly();
/** See {@link DecisionAudit}. */
export type DecisionAudit = z.infer<typeof DecisionAudit>;

/**
 * A challenger's decision for the same applicant, attached in shadow mode for logging only: it
 * never changes the decision it is attached to. `error` when the challenger refused the record.
 */
export const ShadowDecision = z.union([
  z
    .strictObject({
      arm: z.string(),
      outcome: z.enum(['approve', 'refer', 'decline']),
      limit: fen,
      apr: finite,
      pd: probability,
      grade: z.string(),
      bindingConstraint: DecisionLimitSetBy,
      decisionId: z.string(),
      modelId: z.string(),
      policyHash: sha256,
    })
    .readonly(),
  z.strictObject({ arm: z.string(), error: z.strictObject({ code: z.string(), message: z.string() }).readonly() }).readonly(),
]);
/** See {@link ShadowDecision}. */
export type ShadowDecision = z.infer<typeof ShadowDecision>;

/**
 * A limit recommendation a lender can act on and a customer can understand: the output schema.
 * Plain data: it serialises to JSON and back without loss, and parses back with this schema.
 */
export const Decision = z
  .strictObject({
    applicantId: z.string(),
    asOf: IsoDate,
    outcome: z.enum(['approve', 'refer', 'decline']),
    /** The limit granted (approve), proposed for review (refer) or held (`lineAction: 'hold'`); 0 on decline. Fen. */
    limit: fen,
    /** What the lender does with the line; see {@link LineAction}. */
    lineAction: LineAction,
    /** The most the policy grants today under every cap, affordability and step limit, fen; 0 when it grants nothing. */
    maxGrantable: fen,
    /** The line before this decision (`platform.currentLimit`, or the prior decision's limit). Fen. */
    previousLimit: fen,
    /** The limit asked for, when asked. Fen. */
    requestedLimit: fen.nullable(),
    /**
     * The disclosed APR: the revolving line's comprehensive annualised cost, every fee included;
     * `dailyRate x 365` exactly when the policy charges no fee on the line.
     */
    apr: finite,
    /** The billed daily rate: the billing authority, on the product's grid; `dailyRate x 365` never exceeds the cap. */
    dailyRate: finite,
    /** The daily rate as the product shows it, e.g. "0.0500%"; exactly `dailyRate` (it is on the product's grid). */
    dailyRateText: z.string(),
    /**
     * Every plan offered on the line (revolving at the billed daily rate, then each instalment
     * plan) with its comprehensive annualised cost (IRR, every fee included), each at or under the
     * cap in force.
     */
    plans: list(OfferedPlanSchema),
    /** Categories of personal data the model and the policy used for this decision (`DataCategory` names, or a lender feature's own category). */
    dataCategories: list(z.string()),
    /** Human involvement, when asked for, recorded or contested; null for a solely automated decision. */
    review: DecisionReview.nullable(),
    /** Model's 12-month probability of default. */
    pd: probability,
    grade: z.string(),
    /** What set the limit; see {@link DecisionLimitSetBy}. */
    bindingConstraint: DecisionLimitSetBy,
    /** Every cap's value (fen; null when the customer set none, the policy sets no lender cap, or the jurisdiction has no regulatory cap). */
    caps: z
      .strictObject({
        risk: fen,
        affordability: fen,
        regulatory: fen.nullable(),
        lender_cap: fen.nullable(),
        product_max: fen,
        self_cap: fen.nullable(),
        requested: fen.nullable(),
      })
      .readonly(),
    /** Affordability: every check with value, threshold and pass, at `limit`. */
    affordability: z
      .strictObject({
        /**
         * The limit the checks (and `monthlyPayment`) were run at, fen: the decision's `limit` when it
         * sets one; on a decline, the one the policy tested: the product minimum when the limit fell
         * below it, the composed limit when a knock-out declined (what the line would have cost).
         * Absent on a decision this version made before the field was added, which did not say (a
         * decision of the released 0.1.0 is not read at all: see README "Upgrading from 0.1.0").
         */
        limit: fen.optional(),
        pass: z.boolean(),
        /** The payment the checks test: the line's on the dearest way of repaying it over the policy term that it offers (`paymentPlan`). */
        monthlyPayment: fen,
        /**
         * Which repayment `monthlyPayment` is: the revolving line repaid over the policy term
         * (`months`) at the offered APR, or the instalment plan of `months` instalments, whichever
         * costs more a month among the revolving line and the plans of at least the term (a shorter
         * plan is the customer repaying faster). Absent on a decision this version made before the
         * field was added, which tested the revolving line alone.
         */
        paymentPlan: z
          .strictObject({ kind: z.enum(['revolving', 'instalment']), months: z.number().int().min(1) })
          .readonly()
          .optional(),
        capacity: fen,
        checks: list(AffordabilityCheckSchema),
        /**
         * The balance owed on this line (`platform.currentBalance`), present only when there is
         * something to say about it: above the limit tested (`aboveLimit`: `monthlyPayment` is then
         * the balance's repayment, and the checks test it), or more than the model's utilisation
         * feature reads (`utilizationCapped`: over 10 times the line on file, or any balance on a
         * line at 0). `note` says which, naming the field, in both languages. Absent on a decision
         * made before the field was added, which tested the limit alone.
         */
        balanceOwed: z.strictObject({ amount: fen, aboveLimit: z.boolean(), utilizationCapped: z.boolean(), note: text }).readonly().optional(),
      })
      .readonly(),
    /** Every evidence item assessed. */
    evidence: list(DecisionEvidence),
    /** Policy reason codes in force (knock-outs, refers, binding cap, step limits, a held line). */
    policyReasons: list(PolicyReasonCodeSchema),
    /** One to four principal reasons whenever the outcome is not approve or the limit is below the request or the line on file; else none. */
    reasons: list(PrincipalReasonSchema),
    /** Model factors that moved the PD, largest risk-raising first. */
    contributions: z
      .strictObject({
        space: z.enum(['log_odds', 'probability']),
        /** The average applicant's score the factors are measured from. */
        baseline: finite,
        factors: list(
          z
            .strictObject({
              factor: FactorSchema,
              label: text,
              value: finite,
              features: list(z.strictObject({ name: z.string(), value: finite }).readonly()),
            })
            .readonly(),
        ),
        /**
         * Present only on a decision made with `explanations: 'when_owed'` that owes no reasons (or,
         * for a customer's reduction, none but their own request):
         * TreeSHAP was not run, so `factors` is empty because nothing was computed (not because
         * no factor moved the PD); `baseline` is still the model's. Absent whenever factors were computed.
         */
        omitted: z.literal('not_owed').optional(),
      })
      .readonly(),
    /**
     * Categories the applicant's features took that the model was never trained on (its manifest
     * does not code them: a model trained on a book without farmers, deciding a farmer), each
     * scored as a missing value, so its contribution is that of "not known". Present only when there
     * are any; a model that codes every declared category (the default model) never sets it.
     */
    unseenCategories: list(z.strictObject({ feature: z.string(), category: z.string() }).readonly()).optional(),
    certificateImpacts: list(CertificateImpact),
    suggestions: EvidenceSuggestions,
    /** Set on reassessments and reductions. */
    movement: LimitMovement.nullable(),
    /** The brake beside the accelerator. */
    health: z
      .strictObject({
        /** The affordability ceiling (capacity rounded down to the limit step): no approved limit or suggestion ever exceeds it. */
        healthyLimit: fen,
        /** From `applicant.financialHealth`, when the lender passes it. */
        overBudgetMonths: z.number().int().min(0).nullable(),
        /** A lower limit offered when spending ran over budget month after month; the customer chooses. */
        lowerLimitOffer: LowerLimitOfferSchema.nullable(),
      })
      .readonly(),
    /** The customer's own controls in force after this decision: store `selfSetCap` on the profile so later decisions keep it. */
    controls: z.strictObject({ selfSetCap: fen.nullable() }).readonly(),
    /**
     * The ledger for step limits on the next decision: the rises of an existing line a decision or a
     * person's review granted, and the reopening of a line closed while the window held rises, beside
     * a ledger passed in (a new customer's first line, a lower line or a close adds no entry), keeping every rise still inside the policy's window on `asOf` and the last 24 entries;
     * carry it forward.
     */
    limitHistory: list(LimitChange.readonly()),
    audit: DecisionAudit,
    /** Shadow mode only: the challenger's decision for this applicant, for logging (see {@link ShadowDecision}). */
    shadow: ShadowDecision.optional(),
  })
  .readonly();
/** A decision; the type is inferred from the {@link Decision} schema. */
export type Decision = z.infer<typeof Decision>;

/**
 * JSON Schema (draft 2020-12) of a Decision as the library writes it, for consumers in other
 * languages and for validating stored decisions. A fresh object each call.
 */
export function decisionJsonSchema(): Record<string, unknown> {
  return { ...(z.toJSONSchema(Decision, { io: 'output', target: 'draft-2020-12' }) as Record<string, unknown>), title: 'creditlift Decision' };
}
