import type { Decision } from '../decision/decision.js';
import { defaultCatalog } from '../catalog/resolveCatalog.js';
import type { ExampleApplicant } from '../examples/exampleApplicants.js';
import { formatPercent, formatRmb } from '../report/formatMoney.js';
import type { CertificateEvidence } from '../schema/certificateEvidence.js';
import { MIN_OVER_BUDGET_MONTHS } from '../health/recommendLowerLimit.js';
import { budgetView } from '../story/budgetView.js';
import { constraintText, FACTOR_LEGEND, paymentPlanText } from '../story/bilingual.js';
import { describeUpload } from '../story/describeUpload.js';

/** Factors shown per screen: enough to see what drove the score, few enough to read at a glance. */
const FACTORS_SHOWN = 5;

const signed = (fen: number) => `${fen >= 0 ? '+' : '-'}${formatRmb(Math.abs(fen))}`;

function certificateName(c: CertificateEvidence): string {
  const name = defaultCatalog.get(c.kind)?.names.en ?? c.kind;
  const value = c.score !== undefined ? ` ${c.score}` : c.level !== undefined ? ` (${c.level})` : '';
  return `${name}${value}`;
}

function headline(d: Decision): string {
  const was = `line was ${formatRmb(d.previousLimit)}${d.requestedLimit !== null ? `, asked ${formatRmb(d.requestedLimit)}` : ''}`;
  return d.outcome === 'decline' ? `DECLINE (${was})` : `${d.outcome.toUpperCase()} ${formatRmb(d.limit)} (${was})`;
}

/**
 * Why principal reasons are owed, as the heading of the list says it: a held line with no request
 * read "limit below the ¥0 asked".
 */
function owedBecause(d: Decision): string {
  if (d.outcome === 'decline') return '';
  if (d.lineAction === 'hold') return ' (line held for a person to review)';
  if (d.requestedLimit !== null && d.limit < d.requestedLimit) return ` (limit below the ${formatRmb(d.requestedLimit)} asked)`;
  if (d.outcome === 'refer') return ' (referred to a person to review)';
  if (d.limit < d.previousLimit) return ` (line lowered from ${formatRmb(d.previousLimit)})`;
  return '';
}

/**
 * One applicant's screen of `creditlift demo`: the first decision, the upload of a certificate and
 * the reassessment (from, to, what the certificate added and why or why not), the factors with
 * their legend, the principal reasons in English and Chinese, the budget assistant's view, and
 * what would raise the limit next. About twenty lines, to read on one screen.
 *
 * @param limits the policy's smallest line, below which the budget assistant offers nothing, and its
 *   rounding step, on which every offer lies
 */
export function demoScreen(
  n: number,
  total: number,
  example: ExampleApplicant,
  certificate: CertificateEvidence,
  first: Decision,
  next: Decision,
  limits: { readonly productMin: number; readonly roundingStep: number },
): string[] {
  const out: string[] = [];
  const rule = `== ${n}/${total} ${example.segment}: ${example.story}`;
  out.push(rule);
  out.push(`1. First decision, before the upload: ${headline(first)}`);
  const setBy =
    first.outcome === 'decline' ? `declined: ${first.reasons[0]?.en ?? 'see the reasons below'}` : `set by ${constraintText(first.bindingConstraint).en}`;
  out.push(`   ${setBy}; PD ${formatPercent(first.pd)} (grade ${first.grade}); APR ${formatPercent(first.apr)}, ${first.dailyRateText} a day`);

  const e = describeUpload(first, next);
  const assessed = next.evidence.at(-1);
  const status =
    e.status === 'accepted' ? `accepted (strength ${assessed?.strength.toFixed(2) ?? '?'})` : `${e.status} [${assessed?.reasons.join(', ') ?? ''}]`;
  out.push(`2. Uploads ${certificateName(certificate)} (${certificate.verification.method}, confidence ${certificate.verification.confidence}): ${status}`);
  const parts = [`the certificate ${signed(e.certificateGain)}`, ...(e.redecisionGain !== 0 ? [`re-deciding without it ${signed(e.redecisionGain)}`] : [])];
  const alone =
    e.pdReduction !== null && e.pdReduction !== 0
      ? ` (the certificate alone ${e.pdReduction > 0 ? '-' : '+'}${(Math.abs(e.pdReduction) * 100).toFixed(2)} points)`
      : '';
  out.push(`   Reassessed at once: ${formatRmb(e.from)} -> ${formatRmb(e.to)} (${parts.join(', ')})`);
  out.push(`   PD ${formatPercent(first.pd)} -> ${formatPercent(next.pd)}${alone}; APR ${formatPercent(first.apr)} -> ${formatPercent(next.apr)}`);
  out.push(`   Why: ${e.why.en}`);
  out.push(`        ${e.why.zhHans}`);

  out.push(`3. Factors after the upload (${FACTOR_LEGEND.en}):`);
  const factors = [...next.contributions.factors].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, FACTORS_SHOWN);
  for (const f of factors) out.push(`   ${f.value >= 0 ? '+' : '-'} ${f.label.en.padEnd(40)} ${f.value >= 0 ? '+' : '-'}${Math.abs(f.value).toFixed(2)}`);

  if (next.reasons.length > 0) {
    out.push(`4. Principal reasons${owedBecause(next)}:`);
    for (const r of next.reasons) out.push(`   - ${r.en} / ${r.zhHans}`);
  } else {
    out.push('4. Principal reasons: none owed (approved at or above what was asked)');
  }

  const b = budgetView(next, example.applicant, null, limits.productMin, limits.roundingStep);
  const offer = b.lowerLimitOffer;
  // Owed above the line, the payment tested is the balance's, not the line's (applyPolicy).
  const owed = next.affordability.balanceOwed;
  const repaid =
    owed?.aboveLimit === true
      ? `repaying the ${formatRmb(owed.amount)} owed on this ${formatRmb(next.limit)} line costs`
      : `a fully used ${formatRmb(next.limit)} line costs`;
  const cost =
    next.limit > 0
      ? `${repaid} ${formatRmb(b.monthlyPayment)} a month on ${paymentPlanText(next.affordability.paymentPlan).en}, ${formatPercent(b.paymentShareOfIncome, 0)} of income; `
      : '';
  const brake = offer.offer
    ? `after ${MIN_OVER_BUDGET_MONTHS} months over budget it would offer ${formatRmb(offer.recommendedLimit)} (the customer chooses)`
    : 'no lower limit to offer';
  out.push(`5. Budget assistant: healthy limit ${formatRmb(b.healthyLimit)}; ${cost}${brake}`);
  const items = next.suggestions.items.slice(0, 3);
  if (items.length > 0)
    out.push(
      `   Next: ${items.map((s) => `${s.names.en} -> ${formatRmb(s.limit)} (${signed(s.limitGain)}${s.outcome === 'refer' ? ', proposed for a person to review' : ''})`).join('; ')}`,
    );
  else if (next.suggestions.note) out.push(`   Next: ${next.suggestions.note.en}`);
  return out;
}
