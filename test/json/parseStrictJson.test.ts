import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../src/json/parseStrictJson.js';

describe('parseStrictJson', () => {
  it('law: reads any JSON.stringify output as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(parseStrictJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
      }),
      { seed: 20_261_130, numRuns: 300 },
    );
  });

  it('refuses a repeated key at its path, and text that is not JSON without quoting it; never throws, however deep', () => {
    expect(parseStrictJson('{"a":{"b":1,"b":2}}')).toMatchObject({ ok: false, issue: { path: ['a', 'b'], code: 'duplicate_key' } });
    const bad = parseStrictJson('{"name":"Zhang San",');
    expect(bad).toMatchObject({ ok: false, issue: { path: [], code: 'invalid_json' } });
    expect(JSON.stringify(bad)).not.toContain('Zhang');
    const d = 100_000;
    expect(parseStrictJson(`${'['.repeat(d)}${']'.repeat(d)}`).ok).toBe(true);
  });
});
