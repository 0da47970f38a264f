import { ValidationError, type ValidationIssue } from './validationError.js';
import { optionKeyIssues } from './argumentIssues.js';

/** What {@link readOptions} made of an options argument. */
export interface OptionsRead {
  /** A plain copy holding each known option given, read exactly once; undefined when no options were given or they could not be read. */
  readonly value: Record<string, unknown> | undefined;
  /** Options that are not an object, keys the call does not read, options whose read threw: each at its path. */
  readonly issues: ValidationIssue[];
}

/**
 * Reads an options argument once, into a plain object of the `known` options given, as records are
 * read before validation (readPlainData): a getter that throws is `unreadable_input` at its option,
 * a Proxy whose keys cannot be listed is `unreadable_input` at the options' root, and every later
 * check and use sees the copy, so a getter cannot show the check one value and the call another.
 * Such options used to escape as the caller's own Error from decide, decideBatch and every pool
 * call, and safeDecide answered them as `internal_error` (a 500 naming no field). Values are kept
 * as given (a signal, a model, a policy object): each is checked by its own rules.
 *
 * @param at the path the options sit at (`['scorer']` for a pool's scorer options)
 * @param hint may say where an unknown key belongs (see optionKeyIssues)
 */
export function readOptions(
  options: unknown,
  known: readonly string[],
  at: readonly (string | number)[] = [],
  hint?: (key: string) => string | undefined,
): OptionsRead {
  if (options === undefined) return { value: undefined, issues: [] };
  const issues = optionKeyIssues(options, known, at, hint);
  if (issues.some((i) => i.path.length === at.length)) return { value: undefined, issues };
  const source = options as Record<string, unknown>;
  let own: string[];
  try {
    own = Object.keys(source);
  } catch (e) {
    return {
      value: undefined,
      issues: [{ path: [...at], code: 'unreadable_input', message: `the options could not be read: ${e instanceof Error ? e.name : typeof e}` }],
    };
  }
  const value: Record<string, unknown> = {};
  // The caller's order first, so issues found in the copy come in the order the options were written.
  for (const key of [...own.filter((k) => known.includes(k)), ...known.filter((k) => !own.includes(k))]) {
    try {
      // `in`, not own keys: an option the caller's object inherits is read as the calls always read it.
      if (key in source) value[key] = source[key];
    } catch (e) {
      issues.push({ path: [...at, key], code: 'unreadable_input', message: `${key} could not be read: ${e instanceof Error ? e.name : typeof e}` });
    }
  }
  return { value, issues };
}

/**
 * {@link readOptions} for a call that refuses on any issue: the plain copy, typed as the options.
 *
 * @throws ValidationError (subject `subject`) naming every option at fault
 */
export function readOptionsOrRefuse<T>(options: T | undefined, known: readonly string[], subject: string): T | undefined {
  const { value, issues } = readOptions(options, known);
  if (issues.length > 0) throw new ValidationError(subject, issues);
  return value as T | undefined;
}

/**
 * {@link readOptions} for a call whose options are required (they carry its inputs, as
 * `runSimulation`'s records do): options left out are refused as not an object, never read as none.
 */
export function readRequiredOptions(
  options: unknown,
  known: readonly string[],
  at: readonly (string | number)[] = [],
  hint?: (key: string) => string | undefined,
): OptionsRead {
  return options === undefined ? { value: undefined, issues: optionKeyIssues(options, known, at, hint) } : readOptions(options, known, at, hint);
}
