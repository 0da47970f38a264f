import { CreditliftError } from '../errors/creditliftError.js';
import { reportError, type CommandIo } from '../commandLine/commandIo.js';
import { CliExitCode } from './cliExitCode.js';

/**
 * Like the train commands' `reportError`, but an input record that was refused (validation or
 * unreadable JSON) exits with {@link CliExitCode.rejected} rather than as a failure of the tool.
 */
export function reportCliError(error: unknown, io: CommandIo, usage: string): number {
  const code = reportError(error, io, usage);
  const rejected = error instanceof CreditliftError && (error.code === 'validation_failed' || error.code === 'data_invalid');
  return rejected && code === CliExitCode.failed ? CliExitCode.rejected : code;
}
