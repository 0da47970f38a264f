/**
 * The text of a lender's feature-set module, as a lender writes one: the built-in features plus
 * `months_on_book`, read from the applicant attribute of that name. Imports point at this
 * repository's src/, so the module loads in-process (vitest) and in worker processes (tsx) alike.
 */
export function monthsOnBookFeaturesModule(): string {
  const src = new URL('../../src/', import.meta.url).pathname;
  return `import { z } from 'zod';
import { builtInFeatures, defineFeatureSet } from '${src}features/index.js';
export default defineFeatureSet({
  attributes: { months_on_book: z.number().int().min(0) },
  features: [...builtInFeatures, {
    name: 'months_on_book', description: 'Months as our customer', unit: 'months', sources: ['attributes.months_on_book'],
    monotone: -1, factor: 'platform_behaviour', kind: 'numeric', dataCategory: 'lender_internal',
    reasons: { raisesRisk: { en: 'Short time with us', zhHans: '成为本机构客户时间较短' }, lowersRisk: { en: 'Long time with us', zhHans: '成为本机构客户时间较长' } },
    compute: (ctx) => ctx.applicant.attributes.months_on_book,
  }],
});
`;
}
