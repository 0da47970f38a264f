// assessEvidence's `bannedDataCategories` is checked by the one validator a policy's
// `jurisdiction.bannedDataCategories` is checked by (BannedDataCategories), with the same issue at
// the same place under the option. Before, assessEvidence took any list: `['helth']`, `[5]` or a
// bare string `'health'` banned nothing and assessed every health item as usable evidence, while
// createScorer refused the same mistakes in a policy (policy_invalid, invalid_value at the index).
// A category listed twice is refused in both: the lender meant two categories and wrote one.
import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { assessEvidence } from '../../src/evidence/assessEvidence.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { defaultPolicy, parseApplicant } from '../../src/index.js';

const applicant = parseApplicant(exampleApplicants[0]!.applicant);

function assessIssues(banned: unknown): ValidationError['issues'] {
  try {
    assessEvidence(applicant, { bannedDataCategories: banned as never });
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).code).toBe('validation_failed');
    expect((e as ValidationError).subject).toBe('AssessEvidenceOptions');
    return (e as ValidationError).issues;
  }
  throw new Error(`assessEvidence accepted bannedDataCategories ${JSON.stringify(banned)}`);
}

async function scorerIssues(banned: unknown): Promise<ValidationError['issues']> {
  const policy = { ...defaultPolicy, jurisdiction: { ...defaultPolicy.jurisdiction, id: 'lender-own', bannedDataCategories: banned } };
  try {
    await createScorer({ policy: policy as never });
  } catch (e) {
    expect((e as ValidationError).code).toBe('policy_invalid');
    return (e as ValidationError).issues;
  }
  throw new Error(`createScorer accepted bannedDataCategories ${JSON.stringify(banned)}`);
}

const mistakes: readonly [string, unknown][] = [
  ['a misspelt category', ['religion', 'helth']],
  ['a category in another case', ['Health']],
  ['a non-string entry', ['health', 5]],
  ['a bare string, not a list', 'health'],
  ['a category listed twice', ['health', 'religion', 'health']],
  ['more categories than any profile holds', Array.from({ length: 21 }, () => 'health')],
];

describe('assessEvidence refuses a bannedDataCategories a policy would refuse, with the same issues', () => {
  for (const [what, banned] of mistakes) {
    it(`${what}: refused, each issue the one createScorer gives under jurisdiction`, async () => {
      const own = assessIssues(banned);
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((i) => i.path[0] === 'bannedDataCategories')).toBe(true);
      const policy = await scorerIssues(banned);
      expect(own).toEqual(policy.map((i) => ({ ...i, path: i.path.slice(1) })));
    });
  }

  it('a duplicate is named at its second place, with the first', () => {
    expect(assessIssues(['health', 'religion', 'health'])).toEqual([
      { path: ['bannedDataCategories', 2], code: 'custom', message: 'duplicate data category "health" (also at index 0)' },
    ]);
  });

  it('every category, each once, is accepted, and an empty list too', () => {
    const every = ['age', 'identity', 'income', 'social_media', 'health', 'religion', 'genetic', 'biometric', 'protected_characteristic'];
    expect(() => assessEvidence(applicant, { bannedDataCategories: every as never })).not.toThrow();
    expect(() => assessEvidence(applicant, { bannedDataCategories: [] })).not.toThrow();
  });
});
