import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { followUpOutputs } from '../helpers/followUpOutputDigests.js';

// Written by main's code before reassessments named the evidence that no longer counts and a held
// line led with its own reason: where nothing lapsed and no line was held, not a byte may move.
const expected = JSON.parse(readFileSync(new URL('../fixtures/followUps/followUpDigests.json', import.meta.url), 'utf8')) as Record<string, string>;

describe('reassessments where nothing lapsed keep their bytes', () => {
  it("every example's upload, repeat, next month, heavier debt (unless held, or owing above the line) and reduction serializes as before, keyed and unkeyed", async () => {
    const { digests: actual, balanceOwed } = await followUpOutputs();
    // Set aside only what the balance-owed rule now tests and notes: the construction worker's
    // follow-ups (2,300 RMB owed on the 1,100 RMB line his first decision set) and reassessments of
    // the two closed lines still owed (rural household 400 RMB, the delinquent 4,950 RMB).
    expect(
      balanceOwed
        .map((k) => k.split('/')[1])
        .filter((id, i, all) => all.indexOf(id) === i)
        .sort(),
    ).toEqual(['ex-construction-worker', 'ex-delinquent', 'ex-rural-household']);
    expect(Object.keys(actual).length).toBe(56);
    expect(Object.keys(actual)).toEqual(Object.keys(expected).filter((k) => !balanceOwed.includes(k)));
    expect(Object.keys(expected).filter((k) => !balanceOwed.includes(k) && actual[k] !== expected[k])).toEqual([]);
  });
});
