// Type-level tests: checked by `tsc -p tsconfig.json` in `npm test` (never run, only compiled).
// `@ts-expect-error` lines fail the compile if the error they expect goes away.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ApplicantInput,
  BatchResult,
  CreditliftError,
  CreditliftErrorCode,
  Decision,
  DecideResult,
  DecisionErrorData,
  EvidenceSuggestions,
  Scorer,
  ValidationIssue,
  ValidationIssueCode,
} from '../../src/index.js';

declare const scorer: Scorer;
declare const applicant: ApplicantInput;

describe('typed entry points', () => {
  it('decide takes an ApplicantInput and gives a Decision', () => {
    expectTypeOf(scorer.decide).parameter(0).toEqualTypeOf<ApplicantInput>();
    expectTypeOf(scorer.decide(applicant)).resolves.toEqualTypeOf<Decision>();
    expectTypeOf(scorer.suggest(applicant)).resolves.toEqualTypeOf<EvidenceSuggestions>();
  });

  it('a misspelled or missing field is a compile error', () => {
    // @ts-expect-error: 'birthdate' is not a field (it is birthDate)
    void scorer.decide({ ...applicant, birthdate: '2000-01-01' });
    // @ts-expect-error: income.source is one of four words
    void scorer.decide({ ...applicant, income: { monthlyNet: 1, source: 'salary' } });
    // @ts-expect-error: money is integer fen, a number
    void scorer.decide({ ...applicant, income: { monthlyNet: '6500', source: 'payroll' } });
    const { birthDate: _, ...withoutBirthDate } = applicant;
    // @ts-expect-error: birthDate is required
    void scorer.decide(withoutBirthDate);
    // @ts-expect-error: an unknown JSON value needs safeDecide
    void scorer.decide(JSON.parse('{}') as unknown);
    // @ts-expect-error: reassess evidence is typed too
    void scorer.reassess({} as Decision, { applicant, evidence: [{ kind: 'ielts' }] });
  });

  it('safeDecide takes unknown and gives a result variant narrowed on ok', () => {
    expectTypeOf(scorer.safeDecide).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(scorer.safeDecide(null)).resolves.toEqualTypeOf<DecideResult>();
    const r = {} as DecideResult;
    if (r.ok) {
      expectTypeOf(r.decision).toEqualTypeOf<Decision>();
      // @ts-expect-error: no error on success
      void r.error;
    } else {
      expectTypeOf(r.error).toEqualTypeOf<CreditliftError>();
      expectTypeOf(r.error.code).toEqualTypeOf<CreditliftErrorCode>();
    }
  });

  it('BatchResult narrows on ok: a decision or that record error with its issues', () => {
    expectTypeOf(scorer.decideBatch([applicant])).resolves.toEqualTypeOf<BatchResult[]>();
    expectTypeOf(scorer.safeDecideBatch).parameter(0).toEqualTypeOf<readonly unknown[]>();
    const r = {} as BatchResult;
    expectTypeOf(r.index).toEqualTypeOf<number>();
    if (r.ok) expectTypeOf(r.decision).toEqualTypeOf<Decision>();
    else {
      expectTypeOf(r.error).toEqualTypeOf<DecisionErrorData>();
      expectTypeOf(r.error.issues).toEqualTypeOf<readonly ValidationIssue[] | undefined>();
    }
  });

  it('issue codes are a closed union; a decision outcome is one of three', () => {
    expectTypeOf<ValidationIssue['code']>().toEqualTypeOf<ValidationIssueCode>();
    expectTypeOf<'protected_characteristic'>().toExtend<ValidationIssueCode>();
    expectTypeOf<'no_such_code'>().not.toExtend<ValidationIssueCode>();
    expectTypeOf<Decision['outcome']>().toEqualTypeOf<'approve' | 'refer' | 'decline'>();
  });

  it('decide options take an AbortSignal', () => {
    void scorer.decide(applicant, { signal: AbortSignal.timeout(1000) });
    // @ts-expect-error: a signal, not a number of milliseconds
    void scorer.decide(applicant, { signal: 1000 });
  });
});
