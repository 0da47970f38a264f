import { validationIssuesFromZod, type ValidationIssue } from '../errors/validationError.js';
import { isBlockedPath, readPlainData } from '../schema/readPlainData.js';
import { checkSeal, type AuditKeys, type SealCheck, type SignedWithoutKey } from './audit.js';
import { Decision } from './decision.js';

/** Options of {@link checkDecision}. */
export interface CheckDecisionOptions {
  /**
   * A signed decision checked with no key: `refuse` it (a follow-up, `verifyDecision`), or check its
   * content hash only (`contentOnly`: a notice read back for the customer). Default `refuse`.
   */
  readonly signedWithoutKey?: SignedWithoutKey;
}

/**
 * A value read as a Decision with its seal checked: the decision as parsed (never the input cast)
 * with every seal problem (see {@link checkSeal}; empty when it holds) and the key that signed it;
 * or every fault of the Decision schema, as zod names them, beside what could not be read (a
 * getter that throws: `unreadable_input` at its path), and the value as read (`read`: a plain copy,
 * which whatever describes the refusal reads in place of the caller's value).
 */
export type DecisionCheck =
  | ({ readonly ok: true; readonly decision: Decision } & SealCheck)
  | { readonly ok: false; readonly faults: readonly ValidationIssue[]; readonly read: unknown };

/**
 * Parses a value with the Decision output schema and checks its seal under `keys`: the one check
 * every reader of a stored decision shares (a follow-up's prior, `verifyDecision`, the adverse-action
 * notice), so they refuse the same tampered decisions. Each says it in its own error: a follow-up's
 * `PriorInvalidError` (see verifyPrior), the notice's `ValidationError` (subject `Decision`).
 */
export function checkDecision(input: unknown, keys: AuditKeys, options: CheckDecisionOptions = {}): DecisionCheck {
  // Read once into plain data, as a record of decide is: a getter that throws in a stored decision
  // escaped as the caller's own Error from every follow-up, and rejected a whole reassessment batch.
  const read = readPlainData(input);
  const parsed = Decision.safeParse(read.value);
  if (!parsed.success || read.issues.length > 0) {
    const schemaFaults = parsed.success ? [] : validationIssuesFromZod(parsed.error).filter((i) => !isBlockedPath(i.path, read.blocked));
    return { ok: false, faults: [...read.issues, ...schemaFaults], read: read.value };
  }
  return { ok: true, decision: parsed.data, ...checkSeal(parsed.data, keys, options.signedWithoutKey) };
}
