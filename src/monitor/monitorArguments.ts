import { refuseArguments, typeNameOf } from '../errors/argumentIssues.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { readRequiredOptions } from '../errors/readOptions.js';
import type { LoadedModel } from '../model/loadModel.js';
import { monitorBaselineIssues } from './monitorBaseline.js';

/**
 * Reads options once into a plain copy (see readOptions), which the call then uses: options that
 * are not an object (left out included), a key the call does not read and an option whose read
 * throws (a getter, a Proxy: `unreadable_input`) are refused before any field is checked.
 *
 * @throws ValidationError (subject `subject`) naming the options, every unknown key or unreadable option
 */
export function readOptionsObject<T>(o: T, known: readonly string[], subject: string): T {
  const { value, issues } = readRequiredOptions(o, known);
  refuseArguments(subject, [issues]);
  return value as T;
}

/** An issue at `path` unless `v` is a monitor period, `'week'` or `'month'`. */
export function periodIssue(path: readonly (string | number)[], v: unknown): ValidationIssue | undefined {
  if (v === 'week' || v === 'month') return undefined;
  return { path: [...path], code: 'invalid_value', message: "period must be 'week' or 'month'", expected: "'week' | 'month'", received: typeNameOf(v) };
}

/** An issue at `path` unless `v` is iterable (sync or async), and not a string (whose records would be its characters). */
export function iterableIssue(path: readonly (string | number)[], v: unknown, what: string): ValidationIssue | undefined {
  const o = v as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown } | null;
  if (typeof o === 'object' && o !== null && (typeof o[Symbol.iterator] === 'function' || typeof o[Symbol.asyncIterator] === 'function')) return undefined;
  return { path: [...path], code: 'invalid_type', message: `${String(path[path.length - 1])} must be ${what}`, expected: 'iterable', received: typeNameOf(v) };
}

/** An issue at `path` unless `v` is a model from `loadModel`. */
export function loadedModelIssue(path: readonly (string | number)[], v: unknown): ValidationIssue | undefined {
  if (isLoadedModel(v)) return undefined;
  return { path: [...path], code: 'invalid_type', message: 'model must be a model from loadModel', expected: 'LoadedModel', received: typeNameOf(v) };
}

/** True for a model from `loadModel` (or one shaped as it, as the scorer takes it). */
export function isLoadedModel(m: unknown): m is LoadedModel {
  return typeof m === 'object' && m !== null && !(m instanceof Uint8Array) && 'predict' in m && 'manifest' in m;
}

/**
 * Refuses a baseline that is not a valid monitor baseline: its shape, share counts and protected
 * columns, as `parseMonitorBaseline` checks a baseline read from a file.
 *
 * @throws ValidationError (subject `MonitorBaseline`) naming every field at fault
 */
export function checkMonitorBaseline(baseline: unknown): void {
  const issues = monitorBaselineIssues(baseline);
  if (issues.length > 0) throw new ValidationError('MonitorBaseline', issues);
}
