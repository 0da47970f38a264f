import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { createFeatureEncoder } from '../../src/features/featureEncoder.js';
import { builtInFeatures, defineFeatureSet } from '../../src/features/featureSet.js';
import { parseFeatureApplicant } from '../../src/features/parseFeatureApplicant.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';
import { bureauScoreAttributes, bureauScoreBook, bureauScoreFeature, trainBureauScoreModel } from '../helpers/lenderBureauScore.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

// findings: a lender feature's `sources` were trusted, not enforced. A compute listing
// `attributes.score` that also read `attributes.note` got the note, and the note escaped the
// free-text check for protected groups (it reads only what sources name): `note: 'female'` reached the
// model. A feature is now given only the attributes its sources name; reading, testing for, listing or
// writing any other is `undeclared_source`, naming the feature and the attribute, whether or not the
// applicant has it and whether or not compute catches the throw.

type Attrs = Record<string, unknown>;
const reasons = { raisesRisk: { en: 'Low score with us', zhHans: '本机构评分较低' }, lowersRisk: { en: 'Good score with us', zhHans: '本机构评分良好' } };
const own = (name: string, sources: string[], compute: (a: Attrs) => unknown) => ({
  name,
  description: 'Our own score',
  unit: 'points',
  sources,
  monotone: 0 as const,
  factor: 'platform_behaviour' as const,
  kind: 'numeric' as const,
  dataCategory: 'lender_internal',
  reasons,
  compute: (ctx: { applicant: { attributes: unknown } }) => compute(ctx.applicant.attributes as Attrs) as number,
});
const attributes = {
  score: z.number().optional(),
  note: z.string().optional(),
  business: z.object({ summary: z.string(), tags: z.array(z.string()) }).optional(),
  items: z.array(z.object({ amount: z.number(), label: z.string() })).optional(),
};
const setOf = (f: ReturnType<typeof own>) => defineFeatureSet({ attributes, features: [...builtInFeatures, f as never] });

/** The feature's column, computed for an applicant with `attrs`, or the issues it was refused with. */
function encode(f: ReturnType<typeof own>, attrs: Attrs): number | [string, string, string][] {
  const features = setOf(f);
  const encoder = createFeatureEncoder({ features: [{ name: f.name, kind: 'numeric', monotone: 0 }] }, features);
  const applicant = parseFeatureApplicant({ ...baseApplicantInput(), attributes: attrs }, features);
  const row = new Float32Array(1);
  try {
    encoder.encode({ applicant, evidence: [] }, row);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.issues.map((i) => [i.code, i.path.join('.'), i.message]);
  }
  return row[0] as number;
}
const refusal = (f: ReturnType<typeof own>, attrs: Attrs) => {
  const got = encode(f, attrs);
  if (typeof got === 'number') throw new Error(`expected a refusal, got ${got}`);
  expect(got).toHaveLength(1);
  return got[0] as [string, string, string];
};

describe('a lender feature is given only the attributes its sources name', () => {
  it('reading an attribute it did not list is undeclared_source at features.<name>, naming the attribute: present or not', () => {
    const sneaky = own('sneaky', ['attributes.score'], (a) => (a.note === undefined ? (a.score as number) : -1));
    for (const attrs of [{ score: 7, note: 'female' }, { score: 7 }]) {
      const [code, path, message] = refusal(sneaky, attrs);
      expect([code, path]).toEqual(['undeclared_source', 'features.sneaky']);
      expect(message).toContain('feature "sneaky" reads attributes.note, which its sources do not list');
    }
  });

  it('what it lists it reads as before, the value unchanged', () => {
    expect(
      encode(
        own('score', ['attributes.score'], (a) => a.score),
        { score: 640, note: 'female' },
      ),
    ).toBe(640);
    expect(
      encode(
        own('score', ['attributes.score'], (a) => a.score),
        {},
      ),
    ).toBeNaN();
  });

  it('a compute that catches the refusal and goes on is refused all the same', () => {
    const swallowing = own('swallowing', ['attributes.score'], (a) => {
      try {
        return a.note === undefined ? 1 : 2;
      } catch {
        return 3;
      }
    });
    expect(refusal(swallowing, { score: 1, note: 'x' }).slice(0, 2)).toEqual(['undeclared_source', 'features.swallowing']);
  });

  it("a nested source gives that path only: business.summary, not business.tags; an array's items are read at the source past the array", () => {
    const summary = own('summary', ['attributes.business.summary'], (a) => (a.business as { summary: string } | undefined)?.summary.length);
    expect(encode(summary, { business: { summary: 'noodles', tags: ['x'] } })).toBe(7);
    const tags = own('tags', ['attributes.business.summary'], (a) => (a.business as { tags: string[] }).tags.length);
    expect(refusal(tags, { business: { summary: 'noodles', tags: ['x'] } })[2]).toContain('reads attributes.business.tags');
    const amounts = own('amounts', ['attributes.items[0].amount'], (a) => (a.items as { amount: number }[]).reduce((s, i) => s + i.amount, 0));
    expect(
      encode(amounts, {
        items: [
          { amount: 2, label: 'a' },
          { amount: 3, label: 'b' },
        ],
      }),
    ).toBe(5);
    const labels = own('labels', ['attributes.items.amount'], (a) => (a.items as { label: string }[]).map((i) => i.label).join('').length);
    expect(refusal(labels, { items: [{ amount: 2, label: 'a' }] })[2]).toContain('reads attributes.items.0.label');
  });

  it("testing for, listing, copying or writing attributes beyond the sources is refused; 'attributes' or a * source allows them", () => {
    expect(
      refusal(
        own('has', ['attributes.score'], (a) => ('note' in a ? 1 : 0)),
        {},
      )[2],
    ).toContain('asks whether it has attributes.note');
    expect(
      refusal(
        own('keys', ['attributes.score'], (a) => Object.keys(a).length),
        { score: 1 },
      )[2],
    ).toContain('lists every key of attributes.*');
    expect(
      refusal(
        own('spread', ['attributes.score'], (a) => Object.keys({ ...a }).length),
        { score: 1 },
      )[0],
    ).toBe('undeclared_source');
    expect(
      refusal(
        own('json', ['attributes.score'], (a) => JSON.stringify(a).length),
        { score: 1 },
      )[0],
    ).toBe('undeclared_source');
    expect(
      refusal(
        own('write', ['attributes.score'], (a) => {
          a.score = 5;
          return 1;
        }),
        { score: 1 },
      )[2],
    ).toContain('writes to attributes.score');
    expect(
      encode(
        own('all', ['attributes'], (a) => Object.keys(a).length),
        { score: 1, note: 'n' },
      ),
    ).toBe(2);
    expect(
      encode(
        own('any', ['attributes.*'], (a) => JSON.stringify(a).length),
        { score: 1 },
      ),
    ).toBe('{"score":1}'.length);
  });

  it('a feature listing no attribute reads none, and inherited members are no attributes', () => {
    expect(
      refusal(
        own('none', [], (a) => a.score),
        { score: 1 },
      )[2],
    ).toContain('reads attributes.score');
    expect(
      encode(
        own('proto', ['attributes.score'], (a) => (Object.hasOwn(a, 'score') ? 1 : 0) + Number(a.toString === Object.prototype.toString)),
        { score: 1 },
      ),
    ).toBe(2);
  });

  it('the rest of the applicant reads as before: its fields, its keys, a copy of it', () => {
    const f = {
      ...own('rest', ['attributes.score', 'income.monthlyNet'], () => 0),
      compute: (ctx: { applicant: { income: { monthlyNet: number }; attributes: Attrs } }) =>
        ctx.applicant.income.monthlyNet + (Object.keys(ctx.applicant).includes('income') ? 0 : 1e6) + ({ ...ctx.applicant }.attributes.score as number),
    };
    expect(encode(f as never, { score: 1 })).toBe(600_001);
  });

  it('featurizeBook lists the record at its place with the code', () => {
    const features = setOf(own('sneaky', ['attributes.score'], (a) => a.note as never));
    const outcomes = parseCsv('id,defaulted\ntest-0001,0\n');
    const err = validationErrorOf(() =>
      featurizeBook([{ ...baseApplicantInput(), attributes: { score: 1 } } as never], outcomes, { idColumn: 'id', target: 'defaulted', features }),
    );
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['undeclared_source', 'applicants.1.features.sneaky']]);
  });
});

describe('well-behaved features decide exactly as before', () => {
  const scoreOf = (a: Attrs) => a.bureau_score as number;
  const bound = defineFeatureSet({
    attributes: bureauScoreAttributes,
    features: [
      ...builtInFeatures,
      { ...bureauScoreFeature, compute: (ctx: { applicant: { attributes: unknown } }) => scoreOf(ctx.applicant.attributes as Attrs) },
    ] as never,
  });
  // `attributes` as the source: the feature is given the applicant as it is (no view): the reference.
  const open = defineFeatureSet({
    attributes: bureauScoreAttributes,
    features: [
      ...builtInFeatures,
      { ...bureauScoreFeature, sources: ['attributes'], compute: (ctx: { applicant: { attributes: unknown } }) => scoreOf(ctx.applicant.attributes as Attrs) },
    ] as never,
  });
  let model: Uint8Array;
  let scorers: [Scorer<never>, Scorer<never>];
  beforeAll(async () => {
    model = trainBureauScoreModel();
    scorers = [
      await createScorer({ model, features: bound, suggestionsPerDecision: 0 }),
      await createScorer({ model, features: open, suggestionsPerDecision: 0 }),
    ] as never;
  });
  afterAll(async () => {
    for (const s of scorers ?? []) await s.close();
  });

  it('law: the feature rows of a view and of the applicant as it is are the same bytes, for any bureau score', () => {
    const columns = { features: [{ name: 'bureau_score', kind: 'numeric' as const, monotone: 0 as const }] };
    const [a, b] = [createFeatureEncoder(columns, bound), createFeatureEncoder(columns, open)];
    fc.assert(
      fc.property(fc.option(fc.double({ noNaN: false, min: -1e30, max: 1e30 }), { nil: undefined }), (score) => {
        const input = { ...baseApplicantInput(), attributes: score === undefined ? {} : { bureau_score: score } };
        const [ra, rb] = [new Float32Array(1), new Float32Array(1)];
        a.encode({ applicant: parseFeatureApplicant(input, bound), evidence: [] }, ra);
        b.encode({ applicant: parseFeatureApplicant(input, open), evidence: [] }, rb);
        expect(Buffer.from(ra.buffer)).toEqual(Buffer.from(rb.buffer));
      }),
      { seed: 15, numRuns: 200 },
    );
  });

  it('a decision is the same: PD, limit, reasons and factors', async () => {
    const { applicants } = bureauScoreBook(12, 9);
    const pick = (d: Awaited<ReturnType<Scorer<never>['decide']>>) =>
      JSON.stringify({ pd: d.pd, outcome: d.outcome, limit: d.limit, reasons: d.reasons, factors: d.factors });
    const [withView, asIs] = await Promise.all(scorers.map((s) => s.decideBatch(applicants as never[])));
    expect((withView ?? []).map((r) => (r.ok ? pick(r.decision) : r.error.message))).toEqual(
      (asIs ?? []).map((r) => (r.ok ? pick(r.decision) : r.error.message)),
    );
    expect((withView ?? []).every((r) => r.ok)).toBe(true);
  });

  it('a scorer refuses every record whose feature reads beyond its sources, the note present or not, naming feature and attribute', async () => {
    const sneaky = defineFeatureSet({
      attributes: { ...bureauScoreAttributes, note: z.string().optional() },
      features: [
        ...builtInFeatures,
        {
          ...bureauScoreFeature,
          compute: (ctx: { applicant: { attributes: Attrs } }) => (ctx.applicant.attributes.note ? 0 : (ctx.applicant.attributes.bureau_score as number)),
        },
      ] as never,
    });
    const scorer = await createScorer({ model, features: sneaky, suggestionsPerDecision: 0 });
    try {
      const { applicants } = bureauScoreBook(2, 4);
      const results = await scorer.safeDecideBatch([
        { ...(applicants[0] as object), attributes: { bureau_score: 700, note: 'female-led' } },
        { ...(applicants[1] as object), attributes: { bureau_score: 700 } },
      ] as never[]);
      expect(results.map((r) => r.ok)).toEqual([false, false]);
      for (const r of results) {
        if (r.ok) throw new Error('expected an error');
        expect(r.error).toMatchObject({ issues: [{ code: 'undeclared_source', path: ['features', 'bureau_score'] }] });
        expect((r.error as ValidationError).issues[0]?.message).toContain('reads attributes.note');
      }
    } finally {
      await scorer.close();
    }
  });
});
