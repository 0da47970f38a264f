import type { Decision, EvidenceSuggestions } from '../decision/decision.js';
import { lineOnFileAfter } from '../decision/lineOnFile.js';
import { formatPercent, formatRmb } from '../report/formatMoney.js';
import { paymentPlanText } from '../story/bilingual.js';
import { testedLimitText } from '../story/testedLimitText.js';
import { terminalText } from '../text/terminalText.js';

/**
 * A readable, multi-line English summary of one decision, for terminals and logs.
 *
 * @param decidingAgain the what-if previews of deciding the applicant again with each certificate
 *   (`scorer.suggest`), the path a command-line user can take: shown instead of the decision's own
 *   `suggestions`, which preview uploading it to this decision (`reassess`, on the line it set) and
 *   are shown, labelled so, without it
 */
export function summarizeDecision(d: Decision, decidingAgain?: EvidenceSuggestions): string {
  const lines: string[] = [];
  const head = d.outcome === 'decline' ? 'DECLINE' : `${d.outcome.toUpperCase()} ${formatRmb(d.limit)}`;
  // The customer's own reduction says so, with the line they now hold (a referral's limit is only its proposal).
  const onFile = lineOnFileAfter(d);
  const own = d.audit.kind === 'reduction' && onFile < d.previousLimit ? ` (line on file ${formatRmb(onFile)}, lowered at the customer’s request)` : '';
  lines.push(
    `  ${head}  (was ${formatRmb(d.previousLimit)}${d.requestedLimit !== null ? `, asked ${formatRmb(d.requestedLimit)}` : ''})  line: ${d.lineAction}${own}${d.lineAction === 'hold' ? ` (grantable today ${formatRmb(d.maxGrantable)})` : ''}`,
  );
  lines.push(`  PD ${formatPercent(d.pd)}  grade ${d.grade}  APR ${formatPercent(d.apr)} (${d.dailyRateText} a day)  set by: ${d.bindingConstraint}`);
  const failed = d.affordability.checks.filter((c) => !c.pass);
  lines.push(
    `  Affordability: ${d.affordability.pass ? 'pass' : 'FAIL'}, capacity ${formatRmb(d.affordability.capacity)}, payment ${formatRmb(d.affordability.monthlyPayment)}/month on ${paymentPlanText(d.affordability.paymentPlan).en} ${testedLimitText(d).en}${failed.length ? `; failed: ${failed.map((c) => c.id).join(', ')}` : ''}`,
  );
  for (const e of d.evidence) {
    lines.push(
      `  Evidence #${e.index} ${e.kind}: ${e.status}${e.status === 'accepted' ? ` (strength ${e.strength.toFixed(2)})` : ` [${e.reasons.join(', ')}]`}`,
    );
  }
  for (const c of d.certificateImpacts) {
    // A difference of two probabilities: percentage points, not a percent of the PD.
    // Re-deciding without exactly it: a certificate whose copies were stronger raised the PD, and one
    // whose copies referred the decision changed the outcome.
    const pd = `${c.pdReduction < 0 ? 'raised' : 'lowered'} PD by ${(Math.abs(c.pdReduction) * 100).toFixed(2)} points`;
    const gain = c.limitGain < 0 ? `took ${formatRmb(-c.limitGain)}` : `added ${formatRmb(c.limitGain)}`;
    const outcome = c.outcomeWithout !== undefined && c.outcomeWithout !== d.outcome ? `; without it: ${c.outcomeWithout}` : '';
    lines.push(`    ${c.kind} ${pd} and ${gain}${outcome}`);
  }
  // Every factor, both directions: the ones that raised the risk (each model reason names one of
  // them) and the ones that lowered it, each by size. The largest four alone could all lower it
  // while three Reason lines below cite factors that raised it.
  const points = d.contributions.space === 'probability';
  const unit = points ? 'PD points vs average' : 'log-odds vs average';
  const shown = (v: number) => {
    const x = points ? v * 100 : v;
    // A factor under a thousandth still shows a figure, never "+0.000".
    return Math.abs(x) >= 0.001 ? x.toFixed(3) : x.toPrecision(1);
  };
  const up = d.contributions.factors.filter((f) => f.value > 0).sort((x, y) => y.value - x.value);
  const down = d.contributions.factors.filter((f) => f.value < 0).sort((x, y) => x.value - y.value);
  if (up.length) lines.push(`  Factors raising risk (${unit}): ${up.map((f) => `${f.factor} +${shown(f.value)}`).join(', ')}`);
  if (down.length) lines.push(`  Factors lowering risk (${unit}): ${down.map((f) => `${f.factor} ${shown(f.value)}`).join(', ')}`);
  if (d.unseenCategories?.length)
    lines.push(`  Scored as missing (the model never saw them): ${d.unseenCategories.map((u) => `${u.feature} "${u.category}"`).join(', ')}`);
  for (const r of d.reasons) lines.push(`  Reason: ${r.en} / ${r.zhHans}`);
  // A preview is a promise on the path it previews, so the line names its path: `decide` with the
  // certificate gave the new graduate 17,400 RMB where the upload preview said 17,700 RMB.
  const previews = decidingAgain ?? d.suggestions;
  if (previews.items.length) {
    const path = decidingAgain === undefined ? 'uploaded to this decision (reassess on its date)' : 'deciding again with it (creditlift suggest)';
    lines.push(
      `  Would raise it, ${path}: ${previews.items.map((s) => `${s.names.en} -> ${formatRmb(s.limit)} (+${formatRmb(s.limitGain)}${s.outcome === 'refer' ? ', proposed for a person to review' : ''})`).join('; ')}`,
    );
  } else if (previews.note) {
    lines.push(`  No certificate would raise it: ${previews.note.en}`);
  }
  lines.push(`  Audit ${d.audit.decisionId} model ${d.audit.modelId}`);
  // Kinds, categories and names come from input: each line escaped for the terminal.
  return lines.map((line) => terminalText(line)).join('\n');
}
