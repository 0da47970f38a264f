import { ValidationError, type ValidationIssue } from './validationError.js';
import { listOptionKeys, optionKeyIssues, unknownOptionIssues } from './argumentIssues.js';
import { readArrayOnce } from './readArrayOnce.js';

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
 * as given (a signal, a model, a policy object): each is checked by its own rules; a list is
 * copied, each entry read once (readArrayOnce), as the check and the use each walked it.
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
  // The keys are listed once: a Proxy's ownKeys trap listed twice could show the unknown-key check
  // one set of keys and the copy another.
  const listed = listOptionKeys(options, at);
  if (!listed.ok) return { value: undefined, issues: [listed.issue] };
  const own = listed.keys;
  const issues = unknownOptionIssues(own, known, at, hint);
  // The caller's order first, so issues found in the copy come in the order the options were written.
  const { value, issues: unreadable } = copyOptions(options as object, [...own.filter((k) => known.includes(k)), ...known.filter((k) => !own.includes(k))], at);
  return { value, issues: [...issues, ...unreadable] };
}

/**
 * {@link readOptions} for an object whose keys are the caller's own names (challenger arms by
 * name): every own key is listed once and read once into a plain copy, an unreadable one at its
 * path (check the value is an object first, for a message saying what it should be).
 */
export function readOptionRecord(record: unknown, at: readonly (string | number)[]): OptionsRead {
  const listed = listOptionKeys(record, at);
  if (!listed.ok) return { value: undefined, issues: [listed.issue] };
  return copyOptions(record as object, listed.keys, at);
}

/**
 * {@link readOptions} for a nested object the engine or a trainer writes with more fields than the
 * call reads (a model card's score baseline carries its `count`): the `known` fields read once into
 * a plain copy, other keys left unread, as the call always left them (check the value is an
 * object first, for a message saying what it should be).
 */
export function readKnownFields(value: unknown, known: readonly string[], at: readonly (string | number)[]): OptionsRead {
  const listed = listOptionKeys(value, at);
  if (!listed.ok) return { value: undefined, issues: [listed.issue] };
  return copyOptions(value as object, [...listed.keys.filter((k) => known.includes(k)), ...known.filter((k) => !listed.keys.includes(k))], at);
}

/**
 * Reads each of `keys` from `source` once into a plain object, a read that throws as
 * `unreadable_input` at its key; a list among them is read once too (readArrayOnce).
 */
function copyOptions(source: object, keys: readonly string[], at: readonly (string | number)[]): OptionsRead {
  const value: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  for (const key of keys) {
    try {
      // `in`, not own keys: an option the caller's object inherits is read as the calls always read it.
      if (!(key in source)) continue;
      const given = (source as Record<string, unknown>)[key];
      const { value: v, issues: inList } = readArrayOnce(given, [...at, key]);
      issues.push(...inList);
      // A data property whatever the key (a record's arm may be named `__proto__`): plain assignment would set the prototype.
      Object.defineProperty(value, key, { value: v, enumerable: true, writable: true, configurable: true });
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
