// Recheck16 (minor): a review's `note` took a NUL ("x\u0000") where names refuse control characters;
// so did a contest's `statement` and `newFacts`, the other free text of a follow-up's terms. Each is
// sealed into the decision and shown to people (a file, a notice, a terminal): a control character or a
// lone surrogate (a keyed hash or a UTF-8 writer replaces it) is no part of what anyone wrote. Refused
// at the field, as names are (`invalid_format`); line breaks and tabs, which a note may hold, are kept.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { thrown } from '../helpers/thrown.js';

let scorer: Scorer;
let pending: Decision;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
  const a = structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput & { controls: Record<string, unknown> };
  pending = await scorer.decide({ ...a, controls: { ...a.controls, humanReview: true } } as ApplicantInput);
});
afterAll(async () => {
  await scorer.close();
});

const issuesOf = (e: unknown) => (e as ValidationError).issues.map((i) => [i.path.join('.'), i.code, i.message]);
const review = (note: string) => ({ reviewerRole: 'credit_officer', outcome: 'approve', limit: pending.limit, note }) as const;

describe('free text of a follow-up refuses control characters and lone surrogates, by field', () => {
  it('a review note with a NUL is a ValidationError at note (invalid_format)', () => {
    const e = thrown(() => scorer.recordReview(pending, review('payslips checked\u0000')));
    expect(e).toBeInstanceOf(ValidationError);
    expect(issuesOf(e)).toEqual([['note', 'invalid_format', 'note must not contain control characters (line breaks and tabs are kept)']]);
  });

  it('a contest statement and a new fact: each at its own field, at once', () => {
    const e = thrown(() => scorer.recordContest(pending, { statement: 'my income rose\u001b[2J', newFacts: ['ok', 'bad\u0007', 'half \ud800'] }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(issuesOf(e).map(([path, code]) => [path, code])).toEqual([
      ['statement', 'invalid_format'],
      ['newFacts.1', 'invalid_format'],
      ['newFacts.2', 'invalid_format'],
    ]);
  });

  it('line breaks and tabs are kept, in a note and a statement', () => {
    expect(scorer.recordReview(pending, review('payslips checked\r\n\temployer called')).review?.note).toBe('payslips checked\r\n\temployer called');
    expect(scorer.recordContest(pending, { statement: 'line one\nline two' }).review?.contest?.statement).toBe('line one\nline two');
  });

  it('law: a note is refused exactly when it holds a control character other than tab, LF or CR', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xa0 }).map((c) => String.fromCharCode(c)), maxLength: 12 }), (note) => {
        const bad = [...note].some((c) => {
          const n = c.charCodeAt(0);
          return (n < 0x20 && n !== 0x09 && n !== 0x0a && n !== 0x0d) || (n >= 0x7f && n <= 0x9f);
        });
        const e = thrown(() => scorer.recordReview(pending, review(note)));
        expect(
          e === undefined
            ? 'recorded'
            : issuesOf(e)
                .map(([p, c]) => `${p}:${c}`)
                .join(),
        ).toBe(bad ? 'note:invalid_format' : 'recorded');
      }),
      { seed: 16, numRuns: 60 },
    );
  });
});
