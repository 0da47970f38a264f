// Review finding (fix-checks): adverseActionNotice parsed a decision and checked its seal with its
// own copy of the checks verifyDecision and every follow-up share (checkDecision), so the two could
// drift apart on what a tampered decision is. The notice now goes through checkDecision too (its
// `signedWithoutKey: 'contentOnly'` mode: without a key it checks the content hash and leaves a
// signature for a check with the key). Laws: under the same keys they refuse the same decisions,
// naming the same fields; without a key, the notice refuses a signed decision exactly where
// verifyDecision finds more wrong than the signature it cannot check.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { verifyDecision } from '../../src/decision/verifyDecision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';

const SEED = 20_261_201;
const KEY = 'k'.repeat(32);

type Path = (string | number)[];

/** Every leaf of a JSON value, by path: the places a stored decision can be edited. */
function leaves(v: unknown, at: Path = []): Path[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...at, i]));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => leaves(x, [...at, k]));
  return [at];
}

/** `d` with one leaf edited (a number +1, a string one character longer, a boolean flipped, null made 0) or removed. */
function tampered(d: Decision, path: Path, how: 'edit' | 'drop'): Decision {
  const copy = structuredClone(d) as unknown as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (how === 'drop') {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else {
    const v = node[last];
    node[last] = typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}0` : typeof v === 'boolean' ? !v : 0;
  }
  return copy as unknown as Decision;
}

/** The fields the notice refuses `d` at, or null when it gives a notice. */
function noticeRefusal(d: Decision, signingKey?: string): string[] | null {
  try {
    adverseActionNotice(d, signingKey === undefined ? {} : { signingKey });
    return null;
  } catch (e) {
    if (!(e instanceof ValidationError) || e.subject !== 'Decision') throw e;
    return e.fields;
  }
}

/** The fields verifyDecision refuses `d` at, or null when it verifies. */
function verifyRefusal(d: Decision, signingKey?: string): string[] | null {
  const r = verifyDecision(d, signingKey === undefined ? {} : { signingKey });
  return r.ok ? null : r.error.fields;
}

describe('adverseActionNotice and verifyDecision agree on which tampered decisions they refuse', () => {
  let plain: Scorer;
  let signing: Scorer;
  let unsigned: Decision[];
  let signed: Decision[];
  beforeAll(async () => {
    plain = await createScorer({ suggestionsPerDecision: 1 });
    signing = await createScorer({ signingKey: KEY, suggestionsPerDecision: 1 });
    const applicants = exampleApplicants.slice(0, 3).map((e) => e.applicant);
    unsigned = await Promise.all(applicants.map((a) => plain.decide(structuredClone(a))));
    signed = await Promise.all(applicants.map((a) => signing.decide(structuredClone(a))));
  });
  afterAll(async () => {
    await Promise.all([plain.close(), signing.close()]);
  });

  const edits = (pool: () => Decision[]) =>
    fc.record({ which: fc.nat(), leaf: fc.nat(), how: fc.constantFrom('edit' as const, 'drop' as const) }).map(({ which, leaf, how }) => {
      const d = pool()[which % pool().length] as Decision;
      const paths = leaves(d);
      const path = paths[leaf % paths.length] as Path;
      return { d: tampered(d, path, how), what: `${path.join('.')} ${how}` };
    });

  it('law: under the same keys (none for an unsigned decision, the signing key for a signed one) the same edits are refused, at the same fields', () => {
    for (const [pool, key] of [
      [() => unsigned, undefined],
      [() => signed, KEY],
    ] as const) {
      fc.assert(
        fc.property(edits(pool), ({ d }) => {
          expect(noticeRefusal(d, key)).toEqual(verifyRefusal(d, key));
        }),
        { seed: SEED, numRuns: 100 },
      );
    }
  });

  it('law: without a key, a signed decision is refused by the notice exactly where verifyDecision finds more than its unverifiable signature', () => {
    fc.assert(
      fc.property(
        edits(() => signed),
        ({ d }) => {
          // verifyDecision, given no key, takes no signed decision (nothing could check its signature);
          // one whose signature was dropped is an unsigned decision, and both check its content hash.
          const verified = verifyRefusal(d);
          const beyondSignature = (verified ?? []).filter((f) => f !== 'audit.signature');
          const notice = noticeRefusal(d);
          expect(notice ?? []).toEqual(beyondSignature);
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('the decisions as made: both take them', () => {
    for (const d of unsigned) expect([noticeRefusal(d), verifyRefusal(d)]).toEqual([null, null]);
    for (const d of signed) expect([noticeRefusal(d, KEY), verifyRefusal(d, KEY)]).toEqual([null, null]);
  });
});
