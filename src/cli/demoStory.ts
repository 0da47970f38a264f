import type { Scorer } from '../decision/createScorer.js';
import { exampleFor } from '../examples/exampleApplicants.js';
import { formatRmb } from '../report/formatMoney.js';
import type { ApplicantInput } from '../schema/applicant.js';

/**
 * The product's interactive loop on one applicant, as the demo tells it: a first decision, the
 * what-if preview, an uploaded certificate re-decided in real time, the customer lowering their own
 * limit, and the budget assistant's brake. Returns the lines to print.
 */
export async function demoStory(scorer: Scorer): Promise<string[]> {
  const graduate = exampleFor('new_graduate').applicant;
  const ielts = (graduate.evidence ?? []).find((e) => e.kind === 'ielts');
  const firstTime: ApplicantInput = {
    ...graduate,
    platform: { ...graduate.platform, currentLimit: 0, currentBalance: 0 },
    controls: {},
    evidence: (graduate.evidence ?? []).filter((e) => e.kind !== 'ielts'),
  };
  const out: string[] = ['Interactive: a new graduate raises her own limit with a certificate, then lowers it'];

  const first = await scorer.decide(firstTime);
  out.push(`  1. First decision without the IELTS score: ${first.outcome} ${formatRmb(first.limit)} (set by ${first.bindingConstraint}), PD ${(first.pd * 100).toFixed(2)}%`);
  const preview = await scorer.suggest(firstTime, { top: 3 });
  if (preview.items.length > 0) {
    out.push(`  2. What would raise it: ${preview.items.map((s) => `${s.names.en} -> ${formatRmb(s.limit)}`).join('; ')}`);
  } else if (preview.note) {
    out.push(`  2. What would raise it: nothing now. ${preview.note.en}`);
  }
  if (ielts === undefined) return out;
  const next = await scorer.reassess(first, { applicant: firstTime, evidence: [ielts] });
  const m = next.movement;
  const rest = m && m.withoutNewEvidence !== m.from ? [`re-decision itself ${m.withoutNewEvidence >= m.from ? '+' : ''}${formatRmb(m.withoutNewEvidence - m.from)}`] : [];
  const moved = [...rest, ...(m?.byEvidence.map((e) => `${e.kind} +${formatRmb(e.limitGain)}`) ?? [])].join(', ');
  out.push(`  3. She uploads IELTS ${ielts.score ?? ''}: re-decided in real time, ${formatRmb(first.limit)} -> ${formatRmb(next.limit)} (${moved}${m?.stepLimited ? ', held by the step limit' : ''}), PD ${(next.pd * 100).toFixed(2)}%`);
  const lower = scorer.requestReduction(next, Math.floor(next.limit / 2));
  out.push(`  4. She asks for a lower limit: ${formatRmb(next.limit)} -> ${formatRmb(lower.limit)} at once; store selfSetCap ${formatRmb(lower.controls.selfSetCap ?? 0)} on her profile`);
  const again = await scorer.reassess(lower, { applicant: firstTime, evidence: [] });
  out.push(`  5. Reassessed later: the limit stays ${formatRmb(again.limit)} (her cap holds)`);
  const overspent = await scorer.decide({ ...graduate, financialHealth: { overBudgetMonths: 3 } });
  const offer = overspent.health.lowerLimitOffer;
  out.push(
    `  6. With three months over her own budget: limit ${formatRmb(overspent.limit)}, ${offer?.offer ? `offered ${formatRmb(offer.recommendedLimit)} instead` : 'no offer'}; ${overspent.suggestions.note?.en ?? ''}`,
  );
  return out;
}
