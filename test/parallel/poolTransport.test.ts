import { deserialize, serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type BatchResult, type Scorer } from '../../src/decision/createScorer.js';
import { Decision } from '../../src/decision/decision.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { canonicalJson } from '../../src/hashing/canonicalJson.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';
import { createValuePacker, createValueUnpacker, type PackedValues } from '../../src/parallel/packedValues.js';

// Signed, keyed and with a shadow challenger, so decisions carry the optional audit fields and `shadow` too.
const challengers = [{ name: 'tight', policyOverrides: { affordability: { dsrBands: [{ incomeUpTo: null, maxDsr: 0.25 }] } }, share: 0.3 }];
const scorerOptions = { signingKey: 'k'.repeat(32), personalDataKey: 'p'.repeat(32), challengers, challengerMode: 'shadow' as const };

const examples = exampleApplicants.map((e) => e.applicant);
const first = examples[0] as unknown as Record<string, unknown>;
// Records a JSON transport would drop, coerce or refuse (undefined, NaN, -0, a Date, holes, named array
// properties, bigint): the pool's structured cloning must carry each so it is judged exactly as in process.
const sparse: unknown[] = [1, 2];
delete sparse[0];
const named = Object.assign([], { extra: 1 });
const odd: unknown[] = [
  { ...first, asOf: undefined },
  { ...first, monthlyIncome: Number.NaN },
  { ...first, monthlyIncome: -0 },
  { ...first, asOf: new Date('2026-11-01') },
  { ...first, evidence: sparse },
  { ...first, evidence: named },
  { ...first, monthlyIncome: 10n },
];
const invalid: unknown[] = [null, 42, 'applicant', {}, { ...first, asOf: 'not a date' }, { ...first, gender: 'f' }];
const batch: unknown[] = [...examples, ...invalid, ...odd, ...examples].flatMap((a, i) => (i % 5 === 2 ? [a, examples[i % examples.length]] : [a]));

let scorer: Scorer;
let pool: ScorerPool;

beforeAll(async () => {
  [scorer, pool] = await Promise.all([createScorer(scorerOptions), createScorerPool({ workers: 2, chunkSize: 6, scorer: scorerOptions })]);
});
afterAll(async () => {
  await Promise.all([scorer?.close(), pool?.close()]);
});

describe('pool transport: decisions cross the process boundary unchanged', () => {
  it('pooled results are canonical-JSON identical and deep-equal to in-process decideBatch, valid, invalid and odd records alike', async () => {
    const [pooled, local] = await Promise.all([pool.safeDecideBatch(batch), scorer.safeDecideBatch(batch)]);
    expect(pooled).toHaveLength(batch.length);
    pooled.forEach((r, i) => {
      expect(canonicalJson(r)).toBe(canonicalJson(local[i]));
      expect(JSON.stringify(r)).toBe(JSON.stringify(local[i]));
    });
    expect(pooled).toStrictEqual(local);
    expect(pooled.filter((r) => r.ok).length).toBeGreaterThan(examples.length);
    expect(pooled.filter((r) => !r.ok).length).toBeGreaterThanOrEqual(invalid.length);
    // Validation errors keep every field: code, message, subject, name and each issue.
    const errors = pooled.flatMap((r) => (r.ok ? [] : [r.error]));
    expect(errors.some((e) => e.issues !== undefined && e.issues.length > 0 && e.subject !== undefined && e.name === 'ValidationError')).toBe(true);
  });

  it('a Decision holding every optional field survives the transport (the IPC structured serialisation) unchanged', async () => {
    const results = await pool.decideBatch(examples);
    const decisions = results.flatMap((r) => (r.ok ? [r.decision] : []));
    const signed = decisions.find((d) => d.audit.signature !== undefined && d.shadow !== undefined && d.evidence.some((e) => e.scaleValue !== undefined));
    expect(signed).toBeDefined();
    // A reviewed decision links its prior and carries a review: the optional fields a batch cannot produce.
    const reviewed = scorer.recordReview(signed as Decision, { reviewerRole: 'credit_officer', outcome: 'refer', limit: 0, note: 'checked by hand' });
    // A review previews nothing (blockedBy human_review): the suggestions are the decision's own.
    const own = (signed as Decision).suggestions;
    const item = own.items[0];
    // A model reason with its contribution: the examples' reviews may name none (a model factor is a
    // reason only when material and able to move the result), so one is added as a decision may carry it.
    const factor = reviewed.contributions.factors[0];
    const modelReason = {
      code: `model_${factor?.factor}`,
      source: 'model' as const,
      factor: factor?.factor ?? 'income',
      en: 'x',
      zhHans: 'x',
      contribution: 0.25,
    };
    const full: Decision = {
      ...reviewed,
      reasons: reviewed.reasons.some((r) => r.contribution !== undefined) ? reviewed.reasons : [...reviewed.reasons.slice(0, 3), modelReason],
      evidence: reviewed.evidence.map((e) => ({ ...e, category: e.category ?? 'language', scaleValue: e.scaleValue ?? 0.5 })),
      suggestions: item === undefined ? own : { ...own, items: [{ ...item, assumed: { score: 7.5, level: 'C1' } }, ...own.items.slice(1)] },
      shadow: signed?.shadow,
    } as Decision;
    // It is a valid Decision, and every optional field is present.
    expect(() => Decision.parse(full)).not.toThrow();
    expect(full.audit.priorDecisionId).toBeDefined();
    expect(full.audit.arm).toBeDefined();
    expect(full.audit.signature).toBeDefined();
    expect(full.review).not.toBeNull();
    expect(full.shadow).toBeDefined();
    expect(full.reasons.some((r) => r.contribution !== undefined)).toBe(true);
    expect(full.evidence.every((e) => e.category !== undefined && e.scaleValue !== undefined)).toBe(true);
    expect(full.suggestions.items.some((s) => s.assumed.score !== undefined && s.assumed.level !== undefined)).toBe(true);
    // What Node's `advanced` IPC does to a results message between the worker and the pool.
    const result: BatchResult = { ok: true, index: 0, decision: full };
    const message = { type: 'results', id: 1, results: [result] };
    const [back] = (deserialize(serialize(message)) as typeof message).results;
    expect(back).toStrictEqual(result);
    expect(canonicalJson(back)).toBe(canonicalJson(result));
    // And what the pool's workers send by default: the results packed by shape, rebuilt by the pool.
    const packed = createValuePacker()([result]);
    expect(packed).toBeDefined();
    const overIpc = (deserialize(serialize({ type: 'packed_results', id: 1, packed })) as { packed: PackedValues }).packed;
    const [unpacked] = createValueUnpacker()(overIpc);
    expect(unpacked).toStrictEqual(result);
    expect(JSON.stringify(unpacked)).toBe(JSON.stringify(result));
    expect(canonicalJson(unpacked)).toBe(canonicalJson(result));
  });
});
