// A decline sealed before declines stopped carrying refer conditions (findings28-pages F2) still
// said "Estimated risk of default needs a manual review" on a reduction of it: the reduction is a
// decline too, and no person looks at it. It now drops the refer conditions, as a decline made
// today does, on the one path a sealed decision's reasons are carried without the policy (reduceLine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_AUDIT_KEYS, sealDecision, type UnsealedDecision } from '../../src/decision/audit.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { policyReasons } from '../../src/policy/policyReasons.js';
import { inReferBand } from '../helpers/inReferBandApplicant.js';

const RMB = 100;
const band = policyReasons.pd_in_refer_band;
const told = { code: 'pd_in_refer_band', source: 'policy' as const, factor: band.factor, en: band.en, zhHans: band.zhHans };

/** `d` as the build before findings28-pages F2 sealed it: the refer band first among its codes and reasons. */
function sealedBeforeTheFix(d: Decision): Decision {
  const { contentHash: _c, ...audit } = d.audit;
  return sealDecision(
    { ...d, policyReasons: ['pd_in_refer_band', ...d.policyReasons], reasons: [told, ...d.reasons].slice(0, 4), audit } as UnsealedDecision,
    NO_AUDIT_KEYS,
  );
}

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

describe('a reduction of a decline sealed with a refer condition', () => {
  it('drops the refer band from its codes and reasons: the reduction is a decline, no person reviews it', async () => {
    const today = await scorer.decide(inReferBand);
    expect(today).toMatchObject({ outcome: 'decline', review: null });
    const old = sealedBeforeTheFix(today);
    expect(old.reasons[0]?.code).toBe('pd_in_refer_band');
    const r = scorer.requestReduction(old, 1_000 * RMB);
    expect(r.outcome).toBe('decline');
    // Before: policyReasons and reasons led with pd_in_refer_band ("... needs a manual review").
    expect(r.policyReasons).not.toContain('pd_in_refer_band');
    expect(r.reasons.map((x) => x.code)).not.toContain('pd_in_refer_band');
    // What declined it is still told, as the reduction of today's decline tells it.
    expect(r.reasons.map((x) => x.code)).toEqual(old.reasons.map((x) => x.code).filter((c) => c !== 'pd_in_refer_band'));
    expect(r.policyReasons).toEqual(scorer.requestReduction(today, 1_000 * RMB).policyReasons);
  });

  it('a referral keeps its refer condition: a person reviews it', async () => {
    const referred = await scorer.decide({ ...inReferBand, controls: { humanReview: true } });
    expect(referred.outcome).toBe('refer');
    const old = sealedBeforeTheFix(referred);
    const r = scorer.requestReduction(old, 1_000 * RMB);
    expect(r.outcome).toBe('refer');
    expect(r.policyReasons).toContain('pd_in_refer_band');
  });
});
