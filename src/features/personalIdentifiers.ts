import type { ValidationIssue } from '../errors/validationError.js';
import type { FeatureDefinition } from './featureDefinitions.js';

/**
 * The applicant's fields that say who a person is: `identity` (the applicant's name and hashed ID)
 * and a certificate's `holder` (the issuer's record of the same). They exist to match a holder to the
 * applicant and are never a model input: a name tells sex and ethnicity apart as well as a column
 * named for them would, and an ID keys a lookup of anything. A lender feature may neither name them in
 * its `sources` nor read them (attributeSourceView.ts).
 */
const IDENTIFIER_SOURCES: readonly (readonly string[])[] = [['identity'], ['evidence', 'holder']];

/** A source's path with indexes dropped (`evidence[0].holder.name` is `['evidence', 'holder', 'name']`). */
const pathOf = (source: string): string[] =>
  source
    .replace(/\[[^\]]*\]/g, '')
    .split('.')
    .filter((s) => s !== '' && !/^\d+$/.test(s));

/** True when `source` names a personal identifier or something inside one. */
export function namesPersonalIdentifier(source: string): boolean {
  const path = pathOf(source);
  return IDENTIFIER_SOURCES.some((id) => id.length <= path.length && id.every((key, i) => path[i] === key));
}

/**
 * A `personal_identifier` issue at `features.<index>.sources.<k>` for each source of `def` that names
 * the applicant's or a certificate holder's identity.
 */
export function personalIdentifierSourceIssues(def: Pick<FeatureDefinition, 'name' | 'sources'>, index: number): ValidationIssue[] {
  const sources: readonly unknown[] = Array.isArray(def.sources) ? def.sources : [];
  const issues: ValidationIssue[] = [];
  sources.forEach((source, k) => {
    if (typeof source === 'string' && namesPersonalIdentifier(source))
      issues.push({
        path: ['features', index, 'sources', k],
        code: 'personal_identifier',
        message: `feature "${def.name}" source "${source}" names a personal identifier: the applicant's identity and a certificate's holder only match a holder to the applicant, and are never a model input`,
      });
  });
  return issues;
}
