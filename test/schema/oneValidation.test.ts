import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { assessEvidence } from '../../src/evidence/assessEvidence.js';
import { summarizeEvidence } from '../../src/evidence/evidenceSummary.js';
import { applyPolicy, preparePolicy } from '../../src/policy/applyPolicy.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { PolicyInvalidError } from '../../src/policy/policyInvalidError.js';
import { Applicant } from '../../src/schema/applicant.js';
import { applicantJsonSchema } from '../../src/schema/jsonSchema.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';

const zodCodes = (value: unknown): string[] => {
  const r = Applicant.safeParse(value);
  return r.success ? [] : ValidationError.fromZod('Applicant', r.error).issues.map((i) => i.code);
};

describe('one validation: the exported schema holds the cross-field rules', () => {
  it('Applicant.safeParse refuses a 2030 birth date, as parseApplicant does, with the same code', () => {
    const born2030 = baseApplicantInput({ birthDate: '2030-01-01' });
    expect(zodCodes(born2030)).toEqual(['birth_date_after_as_of', 'employment_start_before_birth']);
    expect(() => parseApplicant(born2030)).toThrow(ValidationError);
  });

  it('law: Applicant.safeParse and parseApplicant agree on every input, and report the same issue codes', () => {
    const dates = fc.constantFrom('1900-01-01', '1999-05-20', '2026-11-01', '2030-01-01', 'nope');
    fc.assert(
      fc.property(dates, dates, dates, dates, dates, (birthDate, asOf, startDate, issueDate, expiryDate) => {
        const base = baseApplicantInput();
        const input = {
          ...base,
          birthDate,
          asOf,
          employment: { ...base.employment, startDate },
          evidence: [
            {
              kind: 'ielts',
              issuer: 'IELTS',
              credentialId: 'X1',
              holder: { idHash: 'a'.repeat(64) },
              issueDate,
              expiryDate,
              score: 6.5,
              verification: { method: 'issuer_api', confidence: 0.9 },
              documentHash: 'b'.repeat(64),
            },
          ],
        };
        const schema = zodCodes(input).sort();
        let parsed: string[] = [];
        try {
          parseApplicant(input);
        } catch (e) {
          parsed = (e as ValidationError).issues.map((i) => i.code).sort();
        }
        expect(schema).toEqual(parsed);
      }),
      { numRuns: 200 },
    );
  });

  it('the JSON Schema is still generated from the refined schema', () => {
    expect(applicantJsonSchema()).toMatchObject({ type: 'object', additionalProperties: false });
  });
});

describe('one validation: helpers that take applicant data validate it', () => {
  const raw = { id: 'x', birthDate: 5 };
  it('assessEvidence, applyPolicy and preparePolicy refuse raw JSON with a ValidationError, never a TypeError', () => {
    expect(() => assessEvidence(raw as never)).toThrow(ValidationError);
    expect(() => applyPolicy({ applicant: raw as never, pd: 0.02 })).toThrow(ValidationError);
    expect(() => preparePolicy({ applicant: raw as never })).toThrow(ValidationError);
    expect(() => preparePolicy(null as never)).toThrow(ValidationError);
    expect(() => summarizeEvidence([{ status: 'accepted' }] as never)).toThrow(ValidationError);
    expect(() => summarizeEvidence('x' as never)).toThrow(ValidationError);
  });

  it('law: any JSON value as the applicant gives a result or a typed error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.constant(baseApplicantInput() as unknown)), (value) => {
        for (const call of [
          () => assessEvidence(value as never),
          () => applyPolicy({ applicant: value as never, pd: 0.05 }),
          () => summarizeEvidence(value as never),
        ]) {
          try {
            call();
          } catch (e) {
            expect(e).toBeInstanceOf(CreditliftError);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a parsed applicant and the same data unparsed give the same result', () => {
    const input = baseApplicantInput();
    expect(applyPolicy({ applicant: parseApplicant(input), pd: 0.03 })).toEqual(applyPolicy({ applicant: input as never, pd: 0.03 }));
    expect(assessEvidence(parseApplicant(input))).toEqual(assessEvidence(input as never));
  });
});

describe('createScorer never guesses a policy', () => {
  it('a complete policy missing limits.roundingStep is refused, naming it; overrides are merged; both at once is an error', async () => {
    const { roundingStep: _, ...limits } = defaultPolicy.limits;
    const incomplete = { ...defaultPolicy, limits };
    const e = await createScorer({ policy: incomplete as never }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(PolicyInvalidError);
    expect((e as PolicyInvalidError).fields).toEqual(['limits.roundingStep']);
    const both = await createScorer({ policy: defaultPolicy, policyOverrides: {} }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(both).toBeInstanceOf(ValidationError);
    const scorer = await createScorer({ policyOverrides: { limits: { productMax: 3_000_000 } }, suggestionsPerDecision: 0 });
    expect(scorer.policy.limits.productMax).toBe(3_000_000);
    expect(scorer.policy.limits.roundingStep).toBe(defaultPolicy.limits.roundingStep);
    await scorer.close();
  });
});
