import type { Scorer } from '../decision/createScorer.js';
import { exampleFor } from '../examples/exampleApplicants.js';
import { formatRmb } from '../report/formatMoney.js';

/**
 * The steering wheel, as the demo closes with it: a customer lowers her own limit at once, later
 * reassessments keep her cap, and the budget assistant offers a lower limit after months over
 * budget. Returns the lines to print.
 */
export async function demoStory(scorer: Scorer): Promise<string[]> {
  const graduate = exampleFor('new_graduate').applicant;
  const out: string[] = ['== The steering wheel: the new graduate lowers her own limit, and the budget assistant brakes'];
  const decided = await scorer.decide(graduate);
  const lower = scorer.requestReduction(decided, Math.floor(decided.limit / 2));
  out.push(
    `1. She asks for a lower limit: ${formatRmb(decided.limit)} -> ${formatRmb(lower.limit)} at once; the lender stores selfSetCap ${formatRmb(lower.controls.selfSetCap ?? 0)} on her profile`,
  );
  const again = await scorer.reassess(lower, { applicant: graduate, evidence: [] });
  out.push(`2. Reassessed later: the limit stays ${formatRmb(again.limit)} (her cap holds)`);
  const overspent = await scorer.decide({ ...graduate, financialHealth: { overBudgetMonths: 3 } });
  const offer = overspent.health.lowerLimitOffer;
  out.push(
    `3. With three months over her own budget: limit ${formatRmb(overspent.limit)}, ${offer?.offer ? `offered ${formatRmb(offer.recommendedLimit)} instead` : 'no offer'}`,
  );
  if (overspent.suggestions.note) out.push(`   ${overspent.suggestions.note.en}`, `   ${overspent.suggestions.note.zhHans}`);
  return out;
}
