// A contested decline waits for a person with nothing proposed: its notice read "referred to a person
// for review (proposed limit 0 RMB)", a limit of nothing (F86 noticed). It now says no line is proposed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseActionNotice, renderAdverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

describe('the notice of a contested decline', () => {
  it('says no line is proposed, in both languages; a proposal with a limit still quotes it', async () => {
    const a = exampleFor('new_graduate').applicant;
    const declined = await scorer.decide({ ...a, birthDate: '2012-01-01' });
    expect(declined).toMatchObject({ outcome: 'decline', limit: 0 });
    const contested = scorer.recordContest(declined, { statement: 'Please look again.' });
    expect(contested).toMatchObject({ outcome: 'refer', lineAction: 'review', limit: 0 });
    const notice = adverseActionNotice(contested);
    expect(renderAdverseActionNotice(notice, 'en')).toContain('proposed: no line');
    expect(renderAdverseActionNotice(notice, 'zhHans')).toContain('拟议：不授予额度');
    expect(`${renderAdverseActionNotice(notice, 'en')}${renderAdverseActionNotice(notice, 'zhHans')}`).not.toMatch(/proposed limit 0|拟议额度 0/);
    const asking = await scorer.decide({ ...a, controls: { ...a.controls, humanReview: true } });
    expect(renderAdverseActionNotice(adverseActionNotice(asking), 'en')).toMatch(/proposed limit [1-9]/);
  });
});
