import type { EvidenceAssessment } from '../evidence/evidenceAssessment.js';
import type { FactorContribution } from '../explain/factorContributions.js';
import type { PrincipalReason } from '../explain/principalReasons.js';
import type { LowerLimitRecommendation } from '../health/recommendLowerLimit.js';
import type { AffordabilityCheck } from '../policy/affordability.js';
import type { LimitSetBy } from '../policy/applyPolicy.js';
import type { LimitCaps } from '../policy/limit.js';
import type { PolicyReasonCode } from '../policy/policyReasons.js';
import type { LimitChange } from '../policy/stepLimit.js';
import type { OfferedPlan } from '../policy/offeredPlans.js';
import type { DecisionAudit } from './audit.js';

/**
 * Human involvement in a decision (PIPL Art. 24; EU CCD2 Art. 18): a customer's request that no
 * decision be made solely by automated means, a reviewer's decision, or a customer's contest.
 * Names a reviewer ROLE only, never a person.
 */
export interface DecisionReview {
  /** `pending`: a person has yet to decide; `reviewed`: a person decided this decision; `contested`: the customer contested and a person will review. */
  readonly status: 'pending' | 'reviewed' | 'contested';
  /** The terms the automated policy proposed, kept for the reviewer. */
  readonly proposed: { readonly outcome: 'approve' | 'refer' | 'decline'; readonly limit: number };
  /** The decision reviewed or contested (its `audit.decisionId`); null on the automated decision itself. */
  readonly automatedDecisionId: string | null;
  /** Role of the reviewer, e.g. `credit_officer` (no personal data); null until a person decided. */
  readonly reviewerRole: string | null;
  /** The reviewer's note for the file. */
  readonly note: string | null;
  /** The customer's point of view and any new facts, on a contest. */
  readonly contest: { readonly statement: string; readonly newFacts: readonly string[] } | null;
}

/** What one accepted certificate did to this decision, found by re-deciding without it. */
export interface CertificateImpact {
  /** Position in `applicant.evidence`. */
  readonly index: number;
  readonly kind: string;
  readonly credentialId: string;
  /** PD without the certificate minus PD with it (>= 0: it lowered the risk by this much). */
  readonly pdReduction: number;
  /** Limit with the certificate minus limit without it, fen (>= 0). */
  readonly limitGain: number;
  readonly limitWithout: number;
}

/** A certificate the applicant does not hold yet, with what it would do if verified at a typical value. */
export interface EvidenceSuggestion {
  readonly kind: string;
  readonly category: string;
  readonly names: { readonly en: string; readonly zhHans: string };
  /** The typical result assumed ("IELTS 6.5"). */
  readonly assumed: { readonly score?: number; readonly level?: string };
  /** The limit it would lead to, fen, under every cap and affordability check. */
  readonly limit: number;
  /** `limit` minus the current decision's limit, fen. */
  readonly limitGain: number;
  readonly pd: number;
}

/** The suggestions block: ranked gains, or the constraint that no evidence can move. */
export interface EvidenceSuggestions {
  readonly items: readonly EvidenceSuggestion[];
  /** When no evidence can raise the limit: what binds instead (affordability, a cap, ...). */
  readonly blockedBy: LimitSetBy | 'decline' | 'financial_health' | null;
  readonly note: { readonly en: string; readonly zhHans: string } | null;
}

/** For a reassessment: how the limit moved and which new evidence moved it. */
export interface LimitMovement {
  /** The limit before the reassessment. */
  readonly from: number;
  /** What re-deciding without any of the new evidence gives (other data may have moved too). */
  readonly withoutNewEvidence: number;
  readonly to: number;
  /** In the order the evidence was added; each item's gain is measured after the ones before it, so the gains sum to `to - withoutNewEvidence`. */
  readonly byEvidence: readonly { readonly index: number; readonly kind: string; readonly credentialId: string; readonly limitGain: number }[];
  /** Set when a reassessment step limit held the increase back. */
  readonly stepLimited: boolean;
}

/**
 * A limit recommendation a lender can act on and a customer can understand. Plain data: it
 * serialises to JSON and back without loss.
 */
export interface Decision {
  readonly applicantId: string;
  readonly asOf: string;
  readonly outcome: 'approve' | 'refer' | 'decline';
  /** The limit granted (approve) or proposed for review (refer); 0 on decline. Fen. */
  readonly limit: number;
  /** The limit the applicant had before this decision (`platform.currentLimit`). Fen. */
  readonly previousLimit: number;
  /** The limit asked for, when asked. Fen. */
  readonly requestedLimit: number | null;
  /**
   * The disclosed APR: the revolving line's comprehensive annualised cost, every fee included;
   * `dailyRate x 365` exactly when the policy charges no fee on the line.
   */
  readonly apr: number;
  /** The billed daily rate: the billing authority, on the product's grid; `dailyRate x 365` never exceeds the cap. */
  readonly dailyRate: number;
  /** The daily rate as the product shows it, e.g. "0.0500%"; exactly `dailyRate` (it is on the product's grid). */
  readonly dailyRateText: string;
  /**
   * Every plan offered on the line (revolving at the billed daily rate, then each instalment
   * plan) with its comprehensive annualised cost (IRR, every fee included), each at or under the
   * cap in force.
   */
  readonly plans: readonly OfferedPlan[];
  /** Categories of personal data the model and the policy used for this decision (`DataCategory` names, or a lender feature's own category). */
  readonly dataCategories: readonly string[];
  /** Human involvement, when asked for, recorded or contested; null for a solely automated decision. */
  readonly review: DecisionReview | null;
  /** Model's 12-month probability of default. */
  readonly pd: number;
  readonly grade: string;
  /** What set the limit: the lowest cap, or `step_limit` when a reassessment step limit held it lower. */
  readonly bindingConstraint: LimitSetBy;
  /** Every cap's value (fen; null when the customer set none). */
  readonly caps: LimitCaps;
  /** Affordability: every check with value, threshold and pass. */
  readonly affordability: {
    readonly pass: boolean;
    readonly monthlyPayment: number;
    readonly capacity: number;
    readonly checks: readonly AffordabilityCheck[];
  };
  /** Every evidence item assessed. */
  readonly evidence: readonly EvidenceAssessment[];
  /** Policy reason codes in force (knock-outs, refers, binding cap, step limits). */
  readonly policyReasons: readonly PolicyReasonCode[];
  /** Up to four principal reasons, when the outcome is not approve or the limit is below the request. */
  readonly reasons: readonly PrincipalReason[];
  /** Model factors that moved the PD, largest risk-raising first. */
  readonly contributions: {
    readonly space: 'log_odds' | 'probability';
    /** The average applicant's score the factors are measured from. */
    readonly baseline: number;
    readonly factors: readonly FactorContribution[];
  };
  readonly certificateImpacts: readonly CertificateImpact[];
  readonly suggestions: EvidenceSuggestions;
  /** Set on reassessments. */
  readonly movement: LimitMovement | null;
  /** The brake beside the accelerator. */
  readonly health: {
    /** The affordability ceiling (capacity rounded down to the limit step): no limit or suggestion ever exceeds it. */
    readonly healthyLimit: number;
    /** From `applicant.financialHealth`, when the lender passes it. */
    readonly overBudgetMonths: number | null;
    /** A lower limit offered when spending ran over budget month after month; the customer chooses. */
    readonly lowerLimitOffer: LowerLimitRecommendation | null;
  };
  /** The customer's own controls in force after this decision: store `selfSetCap` on the profile so later decisions keep it. */
  readonly controls: { readonly selfSetCap: number | null };
  /** Recent limit increases (for step limits on the next reassessment); carry it forward. */
  readonly limitHistory: readonly LimitChange[];
  readonly audit: DecisionAudit;
}
