// A deep run (seed 1049797443) found a contest of a held reassessment whose four reasons left out the
// lapse its prior named: the reassessment (three new delinquencies, an IELTS expired 93 days later)
// named evidence_expired among its four; the contest led with contest_received, and owedWithin kept
// the lapse only where it moved the limit, which a knock-out the evidence cannot move (the bureau
// file) rules out. The law says a contest, reduction or referring review of a held line names the
// lapse its prior named; owedWithin now keeps it for them.
import { expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { creditLaws } from '../../src/testing/creditLaws.js';

it('law reasons_where_owed holds on the counterexample it found: the contest of a held line names the lapse its prior named', async () => {
  const scorer = await createScorer({ suggestionsPerDecision: 0 });
  try {
    await expect(
      creditLaws.reasons_where_owed.check(
        { scorer },
        {
          seed: 1_049_797_443,
          path: '31:293:1:1:1:1:0:0:0:1:0:0:0:0:1:0:5:4:2:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3:3',
          part: 'scorer',
        },
      ),
    ).resolves.toBeUndefined();
  } finally {
    scorer.close();
  }
});
