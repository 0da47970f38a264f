import { z } from 'zod';
import type { Decision } from '../decision/decision.js';
import { IsoDate } from '../schema/primitives.js';
import type { ReportAccumulator } from './reportData.js';
import { type AuditKeys, NO_AUDIT_KEYS } from '../decision/audit.js';
import { countedSeal } from './decisionSeal.js';
import { countOnce } from './followUps.js';
import { scoreErrorLineOf } from './errorFileLine.js';
import type { TextLine } from '../cli/score/splitLines.js';
import type { ScoreLineNumbers } from '../cli/scoreLineNumbers.js';
import type { CountedInputLines } from './countedInputLines.js';
import { readDecisionFileLine } from './decisionFileLine.js';
import { unusableLineReason } from './unusableLineReason.js';

// Only the fields the report reads are checked, loosely, so decisions from older or newer engine
// versions still count; a line missing them is unreadable rather than a crash.
const ReportedDecision = z.looseObject({
  // A calendar date, as every Decision carries it: any string here printed as the decision dates
  // ("2026-02-01T00:00:00+08:00 to yesterday", a string min and max of mixed forms).
  asOf: IsoDate,
  outcome: z.enum(['approve', 'refer', 'decline']),
  // Money is whole fen: a limit in yuan with decimals (1234567.5) was counted and printed as "¥12,345.67.5".
  limit: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  pd: z.number().min(0).max(1),
  grade: z.string(),
  bindingConstraint: z.string(),
  certificateImpacts: z.array(
    z.looseObject({
      kind: z.string(),
      limitGain: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
      pdReduction: z.number().finite(),
    }),
  ),
  reasons: z.array(z.looseObject({ code: z.string(), en: z.string(), zhHans: z.string(), source: z.enum(['policy', 'model']) })),
  audit: z
    .looseObject({
      modelId: z.string(),
      modelSha256: z.string().optional(),
      arm: z.string().optional(),
      policyHash: z.string().optional(),
      catalogHash: z.string().optional(),
      decisionId: z.string().optional(),
    })
    .optional(),
  // The average cost of new lines counts the dearest plan offered.
  plans: z.array(z.looseObject({ comprehensiveApr: z.number().finite().min(0) })).optional(),
});

/** What the report reads a decision line with, beside the line itself. */
export interface DecisionLineContext {
  /** The line's number in the file, named when its decision is left out (given a `TextLine`, its own). */
  readonly line?: number;
  /** The keys seals are checked under: `signing` checks signatures too. Default: none (content hashes only). */
  readonly keys?: AuditKeys;
  /** Decision ids a later decision of the file follows (see `createFollowUpIndex`): counted as superseded, not in the figures. */
  readonly followed?: ReadonlySet<string>;
  /**
   * The decisions counted so far, by id, each with a digest of its content (the caller's map, filled
   * here): a decision read again on a later line (a file concatenated twice, a line repeated) is
   * counted once, and a line carrying a counted id with other content is left out and counted apart
   * (a decision is made once: one of the two was changed). Without it, every line counts.
   */
  readonly counted?: Map<string, string>;
  /**
   * The policy hashes this release computes that the reader knows of (the report's `--policy`; the
   * default policy's is always taken): a decision shaped as 0.1.0's naming one is not 0.1.0's (see
   * `earlierReleaseClaim`) and is left out as unsealed.
   */
  readonly policyHashes?: ReadonlySet<string>;
  /** The input line numbers of a score output met so far (`{"line":N,...}`): every such line is met, for the caller's warnings. */
  readonly lineNumbers?: ScoreLineNumbers;
  /**
   * The input lines counted so far (the caller's, filled here): an error line the same, word for word,
   * as one counted for its input line is not counted again, and a second answer counted is said.
   */
  readonly inputLines?: CountedInputLines;
}

/**
 * Adds one line of a decisions file to the report: a `creditlift score` output line
 * (`{"line":n,"decision":...}` or `{"line":n,"error":...}`) or a bare Decision as
 * `creditlift decide --compact` prints it. Blank lines are ignored; anything else is counted unreadable
 * with its reason (`readDecisionFileLine`: too long, not UTF-8, not JSON; else `data_invalid`), a
 * decision whose `asOf` is not a calendar date `YYYY-MM-DD` included. A decision sealed by the
 * released 0.1.0 counts as one, marked as such (it carries no content hash to check). `line` is the
 * line as `splitLines` gives it, or its text alone (read whole and decoded, at `context.line`).
 *
 * With `context.counted`, a decision (of either release) read again on a later line is counted once
 * (`addRepeated`), and a line carrying a counted decision's id with other content is left out
 * (`addRepeatedOther`): see `countOnce`.
 *
 * Every other decision's seal is checked (its `audit.contentHash`, and its signature under
 * `context.keys.signing`): one that fails, or carries none, is left out of every figure and
 * counted apart with its line (a line shaped as 0.1.0's that names this release's default model or
 * one of its policies, or whose id 0.1.0 would not have derived, carries none; under a signing key
 * a 0.1.0 decision is left out too, as 0.1.0 signed nothing), so a decision edited after it was made never reaches a figure and
 * never hides the others. A decision a later one of the file follows (`context.followed`) is
 * counted as superseded: each chain of follow-ups counts once, at its latest decision, except that a
 * superseded decision opening a line still counts in the average cost of new lines (at its terms).
 *
 * With `context.lineNumbers` and `context.inputLines`, a score output line's input line number is
 * met, and its answer, once counted, counted against it (see `CountedInputLines`); an error line
 * naming no input line is counted, and counted apart as unchecked.
 */
export function accumulateDecisionLine(acc: ReportAccumulator, line: TextLine | string, context: DecisionLineContext = {}): void {
  const at = typeof line === 'string' ? context.line : line.line;
  const read = readDecisionFileLine(typeof line === 'string' ? { line: at ?? 0, text: line, truncated: false } : line);
  if (read.kind === 'blank') return;
  if (read.kind === 'unread') {
    acc.addUnreadable(read.fault, at);
    return;
  }
  const { value, candidate, inputLine } = read;
  const where = `line ${at ?? '?'}`;
  if (inputLine !== undefined) context.lineNumbers?.meet(inputLine, where);
  else if (read.unnumberedDecision) context.lineNumbers?.meetUnnumbered(where);
  const decision = ReportedDecision.safeParse(candidate);
  if (decision.success) {
    // A decision of the released 0.1.0 (told by its shape, and nothing in it saying otherwise):
    // counted, its binding constraint apart (a name that meant another cap then), and the report
    // says so; under a signing key it is left out (0.1.0 signed nothing), as is one posing as 0.1.0's.
    const { earlier, fault } = countedSeal(candidate, context.keys ?? NO_AUDIT_KEYS, context.policyHashes);
    if (fault !== undefined) {
      acc.addSealRefused(fault, at);
      return;
    }
    // Each application once, by the function monitor --decisions counts with too.
    // Its content hash is a digest of its content once its seal held (0.1.0's carry none: hashed whole).
    const contentHash = earlier ? undefined : (candidate as { audit: { contentHash: string } }).audit.contentHash;
    const counts = countOnce(candidate, context, contentHash);
    if (counts === 'superseded') {
      // A line opened here is a new line of the file even when a later decision follows it (the
      // upload reassessed at once, a person's review): its follow-ups never open it again, so
      // left out it left the average cost of new lines. Once per decision, however many lines repeat it.
      const once = countOnce(candidate, context.counted === undefined ? {} : { counted: context.counted }, contentHash);
      acc.addSuperseded(once === 'counted' ? (decision.data as unknown as Decision) : undefined);
    } else {
      const sealedBy = earlier ? '0.1.0' : undefined;
      if (counts === 'repeated') acc.addRepeated(sealedBy, at);
      else if (counts === 'repeatedOther') acc.addRepeatedOther(at);
      else {
        acc.addDecision(decision.data as unknown as Decision, sealedBy);
        if (inputLine !== undefined) context.inputLines?.countAnswer(inputLine, where);
        // Counted as read, and said: a repeat of a decision without an id cannot be told.
        if (context.counted !== undefined && decision.data.audit?.decisionId === undefined) acc.addUnidentified();
      }
    }
    return;
  }
  const errorLine = scoreErrorLineOf(value);
  if (errorLine === undefined) {
    acc.addUnreadable({ code: 'data_invalid', message: unusableLineReason(value, decision.error.issues) }, at);
    return;
  }
  // Counted, as it is an error line, but with no input line nothing can hold it to the others: said, as in an errors file apart.
  if (errorLine.inputLine === undefined) context.inputLines?.countUnnumbered(where);
  // A copy of an error line counted for the same input line is one rejection, not two.
  else if (context.inputLines?.countAnswer(errorLine.inputLine, where, typeof line === 'string' ? line : line.text) === false) return;
  acc.addRejection(errorLine.code);
}
