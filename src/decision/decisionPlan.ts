import { assessEvidenceUnder, sameCredential, type EvidenceReport } from '../evidence/assessEvidence.js';
import { summarizeEvidence } from '../evidence/evidenceSummary.js';
import { MIN_OVER_BUDGET_MONTHS } from '../health/recommendLowerLimit.js';
import type { EvidenceAssessment } from '../evidence/evidenceAssessment.js';
import type { FeatureEncoder } from '../features/featureEncoder.js';
import type { LimitChange } from '../policy/stepLimit.js';
import type { Applicant } from '../schema/applicant.js';
import { rememberParsed } from '../schema/parsedApplicants.js';
import type { CertificateEvidence } from '../schema/certificateEvidence.js';
import type { Decision } from './decision.js';
import { checkLedgerDates } from './limitHistories.js';
import type { EngineContext } from './engineContext.js';
import { evidenceColumns, evidenceColumnsAreBuiltIn } from './evidenceColumns.js';
import { whatIfScenarios, type WhatIfScenario } from './whatIfScenarios.js';

/** One version of the applicant to score: the real one, or a counterfactual. */
export interface Scenario {
  readonly applicant: Applicant;
  readonly report: EvidenceReport;
}

/**
 * Everything one decision needs scored, gathered before the model runs so that the decision and
 * all its counterfactuals (each certificate removed, each what-if certificate added, each step of
 * a reassessment) go to the runtime in a single batched call.
 */
export interface DecisionPlan {
  readonly kind: 'decide' | 'reassess';
  readonly main: Scenario;
  /** One per accepted certificate: the applicant re-decided without exactly that item (see `withoutCertificate`). */
  readonly without: readonly { readonly item: EvidenceAssessment; readonly scenario: Scenario }[];
  /**
   * One per catalog kind the applicant does not hold: the applicant with a typical one added,
   * scored with this plan's rows (previews of this very call with the certificate: `suggest`).
   */
  readonly whatIf: readonly WhatIfScenario[];
  /**
   * The same what-ifs when the decision previews the upload to it instead (`decide`, `reassess`):
   * scored after the decision settles, from the reassessment that uploads them (see `uploadPlan`).
   */
  readonly uploadWhatIf: readonly WhatIfScenario[];
  /** Reassessment only: the applicant with the first j new items, j = 0 .. k-1 (j = k is `main`). */
  readonly steps: readonly Scenario[];
  readonly newEvidenceFrom: number;
  /**
   * The ledger, parsed with `LimitChange` where it entered (a call's `limitHistory`, or a prior
   * decision verified by the Decision schema): the policy trusts it without parsing it again.
   */
  readonly limitHistory: readonly LimitChange[];
  readonly prior: Decision | null;
}

/** Rows the plan sends to the model, in the order {@link encodePlan} writes them. */
export function planRowCount(plan: DecisionPlan): number {
  return 1 + plan.without.length + plan.whatIf.length + plan.steps.length;
}

/**
 * Rows the plan sends to the model in all: its own, and once it has settled those of the
 * reassessment that uploads its what-ifs (a main row, one per what-if; see `uploadPlan`).
 */
export function planRowsInAll(plan: DecisionPlan): number {
  return planRowCount(plan) + (plan.uploadWhatIf.length === 0 ? 0 : 1 + plan.uploadWhatIf.length);
}

/** An applicant with its evidence assessed: the decision's own scenario, or one derived from it. */
export function scenario(ctx: EngineContext, derived: Applicant): Scenario {
  // Every scenario's applicant is the parsed one or built from it by the engine (evidence taken
  // out or a typical certificate added): trusted as parsed, so assessEvidence does not re-parse it.
  const applicant = rememberParsed(derived);
  return {
    applicant,
    report: assessEvidenceUnder(applicant, {
      catalog: ctx.catalog,
      minConfidence: ctx.minConfidence,
      bannedDataCategories: ctx.policy.jurisdiction.bannedDataCategories,
    }),
  };
}

/**
 * The applicant without one certificate, as if never uploaded: exactly that item is gone. An item's
 * assessment depends only on the items before it (duplicates keep the first), so the rest are
 * unchanged, except later copies of it (the same document or the same credential, see `sameCredential`), which were
 * rejected only because it came first: those are assessed again, on their own, so the impact says
 * what re-deciding without it gives (a copy then counts, and no duplicate is flagged). The
 * counterfactual keeps the main applicant (only its evidence columns are recomputed), and its items
 * keep their positions in `applicant.evidence`.
 */
function withoutCertificate(ctx: EngineContext, main: Scenario, index: number): Scenario {
  const evidence = main.applicant.evidence;
  const item = evidence[index] as CertificateEvidence;
  // A copy of it was refused as a duplicate: where no later item was, none is a copy (the usual
  // case, decided without normalising any credential number).
  const copied =
    main.report.items.some((r) => r.index > index && (r.reasons.includes('duplicate_document') || r.reasons.includes('duplicate_credential'))) &&
    evidence.some((e, i) => i > index && (e.documentHash === item.documentHash || sameCredential(e, item)));
  if (!copied)
    return counterfactual(
      main,
      main.report.items.filter((i) => i.index !== index),
    );
  const rest = scenario(ctx, { ...main.applicant, evidence: evidence.filter((_, i) => i !== index) }).report.items;
  return counterfactual(
    main,
    rest.map((i) => (i.index < index ? i : { ...i, index: i.index + 1 })),
  );
}

/**
 * A counterfactual of the main scenario with other evidence assessments. Exact without
 * re-assessing where nothing after a change depended on it: an item's assessment depends only on
 * the items before it (duplicates keep the first), so a prefix of the evidence has the prefix of
 * the assessments, and an item appended last is assessed on its own.
 */
function counterfactual(main: Scenario, items: readonly EvidenceAssessment[]): Scenario {
  return { applicant: main.applicant, report: { items, summary: summarizeEvidence(items) } };
}

/** Builds the plan for a validated applicant. */
export function planDecision(
  ctx: EngineContext,
  applicant: Applicant,
  options: {
    readonly suggestions: boolean;
    /**
     * What a what-if previews: this very call with the certificate (`this_call`, the default:
     * `suggest`), or the reassessment that uploads it to the decision (`upload`: a decision's own).
     */
    readonly previews?: 'this_call' | 'upload';
    readonly limitHistory: readonly LimitChange[];
    readonly prior?: Decision;
    readonly newEvidenceFrom?: number;
  },
): DecisionPlan {
  checkLedgerDates(options.limitHistory, applicant.asOf);
  const main = scenario(ctx, applicant);
  const items = main.report.items;
  const without = items.filter((item) => item.status === 'accepted').map((item) => ({ item, scenario: withoutCertificate(ctx, main, item.index) }));

  // A customer over their own budget month after month is offered no increase, so none is scored.
  const overBudget = (applicant.financialHealth?.overBudgetMonths ?? 0) >= MIN_OVER_BUDGET_MONTHS;
  const whatIf = options.suggestions && !overBudget ? whatIfScenarios(ctx, main) : [];
  const onUpload = options.previews === 'upload';

  const newEvidenceFrom = options.newEvidenceFrom ?? applicant.evidence.length;
  const steps: Scenario[] = [];
  for (let j = newEvidenceFrom; j < applicant.evidence.length; j++) steps.push(counterfactual(main, items.slice(0, j)));
  return {
    kind: options.prior ? 'reassess' : 'decide',
    main,
    without,
    whatIf: onUpload ? [] : whatIf,
    uploadWhatIf: onUpload ? whatIf : [],
    steps,
    newEvidenceFrom,
    limitHistory: options.limitHistory,
    prior: options.prior ?? null,
  };
}

/** The rows of several plans, one after another, and where each plan's rows start. */
export interface EncodedPlans {
  readonly rows: Float32Array;
  readonly firstRows: readonly number[];
  readonly nRows: number;
  /**
   * What stopped a plan's rows being written, by the plan's index: a lender feature returning a
   * value no column holds, in any of its rows (main, without-each, what-if, step). That record's own
   * error; the rest of the block is written, so one bad record never fails the others.
   */
  readonly failures: ReadonlyMap<number, unknown>;
}

/** Encodes `plans` (all of them; a caller chunks first) into one row-major block for one model run. */
export function encodePlans(plans: readonly DecisionPlan[], encoder: FeatureEncoder): EncodedPlans {
  const firstRows: number[] = [];
  let nRows = 0;
  for (const p of plans) {
    firstRows.push(nRows);
    nRows += planRowCount(p);
  }
  const rows = new Float32Array(nRows * encoder.width);
  const failures = new Map<number, unknown>();
  plans.forEach((p, i) => {
    try {
      encodePlan(p, encoder, rows, firstRows[i] as number);
    } catch (e) {
      failures.set(i, e);
    }
  });
  return { rows, firstRows, nRows, failures };
}

/** Writes the plan's rows into `out` from row `firstRow`: main, without-each, what-if-each, steps. */
export function encodePlan(plan: DecisionPlan, encoder: FeatureEncoder, out: Float32Array, firstRow: number): void {
  let r = firstRow;
  const w = encoder.width;
  const mainAt = r * w;
  const { applicant, report } = plan.main;
  encoder.encode({ applicant, evidence: report.items }, out, mainAt);
  r++;
  // Every other scenario differs from the main one only in its evidence: copy, then recompute those columns.
  const changed = evidenceColumns(encoder);
  const put = (s: Scenario) => {
    const at = r++ * w;
    if (!differsInEvidenceOnly(plan, s)) return encoder.encode({ applicant: s.applicant, evidence: s.report.items }, out, at);
    out.copyWithin(at, mainAt, mainAt + w);
    encoder.encodeColumns({ applicant: s.applicant, evidence: s.report.items }, out, at, changed);
  };
  for (const x of plan.without) put(x.scenario);
  // A what-if's evidence is the main items with its item appended: the list is built for the
  // encoder alone (the scenario with its summary is built only if something asks for it). Built-in
  // features keep nothing of their input, so one list serves every what-if of the plan; a lender's
  // feature gets a list of its own per row.
  if (plan.whatIf.length > 0) {
    const shared = evidenceColumnsAreBuiltIn(encoder);
    const n = report.items.length;
    const input = { applicant, evidence: [...report.items, (plan.whatIf[0] as WhatIfScenario).added] };
    for (const x of plan.whatIf) {
      const at = r++ * w;
      out.copyWithin(at, mainAt, mainAt + w);
      if (shared) input.evidence[n] = x.added;
      encoder.encodeColumns(shared ? input : { applicant, evidence: [...report.items, x.added] }, out, at, changed);
    }
  }
  for (const s of plan.steps) put(s);
}

/**
 * Whether {@link encodePlan} writes the scenario's row as the main row with only the
 * {@link evidenceColumns} recomputed (it shares the main applicant), so that row equals the main
 * row outside those columns.
 */
export function differsInEvidenceOnly(plan: DecisionPlan, s: Scenario): boolean {
  return s.applicant === plan.main.applicant;
}

/**
 * Whether the row `k` places after the main row (in {@link encodePlan}'s order: without-each,
 * what-if-each, steps) was written as the main row with only the {@link evidenceColumns}
 * recomputed. Every what-if is (it appends to the main scenario); the others when they share the
 * main applicant ({@link differsInEvidenceOnly}).
 */
export function counterfactualDiffersInEvidenceOnly(plan: DecisionPlan, k: number): boolean {
  const nWithout = plan.without.length;
  if (k < nWithout) return differsInEvidenceOnly(plan, (plan.without[k] as DecisionPlan['without'][number]).scenario);
  const nWhatIf = plan.whatIf.length;
  if (k < nWithout + nWhatIf) return true;
  return differsInEvidenceOnly(plan, plan.steps[k - nWithout - nWhatIf] as Scenario);
}
