import { compareCodeUnits } from '../text/compareCodeUnits.js';
import type { PolicyLimit } from '../policy/applyPolicy.js';
import { whatIfAssumption } from './whatIfAssumption.js';
import type { EvidenceSuggestion } from './decision.js';
import { settleLine, type LineContext } from './settleLine.js';
import type { WhatIfScenario } from './whatIfScenarios.js';

/**
 * A what-if that raises the limit, as {@link keepBest} ranks it.
 * @internal
 */
export interface RankedWhatIf {
  readonly whatIf: WhatIfScenario;
  readonly pd: number;
  /** The limit with it (the preview's, capped by the healthy limit) and its gain over the decision's. */
  readonly limit: number;
  readonly limitGain: number;
  /** The outcome with it: a referral only proposes `limit` to a person. */
  readonly outcome: 'approve' | 'refer';
}

/**
 * Suggestion order: the larger limit gain first, then the lower PD, then the kind id
 * (by code units, whatever the process locale); negative when the what-if (`limitGain`, `pd`, `kind`) goes before `b`.
 * Kinds are unique within a plan, so the first few under it do not depend on how they are found.
 */
function rankedBefore(limitGain: number, pd: number, kind: string, b: RankedWhatIf): number {
  return b.limitGain - limitGain || pd - b.pd || compareCodeUnits(kind, b.whatIf.spec.id);
}

/**
 * Offers a what-if that raises the limit to `kept`, the best `top` so far in {@link rankedBefore}
 * order: what sorting every candidate (stably, in plan order) and keeping the first `top` gives,
 * with only `top` kept at any time and an object made only for one that is kept.
 * @internal
 */
export function keepBest(
  kept: RankedWhatIf[],
  top: number,
  whatIf: WhatIfScenario,
  pd: number,
  limit: number,
  limitGain: number,
  outcome: RankedWhatIf['outcome'],
): void {
  if (top <= 0) return;
  const kind = whatIf.spec.id;
  if (kept.length === top && rankedBefore(limitGain, pd, kind, kept[top - 1] as RankedWhatIf) >= 0) return;
  // Insertion into the few kept, from the end; an equal one stays before it (a stable sort).
  let i = kept.length < top ? kept.length : top - 1;
  while (i > 0 && rankedBefore(limitGain, pd, kind, kept[i - 1] as RankedWhatIf) < 0) {
    kept[i] = kept[i - 1] as RankedWhatIf;
    i--;
  }
  kept[i] = { whatIf, pd, limit, limitGain, outcome };
}

/**
 * The path a decision's previews are measured on: the decision that uploading a what-if leads to
 * (its PD through `limitOf`, settled on `line`), and what that path gives with no certificate.
 */
export interface PreviewPath {
  /** The policy's answer at a PD, with or without the duplicate-evidence flag (memoised per plan). */
  readonly limitOf: (duplicateEvidence: boolean, pd: number) => PolicyLimit;
  /** The line that decision settles on (a reassessment's protects the line on file). */
  readonly line: LineContext;
  /**
   * What the path gives without any certificate (0 on a decline), capped as a preview is: a
   * preview must beat it, so that its gain is the certificate's and not the path's own (a
   * reassessment may raise a line with nothing new: the new line lowers utilisation).
   */
  readonly without: number;
}

/**
 * The best `top` what-ifs whose preview raises the decision's `limit`, in suggestion order. A
 * preview is the path's limit with the what-if, capped at `ceiling` (today's healthy limit, or
 * today's limit if higher: a preview never promises more than the customer can afford today), 0
 * on a decline; it is offered when above both `limit` and the path's own `without`.
 *
 * @param pds the PDs of the what-if rows, `whatIfs[i]` at `firstRow + i`
 */
export function rankWhatIfs(
  whatIfs: readonly WhatIfScenario[],
  pds: Float32Array,
  firstRow: number,
  path: PreviewPath,
  limit: number,
  ceiling: number,
  top: number,
): RankedWhatIf[] {
  const ranked: RankedWhatIf[] = [];
  const floor = Math.max(limit, path.without);
  for (let i = 0; i < whatIfs.length; i++) {
    const whatIf = whatIfs[i] as WhatIfScenario;
    const pd = pds[firstRow + i] as number;
    const settled = settleLine(path.limitOf(whatIf.duplicateDetected, pd), path.line);
    if (settled.outcome === 'decline') continue;
    const withIt = Math.min(settled.limit, ceiling);
    if (withIt > floor) keepBest(ranked, top, whatIf, pd, withIt, withIt - limit, settled.outcome);
  }
  return ranked;
}

/**
 * The suggestions of ranked what-ifs: each kind at its typical result, issued on `asOf` (the date of
 * the decision it previews), with its preview and the assumption said (see {@link whatIfAssumption}).
 */
export function suggestionItems(ranked: readonly RankedWhatIf[], asOf: string, confidence: number): EvidenceSuggestion[] {
  return ranked.map(({ whatIf: { spec, typical }, pd, limit, limitGain, outcome }) => {
    const { assumed, assumption } = whatIfAssumption(spec, typical, asOf, confidence);
    return { kind: spec.id, category: spec.category, names: spec.names, assumed, assumption, limit, limitGain, outcome, pd };
  });
}
