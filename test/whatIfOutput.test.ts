import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { whatIfOutputDigests } from './helpers/whatIfOutputDigests.js';

// Written by main's code before the what-if path was optimised (cached hypothetical assessments,
// deduplicated rows): the optimised path must give byte-identical decisions and suggestions.
const expected = JSON.parse(readFileSync(new URL('./fixtures/whatIf/whatIfDigests.json', import.meta.url), 'utf8')) as Record<string, string>;

describe('what-if output is unchanged by the faster what-if path', () => {
  it('every decision and suggestion list serializes byte for byte as before', async () => {
    const actual = await whatIfOutputDigests();
    expect(Object.keys(actual).length).toBeGreaterThan(500);
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    const differing = Object.keys(expected).filter((k) => actual[k] !== expected[k]);
    expect(differing).toEqual([]);
  });
});
