import type { ValidationIssue } from '../../errors/validationError.js';

/** Most issues the message lists; the rest are counted (`issues` keeps them all). */
const ISSUES_IN_MESSAGE = 20;

/**
 * A run manifest (`OUT.run.json`) that is not one `creditlift score` wrote: not UTF-8, not JSON (the
 * message says where it stops: a file cut short), or JSON of another shape (a field missing, of
 * another type, or one no creditlift writes). One error names the manifest and every field at fault
 * (`issues`, each with its path), so nothing past the read trusts a field it lacks. Keeps the code
 * `EMANIFEST` the command line reports as a file it cannot use (exit 1), where a command does not say
 * more (`score --resume` refuses the resume, exit 2).
 */
export class RunManifestInvalidError extends Error {
  readonly code = 'EMANIFEST';
  /** The manifest's path. */
  readonly path: string;
  /** Every problem found, each at the path of its field (empty for the whole file). */
  readonly issues: readonly ValidationIssue[];
  /** What is wrong, without the manifest's path: `not JSON: it ends at line 12, column 5 before the JSON does (cut short?)`. */
  readonly problem: string;

  constructor(path: string, issues: readonly ValidationIssue[]) {
    const problem = problemOf(issues);
    super(`the run manifest ${path} is ${problem}`);
    this.name = 'RunManifestInvalidError';
    this.path = path;
    this.issues = issues;
    this.problem = problem;
  }
}

function problemOf(issues: readonly ValidationIssue[]): string {
  const [first] = issues;
  // The text itself could not be read: what it is not says it all.
  if (issues.length === 1 && first !== undefined && first.path.length === 0) return first.message;
  const listed = issues.slice(0, ISSUES_IN_MESSAGE).map((i) => `${i.path.length === 0 ? '(root)' : i.path.join('.')}: ${i.message}`);
  const more = issues.length - listed.length;
  return `not one creditlift score writes (${issues.length} problem${issues.length === 1 ? '' : 's'}): ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}
