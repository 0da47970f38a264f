// suggest() for an existing customer takes the raise history, as decide() does: one who has used
// up the step limits' window gains nothing from a certificate today, and the previews say so.
// Without it suggest() promised raises that the decision with the upload then refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { creditLaws } from '../../src/testing/index.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(() => scorer?.close());

describe('suggest({ limitHistory })', () => {
  it('a customer whose window is used up gets no preview of a raise; without the history the same call promises one', async () => {
    const { windowMaxCount } = defaultPolicy.stepLimits;
    const withLine = exampleApplicants.map((e) => e.applicant).find((a) => (a.platform.currentLimit ?? 0) > 0)!;
    const line = withLine.platform.currentLimit ?? 0;
    const limitHistory = Array.from({ length: windowMaxCount }, (_, i) => ({ asOf: '2026-10-2' + i, from: line - (i + 1) * 10_000, to: line - i * 10_000 }));
    const free = await scorer.suggest(withLine, { top: 5 });
    expect(free.items.length).toBeGreaterThan(0);
    const used = await scorer.suggest(withLine, { top: 5, limitHistory });
    expect(used.items).toEqual([]);
    expect(used.blockedBy).toBe('step_limit');
    // And the decision agrees: with the history, no upload raises the line today.
    const today = await scorer.decide(withLine, { limitHistory });
    expect(today.suggestions.items).toEqual([]);
  });

  it('a bad history is refused as decide refuses it', async () => {
    await expect(scorer.suggest(exampleApplicants[0]!.applicant, { limitHistory: [{ asOf: 'soon', from: -1, to: 0 }] })).rejects.toThrow(/limitHistory/);
  });

  it('law suggestions_come_true, with histories that use up the window', async () => {
    await creditLaws.suggestions_come_true.check({ scorer }, { scorerNumRuns: 30, seed: 2 });
  });
});
