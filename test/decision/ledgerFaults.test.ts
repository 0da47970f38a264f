// A ledger (`limitHistory`) at fault is named with everything else at fault, in one ValidationError:
// the applicant's faults and every ledger fault (an entry's schema faults, and each entry dated after
// the decision when the applicant's asOf can be read). An outside tester found the ledger's date
// check hidden whenever anything else was wrong (a second entry's `from`, the applicant's birthDate),
// so a caller fixed one field, resubmitted, and only then learnt of the next. Ledger issues sit at
// paths under `limitHistory` (the option's own name) alone or beside the applicant's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer?.close());

const graduate = (): ApplicantInput => structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput;
const asOf = graduate().asOf;
/** A raise dated the day after the decision. */
const dayAfter = (d: string) => new Date(Date.parse(d) + 86_400_000).toISOString().slice(0, 10);
const future = { asOf: dayAfter(asOf), from: 200_000, to: 300_000 };
const negative = { asOf, from: -5, to: 300_000 };
const badBirth = (): ApplicantInput => ({ ...graduate(), birthDate: '2003-02-30' });

const named = (e: unknown) => {
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).issues.map((i) => `${i.path.join('.')} ${i.code}`);
};
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );

describe('decide: every ledger fault beside every other', () => {
  it('a raise dated after the decision alone: named at limitHistory.<i>.asOf, subject limitHistory', async () => {
    const e = await refusal(scorer.decide(graduate(), { limitHistory: [future] }));
    expect(named(e)).toEqual(['limitHistory.0.asOf out_of_range']);
    expect((e as ValidationError).subject).toBe('limitHistory');
  });

  it('a raise dated after the decision beside another entry at fault: both named', async () => {
    const e = await refusal(scorer.decide(graduate(), { limitHistory: [future, negative] }));
    expect(named(e)).toEqual(['limitHistory.0.asOf out_of_range', 'limitHistory.1.from too_small']);
  });

  it('one entry dated after the decision and with a bad amount: both of its fields named', async () => {
    const e = await refusal(scorer.decide(graduate(), { limitHistory: [{ ...future, from: -5 }] }));
    // In entry order; within the entry, the schema's fault before the date's.
    expect(named(e)).toEqual(['limitHistory.0.from too_small', 'limitHistory.0.asOf out_of_range']);
  });

  it("the ledger's faults beside the applicant's (its asOf is valid, so the dates are compared)", async () => {
    const dated = await refusal(scorer.decide(badBirth(), { limitHistory: [future] }));
    expect(named(dated)).toEqual(['birthDate invalid_format', 'limitHistory.0.asOf out_of_range']);
    expect((dated as ValidationError).subject).toBe('Applicant and limitHistory');
    expect((dated as ValidationError).message).toMatch(/birthDate, limitHistory\.0\.asOf/);
    const schema = await refusal(scorer.decide(badBirth(), { limitHistory: [negative] }));
    expect(named(schema)).toEqual(['birthDate invalid_format', 'limitHistory.0.from too_small']);
    const all = await refusal(scorer.decide(badBirth(), { limitHistory: [future, negative] }));
    expect(named(all)).toEqual(['birthDate invalid_format', 'limitHistory.0.asOf out_of_range', 'limitHistory.1.from too_small']);
  });

  it('an applicant whose asOf is itself at fault: the ledger cannot be dated against it, its schema faults are still named', async () => {
    const e = await refusal(scorer.decide({ ...graduate(), asOf: '2026-02-30' }, { limitHistory: [future, negative] }));
    expect(named(e)).toEqual(['asOf invalid_format', 'limitHistory.1.from too_small']);
  });

  it('a ledger that is not a list is named at limitHistory beside the applicant', async () => {
    const e = await refusal(scorer.decide(badBirth(), { limitHistory: { asOf } as never }));
    expect(named(e)).toEqual(['birthDate invalid_format', 'limitHistory invalid_type']);
  });

  it('an applicant at fault with a good ledger keeps its own error (subject Applicant, nothing added)', async () => {
    const e = await refusal(scorer.decide(badBirth(), { limitHistory: [{ ...future, asOf }] }));
    expect(named(e)).toEqual(['birthDate invalid_format']);
    expect((e as ValidationError).subject).toBe('Applicant');
  });
});

describe('decideBatch, safeDecide and suggest name the same faults', () => {
  it("a record's own ledger (limitHistories): its error is the one deciding it alone gives", async () => {
    const ledger = [future, negative];
    const alone = await refusal(scorer.decide(badBirth(), { limitHistory: ledger }));
    const batch = await scorer.decideBatch([graduate(), badBirth(), graduate()], { limitHistories: [undefined, ledger, [future]] });
    expect(batch[0]?.ok).toBe(true);
    expect(batch[1]).toMatchObject({ ok: false, error: { code: 'validation_failed', subject: 'Applicant and limitHistory' } });
    expect(batch[1]?.ok === false && batch[1].error.issues).toEqual((alone as ValidationError).issues);
    expect(batch[2]?.ok === false && batch[2].error.issues?.map((i) => i.path.join('.'))).toEqual(['limitHistory.0.asOf']);
    const safe = await scorer.safeDecide(badBirth(), { limitHistory: ledger });
    expect(safe.ok === false && safe.error instanceof ValidationError && safe.error.issues).toEqual((alone as ValidationError).issues);
  });

  it("the call's ledger (limitHistory) dated after a record's asOf is that record's fault, named with its own", async () => {
    const batch = await scorer.decideBatch([graduate(), badBirth()], { limitHistory: [future] });
    expect(batch.map((r) => (r.ok ? 'ok' : r.error.issues?.map((i) => i.path.join('.')).join(' ')))).toEqual([
      'limitHistory.0.asOf',
      'birthDate limitHistory.0.asOf',
    ]);
  });

  it("the call's ledger with schema faults refuses the whole call, at paths under limitHistory", async () => {
    const e = await refusal(scorer.decideBatch([graduate()], { limitHistory: [negative] }));
    expect(named(e)).toEqual(['limitHistory.0.from too_small']);
  });

  it('suggest names them as decide does', async () => {
    const e = await refusal(scorer.suggest(badBirth(), { limitHistory: [future, negative] }));
    expect(named(e)).toEqual(['birthDate invalid_format', 'limitHistory.0.asOf out_of_range', 'limitHistory.1.from too_small']);
  });
});
