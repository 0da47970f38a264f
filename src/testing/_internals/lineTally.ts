import type { Scorer } from '../../decision/createScorer.js';
import type { ValidationIssue } from '../../errors/validationError.js';
import type { PolicyInput, PolicyResult } from '../../policy/applyPolicy.js';
import type { CreditLawName, LawPart } from '../creditLaw.js';
import { mutateScorer } from '../mutateScorer.js';

/** The decisions one part of a law received, by outcome, and how many of them granted a line. */
export interface LineTally {
  readonly byOutcome: Map<string, number>;
  decisions: number;
  lines: number;
}

export function lineTally(): LineTally {
  return { byOutcome: new Map(), decisions: 0, lines: 0 };
}

function count(tally: LineTally, d: { readonly outcome: string; readonly limit: number }): void {
  tally.decisions += 1;
  if (d.limit > 0) tally.lines += 1;
  const key = d.limit > 0 ? `${d.outcome} with a line` : d.outcome;
  tally.byOutcome.set(key, (tally.byOutcome.get(key) ?? 0) + 1);
}

/** The policy engine, counting every result it gives the law. */
export function tallyingPolicy(decide: (input: PolicyInput) => PolicyResult, tally: LineTally): (input: PolicyInput) => PolicyResult {
  return (input) => {
    const r = decide(input);
    count(tally, r);
    return r;
  };
}

/** The scorer, counting every decision it gives the law on every path (decide, batches, follow-ups). */
export function tallyingScorer(scorer: Scorer, tally: LineTally): Scorer {
  return mutateScorer(scorer, (d) => {
    count(tally, d);
    return d;
  });
}

/**
 * Why a part of a line law held of nothing: it received decisions, and none granted a line. A part
 * that received no decision at all (it draws its own priors) is not judged here.
 */
export function vacuousLineIssue(law: CreditLawName, part: LawPart, numRuns: number, tally: LineTally): ValidationIssue | undefined {
  if (tally.decisions === 0 || tally.lines > 0) return undefined;
  const seen = [...tally.byOutcome].map(([outcome, n]) => `${outcome} ${n.toLocaleString('en-US')}`).join(', ');
  return {
    path: ['subject'],
    code: 'nothing_to_check',
    message: `${law} (${part} part) met no decision granting a line in ${numRuns} runs (${tally.decisions.toLocaleString('en-US')} decisions: ${seen}), so it would pass having checked nothing: the policy under test grants no line to the applicants the kit draws (an income floor, a knock-out or a productMin that every applicant fails?); fix the policy, or leave the law out`,
  };
}
