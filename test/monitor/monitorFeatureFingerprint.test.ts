// A monitor baseline fingerprints each lender feature it measured, so a run on another feature is
// refused rather than reported as drift. The fingerprint is the compute function's source text and
// the feature's declaration (everything declared besides `compute`); values the function captures
// from outside its text are invisible to it, and declaring them is how a lender makes them count.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import type { FeatureDefinition } from '../../src/features/featureDefinitions.js';
import { featureDefinitions } from '../../src/features/featureDefinitions.js';
import { checkMonitorFeatureSet, monitorFeatureSetOf } from '../../src/monitor/monitorFeatureSet.js';

type Def = FeatureDefinition<never>;
const builtIns = featureDefinitions as readonly Def[];

// A lender feature whose compute closes over a threshold: the same source text whatever `cap` is.
const capped = (cap: number, over: Partial<Def> = {}): Def => ({
  name: 'months_on_book',
  description: 'Months as our customer',
  unit: 'months',
  sources: ['attributes.months_on_book'],
  monotone: -1,
  factor: 'platform_behaviour',
  kind: 'numeric',
  dataCategory: 'lender_internal',
  reasons: { raisesRisk: { en: 'Short time with us', zhHans: '时间较短' }, lowersRisk: { en: 'Long time with us', zhHans: '时间较长' } },
  compute: (ctx) => Math.min(cap, (ctx.applicant as unknown as { attributes: { months_on_book: number } }).attributes.months_on_book),
  ...over,
});
// A categorical lender feature reading a category table it closes over.
const banded = (table: Readonly<Record<string, string>>, categories: readonly string[]): Def => ({
  name: 'channel_band',
  description: 'How the customer came to us',
  unit: 'category',
  sources: ['attributes.channel'],
  monotone: 0,
  factor: 'profile',
  kind: 'categorical',
  categories,
  dataCategory: 'lender_internal',
  reasons: { raisesRisk: { en: 'a', zhHans: '甲' }, lowersRisk: { en: 'b', zhHans: '乙' } },
  compute: (ctx) => table[(ctx.applicant as unknown as { attributes: { channel: string } }).attributes.channel] ?? 'other',
});

const issuesOf = (recorded: Parameters<typeof checkMonitorFeatureSet>[0], run: readonly Def[]) => {
  try {
    checkMonitorFeatureSet(recorded, run);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
  return [];
};

describe('the fingerprint of a lender feature', () => {
  it('records the declaration beside the compute text', () => {
    expect(monitorFeatureSetOf([...builtIns, capped(24)])?.lenderFeatures).toEqual([
      {
        name: 'months_on_book',
        kind: 'numeric',
        factor: 'platform_behaviour',
        computeSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        declarationSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
  });

  it.each([
    ['categories', banded({ app: 'app', web: 'web' }, ['app', 'web', 'other']), banded({ app: 'app', web: 'web' }, ['app', 'web', 'branch', 'other'])],
    ['dataCategory', capped(24), capped(24, { dataCategory: 'credit_bureau' })],
    ['monotone', capped(24), capped(24, { monotone: 0 })],
    ['sources', capped(24), capped(24, { sources: ['attributes.months_on_book', 'asOf'] })],
    ['description', capped(24), capped(24, { description: 'Months as our customer, capped at 24' })],
  ])('a run whose declaration differs (%s) is refused at declarationSha256, naming the feature', (_field, before, after) => {
    const recorded = monitorFeatureSetOf([...builtIns, before]);
    expect(issuesOf(recorded, [...builtIns, after])).toEqual([
      expect.objectContaining({
        path: ['featureSet', 'lenderFeatures', 0, 'declarationSha256'],
        code: 'feature_set_mismatch',
        message: expect.stringContaining(`"${after.name}" is declared otherwise`),
      }),
    ]);
    // The same declaration is the same feature.
    expect(issuesOf(recorded, [...builtIns, before])).toEqual([]);
  });

  it('a changed kind or factor is named as such, once (not again as a declaration)', () => {
    const recorded = monitorFeatureSetOf([...builtIns, capped(24)]);
    expect(issuesOf(recorded, [...builtIns, capped(24, { factor: 'stability' })]).map((i) => i.path)).toEqual([['featureSet', 'lenderFeatures', 0, 'factor']]);
  });

  it('what it cannot see: a captured value (the cap, a category table) changed under the same text and declaration', () => {
    // Documented in the README and on MonitorLenderFeature: the function's text is all it reads.
    expect(issuesOf(monitorFeatureSetOf([...builtIns, capped(24)]), [...builtIns, capped(36)])).toEqual([]);
    const cats = ['app', 'web', 'other'];
    expect(issuesOf(monitorFeatureSetOf([...builtIns, banded({ app: 'app' }, cats)]), [...builtIns, banded({ app: 'web' }, cats)])).toEqual([]);
  });

  it('declaring the captured value makes it count: in the description, or in any other key the lender declares (a version)', () => {
    const recorded = monitorFeatureSetOf([...builtIns, capped(24, { description: 'Months as our customer, capped at 24' })]);
    expect(issuesOf(recorded, [...builtIns, capped(36, { description: 'Months as our customer, capped at 36' })])).toHaveLength(1);
    const v1 = { ...capped(24), version: 1 } as Def;
    const v2 = { ...capped(36), version: 2 } as Def;
    expect(issuesOf(monitorFeatureSetOf([...builtIns, v1]), [...builtIns, v2])).toEqual([
      expect.objectContaining({ path: ['featureSet', 'lenderFeatures', 0, 'declarationSha256'] }),
    ]);
  });

  it('the order keys are declared in does not matter', () => {
    const { compute, ...rest } = capped(24);
    const reordered = Object.fromEntries(Object.entries(rest).reverse()) as Omit<Def, 'compute'>;
    expect(issuesOf(monitorFeatureSetOf([...builtIns, capped(24)]), [...builtIns, { ...reordered, compute }])).toEqual([]);
  });

  it('a built-in redeclared under its name with other categories is the lender’s own, and refused against a built-in baseline', () => {
    const region = builtIns.find((d) => d.name === 'region')!;
    const fewer = builtIns.map((d) => (d === region ? { ...d, categories: region.categories!.slice(0, 3) } : d));
    expect(monitorFeatureSetOf(fewer)?.lenderFeatures.map((f) => f.name)).toEqual(['region']);
    expect(issuesOf(undefined, fewer)).toEqual([expect.objectContaining({ path: ['featureSet'], code: 'feature_set_mismatch' })]);
  });
});
