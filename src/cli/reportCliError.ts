import { CreditliftError } from '../errors/creditliftError.js';
import { reportError, type CommandIo } from '../commandLine/commandIo.js';
import { ApplicantDataError } from './applicantDataError.js';
import { CliExitCode } from './cliExitCode.js';

/**
 * Like the train commands' `reportError`, but the applicant's file refused (validation or
 * unreadable JSON: an {@link ApplicantDataError} whose cause is `validation_failed` or
 * `data_invalid`) exits with {@link CliExitCode.rejected} rather than as a failure of the tool.
 * Every other error is the command line's configuration or the tool (an option's file, the
 * `--features` module, the model, a flag): exit 1 or 2 as `reportError` says, whatever its code.
 */
export function reportCliError(error: unknown, io: CommandIo, usage: string): number {
  if (!(error instanceof ApplicantDataError)) return reportError(error, io, usage);
  const code = reportError(error.cause, io, usage);
  const refused = error.cause instanceof CreditliftError && (error.cause.code === 'validation_failed' || error.cause.code === 'data_invalid');
  return refused && code === CliExitCode.failed ? CliExitCode.rejected : code;
}
