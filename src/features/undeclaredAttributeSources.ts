import type { ValidationIssue } from '../errors/validationError.js';
import { attributeSourcePaths } from './attributeSources.js';
import type { FeatureDefinition } from './featureDefinitions.js';

/**
 * An `undeclared_attribute` issue at `features.<index>.sources.<k>` for each source naming an
 * attribute the set does not declare (its first key after `attributes`; `*` and `attributes` alone
 * name none). The attributes are a strict object, so no applicant carries such an attribute: the
 * feature would read undefined, be missing on every row and teach the model nothing, unseen.
 */
export function undeclaredAttributeSourceIssues(
  def: Pick<FeatureDefinition, 'name' | 'sources'>,
  index: number,
  attributes: Readonly<Record<string, unknown>> | undefined,
): ValidationIssue[] {
  const sources: readonly unknown[] = Array.isArray(def.sources) ? def.sources : [];
  const declared = attributes === undefined || attributes === null || typeof attributes !== 'object' ? [] : Object.keys(attributes);
  const issues: ValidationIssue[] = [];
  sources.forEach((source, k) => {
    if (typeof source !== 'string') return;
    const path = attributeSourcePaths({ sources: [source] })[0] ?? [];
    const head = path[0];
    // A declared key may hold a dot itself (`Personal.Female`): the source then names it whole.
    const dotted = path.join('.');
    if (head === undefined || head === '*' || declared.some((k) => k === head || dotted === k || dotted.startsWith(`${k}.`))) return;
    issues.push({
      path: ['features', index, 'sources', k],
      code: 'undeclared_attribute',
      message: `feature "${def.name}" source "${source}" names attribute "${head}", which the set does not declare (${
        declared.length === 0 ? 'it declares no attributes' : `declared: ${declared.join(', ')}`
      }): it would be missing on every row`,
    });
  });
  return issues;
}
