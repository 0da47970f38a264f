import type { z } from 'zod';
import { ValidationError, type ValidationIssue, validationIssuesFromZod } from './validationError.js';

/**
 * Checks for the arguments of public functions called from JavaScript (or with a cast), where the
 * types do not hold: README promises that any JSON value handed to a public entry point gives a
 * result or a typed error, never node's TypeError from deep inside. Each check returns an issue or
 * nothing, so a function gathers every fault of its arguments into one ValidationError.
 */

/** A type name for `received`: never the value itself (a path, key or record could be private). */
export function typeNameOf(v: unknown): string {
  if (v === null) return 'null';
  try {
    if (Array.isArray(v)) return 'array';
  } catch {
    // A revoked Proxy: an object that cannot be looked into.
    return 'object';
  }
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : 'Infinity';
  return typeof v;
}

/** The kinds of argument the checks below know. */
export type ArgumentKind = 'string' | 'number' | 'finite number' | 'integer' | 'boolean' | 'object' | 'array' | 'function' | 'bytes' | 'numbers' | 'strings';

function isKind(v: unknown, kind: ArgumentKind): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number';
    case 'finite number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'function':
      return typeof v === 'function';
    case 'bytes':
      return v instanceof Uint8Array;
    case 'numbers':
      return isNumbers(v);
    case 'strings':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
  }
}

/** An array of numbers or a typed array of numbers (an `ArrayLike<number>`; NaN may stand for missing). */
function isNumbers(v: unknown): boolean {
  if (Array.isArray(v)) return v.every((x) => typeof x === 'number');
  return ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array);
}

/**
 * An `invalid_type` issue at `path` unless `value` is of `kind` (or, with `optional`, undefined).
 *
 * @param what says what the argument is, for the message ("the model file's path")
 */
export function typeIssue(path: readonly (string | number)[], value: unknown, kind: ArgumentKind, what: string, optional = false): ValidationIssue | undefined {
  const name = path.length === 0 ? 'the argument' : String(path[path.length - 1]);
  try {
    if ((optional && value === undefined) || isKind(value, kind)) return undefined;
  } catch (e) {
    // Array.isArray throws on a revoked Proxy: named at its path, as readOptions names one.
    return { path: [...path], code: 'unreadable_input', message: `${name} could not be read: ${e instanceof Error ? e.name : typeof e}` };
  }
  return { path: [...path], code: 'invalid_type', message: `${name} must be ${what}`, expected: kind, received: typeNameOf(value) };
}

/**
 * The issues of `value` against `schema`, each path under `path`: an argument whose type a schema
 * defines is checked by that schema, never by a copy of its rules.
 */
export function schemaIssues(path: readonly (string | number)[], value: unknown, schema: z.ZodType): ValidationIssue[] {
  const r = schema.safeParse(value);
  return r.success ? [] : validationIssuesFromZod(r.error).map((i) => ({ ...i, path: [...path, ...i.path] }));
}

/**
 * Throws one ValidationError (subject `subject`, usually the function's name) listing every issue
 * given (single issues, or lists of them as {@link schemaIssues} gives); returns when there is none.
 *
 * @throws ValidationError naming every offending argument
 */
export function refuseArguments(subject: string, issues: readonly (ValidationIssue | readonly ValidationIssue[] | undefined)[]): void {
  const found = issues.flat().filter((i): i is ValidationIssue => i !== undefined);
  if (found.length > 0) throw new ValidationError(subject, found);
}

/**
 * The option keys a call reads, checked at compile time to name every option its type declares, so
 * a new option is never refused as unknown at run time: `everyKeyOf<MyOptions>()(['a', 'b'])`. A
 * missing key is a type error naming it (`missing`).
 */
export function everyKeyOf<T>() {
  return <const K extends readonly (keyof T)[]>(
    keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : { readonly missing: Exclude<keyof T, K[number]> }),
  ): K => keys;
}

/**
 * The issues of options that are not an object, or that carry a key the call does not read (each
 * path under `at`); `hint` may say where an unknown key belongs. A misspelled `limitHistroy` used
 * to be ignored, so the customer's raises were not counted and the step limits' window let the line
 * rise again; the types catch it in TypeScript, this catches it at run time. A call reads its
 * options with readOptions, which gathers these with the faults of reading each option.
 */
export function optionKeyIssues(
  options: unknown,
  known: readonly string[],
  at: readonly (string | number)[] = [],
  hint: (key: string) => string | undefined = () => undefined,
): ValidationIssue[] {
  const listed = listOptionKeys(options, at);
  return listed.ok ? unknownOptionIssues(listed.keys, known, at, hint) : [listed.issue];
}

/**
 * The own keys of options, listed once; or the issue at `at` when they are not an object or their
 * keys cannot be listed (a Proxy whose trap throws).
 */
export function listOptionKeys(
  options: unknown,
  at: readonly (string | number)[],
): { readonly ok: true; readonly keys: string[] } | { readonly ok: false; readonly issue: ValidationIssue } {
  try {
    // Inside the try: Array.isArray throws on a revoked Proxy, as Object.keys does on a Proxy whose trap throws.
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      return { ok: false, issue: { path: [...at], code: 'invalid_type', message: 'expected an object of options', expected: 'object' } };
    }
    return { ok: true, keys: Object.keys(options) };
  } catch (e) {
    // A Proxy whose traps throw: named at the options' root, as a record's is (readPlainData).
    return {
      ok: false,
      issue: { path: [...at], code: 'unreadable_input', message: `the options could not be read: ${e instanceof Error ? e.name : typeof e}` },
    };
  }
}

/** An `unrecognized_key` issue for each of `keys` the call does not read; `hint` may say where one belongs. */
export function unknownOptionIssues(
  keys: readonly string[],
  known: readonly string[],
  at: readonly (string | number)[],
  hint: (key: string) => string | undefined = () => undefined,
): ValidationIssue[] {
  return keys
    .filter((k) => !known.includes(k))
    .map((k) => ({ path: [...at, k], code: 'unrecognized_key' as const, message: hint(k) ?? `unknown option "${k}" (known: ${known.join(', ')})` }));
}

/**
 * An issue for each option given as `null`: no option takes null, and reading it as "the default"
 * (as `??` does) turned a JSON config's missing secret (`"assignmentKey": null`) into the public
 * default key without a word. Leaving the key out is how to ask for the default.
 */
export function nullOptionIssues(options: unknown, at: readonly (string | number)[] = []): ValidationIssue[] {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return [];
  return Object.entries(options)
    .filter(([, v]) => v === null)
    .map(([k]) => ({
      path: [...at, k],
      code: 'invalid_type' as const,
      message: `${k} is null: leave the option out for its default`,
      expected: 'a value, or the option left out',
      received: 'null',
    }));
}
