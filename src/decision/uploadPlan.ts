import type { Applicant } from '../schema/applicant.js';
import { rememberParsed } from '../schema/parsedApplicants.js';
import type { LimitChange } from '../policy/stepLimit.js';
import type { DecisionPlan } from './decisionPlan.js';
import type { LineContext } from './settleLine.js';

/** The reassessment a customer runs to upload a suggested certificate to a decision, and the line it settles on. */
export interface UploadPlan {
  /**
   * Its rows: the main row (the reassessment with no new evidence), then one per what-if of the
   * decision (the kind's typical certificate appended last), as `encodePlan` writes them.
   */
  readonly plan: DecisionPlan;
  readonly line: LineContext;
}

/**
 * The reassessment that uploads a what-if certificate to a decision, exactly as `reassess(decision,
 * { applicant, evidence: [certificate] })` on the decision's date builds it: the applicant the
 * decision saw (the same evidence held, the same cap: the decision's `controls.selfSetCap` is the
 * profile's), its `platform.currentLimit` the line on file after the decision (`lineOnFile`), the
 * ledger the decision carries forward (its own raise included, so a step limit it used up binds),
 * and that line protected. The line on file is the decision's, so a what-if of a plan that does not
 * change it has the same rows; the prior's only other part a reassessment reads is its decision id.
 *
 * @param lineOnFile the line after the decision (`lineOnFileAfter`)
 * @param ledger the decision's `limitHistory`
 */
export function uploadPlan(
  plan: DecisionPlan,
  lineOnFile: number,
  ledger: readonly LimitChange[],
  line: Omit<LineContext, 'previousLimit' | 'protectLine'>,
): UploadPlan {
  const { applicant, report } = plan.main;
  // Built by the engine from the parsed applicant: trusted as parsed (a reassessment parses the same values).
  const next: Applicant =
    applicant.platform.currentLimit === lineOnFile
      ? applicant
      : rememberParsed({ ...applicant, platform: { ...applicant.platform, currentLimit: lineOnFile } });
  return {
    plan: {
      kind: 'reassess',
      main: { applicant: next, report },
      without: [],
      whatIf: plan.uploadWhatIf,
      uploadWhatIf: [],
      steps: [],
      newEvidenceFrom: applicant.evidence.length,
      limitHistory: ledger,
      prior: null,
    },
    line: { ...line, previousLimit: lineOnFile, protectLine: true },
  };
}
