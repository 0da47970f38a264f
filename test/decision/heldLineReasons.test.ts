// A line a reassessment holds (`refer` / `hold`, `bindingConstraint: 'line_on_file'`) was explained
// only as "Limit set by your risk grade and income" (findings26-lifecycle F2): the 17,000 RMB shown
// is the line on file, and the risk grade allowed 16,700 RMB. Nor was the cause named: the IELTS
// that expired on 2027-03-10, or the two accepted certificates missing from an update, appeared in
// no reason, `movement` or note. Now the held line's own reason leads, and what no longer counts
// is listed in `movement.evidenceNoLongerCounted` with a reason the customer can act on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

const PERSONAL_KEY = 'held-line personal-data key, thirty-two bytes';
let plain: Scorer;
let keyed: Scorer;
beforeAll(async () => {
  plain = await createScorer();
  keyed = await createScorer({ personalDataKey: PERSONAL_KEY });
});
afterAll(async () => {
  await plain.close();
  await keyed.close();
});

/** The new graduate asking for 50,000 RMB (IELTS issued 2025-03-10, expiring 2027-03-10; a school scholarship), on `asOf`. */
function graduate(asOf: string, change?: (a: ApplicantInput) => void): ApplicantInput {
  const a = structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput;
  a.asOf = asOf;
  a.controls = { ...a.controls, requestedLimit: 5_000_000 };
  change?.(a);
  return a;
}

async function reassessed(scorer: Scorer, asOf: string, change?: (a: ApplicantInput) => void): Promise<{ prior: Decision; next: Decision }> {
  const prior = await scorer.decide(graduate('2027-01-01'));
  const onFile = { line: lineOnFileAfter(prior, scorer.policy.limits.roundingStep), selfSetCap: prior.controls.selfSetCap, limitHistory: prior.limitHistory };
  const next = await scorer.reassess(prior, { applicant: graduate(asOf, change) }, { onFile });
  return { prior, next };
}

const codes = (d: Decision) => d.reasons.map((r) => r.code);

describe.each([
  ['without a personal-data key', () => plain],
  ['with a personal-data key', () => keyed],
])('a held line says it is held, and why evidence no longer counts (%s)', (_, scorerOf) => {
  it('the IELTS valid through 2027-03-10, reassessed on 2027-03-11: held, led by the held line, the expiry named with its date', async () => {
    const { prior, next } = await reassessed(scorerOf(), '2027-03-11');
    expect(prior.limit).toBe(1_700_000);
    expect([next.outcome, next.lineAction, next.bindingConstraint, next.limit, next.maxGrantable]).toEqual([
      'refer',
      'hold',
      'line_on_file',
      1_700_000,
      1_670_000,
    ]);
    expect(codes(next)[0]).toBe('line_held_for_review');
    expect(codes(next)).toContain('evidence_expired');
    const ielts = prior.evidence.find((e) => e.kind === 'ielts');
    expect(next.movement?.evidenceNoLongerCounted).toEqual([
      { index: ielts?.index, kind: 'ielts', credentialRef: ielts?.credentialRef, why: 'expired', validThrough: '2027-03-10' },
    ]);
    // Both languages, as every reason.
    const expired = next.reasons.find((r) => r.code === 'evidence_expired');
    expect(expired?.en).toMatch(/expired/);
    expect(expired?.zhHans).toMatch(/过期/);
  });

  it('on its last valid day nothing has lapsed: raised, and no list', async () => {
    const { next } = await reassessed(scorerOf(), '2027-03-10');
    expect([next.outcome, next.lineAction]).toEqual(['approve', 'raise']);
    expect(next.movement).not.toHaveProperty('evidenceNoLongerCounted');
  });

  it('an update without the two accepted certificates: held, both named as not in this update', async () => {
    const { prior, next } = await reassessed(scorerOf(), '2027-01-02', (a) => {
      a.evidence = [];
    });
    expect([next.outcome, next.lineAction, next.bindingConstraint]).toEqual(['refer', 'hold', 'line_on_file']);
    expect(codes(next)[0]).toBe('line_held_for_review');
    expect(codes(next)).toContain('evidence_not_in_update');
    expect(next.movement?.evidenceNoLongerCounted).toEqual(
      prior.evidence
        .filter((e) => e.status === 'accepted')
        .map((e) => ({ index: e.index, kind: e.kind, credentialRef: e.credentialRef, why: 'not_in_update' })),
    );
    expect(next.movement?.evidenceNoLongerCounted).toHaveLength(2);
  });

  it('the same certificates in another order are the same certificates: nothing lapsed', async () => {
    const { next } = await reassessed(scorerOf(), '2027-01-02', (a) => {
      a.evidence = [...(a.evidence ?? [])].reverse();
    });
    expect(next.movement).not.toHaveProperty('evidenceNoLongerCounted');
    expect(next.lineAction).not.toBe('hold');
  });
});
