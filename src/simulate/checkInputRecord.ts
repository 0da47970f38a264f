import { refusedRecord, type InputRecord } from '../cli/score/inputRecord.js';
import type { ValidationIssue } from '../errors/validationError.js';

const OK_KEYS: readonly string[] = ['line', 'ok', 'value', 'limitHistory', 'at', 'prior', 'onFile'];
const REFUSED_KEYS: readonly string[] = ['line', 'ok', 'error', 'check'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPath(v: unknown): boolean {
  return Array.isArray(v) && v.every((p) => typeof p === 'string' || typeof p === 'number');
}

/**
 * An element of a book of input records (`simulateBook({ bookIsRecords: true })`, `runSimulation`)
 * as it is when well formed, else a refused record naming every fault (`data_invalid`, one issue
 * per field): a raw applicant passed by mistake, a missing or bad `line`, an `ok` that is not a
 * boolean, a refusal without its `error`, an unknown key (a misspelled `limitHistroy` would drop the
 * customer's ledger), a `prior` (the stored decision) or an `onFile` (the line on file) given as undefined. Trusted as they came, such elements became errors with no line and no reason,
 * or were decided with no line (`ok: 'yes'` as if true). A record without a usable `line` is
 * numbered by its place in the book (`position`, from 1).
 *
 * @example
 * checkInputRecord({ ok: true, value: applicant }, 3); // { line: 3, ok: false, error: { code: 'data_invalid', ... } }
 */
export function checkInputRecord(element: unknown, position: number): InputRecord {
  // Neither `line` nor `ok`: not a record at all (a raw applicant, most likely), said once rather than key by key.
  if (!isObject(element) || (!Object.hasOwn(element, 'line') && !Object.hasOwn(element, 'ok'))) {
    return refusedRecord(position, [
      {
        path: [],
        code: 'invalid_type',
        message: `book element ${position} is not an input record { line, ok, value } (a book of raw applicants is given without bookIsRecords)`,
        expected: 'object',
        received: element === null ? 'null' : Array.isArray(element) ? 'array' : typeof element,
      },
    ]);
  }
  const issues: ValidationIssue[] = [];
  const lineOk = Number.isSafeInteger(element.line) && (element.line as number) >= 1;
  const line = lineOk ? (element.line as number) : position;
  if (!lineOk)
    issues.push({
      path: ['line'],
      code: 'invalid_type',
      message: `line must be a whole number from 1 (book element ${position} is numbered by its place)`,
      expected: 'integer',
    });
  if (element.ok === true) {
    if (!Object.hasOwn(element, 'value')) issues.push({ path: ['value'], code: 'missing_element', message: 'a readable record (ok: true) carries its value' });
    if (element.at !== undefined && !isPath(element.at))
      issues.push({ path: ['at'], code: 'invalid_type', message: 'at must be a path: an array of keys and indices', expected: 'array' });
    // Given by name as undefined (a store lookup that found nothing), the record would be reassessed
    // from the baseline's decide without a word, as if the lender held no decision for it.
    if (Object.hasOwn(element, 'prior') && element.prior === undefined)
      issues.push({
        path: ['prior'],
        code: 'invalid_type',
        message: 'prior is given but undefined (did the lookup of the decision on file find nothing?): give the stored decision, or leave the key out',
        expected: 'object',
        received: 'undefined',
      });
    // The same for the line on file: the stored prior would be reassessed unguarded.
    if (Object.hasOwn(element, 'onFile') && element.onFile === undefined)
      issues.push({
        path: ['onFile'],
        code: 'invalid_type',
        message:
          'onFile is given but undefined (did the lookup of the line on file find nothing?): give the line, cap and ledger on file, or leave the key out',
        expected: 'object',
        received: 'undefined',
      });
  } else if (element.ok === false) {
    const error = element.error;
    if (!isObject(error) || typeof error.code !== 'string' || typeof error.message !== 'string')
      issues.push({
        path: ['error'],
        code: 'invalid_type',
        message: 'a refused record (ok: false) carries its error: { code, message }',
        expected: 'object',
      });
    if (element.check !== undefined && !(isObject(element.check) && Object.hasOwn(element.check, 'value')))
      issues.push({ path: ['check'], code: 'invalid_type', message: 'check must be { value, limitHistory?, at? }', expected: 'object' });
  } else {
    issues.push({
      path: ['ok'],
      code: 'invalid_type',
      message: 'ok must be true (a readable record) or false (refused by its reader)',
      expected: 'boolean',
    });
  }
  const known = element.ok === true ? OK_KEYS : element.ok === false ? REFUSED_KEYS : [...OK_KEYS, ...REFUSED_KEYS];
  for (const k of Object.keys(element)) {
    if (!known.includes(k))
      issues.push({ path: [k], code: 'unrecognized_key', message: `unknown key "${k.slice(0, 64)}" in an input record (known: ${known.join(', ')})` });
  }
  return issues.length === 0 ? (element as unknown as InputRecord) : refusedRecord(line, issues);
}
