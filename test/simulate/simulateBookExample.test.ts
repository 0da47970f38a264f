// simulateBook's doc comment is what a lender copies: its candidate must be options a scorer takes.
// A partial `policy` is refused (policy is complete by contract); a few changed numbers are policyOverrides.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolvePolicyOptions } from '../../src/decision/createScorer.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { PolicyInvalidError } from '../../src/policy/policyInvalidError.js';
import type { PolicyConfig } from '../../src/policy/policyConfig.js';

const dsrBands = [
  { incomeUpTo: 500_000, maxDsr: 0.2 },
  { incomeUpTo: null, maxDsr: 0.3 },
];

describe("simulateBook's doc example", () => {
  it('passes its candidate as policyOverrides', () => {
    const source = readFileSync(new URL('../../src/simulate/simulateBook.ts', import.meta.url), 'utf8');
    const example = source.slice(source.indexOf('@example'), source.indexOf('*/', source.indexOf('@example')));
    expect(example).toContain('candidate: { policyOverrides: { affordability: { dsrBands } } }');
  });

  it('that candidate resolves as simulateBook resolves it (before any worker starts): the default policy with the new bands', () => {
    const policy = resolvePolicyOptions({ policyOverrides: { affordability: { dsrBands } } });
    expect(policy.affordability.dsrBands).toEqual(dsrBands);
    expect(policy.pricing).toEqual(defaultPolicy.pricing);
    // The shape the comment used to show: a partial policy, refused as incomplete.
    expect(() => resolvePolicyOptions({ policy: { affordability: { dsrBands } } as unknown as PolicyConfig })).toThrow(PolicyInvalidError);
  });
});
