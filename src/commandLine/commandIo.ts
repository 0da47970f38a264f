import { CreditliftError, ValidationError, formatPath } from '../errors/index.js';

/** Where a command writes its messages; defaults to the process streams. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The process's stdout and stderr. */
export const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Exit codes: 0 success, 1 the data or model was refused, 2 the command line was wrong. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;

/** A command line the command cannot run (unknown option, missing value). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Turns any error into a message on stderr and an exit code, so a command never ends with an
 * uncaught stack trace: every problem of a ValidationError, the code of a CreditliftError.
 */
export function reportError(error: unknown, io: CommandIo, usage: string): number {
  if (error instanceof UsageError) {
    io.stderr(`error: ${error.message}\n\n${usage}`);
    return ExitCode.usage;
  }
  if (error instanceof ValidationError) {
    io.stderr(`error [${error.code}]: ${error.message}\n`);
    for (const issue of error.issues) io.stderr(`  - ${formatPath(issue.path)}: ${issue.message}\n`);
    return ExitCode.failed;
  }
  if (error instanceof CreditliftError) {
    io.stderr(`error [${error.code}]: ${error.message}\n`);
    return ExitCode.failed;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('E')) {
    // Node's file-system errors (ENOENT, EACCES, ...) already name the path and the cause.
    io.stderr(`error: ${(error as Error).message}\n`);
    return ExitCode.failed;
  }
  io.stderr(`error [internal_error]: ${error instanceof Error ? error.message : String(error)}\n`);
  return ExitCode.failed;
}
