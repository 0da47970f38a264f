// F86: what set a limit, as the demo's "Why" and the playground's "Binding constraint" say it,
// fell back to the code for five constraints a Decision of today carries: a held line read "your
// limit is set by line_on_file, which a certificate does not change" and "您的额度由line_on_file决定"
// (the demo's construction worker), a lender's cap "lender_cap (lender_cap) · lender_cap". And the
// regulatory cap was "the 200,000 RMB per-borrower cap" under any jurisdiction, a custom one
// capping at 10,000 RMB included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { DecisionLimitSetBy } from '../../src/decision/decision.js';
import { exampleFor, exampleUploadStep } from '../../src/examples/index.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { constraintText, describeUpload } from '../../src/story/index.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

describe('constraintText words every constraint a Decision carries', () => {
  it.each(DecisionLimitSetBy.options)('%s is said in words in both languages, never as its code', (code) => {
    const text = constraintText(code);
    // The fallback for a code it does not know is the code itself, in both languages.
    expect(text.en).not.toBe(code);
    expect(text.en).not.toMatch(/_/);
    expect(text.zhHans).not.toMatch(/[a-z_]/);
  });

  it('the regulatory cap names no amount: a jurisdiction other than the default caps elsewhere', async () => {
    const jurisdiction = { ...structuredClone(defaultPolicy.jurisdiction), id: 'xx-custom', perBorrowerCreditLineCap: 1_000_000 };
    const capped = await createScorer({ suggestionsPerDecision: 0, policyOverrides: { jurisdiction } });
    try {
      const d = await capped.decide(exampleFor('salaried_teacher').applicant);
      expect(d).toMatchObject({ bindingConstraint: 'regulatory', limit: 1_000_000 });
      const text = constraintText(d.bindingConstraint);
      expect(text.en).not.toMatch(/200,000/);
      expect(text.zhHans).not.toMatch(/20万/);
    } finally {
      await capped.close();
    }
  });

  it("the demo's held construction worker: the upload's why names the held line in words", async () => {
    const { before, certificate } = exampleUploadStep(exampleFor('construction_worker'));
    const first = await scorer.decide(before);
    const next = await scorer.reassess(first, { applicant: before, evidence: [certificate] });
    expect(next).toMatchObject({ lineAction: 'hold', bindingConstraint: 'line_on_file' });
    const why = describeUpload(first, next).why;
    expect(why.en).not.toContain('line_on_file');
    expect(why.zhHans).not.toContain('line_on_file');
    expect(why.en).toContain(constraintText('line_on_file').en);
  });
});
