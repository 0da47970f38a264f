import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { CREDIT_LAW_NAMES, type CreditLawName, type LawPart, type LawRunOptions, type LawSubject } from './creditLaw.js';
import { CreditLawViolation } from './creditLawViolation.js';
import { creditLaws } from './creditLaws.js';
import { nothingToCheckIssue } from './_internals/defineLaw.js';
import { isVacuousRunRefusal } from './_internals/vacuousRun.js';
import { lawContext, RUN_OPTION_KEYS, SUBJECT_KEYS } from './_internals/lawContext.js';
import { readOptions } from '../errors/readOptions.js';

/** Every key of {@link AssertCreditLawsOptions}: the laws, the subject's and the run options. */
const ASSERT_OPTION_KEYS: readonly string[] = ['laws', ...SUBJECT_KEYS, ...RUN_OPTION_KEYS];

/** Options of {@link assertCreditLaws}: what to check, which laws, and how hard to look. */
export interface AssertCreditLawsOptions extends LawSubject, LawRunOptions {
  /**
   * The laws to run (at least one). Default: every law in {@link creditLaws} that has the part to
   * run: without a scorer (or with `part: 'policy'`) the laws with a policy part, leaving out the
   * ones checked end to end only (`suggestions_come_true`, `results_below_useful_level_never_count`,
   * `banned_data_never_counts`, `tampered_priors_refused`);
   * with a pool (or `part: 'pool'`) the laws with a pool part, each on every part (policy, scorer and
   * pool). A law named that lacks the part to run is refused, never passed unchecked. A law with
   * nothing to draw from the scorer (`banned_data_never_counts` on a scorer whose catalog holds no
   * kind of a banned data category) is left out of the default run and listed in the report's
   * `notChecked`; named here, it is refused (`nothing_to_check` at `laws`).
   */
  readonly laws?: readonly CreditLawName[];
}

/** What {@link assertCreditLaws} ran, once every law it ran held. */
export interface CreditLawsReport {
  /** The laws run, each holding on every part run, in the order they ran. */
  readonly checked: readonly CreditLawName[];
  /**
   * The laws of the default run left out because they had nothing to check on this subject, each
   * with why (`banned_data_never_counts` on a scorer whose jurisdiction bans no kind of its catalog):
   * not passed, not run. Empty when `laws` names the laws to run (a named law with nothing to check is refused).
   */
  readonly notChecked: readonly { readonly law: CreditLawName; readonly why: string }[];
}

/**
 * `numRuns` and `applyPolicy` given to a run whose every law (`names`) is checked end to end only:
 * they shape the policy part, which none of them has, so they would be read by nothing.
 */
function policyPartOptionIssues(names: readonly string[], subject: Partial<LawSubject>, options: unknown): ValidationIssue[] {
  const numRuns = typeof options === 'object' && options !== null ? (options as LawRunOptions).numRuns : undefined;
  const none = `${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} none (checked end to end only)`;
  const issues: ValidationIssue[] = [];
  if (numRuns !== undefined)
    issues.push({
      path: ['numRuns'],
      code: 'unused_option',
      message: `numRuns sets the runs of the policy part, and ${none}: set scorerNumRuns, or leave numRuns out`,
    });
  if (subject.applyPolicy !== undefined)
    issues.push({
      path: ['subject', 'applyPolicy'],
      code: 'unused_option',
      message: `applyPolicy is the policy engine the policy part checks, and ${none}, the scorer deciding with its own: leave applyPolicy out`,
    });
  return issues;
}

/**
 * The options read once into a plain copy, which the run then uses: a getter or Proxy that throws
 * is refused by name (`unreadable_input`), never thrown raw. An unknown key is kept by name only
 * (its value unread), so the run's own check names it with the key it most likely meant.
 */
function readAssertOptions(options: AssertCreditLawsOptions): AssertCreditLawsOptions {
  const read = readOptions(options ?? {}, ASSERT_OPTION_KEYS);
  const unreadable = read.issues.filter((i) => i.code === 'unreadable_input');
  if (unreadable.length > 0) throw new ValidationError('credit law options', unreadable);
  if (read.value === undefined) return (options ?? {}) as AssertCreditLawsOptions;
  const unknown = read.issues.filter((i) => i.code === 'unrecognized_key').map((i) => [String(i.path[0]), undefined]);
  return { ...Object.fromEntries(unknown), ...read.value } as AssertCreditLawsOptions;
}

/**
 * Runs every credit law (or the ones named) against a policy and, when given, a scorer (and a pool
 * beside it), one after another. Resolves when all hold, with a report of the laws run and of the
 * laws the default run left out for having nothing to check on this subject.
 *
 * @example
 * it('our policy keeps every credit law', () => assertCreditLaws({ policy: ourPolicy, numRuns: 300, seed: 42 }));
 * @throws CreditLawViolation naming the first law that failed, why, and its shrunk minimal
 *   counterexample; laws that also failed are in `alsoFailed` and in the message.
 *   ValidationError listing every bad option at once (with a bad policy's issues under `policy`), or
 *   naming `policy` (`policy_mismatch`) when a scorer is given with a policy that is not its own;
 *   PolicyInvalidError when a policy that is not a valid PolicyConfig is the only problem;
 *   ValidationError (`nothing_to_check` at `subject`, one issue per law) once every law has run, when
 *   laws about granted lines met no line on their runs and no law failed.
 */
export async function assertCreditLaws(options: AssertCreditLawsOptions): Promise<CreditLawsReport> {
  const given = readAssertOptions(options);
  const { laws: named, policy, scorer, pool, applyPolicy, ...run } = given;
  // The part every law is run on: the one asked for, else the pool's with a pool, end to end with a
  // scorer, else the policy's.
  const part: LawPart =
    run.part === 'policy' || run.part === 'scorer' || run.part === 'pool' ? run.part : pool !== undefined ? 'pool' : scorer === undefined ? 'policy' : 'scorer';
  const withPart = (name: CreditLawName) => creditLaws[name].parts.includes(part);
  // What each law would draw nothing from, on the part run (only an end-to-end part can be empty).
  const empty = (name: CreditLawName) => nothingToCheckIssue(creditLaws[name], given, part);
  const notChecked: { law: CreditLawName; why: string }[] = [];
  const laws =
    named ??
    CREDIT_LAW_NAMES.filter((name) => {
      if (!withPart(name)) return false;
      const issue = empty(name);
      // A subject issue (a wrapper missing a field the law reads) is named below, by lawContext.
      if (issue?.code === 'nothing_to_check') notChecked.push({ law: name, why: issue.message });
      return issue?.code !== 'nothing_to_check';
    });
  const issues: ValidationIssue[] = [];
  const isList = Array.isArray(laws as unknown);
  if (!isList) issues.push({ path: ['laws'], code: 'invalid_type', message: `laws must be an array of law names; known: ${CREDIT_LAW_NAMES.join(', ')}` });
  const known = isList ? laws.filter((name) => (CREDIT_LAW_NAMES as readonly string[]).includes(name)) : [];
  const unknown = isList ? laws.filter((name) => !(CREDIT_LAW_NAMES as readonly string[]).includes(name)) : [];
  if (unknown.length > 0)
    issues.push({ path: ['laws'], code: 'unknown_law', message: `unknown law(s): ${unknown.join(', ')}; known: ${CREDIT_LAW_NAMES.join(', ')}` });
  // A law named twice would run twice and be reported twice: the list is refused, not quietly changed.
  const repeated = isList ? [...new Set(laws.filter((name, i) => laws.indexOf(name) !== i))] : [];
  if (repeated.length > 0)
    issues.push({ path: ['laws'], code: 'duplicate_law', message: `law(s) named more than once: ${repeated.join(', ')}; name each law once` });
  if (isList && laws.length === 0) issues.push({ path: ['laws'], code: 'too_small', message: 'laws must name at least one law: an empty list checks nothing' });
  // A law that would check nothing for this subject and part is refused, never passed.
  const partless = known.filter((name) => !withPart(name));
  if (partless.length > 0) {
    // One law or several, in words that agree with the count.
    const one = partless.length === 1;
    const names = one ? partless.join('') : `${partless.slice(0, -1).join(', ')} and ${partless.at(-1)}`;
    const [has, they, them, are] = one ? ['has', 'it decides', 'it', 'is'] : ['have', 'they decide', 'them', 'are'];
    issues.push(
      part === 'pool'
        ? {
            path: run.part === 'pool' ? ['part'] : ['laws'],
            code: 'part_unavailable',
            message: `${names} ${has} no pool part (${they} no batch, and a batch is all a pool decides): check ${them} with the scorer alone, or leave ${them} out of laws`,
          }
        : run.part === 'policy'
          ? {
              path: ['part'],
              code: 'part_unavailable',
              message: `${names} ${has} no policy part (checked end to end only): give a scorer and leave part out, or leave ${them} out of laws`,
            }
          : {
              path: ['laws'],
              code: 'missing_subject',
              message: `${names} ${are} checked end to end only (no policy part): give a scorer, or leave ${them} out of laws`,
            },
    );
  }
  // A law named that would draw nothing is refused, as one lacking the part is.
  if (named !== undefined && isList)
    for (const name of known.filter(withPart)) {
      const issue = empty(name);
      if (issue !== undefined) issues.push(issue.code === 'nothing_to_check' ? { ...issue, path: ['laws'] } : issue);
    }
  // numRuns and applyPolicy shape the policy part: laws named that are all checked end to end
  // only would read neither (part 'scorer' or 'pool' is named by lawContext).
  const policyParted = known.filter((name) => creditLaws[name].parts.includes('policy'));
  if (run.part === undefined && known.length > 0 && policyParted.length === 0) issues.push(...policyPartOptionIssues(known, given, run));
  const subject: LawSubject = {
    ...(policy ? { policy } : {}),
    ...(scorer ? { scorer } : {}),
    ...(pool !== undefined ? { pool } : {}),
    ...(applyPolicy ? { applyPolicy } : {}),
  };
  // Bad options are reported once, up front and all together, rather than by the first law. An
  // unknown key is held to every key this function takes (its subject and laws too), so "law" or
  // "polcy" is named with the key it likely meant.
  lawContext(subject, run, issues, ASSERT_OPTION_KEYS);
  const failures: CreditLawViolation[] = [];
  const vacuous: ValidationIssue[] = [];
  // Every issue is reported above, all together; a law run here only meets a valid run.
  for (const name of laws) {
    try {
      await creditLaws[name].check(subject, run);
    } catch (e) {
      if (isVacuousRunRefusal(e)) {
        vacuous.push(...e.issues);
        continue;
      }
      if (!(e instanceof CreditLawViolation)) throw e;
      failures.push(e);
    }
  }
  const [first, ...rest] = failures;
  if (first !== undefined) throw rest.length === 0 ? first : new CreditLawViolation(first, rest);
  // Runs that held of nothing (a law about granted lines that met none) fail the run, all named at
  // once: a policy that grants no line is a finding, not a pass to list beside the others.
  if (vacuous.length > 0) throw new ValidationError('credit law options', vacuous);
  return { checked: [...laws], notChecked };
}
