// Outside tester findings15-audit F5: adverseActionNotice read a decision with the schema only, so a
// decision whose limit was edited after it was made (above its own maxGrantable) was quoted to the
// customer as the lender's decision. The notice now checks the seal: the content hash always (it
// needs no key), the signature when given the signing key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { NO_AUDIT_KEYS, sealDecision } from '../../src/decision/audit.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { thrown } from '../helpers/thrown.js';

const KEY_A = 'a'.repeat(32);
const KEY_B = 'b'.repeat(32);
let plain: Scorer;
let signed: Scorer;
let d: Decision;
let s: Decision;

beforeAll(async () => {
  plain = await createScorer();
  signed = await createScorer({ signingKey: KEY_A });
  d = await plain.decide(exampleApplicants[0]!.applicant);
  s = await signed.decide(exampleApplicants[0]!.applicant);
});
afterAll(async () => {
  await plain.close();
  await signed.close();
});

/** The decision as stored and read back, with its limit edited (the tester's sed: 1,680,000 -> 19,680,000 fen). */
const edited = (x: Decision): Decision => ({ ...(JSON.parse(JSON.stringify(x)) as Decision), limit: x.limit + 18_000_000 });

describe('adverseActionNotice checks the seal of the decision it quotes', () => {
  it('a decision as made, and as stored and read back as JSON, gives its notice', () => {
    expect(adverseActionNotice(d).limit).toBe(d.limit);
    expect(adverseActionNotice(JSON.parse(JSON.stringify(d)) as Decision).limit).toBe(d.limit);
    expect(adverseActionNotice(s, { signingKey: KEY_A }).limit).toBe(s.limit);
  });

  it('an edited limit (above its own maxGrantable) is refused naming audit.contentHash (seal_invalid), signed or not, with no key', () => {
    for (const x of [d, s]) {
      expect(edited(x).limit).toBeGreaterThan(x.maxGrantable);
      const e = thrown(() => adverseActionNotice(edited(x)));
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues).toEqual([expect.objectContaining({ path: ['audit', 'contentHash'], code: 'seal_invalid' })]);
      expect((e as ValidationError).subject).toBe('Decision');
    }
  });

  it('with the signing key: another key, or no signature, is refused naming audit.signature; a recomputed content hash does not pass', () => {
    const other = thrown(() => adverseActionNotice(s, { signingKey: KEY_B })) as ValidationError;
    expect(other.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['audit.signature', 'seal_invalid']]);
    const unsigned = thrown(() => adverseActionNotice(d, { signingKey: KEY_A })) as ValidationError;
    expect(unsigned.issues.map((i) => i.path.join('.'))).toEqual(['audit.signature']);
    // The tester's forgery: limit edited, the keyless content hash recomputed, the stale signature kept.
    const { contentHash: _c, signature, ...audit } = edited(s).audit;
    const forged = {
      ...sealDecision({ ...edited(s), audit }, NO_AUDIT_KEYS),
      audit: { ...sealDecision({ ...edited(s), audit }, NO_AUDIT_KEYS).audit, signature },
    } as Decision;
    const refused = thrown(() => adverseActionNotice(forged, { signingKey: KEY_A })) as ValidationError;
    expect(refused.issues.map((i) => i.path.join('.'))).toEqual(['audit.signature']);
  });

  it('a signing key that is not one (short, a number) is refused naming signingKey', () => {
    for (const key of ['short', 42]) {
      const e = thrown(() => adverseActionNotice(d, { signingKey: key as string })) as ValidationError;
      expect(e.subject).toBe('adverseActionNotice options');
      expect(e.issues[0]?.path).toEqual(['signingKey']);
    }
  });

  it('a signingKey given as undefined (an unset environment variable) is refused, never read as no key: a forged signed decision was quoted', () => {
    const e = thrown(() => adverseActionNotice(s, { signingKey: undefined } as never)) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.issues.map((i) => i.path.join('.'))).toEqual(['signingKey']);
  });

  it('after a rotation, verificationKeys take a decision signed under an earlier key; without signingKey they are refused', () => {
    expect(adverseActionNotice(s, { signingKey: KEY_B, verificationKeys: [KEY_A] }).limit).toBe(s.limit);
    const refused = thrown(() => adverseActionNotice(s, { signingKey: KEY_B })) as ValidationError;
    expect(refused.issues.map((i) => i.path.join('.'))).toEqual(['audit.signature']);
    const alone = thrown(() => adverseActionNotice(s, { verificationKeys: [KEY_A] })) as ValidationError;
    expect(alone.issues.map((i) => i.path.join('.'))).toEqual(['verificationKeys']);
  });
});
