// An array longer than readPlainData copies (MAX_ARRAY_LENGTH) is one `too_big` issue at its own
// path. Before, its copy was a sparse array of the same length, which zod walked: an import spec of
// 12,000 categories got 1,000 issues "expected string, received undefined" (none true), and one of
// 200,000 threw zod's own RangeError (call stack) out of importOnnxModel.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { parseFeatureApplicant } from '../../src/features/parseFeatureApplicant.js';
import { importOnnxModel } from '../../src/model/import/importOnnxModel.js';
import { safeParseApplicant } from '../../src/schema/parseApplicant.js';
import { MAX_ARRAY_LENGTH, readPlainData } from '../../src/schema/readPlainData.js';
import { behaviourScoreFeatures } from '../helpers/lenderBehaviourScore.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'xgboost');
const onnx = new Uint8Array(readFileSync(join(fixtures, 'monotone_classifier.onnx')));
const specWith = (categories: number) => {
  const spec = JSON.parse(readFileSync(join(fixtures, 'monotone_spec.json'), 'utf8')) as { features: unknown[] };
  spec.features[0] = { name: 'x0', kind: 'categorical', monotone: 0, categories: Array.from({ length: categories }, (_, i) => `c${i}`) };
  return spec;
};
const issuesOf = (e: ValidationError) => e.issues.map((i) => `${i.path.join('.')}:${i.code}:${i.received ?? ''}`);

describe('an array too long to read is one too_big issue at its path', () => {
  it('readPlainData: the issue names the length and the limit, and its path is blocked', () => {
    const read = readPlainData({ keep: [1, 2], list: { items: new Array(MAX_ARRAY_LENGTH + 1).fill('x') } });
    expect(read.issues).toEqual([
      {
        path: ['list', 'items'],
        code: 'too_big',
        message: `an array of ${MAX_ARRAY_LENGTH + 1} elements, more than the ${MAX_ARRAY_LENGTH} any field takes: its elements were not read`,
        expected: `at most ${MAX_ARRAY_LENGTH} elements`,
        received: `${MAX_ARRAY_LENGTH + 1} elements`,
      },
    ]);
    expect(read.blocked).toEqual([['list', 'items']]);
    expect((read.value as { keep: number[] }).keep).toEqual([1, 2]);
    // At the limit, every element is copied.
    expect(readPlainData(new Array(MAX_ARRAY_LENGTH).fill(3)).issues).toEqual([]);
  });

  it.each([12_000, 200_000])('importOnnxModel: a spec of %i categories is refused at features.0.categories, once', (n) => {
    const e = validationErrorOf(() => importOnnxModel(onnx, { spec: specWith(n) }));
    expect(issuesOf(e)).toEqual([`features.0.categories:too_big:${n} elements`]);
  });

  it('an applicant with too many evidence items still gets too_many_evidence_items, once, with its other faults', () => {
    const applicant = structuredClone(exampleApplicants[0]!.applicant) as unknown as Record<string, unknown>;
    const item = (applicant.evidence as unknown[])[0];
    for (const n of [51, MAX_ARRAY_LENGTH + 1, 300_000]) {
      const r = safeParseApplicant({ ...applicant, asOf: 'never', evidence: new Array(n).fill(item) });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(issuesOf(r.error)).toEqual(['asOf:invalid_format:', `evidence:too_many_evidence_items:${n} items`]);
    }
  });

  it("so does one decided on a lender's own features (attributes)", () => {
    const applicant = { ...structuredClone(exampleApplicants[0]!.applicant), attributes: { internal_behaviour_score: 640 } } as unknown as Record<
      string,
      unknown
    >;
    const item = (applicant.evidence as unknown[])[0];
    for (const n of [51, MAX_ARRAY_LENGTH + 1, 300_000]) {
      const e = validationErrorOf(() => parseFeatureApplicant({ ...applicant, asOf: 'never', evidence: new Array(n).fill(item) }, behaviourScoreFeatures));
      expect(issuesOf(e)).toEqual(['asOf:invalid_format:', `evidence:too_many_evidence_items:${n} items`]);
    }
  });
});
