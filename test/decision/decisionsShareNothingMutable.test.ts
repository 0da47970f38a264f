// What one caller does with a decision cannot reach another decision. A service that localises
// labels in place, or appends to `dataCategories`, used to rewrite every later decision of the
// scorer (the labels and category list were the scorer's own shared objects), for every customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

/** Tries to change every part of `value` in place: each property, each array, new keys. Frozen parts refuse (and throw, in strict code). */
function vandalise(value: unknown, seen = new Set<object>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    vandalise(v, seen);
    try {
      (value as Record<string, unknown>)[key] = typeof v === 'string' ? 'VANDALISED' : typeof v === 'number' ? -1 : v;
    } catch {
      // frozen: refused, as it should be for anything shared
    }
  }
  try {
    if (Array.isArray(value)) value.push('VANDALISED');
    else (value as Record<string, unknown>).vandalised = true;
  } catch {
    // frozen
  }
}

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 3 });
});
afterAll(() => scorer?.close());

const applicants = [...exampleApplicants.map((e) => e.applicant), ...generatePopulation({ size: 24, seed: 11, asOf: '2026-11-01' }).map((r) => r.applicant)];

describe('decisions share nothing a caller can change', () => {
  it('vandalising every output (decide, decideBatch, suggest, reassess, reduction) changes no later decision', async () => {
    const before = await scorer.decideBatch(applicants);
    const reference = JSON.stringify(before);
    // Every kind of output, each torn apart by its caller.
    for (const r of before) if (r.ok) vandalise(structuredClone(r.decision));
    const decided = await Promise.all(applicants.map((a) => scorer.decide(a)));
    const reassessed = await Promise.all(decided.map((d, i) => scorer.reassess(d, { applicant: applicants[i]!, evidence: [] })));
    const reduced = decided.filter((d) => d.limit >= 200_000).map((d) => scorer.requestReduction(d, 100_000));
    const suggested = await Promise.all(applicants.slice(0, 6).map((a) => scorer.suggest(a, { top: 5 })));
    for (const out of [before, decided, reassessed, reduced, suggested]) vandalise(out);
    const after = await scorer.decideBatch(applicants);
    expect(JSON.stringify(after)).toBe(reference);
    expect(JSON.stringify(after)).not.toContain('VANDALISED');
  });
});
