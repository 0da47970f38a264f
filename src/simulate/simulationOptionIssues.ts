import type { ValidationIssue } from '../errors/validationError.js';
import { signalOptionIssues } from '../decision/signalOption.js';

/** Most issues about `outcomes` entries one error lists (as `readOutcomes` lists a file's lines). */
const MAX_OUTCOME_ISSUES = 50;

/** Largest `chunkSize` a simulation takes (the CLI's `--batch` range). */
export const MAX_SIMULATION_CHUNK_SIZE = 65_536;

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** True for a Map, from this realm or another (a `ReadonlyMap` given as `outcomes`). */
function isMap(v: unknown): v is ReadonlyMap<unknown, unknown> {
  return Object.prototype.toString.call(v) === '[object Map]';
}

/** True for what `for await` reads: an iterable or an async iterable object (a string is refused: a path given by mistake). */
export function isBookIterable(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (Symbol.iterator in v || Symbol.asyncIterator in v);
}

/**
 * The issues of `outcomes`: a Map of applicant id to `true` (defaulted) or `false`, every entry
 * checked as `readOutcomes` checks a file's lines. A value read by truthiness counted `'no'` and
 * `'false'` as defaults and `null` as a known non-default; a plain object or an array of pairs
 * crashed with a bare TypeError once the workers had started.
 */
export function outcomesIssues(outcomes: unknown): ValidationIssue[] {
  if (outcomes === undefined) return [];
  if (!isMap(outcomes)) {
    return [
      {
        path: ['outcomes'],
        code: 'invalid_type',
        message: 'outcomes must be a Map of applicant id to true (defaulted) or false (readOutcomes reads a file into one)',
        expected: 'Map<string, boolean>',
        received: typeName(outcomes),
      },
    ];
  }
  const issues: ValidationIssue[] = [];
  let more = 0;
  const bad = (issue: ValidationIssue) => {
    if (issues.length < MAX_OUTCOME_ISSUES) issues.push(issue);
    else more++;
  };
  for (const [id, defaulted] of outcomes) {
    if (typeof id !== 'string' || id === '') {
      bad({ path: ['outcomes'], code: 'invalid_outcome', message: 'every outcome id must be a non-empty string', expected: 'string', received: typeName(id) });
    } else if (typeof defaulted !== 'boolean') {
      bad({
        path: ['outcomes', id],
        code: 'invalid_outcome',
        message: `the outcome of "${id.slice(0, 64)}" must be true (defaulted) or false, got ${typeName(defaulted)}`,
        expected: 'boolean',
        received: typeName(defaulted),
      });
    }
  }
  if (more > 0)
    issues.push({ path: ['outcomes'], code: 'too_many_issues', message: `${more} more outcome(s) at fault; the first ${MAX_OUTCOME_ISSUES} are listed` });
  return issues;
}

/** The issue of a whole-number option outside `[min, max]` (NaN, 2.5 and 0 included), when given. */
export function wholeNumberIssues(value: unknown, name: string, min: number, max: number): ValidationIssue[] {
  if (value === undefined || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) return [];
  return [
    {
      path: [name],
      code: typeof value === 'number' ? 'out_of_range' : 'invalid_type',
      message: `${name} must be a whole number in [${min}, ${max}]`,
      expected: 'integer',
      received: typeName(value),
    },
  ];
}

/** The issues of callback options that are given and are not functions. */
export function callbackIssues(options: object, names: readonly string[]): ValidationIssue[] {
  return names
    .filter((n) => (options as Record<string, unknown>)[n] !== undefined && typeof (options as Record<string, unknown>)[n] !== 'function')
    .map((n) => ({
      path: [n],
      code: 'invalid_type' as const,
      message: `${n} must be a function`,
      expected: 'function',
      received: typeName((options as Record<string, unknown>)[n]),
    }));
}

/**
 * The issues of the options {@link runSimulation} and {@link simulateBook} share: `outcomes`,
 * `chunkSize`, the callbacks and `signal`.
 */
export function sharedSimulationOptionIssues(options: object): ValidationIssue[] {
  const o = options as Record<string, unknown>;
  return [
    ...outcomesIssues(o.outcomes),
    ...wholeNumberIssues(o.chunkSize, 'chunkSize', 1, MAX_SIMULATION_CHUNK_SIZE),
    ...callbackIssues(options, ['onFlip', 'onError', 'onChunk']),
    ...signalOptionIssues(options),
  ];
}
