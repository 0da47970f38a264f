/**
 * An error the applicant's own file raised, as `decide` and `suggest` read and decide it: its bytes,
 * its JSON, its fields, its ledger. `cause` is the error itself. Only such an error's refusal
 * (validation_failed, data_invalid) is a rejected applicant, exit 3 (see reportCliError): the
 * error codes alone cannot say whose data was at fault, and a `--features` module that did not
 * exist or a `--model` whose manifest was not valid (validation_failed too) exited 3, "the
 * applicant was rejected", though no applicant had been looked at.
 */
export class ApplicantDataError extends Error {
  /** The error the applicant's file raised. */
  declare readonly cause: unknown;

  constructor(cause: unknown) {
    super(`the applicant's file: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ApplicantDataError';
  }
}

/**
 * Runs `work` on the applicant's file; whatever it throws is thrown as an {@link ApplicantDataError}.
 *
 * @example
 * const input = await asApplicantData(() => readDecisionFile(path, io));
 */
export async function asApplicantData<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw new ApplicantDataError(e);
  }
}
