// Outside tester findings17-forensics F4: the shape alone (no audit.contentHash, no lineAction) made a
// line a 0.1.0 decision for the readers that count decisions, so a decision of today with its seal
// stripped was counted unsealed. earlierReleaseClaim takes a 0.1.0-shaped decision as 0.1.0's only
// when nothing in it says otherwise.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { earlierReleaseClaim, RELEASE_010_DEFAULT_MODEL_SHA256, thisReleaseDefaultPolicyHash } from '../../src/decision/earlierReleaseClaim.js';
import { DEFAULT_MODEL_SHA256 } from '../../src/model/defaultModelSha256.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { as010, release010 } from '../helpers/release010.js';

describe('earlierReleaseClaim', () => {
  it("DEFAULT_MODEL_SHA256 is the shipped default model's, and not 0.1.0's", () => {
    expect(DEFAULT_MODEL_SHA256).toBe(createHash('sha256').update(readFileSync(defaultModelPath())).digest('hex'));
    expect(RELEASE_010_DEFAULT_MODEL_SHA256).toBe(release010.approve.audit.modelSha256);
    expect(DEFAULT_MODEL_SHA256).not.toBe(RELEASE_010_DEFAULT_MODEL_SHA256);
  });

  it('the decisions the released 0.1.0 sealed may be 0.1.0 decisions (no impostor)', () => {
    for (const d of [release010.refer, release010.approve]) expect(earlierReleaseClaim(d)).toEqual({ claim: true });
    expect(release010.approve.audit.policyHash).not.toBe(thisReleaseDefaultPolicyHash());
  });

  it('a decision not shaped as 0.1.0 makes no claim', () => {
    expect(earlierReleaseClaim({ ...release010.approve, lineAction: 'open' })).toEqual({ claim: false });
    expect(earlierReleaseClaim(null)).toEqual({ claim: false });
  });

  it('law: any audit field of a 0.1.0 decision changed, its id left as it was, is no 0.1.0 decision; its id derived again, it is (unless it names this release)', () => {
    const { decisionId: _id, ...audit } = release010.approve.audit;
    const keys = Object.keys(audit).filter((k) => typeof (audit as Record<string, unknown>)[k] === 'string' && k !== 'engineVersion');
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.string({ minLength: 1, maxLength: 12 }), (key, value) => {
        fc.pre(value !== (audit as Record<string, unknown>)[key]);
        const changed = { ...release010.approve, audit: { ...release010.approve.audit, [key]: value } };
        expect(earlierReleaseClaim(changed).claim).toBe(true);
        expect((earlierReleaseClaim(changed) as { impostor?: string }).impostor).toMatch(/decisionId is not derived/);
        expect(earlierReleaseClaim(as010(key === 'applicantId' ? { ...changed, applicantId: value } : changed))).toEqual({ claim: true });
      }),
      { seed: 17, numRuns: 60 },
    );
  });

  it("names this release's default model, its default policy, a policy the reader gives, another engine version", () => {
    const old = release010.approve;
    const withAudit = (a: Record<string, unknown>) => as010({ ...old, audit: { ...old.audit, ...a } });
    expect(earlierReleaseClaim(withAudit({ modelSha256: DEFAULT_MODEL_SHA256 }))).toMatchObject({
      impostor: expect.stringMatching(/this release's default model/),
    });
    expect(earlierReleaseClaim(withAudit({ policyHash: thisReleaseDefaultPolicyHash() }))).toMatchObject({
      impostor: expect.stringMatching(/a policy this release computes/),
    });
    const given = 'ab'.repeat(32);
    expect(earlierReleaseClaim(withAudit({ policyHash: given }))).toEqual({ claim: true });
    expect(earlierReleaseClaim(withAudit({ policyHash: given }), new Set([given]))).toMatchObject({
      impostor: expect.stringMatching(/a policy this release computes/),
    });
    expect(earlierReleaseClaim(withAudit({ engineVersion: '0.2.0' }))).toMatchObject({ impostor: expect.stringMatching(/engineVersion is "0\.2\.0"/) });
  });
});
