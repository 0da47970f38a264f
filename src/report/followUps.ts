import type { AuditKeys } from '../decision/audit.js';
import { countedSeal } from './decisionSeal.js';
import { canonicalJson } from '../hashing/canonicalJson.js';
import { sha256Hex } from '../hashing/sha256Hex.js';

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

/** Says so when two decisions of a file follow the same one: the chain forked, and each branch counts as a line (report and monitor alike). */
export function forkWarning(forks: number): string {
  return `${forks.toLocaleString('en-US')} decision(s) are followed by more than one decision of this file (two follow-ups name the same audit.priorDecisionId): each branch is counted as its own line; a follow-up should be made from a customer's latest decision only`;
}

/**
 * A fresh {@link FollowUpIndex}, checking seals under `keys` as the figures do (`countedSeal`, with
 * this release's `policyHashes`): a link is believed only from a decision the figures would count.
 * Memory: one id per follow-up.
 */
export function createFollowUpIndex(keys: AuditKeys, policyHashes?: ReadonlySet<string>): FollowUpIndex {
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
      if (countedSeal(candidate, keys, policyHashes).fault !== undefined) return;
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

/**
 * How a decision of a file counts when each application counts once: `superseded` (a later decision
 * of the file follows it), `repeated` (its id was counted before, with the same content),
 * `repeatedOther` (its id was counted before with other content: a decision is made once, so one of
 * the two was changed), else `counted`.
 */
export type ApplicationCount = 'counted' | 'superseded' | 'repeated' | 'repeatedOther';

/** What {@link countOnce} reads a decision against. */
export interface CountOnceContext {
  /** Decision ids a later decision of the file follows ({@link FollowUpIndex.followed}). */
  readonly followed?: ReadonlySet<string>;
  /** The ids counted so far, each with a digest of its content (the caller's map, filled here). Without it, no decision is a repeat. */
  readonly counted?: Map<string, string>;
}

/**
 * Whether a decision of a file is counted, as `creditlift report` and `monitor --decisions` both
 * count each application once (one function, so the two count alike): a chain of follow-ups counts
 * at its latest decision, a decision read again on a later line once.
 *
 * The content digest is `checkedContentHash` when the caller has checked the decision's seal (the
 * report passes its `audit.contentHash`), else the SHA-256 of its canonical JSON (a decision sealed by
 * 0.1.0 carries none; `monitor` checks no seal, and a claimed hash is not a digest of the content). A
 * 0.1.0 decision is told by its id as today's is: 0.1.0 derived `audit.decisionId` from the rest of
 * its audit (the input's hash, applicant, date, model, policy, catalog and engine), so two lines with
 * one id are one decision, and its engine was deterministic.
 */
export function countOnce(decision: unknown, context: CountOnceContext, checkedContentHash?: string): ApplicationCount {
  const audit = (decision as { audit?: { decisionId?: unknown } } | null)?.audit;
  const id = typeof audit?.decisionId === 'string' ? audit.decisionId : undefined;
  if (context.followed?.has(id ?? '') === true) return 'superseded';
  const counted = context.counted;
  if (counted === undefined || id === undefined) return 'counted';
  // 64 bits of the id and of the content digest: both are hashes.
  const key = id.slice(0, 20);
  const content = checkedContentHash ?? sha256Hex(canonicalJson(decision));
  const seen = counted.get(key);
  if (seen === undefined) {
    counted.set(key, content.slice(0, 16));
    return 'counted';
  }
  return seen === content.slice(0, 16) ? 'repeated' : 'repeatedOther';
}
