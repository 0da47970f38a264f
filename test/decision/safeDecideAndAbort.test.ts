import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer?.close());

const valid = exampleApplicants[0]!.applicant;

describe('safeDecide: untrusted JSON in, a result variant out', () => {
  it('a valid body gives ok and the same decision as decide', async () => {
    const r = await scorer.safeDecide(JSON.parse(JSON.stringify(valid)));
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.stringify(r.decision)).toBe(JSON.stringify(await scorer.decide(valid)));
  });

  it('an invalid body resolves (never rejects) with the ValidationError naming every field', async () => {
    const r = await scorer.safeDecide({ ...valid, birthdate: '2000-01-01', income: { monthlyNet: '6500', source: 'payroll' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(ValidationError);
    expect((r.error as ValidationError).fields).toEqual(expect.arrayContaining(['birthdate', 'income.monthlyNet']));
  });
});

describe('AbortSignal on deciding calls', () => {
  it('an already aborted signal rejects decide, decideBatch, suggest and reassess with code aborted, its reason as cause', async () => {
    const controller = new AbortController();
    const reason = new Error('client went away');
    controller.abort(reason);
    const { signal } = controller;
    const prior = await scorer.decide(valid);
    for (const call of [
      () => scorer.decide(valid, { signal }),
      () => scorer.decideBatch([valid, valid], { signal }),
      () => scorer.suggest(valid, { signal }),
      () => scorer.reassess(prior, { applicant: valid, evidence: [] }, { signal }),
    ]) {
      const e = await call().then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(CreditliftError);
      expect((e as CreditliftError).code).toBe('aborted');
      expect((e as CreditliftError).cause).toBe(reason);
    }
    const safe = await scorer.safeDecide(valid, { signal });
    expect(safe.ok ? null : safe.error.code).toBe('aborted');
  });

  it('aborting while the runtime works rejects the call; a signal never aborted changes nothing', async () => {
    const controller = new AbortController();
    const pending = scorer.decideBatch(
      Array.from({ length: 50 }, () => valid),
      { signal: controller.signal },
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    const kept = await scorer.decide(valid, { signal: new AbortController().signal });
    expect(JSON.stringify(kept)).toBe(JSON.stringify(await scorer.decide(valid)));
  });
});
