import fc from 'fast-check';
import { CreditliftError } from '../../errors/creditliftError.js';
import type { CreditLawName } from '../creditLaw.js';
import { CreditLawViolation, type LawPart } from '../creditLawViolation.js';

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
  const details = await fc.check(property as fc.IRawProperty<[T]>, {
    numRuns: params.numRuns,
    ...(params.seed === undefined ? {} : { seed: params.seed }),
    ...(params.path === undefined && params.shrink ? {} : { endOnFailure: true }),
    ...(params.path === undefined ? {} : { path: params.path }),
  });
  if (!details.failed) return;
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
    seed: details.seed,
    path: details.counterexamplePath,
  });
}
