import type { CertificateKindSpec, LocalizedName } from './certificateKindSpec.js';

/**
 * A level as a customer reads it, in each language: the catalog's names for it. The id ("level_4",
 * "pass") is a code for uploads: a Chinese customer was shown it in the Chinese text.
 *
 * @example levelNames(defaultCatalog.get('tem8')!, 'pass') // { en: 'Pass', zhHans: '合格' }
 */
export function levelNames(spec: CertificateKindSpec, level: string): LocalizedName {
  // A typical level is one of the kind's levels (the catalog schema checks it); the id stands in only
  // for a level the scale lacks, which no catalog reaching here holds.
  const named = spec.scale.type === 'levels' ? spec.scale.levels.find((l) => l.id === level) : undefined;
  return named?.names ?? { en: level, zhHans: level };
}
