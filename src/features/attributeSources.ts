import type { FeatureDefinition } from './featureDefinitions.js';

/**
 * The attribute paths a feature's `sources` name, one per source that starts with `attributes`:
 * `attributes.x.y` is `['x', 'y']`, `attributes` alone `[]` (every attribute); `*` stands for any
 * key, and an index written `[0]` or `.0` is dropped (an array's items are read as the array is).
 * One reading for the two places that must agree on it: the free-text check reads what a feature
 * may read (protectedAttributeText.ts), and the feature is given nothing else (attributeSourceView.ts).
 *
 * @example attributeSourcePaths({ sources: ['attributes.business[0].summary', 'income.monthlyNet'] }) // [['business', 'summary']]
 */
export function attributeSourcePaths(def: Pick<FeatureDefinition, 'sources'>): string[][] {
  const sources: readonly unknown[] = Array.isArray(def.sources) ? def.sources : [];
  const paths: string[][] = [];
  for (const source of sources) {
    if (typeof source !== 'string') continue;
    const [head, ...rest] = source.replace(/\[[^\]]*\]/g, '').split('.');
    if (head === 'attributes') paths.push(rest.filter((s) => s !== '' && !/^\d+$/.test(s)));
  }
  return paths;
}
