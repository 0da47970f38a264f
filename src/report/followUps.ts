import type { AuditKeys } from '../decision/audit.js';
import { isEarlierReleaseDecision } from '../decision/earlierRelease.js';
import { decisionSealFault } from './decisionSeal.js';

/**
 * The decisions of a file that a later decision in it follows: each follow-up (a reassessment, a
 * customer's reduction, a contest, a person's review) names its prior in `audit.priorDecisionId`. A
 * lender counts a chain of them as one application (one line), at its latest decision, so the report
 * leaves the followed ones out of its figures. Only links of decisions whose seal holds are taken (a
 * changed decision's link is not believed). `forks`: prior ids two or more decisions follow.
 */
export interface FollowUpIndex {
  /** Reads one line of the decisions file (as the report reads it); any line that is not a sealed follow-up is passed over. */
  addLine(text: string): void;
  /** The decision ids some decision of the file follows. */
  readonly followed: ReadonlySet<string>;
  /** How many of them are followed by more than one decision (the chain forks). */
  forks(): number;
}

/** A fresh {@link FollowUpIndex}, checking seals under `keys`. Memory: one id per follow-up. */
export function createFollowUpIndex(keys: AuditKeys): FollowUpIndex {
  const followed = new Set<string>();
  const forked = new Set<string>();
  // A follow-up read twice (the same line repeated) follows its prior once: no fork.
  const followUps = new Set<string>();
  return {
    followed,
    addLine(text) {
      // Most lines (a score run's first decisions) name no prior: not parsed twice.
      if (!text.includes('"priorDecisionId"')) return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return;
      }
      const candidate = typeof value === 'object' && value !== null && 'decision' in value ? (value as { decision: unknown }).decision : value;
      const prior = (candidate as { audit?: { priorDecisionId?: unknown } } | null)?.audit?.priorDecisionId;
      if (typeof prior !== 'string') return;
      if (!isEarlierReleaseDecision(candidate) && decisionSealFault(candidate, keys) !== undefined) return;
      const own = (candidate as { audit?: { decisionId?: unknown } }).audit?.decisionId;
      if (typeof own === 'string') {
        if (followUps.has(own)) return;
        followUps.add(own);
      }
      if (followed.has(prior)) forked.add(prior);
      followed.add(prior);
    },
    forks: () => forked.size,
  };
}
