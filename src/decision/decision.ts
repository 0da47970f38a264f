import type { EvidenceAssessment } from '../evidence/evidenceAssessment.js';
import type { FactorContribution } from '../explain/factorContributions.js';
import type { PrincipalReason } from '../explain/principalReasons.js';
import type { LowerLimitRecommendation } from '../health/recommendLowerLimit.js';
import type { AffordabilityCheck } from '../policy/affordability.js';
import type { LimitSetBy } from '../policy/applyPolicy.js';
import type { LimitCaps } from '../policy/limit.js';
import type { PolicyReasonCode } from '../policy/policyReasons.js';
import type { LimitChange } from '../policy/stepLimit.js';
import type { DecisionAudit } from './audit.js';
import type { DecisionErrorData } from './toErrorData.js';

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
 * A challenger's decision for the same applicant, attached in shadow mode for logging only: it
 * never changes the decision it is attached to. `error` when the challenger refused the record.
 */
export type ShadowDecision =
  | {
      readonly arm: string;
      readonly outcome: 'approve' | 'refer' | 'decline';
      readonly limit: number;
      readonly apr: number;
      readonly pd: number;
      readonly grade: string;
      readonly bindingConstraint: LimitSetBy;
      readonly decisionId: string;
      readonly modelId: string;
      readonly policyHash: string;
    }
  | { readonly arm: string; readonly error: DecisionErrorData };

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
  /** APR as a fraction in whole basis points (0.1825 = 18.25%). */
  readonly apr: number;
  /** APR / 365, the rate the product shows per day. */
  readonly dailyRate: number;
  /** The daily rate as the product shows it, e.g. "0.05%". */
  readonly dailyRateText: string;
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
  /** Shadow mode only: the challenger's decision for this applicant, for logging (see {@link ShadowDecision}). */
  readonly shadow?: ShadowDecision;
}
