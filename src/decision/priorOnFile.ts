import { z } from 'zod';
import { ValidationError, validationIssuesFromZod, type ValidationIssue } from '../errors/validationError.js';
import { LimitChange, MAX_LEDGER_ENTRIES } from '../policy/stepLimit.js';
import { Fen } from '../schema/primitives.js';
import type { Decision } from './decision.js';
import { lineOnFileAfter } from './lineOnFile.js';
import { PriorInvalidError } from './priorInvalidError.js';
import { yuanDigits } from '../common/yuanDigits.js';
import { isBlockedPath, readPlainData } from '../schema/readPlainData.js';

/**
 * What the lender's account system holds for the line now, as stored from the line's latest
 * decision: the line on file (`lineOnFileAfter(latest, policy.limits.roundingStep)`), the
 * customer's own cap in force (`latest.controls.selfSetCap`) and the step-limit ledger
 * (`latest.limitHistory`, the one `decide` takes back). Given to a follow-up (`reassess`,
 * `requestReduction`, `recordReview`, `recordContest`) as `onFile`, it refuses a prior that is not
 * the line's latest decision by what it left on file: the engine keeps no state, so only the
 * lender's store knows which decision is the latest.
 */
export const LineOnFile = z.strictObject({
  /** The line on file now, fen. */
  line: Fen,
  /** The customer's own cap in force now, fen, or null when they set none. */
  selfSetCap: Fen.nullable(),
  /**
   * The step-limit ledger on file now (`latest.limitHistory`): an older prior with the same line
   * and cap may carry a shorter one, and following it up would count fewer rises in the window.
   */
  limitHistory: z.array(LimitChange.readonly()).max(MAX_LEDGER_ENTRIES).readonly(),
});
/** See {@link LineOnFile}. */
export type LineOnFile = z.infer<typeof LineOnFile>;

function rmb(fen: number): string {
  return `${yuanDigits(fen)} RMB`;
}

/**
 * Reads `onFile` (strictly: a malformed one is a `ValidationError` of `subject` naming
 * `onFile.<field>`, never ignored) and refuses `prior` when the line, the cap or the step-limit
 * ledger it left on file is not what is on file now: a later decision of the line changed it (a
 * customer's reduction, a raise, a person's review), and following up the older one would lose that
 * change, a customer's own cap or a rise the window counts among them. Nothing is checked when `options` has no `onFile`; one given as undefined is refused.
 *
 * @throws ValidationError (subject `subject`) for a malformed `onFile`; PriorInvalidError with a
 *   `prior_superseded` issue at `limit` (the line), at `controls.selfSetCap` (the cap) and at
 *   `limitHistory` (the ledger), each that differs
 */
export function requireLatestPrior(prior: Decision, options: unknown, roundingStep: number, subject: string): void {
  const given = typeof options === 'object' && options !== null && Object.hasOwn(options, 'onFile');
  if (!given) return;
  const onFile: unknown = (options as { readonly onFile?: unknown }).onFile;
  // Given by name as undefined (a store lookup that found nothing), the guard would be off without a word.
  if (onFile === undefined)
    throw new ValidationError(subject, [
      {
        path: ['onFile'],
        code: 'invalid_type',
        message:
          'onFile is given but undefined (did the lookup of the line on file find nothing?): give the line, cap and ledger on file, or leave the option out',
        expected: 'object',
        received: 'undefined',
      },
    ]);
  // Read once into plain data, as a record is: a getter that throws in it is `unreadable_input` at
  // its field (it escaped as the caller's own Error, and rejected a whole reassessment batch).
  const read = readPlainData(onFile);
  const parsed = LineOnFile.safeParse(read.value);
  if (!parsed.success || read.issues.length > 0) {
    const schemaFaults = parsed.success ? [] : validationIssuesFromZod(parsed.error).filter((i) => !isBlockedPath(i.path, read.blocked));
    throw new ValidationError(
      subject,
      [...read.issues, ...schemaFaults].map((i) => ({ ...i, path: ['onFile', ...i.path] })),
    );
  }
  const issues: ValidationIssue[] = [];
  const line = lineOnFileAfter(prior, roundingStep);
  const latest = 'follow up the line\u2019s latest decision (the one you stored last)';
  if (line !== parsed.data.line) {
    issues.push({
      path: ['limit'],
      code: 'prior_superseded',
      message: `decision ${prior.audit.decisionId} left a line of ${rmb(line)} on file, but ${rmb(parsed.data.line)} is on file now: a later decision changed the line; ${latest}`,
    });
  }
  const cap = prior.controls.selfSetCap;
  if (cap !== parsed.data.selfSetCap) {
    const said = (c: number | null) => (c === null ? 'no cap of the customer\u2019s own' : `the customer\u2019s cap of ${rmb(c)}`);
    issues.push({
      path: ['controls', 'selfSetCap'],
      code: 'prior_superseded',
      message: `decision ${prior.audit.decisionId} has ${said(cap)} in force, but ${said(parsed.data.selfSetCap)} is on file now: a later decision changed it; ${latest}`,
    });
  }
  const ledgerFault = ledgerDifference(prior.limitHistory, parsed.data.limitHistory);
  if (ledgerFault !== null) {
    issues.push({
      path: ['limitHistory'],
      code: 'prior_superseded',
      message: `decision ${prior.audit.decisionId} carries another step-limit ledger than the one on file (${ledgerFault}): a later decision changed it, and following this one up would count other rises in the window; ${latest}`,
    });
  }
  if (issues.length > 0) throw new PriorInvalidError(issues);
}

const changes = (n: number) => `${n} change${n === 1 ? '' : 's'}`;
const entryText = (c: LimitChange) => `${c.asOf}: ${rmb(c.from)} to ${rmb(c.to)}`;

/** How the prior's ledger differs from the one on file (its length, or its first entry that differs), or null when they are the same. */
function ledgerDifference(prior: readonly LimitChange[], onFile: readonly LimitChange[]): string | null {
  const n = Math.min(prior.length, onFile.length);
  for (let i = 0; i < n; i++) {
    const p = prior[i] as LimitChange;
    const f = onFile[i] as LimitChange;
    if (p.asOf !== f.asOf || p.from !== f.from || p.to !== f.to) return `entry ${i}: ${entryText(p)} in the decision, ${entryText(f)} on file`;
  }
  return prior.length === onFile.length ? null : `it has ${changes(prior.length)}, ${onFile.length} ${onFile.length === 1 ? 'is' : 'are'} on file`;
}
