// A challenger written `{ name: 'tight', policyOverride: {...}, share: 0.5 }` (the `s` missing) was
// taken: the unknown key was never read, so the arm "tight" decided its half of the book under the
// champion's policy (it approved 12 of its 12 applicants with a maximum DSR of 1% asked), and a
// lender comparing the arms was comparing the champion with itself. Every key of a challenger is
// now read: an unknown one is refused by name, beside the challenger's other faults.
import { describe, expect, it } from 'vitest';
import { checkChallengers } from '../../src/decision/challengers/championChallenger.js';
import { createScorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';

const issuesOf = (e: unknown) => {
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).issues.map((i) => [i.path.join('.'), i.code, i.message]);
};

describe("a challenger's fields", () => {
  it('an unknown key is refused at its path, naming the fields a challenger takes, with every other fault', async () => {
    const err = await createScorer({
      challengers: [
        { name: 'tight', policyOverride: { pricing: { margin: 0.02 } }, share: 0.5 } as never,
        { name: 'champion', share: 0.2, modle: 'model' } as never,
      ],
    }).catch((e: unknown) => e);
    expect(issuesOf(err)).toEqual([
      ['challengers.0.policyOverride', 'unrecognized_key', 'Unknown field "policyOverride": a challenger takes name, share, policy, policyOverrides and model'],
      ['challengers.1.name', 'invalid_value', '"champion" names the champion arm'],
      ['challengers.1.modle', 'unrecognized_key', 'Unknown field "modle": a challenger takes name, share, policy, policyOverrides and model'],
    ]);
  });

  it('a challenger that is no object is refused at its index', () => {
    let thrown: unknown;
    try {
      checkChallengers([null, 'tight'], undefined);
    } catch (e) {
      thrown = e;
    }
    expect(issuesOf(thrown).map(([path, code]) => [path, code])).toEqual([
      ['challengers.0', 'invalid_type'],
      ['challengers.1', 'invalid_type'],
    ]);
  });

  it('the fields a challenger takes pass', () => {
    expect(
      checkChallengers(
        [
          { name: 'a', share: 0.1, policyOverrides: {}, model: 'model' },
          { name: 'b', share: 0.1, policy: undefined },
        ],
        'live',
      ),
    ).toHaveLength(2);
  });
});

describe("a challenger's own policy", () => {
  it('is refused naming its fields under the challenger, so two arms (and the champion) are told apart', async () => {
    const err = await createScorer({
      challengers: [
        { name: 'a', share: 0.1, policyOverrides: { pricing: { margin: 0.01 } } },
        { name: 'b', share: 0.1, policyOverrides: { pricing: { margin: -1 }, affordability: { dsrBandz: 1 } } as never },
      ],
    }).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('policy_invalid');
    expect(issuesOf(err).map(([path, code]) => [path, code])).toEqual([
      ['challengers.1.policyOverrides.pricing.margin', 'too_small'],
      ['challengers.1.policyOverrides.affordability.dsrBandz', 'unrecognized_key'],
    ]);
    expect((err as Error).message).toContain('challenger "b" policyOverrides');
  });
});
