import { typeIssue } from '../errors/argumentIssues.js';
import { readOptionRecord } from '../errors/readOptions.js';
import type { ValidationIssue } from '../errors/validationError.js';
import { type PortfolioAssumptions, readPortfolioAssumptions } from './portfolioEconomics.js';

/**
 * One side's challenger-arm assumptions (`{ [arm]: { lgd, utilisation } }`) read once into a plain
 * copy, and every fault of them at `path` and below: the path the caller wrote, so runSimulation
 * names an arm's `baseline.armAssumptions.A.lgd` and createSimulationAccumulator its
 * `options.armAssumptions.baseline.A.lgd`. The value is undefined when there is any fault.
 */
export function readAssumptionsByArm(
  byArm: unknown,
  path: readonly (string | number)[],
): { readonly value: Record<string, PortfolioAssumptions> | undefined; readonly issues: ValidationIssue[] } {
  const notByArm = typeIssue(path, byArm, 'object', 'assumptions by arm name');
  if (notByArm !== undefined) return { value: undefined, issues: [notByArm] };
  const named = readOptionRecord(byArm, path);
  const issues = [...named.issues];
  const own: Record<string, PortfolioAssumptions> = {};
  for (const [arm, a] of Object.entries(named.value ?? {})) {
    const assumed = readPortfolioAssumptions([...path, arm], a);
    issues.push(...assumed.issues);
    // A data property whatever the arm's name (one may be named `__proto__`).
    if (assumed.value !== undefined) Object.defineProperty(own, arm, { value: assumed.value, enumerable: true, writable: true, configurable: true });
  }
  return { value: issues.length === 0 ? own : undefined, issues };
}
