import type { ValidationIssue } from '../errors/validationError.js';
import { CREDIT_LAW_NAMES, type CreditLawName, type LawRunOptions, type LawSubject } from './creditLaw.js';
import { CreditLawViolation } from './creditLawViolation.js';
import { creditLaws } from './creditLaws.js';
import { lawContext } from './_internals/lawContext.js';

/** Options of {@link assertCreditLaws}: what to check, which laws, and how hard to look. */
export interface AssertCreditLawsOptions extends LawSubject, LawRunOptions {
  /** The laws to run; default every law in {@link creditLaws}. */
  readonly laws?: readonly CreditLawName[];
}

/**
 * Runs every credit law (or the ones named) against a policy and, when given, a scorer, one
 * after another. Resolves when all hold.
 *
 * @example
 * it('our policy keeps every credit law', () => assertCreditLaws({ policy: ourPolicy, numRuns: 300, seed: 42 }));
 * @throws CreditLawViolation naming the first law that failed, why, and its shrunk minimal
 *   counterexample; laws that also failed are in `alsoFailed` and in the message.
 *   ValidationError listing every bad option at once (with a bad policy's issues under `policy`), or
 *   naming `policy` (`policy_mismatch`) when a scorer is given with a policy that is not its own;
 *   PolicyInvalidError when a policy that is not a valid PolicyConfig is the only problem.
 */
export async function assertCreditLaws(options: AssertCreditLawsOptions): Promise<void> {
  const { laws = CREDIT_LAW_NAMES, policy, scorer, applyPolicy, ...run } = options ?? ({} as AssertCreditLawsOptions);
  const issues: ValidationIssue[] = [];
  const isList = Array.isArray(laws as unknown);
  if (!isList) issues.push({ path: ['laws'], code: 'invalid_type', message: `laws must be an array of law names; known: ${CREDIT_LAW_NAMES.join(', ')}` });
  const unknown = isList ? laws.filter((name) => !(CREDIT_LAW_NAMES as readonly string[]).includes(name)) : [];
  if (unknown.length > 0)
    issues.push({ path: ['laws'], code: 'unknown_law', message: `unknown law(s): ${unknown.join(', ')}; known: ${CREDIT_LAW_NAMES.join(', ')}` });
  const subject: LawSubject = { ...(policy ? { policy } : {}), ...(scorer ? { scorer } : {}), ...(applyPolicy ? { applyPolicy } : {}) };
  // Bad options are reported once, up front and all together, rather than by the first law.
  lawContext(subject, run, issues);
  const failures: CreditLawViolation[] = [];
  for (const name of laws) {
    try {
      await creditLaws[name].check(subject, run);
    } catch (e) {
      if (!(e instanceof CreditLawViolation)) throw e;
      failures.push(e);
    }
  }
  const [first, ...rest] = failures;
  if (first !== undefined) throw rest.length === 0 ? first : new CreditLawViolation(first, rest);
}
