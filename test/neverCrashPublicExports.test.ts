import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { CreditliftError } from '../src/errors/creditliftError.js';
import * as examples from '../src/examples/index.js';
import * as health from '../src/health/index.js';
import * as root from '../src/index.js';
import * as testing from '../src/testing/index.js';
import * as train from '../src/train/index.js';

/**
 * README ("Errors"): any JSON value handed to a public entry point gives a result or a typed error,
 * never an uncaught exception. This calls every function each entry point exports, as a JavaScript
 * caller would, with a fixed set of hostile values and with fast-check's JSON values.
 */
const ENTRY_POINTS: Readonly<Record<string, Record<string, unknown>>> = {
  '.': root,
  './train': train,
  './testing': testing,
  './health': health,
  './examples': examples,
};

/** Entry points the promise does not cover, and why. */
const ENTRY_POINTS_LEFT_OUT: Readonly<Record<string, string>> = {
  // The building blocks under a decision (tree evaluation, pricing arithmetic...) run once per
  // decision or per tree node: they trust their typed inputs, and "no compatibility promise" is
  // their contract. Checking them would put the cost on every decision.
  './internals': 'building blocks on the hot path, trusted typed inputs (README: no promise)',
  './package.json': 'not code',
};

/** Functions whose contract is to run the caller's code or to throw, and why. */
const FUNCTIONS_LEFT_OUT: Readonly<Record<string, string>> = {
  // An assertion: it throws CreditLawViolation (not a CreditliftError) when a law fails, and `{}`
  // asks it to run every law on the default policy (seconds of property runs).
  'testing.assertCreditLaws': 'an assertion helper: throws CreditLawViolation by contract',
  // Runs the caller's `edit` on every decision; whatever that throws is the caller's.
  'testing.mutateScorer': "runs the caller's edit function",
};

/**
 * Calls that are valid and do real work for seconds (train the shipped model, start worker
 * threads): left out of the hostile set for these functions only, everything else still called.
 */
const VALID_AND_SLOW: Readonly<Record<string, (args: readonly unknown[]) => boolean>> = {
  // trainDefaultModel() and ({}) rebuild the shipped model from 120,000 applicants.
  'train.trainDefaultModel': (args) => args[0] === undefined || isEmptyObject(args[0]),
  // createScorerPool() and ({}) start one worker per core, each loading the model.
  'root.createScorerPool': (args) => args[0] === undefined || isEmptyObject(args[0]),
};

function isEmptyObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}

const LABEL: Readonly<Record<string, string>> = { '.': 'root', './train': 'train', './testing': 'testing', './health': 'health', './examples': 'examples' };

/** Every exported function of every covered entry point, classes left out (they are constructed, not called). */
const FUNCTIONS: readonly { name: string; fn: (...args: unknown[]) => unknown }[] = Object.entries(ENTRY_POINTS).flatMap(([entry, module]) =>
  Object.entries(module)
    .filter(([, v]) => typeof v === 'function' && !/^class[\s{]/.test(Function.prototype.toString.call(v)))
    .map(([name, fn]) => ({ name: `${LABEL[entry]}.${name}`, fn: fn as (...args: unknown[]) => unknown }))
    .filter(({ name }) => !(name in FUNCTIONS_LEFT_OUT)),
);

const HOSTILE: readonly (readonly unknown[])[] = [
  [],
  [undefined],
  [42],
  [null],
  [{}],
  [{ bogus: 1 }],
  ['x'],
  [[]],
  [true],
  [{}, null],
  [{}, { bogus: 1 }],
  ['x', 'y', 'z'],
];

/** Calls `fn(...args)` and says how it ended: a result, a typed creditlift error, or a crash (what was thrown). */
async function outcome(fn: (...args: unknown[]) => unknown, args: readonly unknown[]): Promise<string> {
  try {
    const r = fn(...args);
    const value = r instanceof Promise ? await r : r;
    // Whatever holds threads or a model open is closed again.
    if (typeof value === 'object' && value !== null && typeof (value as { close?: unknown }).close === 'function') {
      await (value as { close: () => unknown }).close();
    }
    return 'ok';
  } catch (e) {
    if (e instanceof CreditliftError) return 'ok';
    return `${e instanceof Error ? e.constructor.name : typeof e}: ${e instanceof Error ? e.message : String(e)}`.slice(0, 200);
  }
}

function describeArgs(args: readonly unknown[]): string {
  return `(${args.map((a) => (a === undefined ? 'undefined' : JSON.stringify(a))).join(', ')})`.slice(0, 120);
}

let quiet: MockInstance[] = [];
beforeAll(() => {
  // The command runners print their usage to the process's streams when no `io` is given.
  quiet = [vi.spyOn(process.stdout, 'write').mockImplementation(() => true), vi.spyOn(process.stderr, 'write').mockImplementation(() => true)];
});
afterAll(() => {
  for (const s of quiet) s.mockRestore();
});

describe('law: every function of a public entry point gives a result or a typed CreditliftError for any JSON value', () => {
  it('covers every entry point of package.json "exports"', () => {
    const exportsField = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).exports as Record<string, unknown>;
    expect(Object.keys(exportsField).sort()).toEqual([...Object.keys(ENTRY_POINTS), ...Object.keys(ENTRY_POINTS_LEFT_OUT)].sort());
    // The functions left out exist, so the list does not rot.
    const all = new Set(Object.entries(ENTRY_POINTS).flatMap(([entry, m]) => Object.keys(m).map((n) => `${LABEL[entry]}.${n}`)));
    for (const name of [...Object.keys(FUNCTIONS_LEFT_OUT), ...Object.keys(VALID_AND_SLOW)]) expect(all.has(name), name).toBe(true);
    expect(FUNCTIONS.length).toBeGreaterThan(100);
  });

  it('the fixed hostile values', async () => {
    const crashes: string[] = [];
    for (const { name, fn } of FUNCTIONS) {
      for (const args of HOSTILE) {
        if (VALID_AND_SLOW[name]?.(args)) continue;
        const o = await outcome(fn, args);
        if (o !== 'ok') crashes.push(`${name}${describeArgs(args)} -> ${o}`);
      }
    }
    expect(crashes).toEqual([]);
  });

  it('any JSON values', async () => {
    const crashes: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), async (args) => {
        for (const { name, fn } of FUNCTIONS) {
          if (VALID_AND_SLOW[name]?.(args)) continue;
          const o = await outcome(fn, args);
          if (o !== 'ok' && crashes.length < 200) crashes.push(`${name}${describeArgs(args)} -> ${o}`);
        }
      }),
      { numRuns: 40 },
    );
    expect([...new Set(crashes.map((c) => c.split('(')[0]))], crashes.slice(0, 40).join('\n')).toEqual([]);
  });
});
