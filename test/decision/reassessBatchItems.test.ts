// Outside tester findings26-recheck25 F1 and F2.
// F1: a batch item (`{ prior, update }`) had nowhere to carry the line on file: an item's `onFile`,
// or any other key, was dropped without a word, in process and on the pool. The customer lowered the
// line to 5,000 RMB; a batch reassessment of the older decision raised it to 17,400 RMB and cleared
// the cap, where `reassess` refuses it (`prior_superseded`). An item now carries `onFile` as
// `reassess` takes it (checked by the same function) and an unknown item key is the item's own error.
// F2: a throwing getter in a reassessment's record (the update, an evidence item, the prior, onFile)
// escaped as the caller's bare Error: one such item rejected the whole in-process batch (the good
// items lost) and came back `worker_failed` "rerun this record" from the pool. Each is now
// `unreadable_input` at its field, on every path, as a record of `decide` is.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type BatchResult, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { PriorInvalidError } from '../../src/decision/priorInvalidError.js';
import { scorerReassessBatch } from '../../src/decision/reassessBatch.js';
import { toErrorData } from '../../src/decision/toErrorData.js';
import { adverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { verifyDecision } from '../../src/decision/verifyDecision.js';
import { toProblemDetails } from '../../src/errors/toProblemDetails.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { applicantArbitrary } from '../../src/testing/applicantArbitrary.js';

const SEED = 2611;
const step = 10_000;
const app = structuredClone(exampleApplicants[0]!.applicant) as Applicant;
const update = { applicant: app, evidence: [] };
const onFileOf = (d: Decision) => ({ line: lineOnFileAfter(d, step), selfSetCap: d.controls.selfSetCap, limitHistory: d.limitHistory });

/** `base` with an enumerable getter `key` that throws the caller's own Error. */
function throwing<T extends object>(base: T, key: string): T {
  const copy: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  delete copy[key];
  return Object.defineProperty(copy, key, {
    enumerable: true,
    get() {
      throw new Error(`getter-${key}`);
    },
  }) as T;
}

let scorer: Scorer;
let pool: ScorerPool;
let d0: Decision;
let d1: Decision;
beforeAll(async () => {
  [scorer, pool] = await Promise.all([createScorer({ suggestionsPerDecision: 0 }), createScorerPool({ workers: 1, scorer: { suggestionsPerDecision: 0 } })]);
  d0 = await scorer.decide(app);
  d1 = scorer.requestReduction(d0, 500_000, { asOf: app.asOf });
});
afterAll(async () => Promise.all([scorer?.close(), pool?.close()]));

/** What the single call gives, as a batch result at `index`: its decision, or its typed error as data. */
async function single(index: number, item: { prior: unknown; update: unknown; onFile?: unknown }): Promise<BatchResult> {
  const options = Object.hasOwn(item, 'onFile') ? { onFile: item.onFile } : undefined;
  try {
    return { ok: true, index, decision: await scorer.reassess(item.prior as Decision, item.update as never, options as never) };
  } catch (e) {
    // Only the record's own faults: anything else would be the caller's Error escaping.
    if (!(e instanceof ValidationError || e instanceof PriorInvalidError)) throw e;
    return { ok: false, index, error: toErrorData(e) };
  }
}

const json = (v: unknown) => JSON.stringify(v);

describe('a batch item carries the line on file as reassess takes it (findings26 F1)', () => {
  it("the tester's case: the older decision after the customer's reduction is refused (prior_superseded) in process and pooled, as reassess refuses it", async () => {
    expect([d0.limit, d1.limit, d1.controls.selfSetCap]).toEqual([1_700_000, 500_000, 500_000]);
    const onFile = onFileOf(d1);
    const items = [
      { prior: d0, update, onFile },
      { prior: d1, update, onFile },
    ];
    const local = await scorerReassessBatch(scorer)(items);
    expect(local[0]).toMatchObject({ ok: false, error: { code: 'prior_invalid' } });
    const issues = !local[0]!.ok ? local[0]!.error.issues : [];
    expect(issues?.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['limit', 'prior_superseded'],
      ['controls.selfSetCap', 'prior_superseded'],
    ]);
    // The latest decision is reassessed under the customer's cap, never above it.
    expect(local[1]).toMatchObject({ ok: true, decision: { controls: { selfSetCap: 500_000 } } });
    expect(local[1]!.ok && local[1]!.decision.limit).toBeLessThanOrEqual(500_000);
    expect(json(local)).toBe(json([await single(0, items[0]!), await single(1, items[1]!)]));
    expect(json(await pool.safeReassessBatch(items))).toBe(json(local));
  });

  it('a malformed onFile, or one given as undefined, is the item’s own error, the one reassess gives; the neighbours are reassessed', async () => {
    const items = [
      { prior: d1, update, onFile: { ...onFileOf(d1), line: -1 } },
      { prior: d1, update },
      { prior: d1, update, onFile: undefined },
    ];
    const local = await scorerReassessBatch(scorer)(items as never);
    expect(local.map((r) => r.ok)).toEqual([false, true, false]);
    expect(!local[0]!.ok && local[0]!.error.issues?.map((i) => i.path.join('.'))).toEqual(['onFile.line']);
    expect(!local[2]!.ok && local[2]!.error.issues?.map((i) => i.path.join('.'))).toEqual(['onFile']);
    expect(json(local)).toBe(json(await Promise.all(items.map((item, i) => single(i, item)))));
    expect(json(await pool.safeReassessBatch(items))).toBe(json(local));
  });

  it('an item without its update or prior is named at that key (a missing update was "expected an object of options" at the root), in process and pooled', async () => {
    const items = [{ prior: d1 }, { update }, { prior: d1, update }, {}];
    const local = await scorerReassessBatch(scorer)(items as never);
    expect(local.map((r) => r.ok)).toEqual([false, false, true, false]);
    const paths = (r: (typeof local)[number]) => (r.ok ? [] : (r.error.issues ?? []).map((i) => `${i.path.join('.')}:${i.code}`));
    expect(local.map(paths)).toEqual([['0.update:invalid_type'], ['1.prior:invalid_type'], [], ['3.prior:invalid_type', '3.update:invalid_type']]);
    expect(json(await pool.safeReassessBatch(items))).toBe(json(local));
  });

  it('an unknown item key is refused by name as that item’s own error (it was dropped without a word), in process and pooled', async () => {
    const items = [
      { prior: d1, update },
      { prior: d1, update, foo: 1, onfile: onFileOf(d1) },
    ];
    const local = await scorerReassessBatch(scorer)(items as never);
    expect(local[0]!.ok).toBe(true);
    expect(local[1]).toMatchObject({ ok: false, index: 1, error: { code: 'validation_failed', subject: 'reassessBatch input' } });
    expect(!local[1]!.ok && local[1]!.error.issues?.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['1.foo', 'unrecognized_key'],
      ['1.onfile', 'unrecognized_key'],
    ]);
    expect(json(await pool.safeReassessBatch(items))).toBe(json(local));
  });
});

describe('a throwing getter in a reassessment is unreadable_input at its field, on every path (findings26 F2)', () => {
  const cases: [string, () => { prior: unknown; update: unknown; onFile?: unknown }, string, string][] = [
    ['update.evidence', () => ({ prior: d1, update: throwing(update, 'evidence') }), 'validation_failed', 'evidence'],
    ['update.applicant', () => ({ prior: d1, update: throwing(update, 'applicant') }), 'validation_failed', 'applicant'],
    ['update.asOf', () => ({ prior: d1, update: throwing({ ...update, asOf: app.asOf }, 'asOf') }), 'validation_failed', 'asOf'],
    ['an evidence item', () => ({ prior: d1, update: { ...update, evidence: [throwing(app.evidence[0]!, 'kind')] } }), 'validation_failed', 'evidence.0.kind'],
    ['the prior', () => ({ prior: throwing(d1, 'outcome'), update }), 'prior_invalid', 'outcome'],
    ['the prior, deeper', () => ({ prior: { ...d1, audit: throwing(d1.audit, 'contentHash') }, update }), 'prior_invalid', 'audit.contentHash'],
    ['onFile', () => ({ prior: d1, update, onFile: throwing(onFileOf(d1), 'line') }), 'validation_failed', 'onFile.line'],
  ];

  for (const [what, make, code, path] of cases) {
    it(`${what}: reassess refuses it (${code}, unreadable_input at ${path}); a batch keeps its good items, byte-equal in process and pooled`, async () => {
      const bad = make();
      const s = await single(1, bad);
      expect(s).toMatchObject({ ok: false, error: { code } });
      const issues = !s.ok ? (s.error.issues ?? []) : [];
      expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([[path, 'unreadable_input']]);
      const items = [{ prior: d1, update }, bad, { prior: d1, update }];
      const local = await scorerReassessBatch(scorer)(items as never);
      expect(local.map((r) => r.ok)).toEqual([true, false, true]);
      expect(json(local[1])).toBe(json(s));
      expect(json(await pool.safeReassessBatch(items))).toBe(json(local));
    });
  }

  it('an item whose own prior or update cannot be read is refused at that key, the neighbours reassessed', async () => {
    const items = [throwing({ prior: d1, update }, 'prior'), { prior: d1, update }];
    const local = await scorerReassessBatch(scorer)(items);
    expect(local[0]).toMatchObject({ ok: false, error: { code: 'validation_failed', issues: [{ path: [0, 'prior'], code: 'unreadable_input' }] } });
    expect(local[1]!.ok).toBe(true);
    expect(json(await pool.safeReassessBatch(items))).toBe(json(local));
  });

  it("the other follow-ups read the prior the same way: requestReduction's prior getter is a 422, not the caller's Error", () => {
    let thrown: unknown;
    try {
      scorer.requestReduction(throwing(d1, 'outcome'), 400_000, { asOf: app.asOf });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PriorInvalidError);
    expect((thrown as PriorInvalidError).issues).toEqual([expect.objectContaining({ path: ['outcome'], code: 'unreadable_input' })]);
    expect(toProblemDetails(thrown).status).toBe(422);
  });
});

describe('the other readers of a stored decision read it the same way', () => {
  it('verifyDecision answers a refusal at the field, adverseActionNotice throws a ValidationError naming it (both threw the getter)', () => {
    const r = verifyDecision(throwing(d1, 'outcome'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.issues).toEqual([expect.objectContaining({ path: ['outcome'], code: 'unreadable_input' })]);
    let thrown: unknown;
    try {
      adverseActionNotice(throwing(d1, 'outcome'));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues).toEqual([expect.objectContaining({ path: ['outcome'], code: 'unreadable_input' })]);
  });
});

describe('law: a batch reassessment of an item is the single reassess of it (same decision, or same typed error)', () => {
  it('for drawn applicants, priors before and after a reduction, onFile from either (or none, or malformed), in process and pooled', async () => {
    await fc.assert(
      fc.asyncProperty(
        applicantArbitrary({ maxEvidence: 2 }),
        fc.constantFrom(200_000, 500_000, 1_000_000),
        fc.constantFrom('first', 'latest'),
        fc.constantFrom('none', 'first', 'latest', 'malformed'),
        async (a, cap, which, onFileFrom) => {
          const first = await scorer.decide(a);
          let latest = first;
          try {
            latest = scorer.requestReduction(first, cap, { asOf: a.asOf });
          } catch (e) {
            // A declined or too-low line has nothing to reduce: the first decision is the latest.
            if (!(e instanceof ValidationError)) throw e;
          }
          const prior = which === 'first' ? first : latest;
          const onFile = onFileFrom === 'first' ? onFileOf(first) : onFileFrom === 'latest' ? onFileOf(latest) : { ...onFileOf(latest), selfSetCap: 'none' };
          const item = { prior, update: { applicant: a, evidence: [] }, ...(onFileFrom === 'none' ? {} : { onFile }) };
          const want = json([await single(0, item)]);
          expect(json(await scorerReassessBatch(scorer)([item] as never))).toBe(want);
          expect(json(await pool.safeReassessBatch([item]))).toBe(want);
        },
      ),
      { seed: SEED, numRuns: 12 },
    );
  });
});
