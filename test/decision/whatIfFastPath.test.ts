import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { encodePlans, planDecision, type DecisionPlan } from '../../src/decision/decisionPlan.js';
import type { EngineContext } from '../../src/decision/engineContext.js';
import { evidenceColumns } from '../../src/decision/evidenceColumns.js';
import { type PlanRowCounts, scorePlanRows } from '../../src/decision/scorePlanRows.js';
import { createFeatureEncoder, type FeatureEncoder } from '../../src/features/featureEncoder.js';
import { builtInFeatures, builtInFeatureSet, defineFeatureSet, type FeatureSet } from '../../src/features/featureSet.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { provenPartialEvaluator } from '../../src/model/float32PartialEvaluator.js';
import { type LoadedModel, loadModel } from '../../src/model/loadModel.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { applicantArbitrary } from '../../src/testing/index.js';
import { trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

/**
 * A lender's feature set unlike the default: one built-in evidence feature dropped, one of its own
 * that reads the evidence (distinct categories verified), and one that reads an attribute. So the
 * columns a what-if may change are not the default ones, and some of them never change.
 */
const lenderFeatures = defineFeatureSet({
  attributes: { months_on_book: z.number().int().min(0) },
  features: [
    ...builtInFeatures.filter((f) => f.name !== 'cert_accepted_count'),
    {
      name: 'verified_categories',
      description: 'Distinct categories of accepted certificates',
      unit: 'count',
      sources: ['evidence'],
      monotone: -1,
      factor: 'certificates',
      kind: 'numeric',
      dataCategory: 'certificates',
      reasons: {
        raisesRisk: { en: 'Few kinds of evidence verified', zhHans: '已核验的证书种类较少' },
        lowersRisk: { en: 'Many kinds of evidence verified', zhHans: '已核验的证书种类较多' },
      },
      compute: (ctx) => new Set(ctx.evidence.filter((e) => e.status === 'accepted').map((e) => e.category)).size,
    },
    {
      name: 'months_on_book',
      description: 'Months as our customer',
      unit: 'months',
      sources: ['attributes.months_on_book'],
      monotone: -1,
      factor: 'platform_behaviour',
      kind: 'numeric',
      dataCategory: 'lender_internal',
      reasons: {
        raisesRisk: { en: 'Short time with us', zhHans: '成为本机构客户时间较短' },
        lowersRisk: { en: 'Long time with us', zhHans: '成为本机构客户时间较长' },
      },
      compute: (ctx) => ctx.applicant.attributes.months_on_book,
    },
  ],
});
const withMonths = <A extends { readonly id: string }>(a: A, i: number) => ({ ...a, attributes: { months_on_book: (i * 37) % 120 } });

const ctx = { catalog: defaultCatalog, minConfidence: 0.6, policy: defaultPolicy } as unknown as EngineContext;
const bits = (x: number): number => new Uint32Array(Float32Array.of(x).buffer)[0] as number;

/** Plans (what-ifs, certificates removed, reassessment steps) for a few applicants at once, as a chunk of the run loop. */
const chunkArb = fc.array(
  applicantArbitrary({ maxEvidence: 4 }).chain((a) => fc.tuple(fc.constant(a), fc.integer({ min: 0, max: a.evidence.length }))),
  { minLength: 1, maxLength: 4 },
);

interface Side {
  readonly features: FeatureSet;
  readonly proved: LoadedModel;
  /** The same model with onnxruntime for every run: the reference. */
  readonly reference: LoadedModel;
}

/**
 * Law: the rows of a chunk of plans get from scorePlanRows (equal rows scored once, the rest by
 * re-walking only the trees their changed columns reach) the exact bits onnxruntime gives every
 * row; with no partial evaluator (onnxruntime forced), deduplication alone gives them too.
 */
async function checkChunks(side: Side, seed: number): Promise<PlanRowCounts> {
  const encoder: FeatureEncoder = createFeatureEncoder(side.proved.manifest, side.features);
  const partial = provenPartialEvaluator(side.proved);
  expect(partial, 'the float32 evaluator is proved for this model').toBeDefined();
  const total = { rows: 0, duplicates: 0, partial: 0, predicted: 0 };
  const add = (c: PlanRowCounts) => {
    total.rows += c.rows;
    total.duplicates += c.duplicates;
    total.partial += c.partial;
    total.predicted += c.predicted;
  };
  const layout = { width: encoder.width, evidenceColumns: evidenceColumns(encoder) };
  // One scorer object for every chunk, as a scorer's calls share one: its divergence walker and
  // buffers are kept between calls (and grown), and two calls in flight at once share them.
  const smallRuns = { ...layout, model: side.proved, partial, smallRunRows: side.proved.evaluator.maxRows };
  await fc.assert(
    fc.asyncProperty(chunkArb, async (chunk) => {
      const plans: DecisionPlan[] = chunk.map(([a, from], i) =>
        planDecision(ctx, withMonths(a, i) as Applicant, { suggestions: true, limitHistory: [], newEvidenceFrom: from }),
      );
      const { rows, firstRows, nRows } = encodePlans(plans, encoder);
      const want = await side.reference.predict(rows, nRows);
      // Main rows walked in JS as a small run (as decide() does), and checked against predict (as a batch does).
      const [fast, alongside] = await Promise.all([
        scorePlanRows(smallRuns, plans, rows, firstRows, nRows, add),
        scorePlanRows(
          smallRuns,
          plans.slice(1),
          rows.subarray((firstRows[1] ?? nRows) * encoder.width),
          firstRows.slice(1).map((r) => r - (firstRows[1] ?? 0)),
          nRows - (firstRows[1] ?? nRows),
        ),
      ]);
      const from = firstRows[1] ?? nRows;
      for (let r = from; r < nRows; r++) expect(bits(alongside[r - from] as number), `row ${r} (a second call in flight)`).toBe(bits(want[r] as number));
      const checked = await scorePlanRows({ ...layout, model: side.reference, partial, smallRunRows: 0 }, plans, rows, firstRows, nRows);
      const dedupeOnly = await scorePlanRows({ ...layout, model: side.reference, partial: undefined, smallRunRows: 0 }, plans, rows, firstRows, nRows);
      for (let r = 0; r < nRows; r++) {
        expect(bits(fast[r] as number), `row ${r} (fast path)`).toBe(bits(want[r] as number));
        expect(bits(checked[r] as number), `row ${r} (fast path, main rows by onnxruntime)`).toBe(bits(want[r] as number));
        expect(bits(dedupeOnly[r] as number), `row ${r} (deduplicated)`).toBe(bits(want[r] as number));
      }
    }),
    { numRuns: 25, seed },
  );
  // The fast path was taken, not skipped: most rows are duplicates or re-walked in part.
  expect(total.duplicates).toBeGreaterThan(total.rows / 4);
  expect(total.partial).toBeGreaterThan(total.rows / 8);
  return total;
}

/** The same decisions from a default scorer and from one that scores every row with onnxruntime. */
async function checkDecisions(fast: Scorer<never>, plain: Scorer<never>, applicants: readonly unknown[]): Promise<void> {
  const a = await fast.decideBatch(applicants as never[]);
  const b = await plain.decideBatch(applicants as never[]);
  expect(a.filter((r) => r.ok).length).toBeGreaterThan(applicants.length / 2);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  for (const x of applicants.slice(0, 8)) {
    const [d, e] = [await fast.safeDecide(x), await plain.safeDecide(x)];
    expect(JSON.stringify(d)).toBe(JSON.stringify(e));
  }
}

describe('the fast what-if path gives the plain path’s decisions', () => {
  let builtIn: Side;
  let lender: Side;
  let lenderModel: Uint8Array;
  const population = generatePopulation({ size: 400, seed: 2620, asOf: '2026-11-01' }).map((r, i) => ({ ...r, applicant: withMonths(r.applicant, i) }));

  beforeAll(async () => {
    const outcomes = parseCsv(['id,defaulted', ...population.map((r) => `${r.applicant.id},${r.defaulted12m ? 1 : 0}`)].join('\n'));
    const book = featurizeBook(
      population.map((r) => r.applicant),
      outcomes,
      { idColumn: 'id', target: 'defaulted', features: lenderFeatures },
    );
    const monotone = book.trainArgs[book.trainArgs.indexOf('--monotone') + 1] as string;
    lenderModel = trainFromCsv(book.csv, { target: 'defaulted', positive: '1', monotone, params: { rounds: 20, learningRate: 0.3 } }).onnx;
    builtIn = {
      features: builtInFeatureSet,
      proved: await loadModel(defaultModelPath()),
      reference: await loadModel(defaultModelPath(), { evaluator: 'onnxruntime' }),
    };
    lender = { features: lenderFeatures, proved: await loadModel(lenderModel), reference: await loadModel(lenderModel, { evaluator: 'onnxruntime' }) };
  });
  afterAll(async () => {
    for (const s of [builtIn, lender]) {
      await s?.proved.close();
      await s?.reference.close();
    }
  });

  it('law: every plan row gets onnxruntime’s exact PD (default model, built-in features)', async () => {
    await checkChunks(builtIn, 2620);
  });

  it('law: every plan row gets onnxruntime’s exact PD (a lender’s feature set and model)', async () => {
    const model = createFeatureEncoder(lender.proved.manifest, lenderFeatures);
    // The lender's evidence feature is among the columns a what-if recomputes.
    expect(evidenceColumns(model).map((j) => model.names[j])).toEqual(expect.arrayContaining(['verified_categories', 'months_on_book']));
    await checkChunks(lender, 2621);
  });

  it('law: decideBatch and decide give the same decisions as with onnxruntime forced (random applicants, both feature sets)', async () => {
    const applicants = fc.sample(applicantArbitrary({ maxEvidence: 4 }), { numRuns: 40, seed: 2622 });
    const fast = await createScorer();
    const plain = await createScorer({ modelEvaluator: 'onnxruntime' });
    const lenderFast = await createScorer({ model: lenderModel, features: lenderFeatures });
    const lenderPlain = await createScorer({ model: lenderModel, features: lenderFeatures, modelEvaluator: 'onnxruntime' });
    try {
      await checkDecisions(fast as Scorer<never>, plain as Scorer<never>, applicants);
      await checkDecisions(lenderFast as Scorer<never>, lenderPlain as Scorer<never>, applicants.map(withMonths));
    } finally {
      for (const s of [fast, plain, lenderFast, lenderPlain]) await s.close();
    }
  });
});
