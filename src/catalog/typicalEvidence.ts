import { refuseArguments, typeIssue, typeNameOf } from '../errors/argumentIssues.js';
import type { ValidationIssue } from '../errors/validationError.js';
import type { Catalog } from './resolveCatalog.js';
import { catalogOf, defaultCatalog } from './resolveCatalog.js';
import { readScale } from './readScale.js';

/** A typical result for a kind: what a what-if suggestion proposes ("an IELTS of 6.5"). */
export interface TypicalEvidence {
  readonly kind: string;
  /** Typical score, for numeric kinds. */
  readonly score?: number;
  /** Typical level id, for levelled kinds. */
  readonly level?: string;
  /** Where that result sits on the kind's scale, in [0, 1]. */
  readonly scaleValue: number;
}

/**
 * The typical result for a kind, from its catalog entry; undefined for a kind the catalog does
 * not know.
 *
 * @throws CreditliftError `catalog_invalid` when `catalog` is a Map holding a kind that is not a
 *   valid kind spec (named as `createScorer` names it)
 *
 * @example typicalEvidence('ielts') // { kind: 'ielts', score: 6.5, scaleValue: 0.722... }
 */
export function typicalEvidence(kind: string, catalog: Catalog = defaultCatalog): TypicalEvidence | undefined {
  refuseArguments('typicalEvidence', [
    typeIssue(['kind'], kind, 'string', "a certificate kind's id"),
    catalog instanceof Map ? undefined : catalogIssue(catalog),
  ]);
  // A Map built by hand is validated as createScorer validates it (a kind without a scale threw a TypeError).
  const spec = catalogOf(catalog).get(kind);
  if (spec === undefined) return undefined;
  const scale = spec.scale;
  switch (scale.type) {
    case 'none':
      return { kind, scaleValue: 1 };
    case 'levels': {
      const r = readScale(scale, { level: scale.typical });
      return { kind, level: scale.typical, scaleValue: r.ok ? r.value : 0 };
    }
    case 'numeric': {
      const r = readScale(scale, { score: scale.typical });
      return { kind, score: scale.typical, scaleValue: r.ok ? r.value : 0 };
    }
  }
}

function catalogIssue(catalog: unknown): ValidationIssue {
  return {
    path: ['catalog'],
    code: 'invalid_type',
    message: 'catalog must be a catalog from resolveCatalog (or left out for the default catalog)',
    expected: 'Catalog',
    received: typeNameOf(catalog),
  };
}
