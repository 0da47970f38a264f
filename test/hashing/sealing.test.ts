import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { sealDecision, sealProblems, type UnsealedDecision } from '../../src/decision/audit.js';
import type { Decision } from '../../src/decision/decision.js';
import { canonicalJson } from '../../src/hashing/canonicalJson.js';
import { CanonicalJsonWriter } from '../../src/hashing/canonicalJsonWriter.js';
import { sha256Hex } from '../../src/hashing/sha256Hex.js';
import { applicantArbitrary } from '../../src/testing/index.js';
import { createHmac } from 'node:crypto';

const SEED = 20_261_128;

describe('sealing from canonical JSON bytes', () => {
  const signingKey = 'k'.repeat(32);
  let scorer: Scorer;
  let signed: Scorer;
  // Probability space: contributions such as -0.0000035504152032949908, the longest number texts.
  let probability: Scorer;
  beforeAll(async () => {
    scorer = await createScorer();
    signed = await createScorer({ signingKey });
    probability = await createScorer({ contributionSpace: 'probability' });
  });
  afterAll(async () => {
    await Promise.all([scorer.close(), signed.close(), probability.close()]);
  });

  // The seal as it was defined before the fast path: SHA-256 of canonicalJson of the decision
  // without contentHash and signature; the signature an HMAC over it with the content hash.
  function referenceSeal(d: Decision, key: Uint8Array | null): { contentHash: string; signature?: string } {
    const { contentHash: _c, signature: _s, ...audit } = d.audit;
    const contentHash = sha256Hex(canonicalJson({ ...d, audit }));
    if (key === null) return { contentHash };
    return {
      contentHash,
      signature: createHmac('sha256', key)
        .update(canonicalJson({ ...d, audit: { ...audit, contentHash } }))
        .digest('hex'),
    };
  }

  it('law: over random decisions (signed and not, log-odds and probability space) the decision serialises to canonicalJson bytes and the seal is the reference seal, as written and as parsed back', async () => {
    const writer = new CanonicalJsonWriter();
    const signingBytes = new Uint8Array(Buffer.from(signingKey, 'utf8'));
    await fc.assert(
      fc.asyncProperty(fc.array(applicantArbitrary({ maxEvidence: 3 }), { minLength: 1, maxLength: 6 }), async (applicants) => {
        for (const [s, key] of [
          [scorer, null],
          [signed, signingBytes],
          [probability, null],
        ] as const) {
          for (const r of await s.decideBatch(applicants)) {
            if (!r.ok) continue;
            const d = r.decision;
            expect(writer.bytes(d)).toEqual(new Uint8Array(Buffer.from(canonicalJson(d), 'utf8')));
            const ref = referenceSeal(d, key);
            expect(d.audit.contentHash).toBe(ref.contentHash);
            expect(d.audit.signature).toBe(ref.signature);
            expect(sealProblems(d, { signing: key, personalData: null })).toEqual([]);
            // Parsed back from JSON (as a stored prior is), no constant is shared or frozen any more.
            expect(sealProblems(JSON.parse(JSON.stringify(d)) as Decision, { signing: key, personalData: null })).toEqual([]);
          }
        }
      }),
      { seed: SEED, numRuns: 4 },
    );
  });

  it('a decision changed after sealing no longer verifies', async () => {
    const [r] = await signed.decideBatch([fc.sample(applicantArbitrary(), { seed: SEED, numRuns: 1 })[0] as never]);
    if (!r?.ok) throw new Error('expected a decision');
    const key = new Uint8Array(Buffer.from(signingKey, 'utf8'));
    const changed = { ...r.decision, limit: r.decision.limit + 100 };
    expect(sealProblems(changed, { signing: key, personalData: null }).map((p) => p.path.join('.'))).toEqual(['audit.contentHash', 'audit.signature']);
    const resealed = sealDecision(changed as UnsealedDecision, { signing: key, personalData: null });
    expect(sealProblems(resealed, { signing: key, personalData: null })).toEqual([]);
  });
});
