import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { LimitChange } from '../policy/stepLimit.js';
import type { Applicant } from '../schema/applicant.js';
import { personalHash } from './audit.js';
import type { OptionsRead } from '../errors/readOptions.js';
import type { Decision } from './decision.js';
import { parseDecisionInput } from './decisionInput.js';
import { decisionInputJson } from './decisionInputJson.js';
import { MAX_SUGGESTION_COUNT } from './suggestionCount.js';
import { scenario } from './decisionPlan.js';
import type { EngineContext } from './engineContext.js';
import { explain } from './finishDecision.js';
import { LIMIT_HISTORY_KEPT } from './carriedLedger.js';
import type { LineOnFile } from './priorOnFile.js';
import { ReviewInvalidError } from './reviewInvalidError.js';

/**
 * What a review or contest may be given besides the person's input: the applicant the decision
 * was made for (and, when its ledger cannot be read back from the decision, the ledger it was made
 * with), needed only to give the reasons an adverse review or a contest owes for a decision made
 * with `explanations: 'when_owed'` that carries no model factors; and what the account system
 * holds for the line now (`onFile`), which refuses a prior that is not the line's latest decision.
 */
export interface FollowUpOptions {
  /**
   * The applicant as the decision saw it: for `decide`, the input given; for `reassess`, the profile
   * as reassessed (the update's applicant dated at the reassessment's `asOf`, its
   * `platform.currentLimit` the line on file, the new evidence appended, and `controls.selfSetCap`
   * the cap in force); for a reduction, review or contest, the one its origin (the decide or
   * reassess decision it came from) saw.
   */
  readonly applicant?: unknown;
  /** The ledger the decision was made with; read back from the decision when left out. */
  readonly limitHistory?: readonly LimitChange[];
  /** What your account system holds for the line now: a prior that left another line, cap or step-limit ledger on file is refused (see {@link LineOnFile}). */
  readonly onFile?: LineOnFile;
}

export const FOLLOW_UP_OPTION_KEYS = ['applicant', 'limitHistory', 'onFile'] as const;

/** The contributions a follow-up (`what`) of `prior` carries, and the factors its reasons draw on. */
export type FollowUpExplainer = (
  prior: Decision,
  /** The follow-up's options as read once by readOptions (FOLLOW_UP_OPTION_KEYS): the copy and its read's faults. */
  read: OptionsRead,
  owesReasons: boolean,
  what: 'review' | 'contest' | 'reduction',
) => Decision['contributions'];

/**
 * The input hash of the decide or reassess decision whose model row `d` carries: its own, or, for a
 * follow-up (which hashes only its own input), the one it recorded from its prior. Undefined for a
 * follow-up made before follow-ups recorded it.
 */
export function originInputHash(d: Decision): string | undefined {
  return d.audit.kind === 'decide' || d.audit.kind === 'reassess' ? d.audit.inputHash : d.audit.originInputHash;
}

/**
 * The ledgers the decision at the chain's origin may have been made with, read back from the ledger
 * `d` carries: a decide or reassess decision appends exactly the raise it granted or the close it
 * made (a reopening: the step it took, a new customer's first line nothing); a reduction or
 * contest keeps its prior's ledger; a review drops the raise its prior proposed and enters the one
 * it granted. So the origin's ledger is this one, or this one less its last entry; the input hash
 * tells which (and neither, when the ledger was longer than a decision keeps: pass it then).
 */
function ledgersBefore(d: Decision): readonly (readonly LimitChange[])[] {
  if (d.audit.kind === 'decide' || d.audit.kind === 'reassess') {
    if (d.lineAction === 'raise') return [d.limitHistory.slice(0, -1)];
    // A close entered (decisions before closes were entered did not: then the ledger is as made).
    if (d.lineAction === 'close' || d.lineAction === 'open')
      return d.limitHistory.length === 0 ? [d.limitHistory] : [d.limitHistory.slice(0, -1), d.limitHistory];
    return [d.limitHistory];
  }
  return d.limitHistory.length === 0 ? [d.limitHistory] : [d.limitHistory, d.limitHistory.slice(0, -1)];
}

/**
 * The follow-up explainer of a scorer. A prior that carries its factors keeps them. A prior made
 * with `explanations: 'when_owed'` that owed no reasons carries none (`omitted: 'not_owed'`); when
 * a person turns it adverse, reasons are owed after all, and the factors are computed again from
 * the applicant (TreeSHAP of the same row gives the same values), never left out quietly. The
 * applicant is taken only if it is the one decided: the decision's input hash, under this scorer's
 * keys and settings, must come out the same, and the model and catalog must be the decision's.
 *
 * @throws ValidationError (`<what> options`) naming `applicant` when one is needed and missing, is not
 *   the decision's (its input hash, or for a follow-up the origin's), or is given for a follow-up that
 *   recorded no origin; naming each unknown option, and each option whose read threw
 *   (`unreadable_input`). ReviewInvalidError (`review_invalid`) when the factors must be computed again
 *   and this scorer's model or catalog is not the decision's (issues `model_mismatch` at
 *   `audit.modelSha256`, `catalog_mismatch` at `audit.catalogHash`)
 */
export function followUpExplainer(ctx: EngineContext, parseApplicant: (input: unknown) => Applicant): FollowUpExplainer {
  // A decision sealed the count of what-if previews it was made with: the scorer's, or a call's own
  // (`decide(x, { suggestions })`). Either is this scorer's decision, and the count changes no factor,
  // so the applicant is matched under every count a decision may carry, the scorer's first.
  const SUGGESTION_COUNTS = [ctx.suggestionCount, ...Array.from({ length: MAX_SUGGESTION_COUNT + 1 }, (_, n) => n).filter((n) => n !== ctx.suggestionCount)];
  const withCount = (n: number): EngineContext => (n === ctx.suggestionCount ? ctx : { ...ctx, suggestionCount: n });
  return (prior, read, owesReasons, what) => {
    const subject = `${what} options`;
    if (read.issues.length > 0) throw new ValidationError(subject, read.issues);
    const options = read.value as FollowUpOptions | undefined;
    const unexplained = prior.contributions.omitted !== undefined;
    const refuse = (message: string): never => {
      throw new ValidationError(subject, [{ path: ['applicant'], code: 'invalid_value', message }]);
    };
    if (options?.applicant === undefined) {
      if (owesReasons && unexplained) {
        refuse(
          `required: decision ${prior.audit.decisionId} was made with explanations: 'when_owed' and carries no model factors, and this ${what} owes the customer reasons; pass the applicant it was made for, so its factors are computed again`,
        );
      }
      return prior.contributions;
    }
    const target = originInputHash(prior);
    if (target === undefined) {
      refuse(
        `decision ${prior.audit.decisionId} is a ${prior.audit.kind} made before follow-ups recorded the input hash of the decision they came from (audit.originInputHash), so no applicant can be checked against it; give the applicant with a follow-up of the decide or reassess decision it came from`,
      );
    }
    // The applicant and a ledger given with it are read together: one error names the faults of both.
    const { applicant, limitHistory } = parseDecisionInput(parseApplicant, () => options.applicant, { given: options.limitHistory });
    const ledgers = options.limitHistory === undefined ? ledgersBefore(prior) : [limitHistory];
    if (
      !ledgers.some((ledger) => SUGGESTION_COUNTS.some((n) => personalHash(ctx.keys, 'input', decisionInputJson(withCount(n), applicant, ledger)) === target))
    ) {
      const truncated = options.limitHistory === undefined && prior.limitHistory.length >= LIMIT_HISTORY_KEPT;
      refuse(
        `is not the applicant decision ${prior.audit.decisionId} was made for (its ${prior.audit.kind === 'decide' || prior.audit.kind === 'reassess' ? 'audit.inputHash' : 'audit.originInputHash'} differs${
          options.limitHistory === undefined ? ', with the ledger read back from the decision' : ', with the limitHistory given'
        }; a scorer with other contribution-space, explanation or minConfidence settings or other keys also hashes differently)${
          truncated
            ? `; the decision keeps only its last ${LIMIT_HISTORY_KEPT} ledger changes and the rises still inside the step-limit window, so pass the limitHistory it was made with`
            : ''
        }`,
      );
    }
    if (!unexplained || !owesReasons) return prior.contributions;
    // The same row under another model or catalog would explain another decision.
    // Each one that differs is named at the decision's field.
    const cannot = "so it cannot compute that decision's factors";
    const issues: ValidationIssue[] = [];
    if (prior.audit.modelSha256 !== ctx.model.sha256)
      issues.push({
        path: ['audit', 'modelSha256'],
        code: 'model_mismatch',
        message: `decision ${prior.audit.decisionId} was made with model ${prior.audit.modelId} (${prior.audit.modelSha256.slice(0, 12)}); this scorer runs ${ctx.model.id} (${ctx.model.sha256.slice(0, 12)}), ${cannot}`,
        expected: ctx.model.sha256,
      });
    if (prior.audit.catalogHash !== ctx.catalogHash)
      issues.push({
        path: ['audit', 'catalogHash'],
        code: 'catalog_mismatch',
        message: `decision ${prior.audit.decisionId} was made with catalog ${prior.audit.catalogHash.slice(0, 12)}; this scorer runs catalog ${ctx.catalogHash.slice(0, 12)}, ${cannot}`,
        expected: ctx.catalogHash,
      });
    if (issues.length > 0) throw new ReviewInvalidError(issues);
    // Only the decision's own row is explained: its scenario, without the counterfactuals a plan builds.
    const main = scenario(ctx, applicant);
    const row = new Float32Array(ctx.encoder.width);
    ctx.encoder.encode({ applicant: main.applicant, evidence: main.report.items }, row, 0);
    return explain(ctx, ctx.explainer.shapBatch(row, 1));
  };
}
