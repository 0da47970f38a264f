import fc from 'fast-check';
import { CreditliftError } from '../../errors/creditliftError.js';
import { ValidationError, type ValidationIssue } from '../../errors/validationError.js';
import type { CreditLawName, LawPart, LawReplayOptions } from '../creditLaw.js';
import { CreditLawViolation } from '../creditLawViolation.js';
import { SCORER_SHRINK_BUDGET_MS, withShrinkBudget } from './shrinkBudget.js';

/** Thrown inside a property to say why the law does not hold for this input. */
export class LawBroken extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'LawBroken';
  }
}

/** Fails the property with a reason unless `holds`; the reason is built only on failure. */
export function requireLaw(holds: boolean, why: () => string): void {
  if (!holds) throw new LawBroken(why());
}

const formatIssuePath = (path: readonly (string | number)[]) => path.join('.');

/** The issues of a scorer's refusal that are about the applicant's lender attributes (`attributes.*`, or `applicant.attributes.*` in a reassessment). */
function attributeIssues(error: unknown): readonly ValidationIssue[] {
  if (!(error instanceof ValidationError)) return [];
  return error.issues.filter((i) => i.path[0] === 'attributes' || (i.path[0] === 'applicant' && i.path[1] === 'attributes'));
}

/**
 * A scorer that refuses the kit's applicants for their lender attributes is not breaking a law: the
 * kit drew no attributes (the `attributes` option was not given), or the option drew ones the
 * scorer's feature set refuses. Either way the run options are at fault, and this says how.
 */
function attributesRefused(issues: readonly ValidationIssue[], params: RunParams, law: CreditLawName): ValidationError {
  const what = issues
    .slice(0, 3)
    .map((i) => `${formatIssuePath(i.path)}: ${i.message}`)
    .join('; ');
  const message =
    params.draw.attributes === undefined
      ? `the scorer refused the kit's applicant for its lender attributes (${what}) while checking ${law}: the kit draws applicants with no attributes unless given the \`attributes\` run option, an arbitrary of the attributes your feature set declares (or a function from the drawn applicant to one)`
      : `the scorer refused attributes drawn by the \`attributes\` option (${what}) while checking ${law}: draw only attributes your feature set accepts`;
  return new ValidationError('credit law options', [{ path: ['attributes'], code: 'attributes_refused', message }]);
}

function whyOf(error: unknown): string {
  if (error instanceof LawBroken) return error.message;
  // Anything else thrown on a valid input is itself a broken promise: valid input never crashes.
  if (error instanceof CreditliftError) return `threw ${error.name} (${error.code}) on a valid input: ${error.message}`;
  if (error instanceof Error) return `threw ${error.name} on a valid input: ${error.message}`;
  return `threw ${String(error)} on a valid input`;
}

/** fast-check run parameters shared by every part of a law. */
export interface RunParams {
  readonly numRuns: number;
  readonly seed: number | undefined;
  readonly path: string | undefined;
  /** False: stop at the first counterexample, unshrunk. */
  readonly shrink: boolean;
  /** The run options that shape what the law draws, for a failure's replay options. */
  readonly draw: Omit<LawReplayOptions, 'seed' | 'path' | 'part'>;
  /** The clock the shrink budget is kept by (tests give their own). Default: `Date.now`. */
  readonly clock?: () => number;
}

/**
 * fast-check's check, with a replay path that does not fit this part and these options (fast-check
 * throws a bare "Unable to replay" Error) reported as a typed error on the `path` option.
 */
function checkProperty<T>(property: fc.IRawProperty<[T]>, law: CreditLawName, part: LawPart, params: RunParams) {
  const parameters = {
    numRuns: params.numRuns,
    ...(params.seed === undefined ? {} : { seed: params.seed }),
    ...(params.path === undefined && params.shrink ? {} : { endOnFailure: true }),
    ...(params.path === undefined ? {} : { path: params.path }),
  };
  if (params.path === undefined) return fc.check(property, parameters);
  const unreplayable = (e: unknown) => {
    if (e instanceof CreditliftError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new ValidationError('credit law options', [
      {
        path: ['path'],
        code: 'replay_mismatch',
        message: `path ${JSON.stringify(params.path)} does not replay the ${part} part of ${law} (${why}): give every option the failure printed (seed, path, part, segment, asOf) unchanged, on the same subject`,
      },
    ]);
  };
  try {
    const run = fc.check(property, parameters);
    return run instanceof Promise ? run.catch(unreplayable) : run;
  } catch (e) {
    return unreplayable(e);
  }
}

/**
 * Runs one property of a law and turns a failure into a {@link CreditLawViolation}. Properties
 * take a single named record so the counterexample reads as `{ applicant, pd, ... }`.
 */
export async function runLaw<T>(
  law: { readonly name: CreditLawName; readonly description: string },
  part: LawPart,
  property: fc.IProperty<[T]> | fc.IAsyncProperty<[T]>,
  params: RunParams,
): Promise<void> {
  // End to end each run is real decisions: shrinking there is bounded in time (see
  // SCORER_SHRINK_BUDGET_MS). A replay or `shrink: false` stops at the first failure anyway.
  const budgeted =
    part !== 'policy' && params.shrink && params.path === undefined
      ? // A scorer refusing the kit's attributes fails every run alike: reported at once, unshrunk
        // (shrinking it cost up to the whole budget, 20 s, before the refusal was said).
        withShrinkBudget(property as fc.IRawProperty<[T]>, SCORER_SHRINK_BUDGET_MS, params.clock, (e) => attributeIssues(e).length > 0)
      : undefined;
  const details = await checkProperty(budgeted?.property ?? (property as fc.IRawProperty<[T]>), law.name, part, params);
  if (!details.failed) return;
  const refused = attributeIssues(details.errorInstance);
  if (part === 'scorer' && refused.length > 0) throw attributesRefused(refused, params, law.name);
  // The policy part draws no attributes, and a replay on it is refused one (read by nothing there).
  const { attributes: _scorerOnly, ...policyDraw } = params.draw;
  const why =
    details.counterexample === null && details.errorInstance === null
      ? `the property was interrupted after ${details.numRuns} run(s)`
      : whyOf(details.errorInstance);
  throw new CreditLawViolation({
    law: law.name,
    description: law.description,
    part,
    why,
    counterexample: details.counterexample?.[0],
    numShrinks: details.numShrinks,
    shrinkCutShort: budgeted?.cutShort() ?? false,
    seed: details.seed,
    path: details.counterexamplePath,
    replay: {
      seed: details.seed,
      ...(details.counterexamplePath === null ? {} : { path: details.counterexamplePath }),
      part,
      ...(part === 'policy' ? policyDraw : params.draw),
    },
  });
}
