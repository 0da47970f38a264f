import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { assertCreditLaws, creditLaws } from '../../src/testing/index.js';

const issuesOf = async (run: () => Promise<unknown>): Promise<string[]> => {
  const e = await run().then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).issues.map((i) => `${i.path.join('.')}:${i.code}`);
};

describe('every option given is used, or refused by name', () => {
  it('a law named twice in laws is refused (duplicate_law at laws), not run twice', async () => {
    expect(await issuesOf(() => assertCreditLaws({ policy: defaultPolicy, laws: ['limits_rounded', 'limits_rounded'], numRuns: 5 }))).toEqual([
      'laws:duplicate_law',
    ]);
  });

  it('scorerNumRuns with no scorer part to run is refused at scorerNumRuns, on a law and on assertCreditLaws', async () => {
    expect(await issuesOf(() => creditLaws.limits_rounded.check({ policy: defaultPolicy }, { numRuns: 5, scorerNumRuns: 10 }))).toEqual([
      'scorerNumRuns:unused_option',
    ]);
    expect(await issuesOf(() => assertCreditLaws({ policy: defaultPolicy, numRuns: 5, scorerNumRuns: 10 }))).toEqual(['scorerNumRuns:unused_option']);
  });
});
