import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { followUpOutputDigests } from '../helpers/followUpOutputDigests.js';

// Written by main's code before reassessments named the evidence that no longer counts and a held
// line led with its own reason: where nothing lapsed and no line was held, not a byte may move.
const expected = JSON.parse(readFileSync(new URL('../fixtures/followUps/followUpDigests.json', import.meta.url), 'utf8')) as Record<string, string>;

describe('reassessments where nothing lapsed keep their bytes', () => {
  it("every example's upload, repeat, next month, heavier debt (unless held) and reduction serializes as before, keyed and unkeyed", async () => {
    const actual = await followUpOutputDigests();
    expect(Object.keys(actual).length).toBeGreaterThan(80);
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    expect(Object.keys(expected).filter((k) => actual[k] !== expected[k])).toEqual([]);
  });
});
