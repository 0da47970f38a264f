import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';
import { reportError, type CommandIo } from '../commandLine/commandIo.js';
import { CliExitCode } from './cliExitCode.js';

/**
 * Like the train commands' `reportError`, but an input record that was refused (validation or
 * unreadable JSON) exits with {@link CliExitCode.rejected} rather than as a failure of the tool; a
 * refusal of the scorer's options (subject `ScorerOptions`) is the configuration's and exits 1.
 */
export function reportCliError(error: unknown, io: CommandIo, usage: string): number {
  const code = reportError(error, io, usage);
  // The scorer's options are the command line's configuration, not the applicant: a bad one is a failure (exit 1).
  const configuration = error instanceof ValidationError && error.subject === 'ScorerOptions';
  const rejected = !configuration && error instanceof CreditliftError && (error.code === 'validation_failed' || error.code === 'data_invalid');
  return rejected && code === CliExitCode.failed ? CliExitCode.rejected : code;
}
