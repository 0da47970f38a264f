import type { RecordToCheck } from '../cli/score/inputRecord.js';
import { deepFreeze } from '../common/deepFreeze.js';
import { personalHash, type AuditKeys } from '../decision/audit.js';
import type { Decision } from '../decision/decision.js';
import { ledgerFaults } from '../decision/limitHistories.js';
import { PriorInvalidError } from '../decision/priorInvalidError.js';
import { toErrorData, type DecisionErrorData } from '../decision/toErrorData.js';
import { verifyDecisionUnder } from '../decision/verifyDecision.js';
import type { ValidationIssue } from '../errors/validationError.js';
import type { LimitChange } from '../policy/stepLimit.js';
import { safeParseApplicant } from '../schema/parseApplicant.js';
import { builtInFields } from './builtInFields.js';

/**
 * Why a simulation in `reassess` mode refuses the decision a book record stores with it (`prior`),
 * in the order a record is checked (a record failing two checks is counted under the first):
 * - `prior_unverified`: not a Decision by the output schema, or its seal does not hold under the
 *   lender's keys (changed after it was made, signed under another key, unsigned where the lender signs);
 * - `prior_other_applicant`: another applicant's (`applicantId`, or `audit.subjectHash` against the
 *   record's `identity.idHash`);
 * - `prior_after_as_of`: dated after the record's `asOf`;
 * - `prior_ledger_differs`: the record's own `limitHistory` is not the prior's (a later decision
 *   changed the ledger on file, so the prior is not the line's latest);
 * - `prior_superseded`: the line on file the record carries (`onFile`) is not what the prior left
 *   (its line, the customer's cap or the ledger): a later decision changed it, a customer's
 *   reduction say. Found by each side's `reassess` of the item, as a reassessment batch item's
 *   `onFile` is checked; both sides refusing it so is the record's refusal;
 * - `prior_missing`: the record carries the line on file (`onFile`) but no prior for it to guard.
 */
export const STORED_PRIOR_REFUSALS = deepFreeze([
  'prior_unverified',
  'prior_other_applicant',
  'prior_after_as_of',
  'prior_ledger_differs',
  'prior_superseded',
  'prior_missing',
] as const);
/** See {@link STORED_PRIOR_REFUSALS}. */
export type StoredPriorRefusal = (typeof STORED_PRIOR_REFUSALS)[number];

/** What {@link checkStoredPrior} found: the prior as parsed, or why the record is refused (every fault, each at its path in the record). */
export type StoredPriorCheck =
  | { readonly ok: true; readonly prior: Decision }
  | { readonly ok: false; readonly reason: StoredPriorRefusal; readonly error: DecisionErrorData };

const underPrior = (issues: readonly ValidationIssue[]): ValidationIssue[] => issues.map((i) => ({ ...i, path: ['prior', ...i.path] }));

/**
 * Checks the decision a book record stores with it (`record.prior`) before both sides reassess
 * from it: its seal verified under `keys` (as `verifyDecision` does), then, against the record's
 * applicant, that it is this applicant's and not dated after the record, and that a ledger given
 * beside it is its own. These are the checks `reassess` runs on its prior, made once for the record
 * with the paths it has in the record (`prior.audit.contentHash`, `prior.applicantId`,
 * `prior.asOf`, `limitHistory`), so a bad prior is that record's own refusal with a reason, never an
 * arm's. An applicant the built-in schema refuses is not compared: each side's `reassess` names
 * its faults (and checks the prior against it again).
 *
 * @param record a readable record whose `prior` is given
 * @param keys the keys the lender's decisions are sealed under (the baseline scorer's)
 */
export function checkStoredPrior(record: RecordToCheck, keys: AuditKeys): StoredPriorCheck {
  const verified = verifyDecisionUnder(record.prior, keys);
  if (!verified.ok) return refused('prior_unverified', underPrior(verified.error.issues));
  const prior = verified.decision;
  const found: { reason: StoredPriorRefusal; issue: ValidationIssue }[] = [];
  const applicant = safeParseApplicant(builtInFields(record.value));
  if (applicant.ok) {
    const a = applicant.value;
    if (prior.applicantId !== a.id)
      found.push({
        reason: 'prior_other_applicant',
        issue: {
          path: ['prior', 'applicantId'],
          code: 'prior_invalid',
          message: 'applicantId is not the record\u2019s applicant id: the prior decision is another applicant\u2019s',
        },
      });
    if (prior.audit.subjectHash !== personalHash(keys, 'subject', a.identity.idHash))
      found.push({
        reason: 'prior_other_applicant',
        issue: {
          path: ['prior', 'audit', 'subjectHash'],
          code: 'prior_invalid',
          message: "audit.subjectHash does not match the record's identity (another person, or a decision made under another personalDataKey)",
        },
      });
    // ISO dates compare as strings.
    if (prior.asOf > a.asOf)
      found.push({
        reason: 'prior_after_as_of',
        issue: { path: ['prior', 'asOf'], code: 'prior_invalid', message: `the prior decision (${prior.asOf}) is dated after the record (${a.asOf})` },
      });
  }
  if (record.limitHistory !== undefined) {
    const difference = ledgerDifference(record.limitHistory, prior.limitHistory);
    if (difference !== null)
      found.push({
        reason: 'prior_ledger_differs',
        issue: {
          path: ['limitHistory'],
          code: 'prior_superseded',
          message: `the record's limitHistory is not the prior's own ledger (${difference}): a later decision changed the ledger on file, so the prior is not the line's latest; give the line's latest decision, with its ledger or none`,
        },
      });
  }
  const first = found[0];
  if (first !== undefined)
    return refused(
      first.reason,
      found.map((f) => f.issue),
    );
  return { ok: true, prior };
}

/**
 * A record carrying the line on file (`onFile`) without a stored decision: refused, not reassessed
 * from the baseline's decide, whose fresh decision is not the one the line on file was left by (each
 * side would refuse it as superseded, or pass it by chance).
 */
export function onFileWithoutPrior(): StoredPriorCheck {
  return refused('prior_missing', [
    {
      path: ['prior'],
      code: 'invalid_type',
      message: 'the record carries onFile (the line on file) but no prior: give the line\u2019s latest decision as stored beside it, or leave onFile out',
      expected: 'object',
      received: 'undefined',
    },
  ]);
}

function refused(reason: StoredPriorRefusal, issues: readonly ValidationIssue[]): StoredPriorCheck {
  return { ok: false, reason, error: toErrorData(new PriorInvalidError(issues)) };
}

/** How a ledger given beside a prior differs from the prior's own, or null when it is the same. */
function ledgerDifference(given: unknown, own: readonly LimitChange[]): string | null {
  const read = ledgerFaults(given, undefined);
  if (!read.ok) return `it is not a ledger: ${read.issues.length} fault(s), the first at ${read.issues[0]?.path.join('.') ?? 'limitHistory'}`;
  const ledger = read.value;
  const n = Math.min(ledger.length, own.length);
  for (let i = 0; i < n; i++) {
    const g = ledger[i] as LimitChange;
    const o = own[i] as LimitChange;
    if (g.asOf !== o.asOf || g.from !== o.from || g.to !== o.to) return `entry ${i} differs`;
  }
  return ledger.length === own.length ? null : `${ledger.length} entries given, the prior carries ${own.length}`;
}
