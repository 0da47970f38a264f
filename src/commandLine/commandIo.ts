import { deepFreeze } from '../common/deepFreeze.js';
import { CreditliftError, ValidationError, formatPath } from '../errors/index.js';
import { terminalText } from '../text/terminalText.js';

/** Where a command writes its messages; defaults to the process streams. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The process's stdout and stderr. */
export const processIo: CommandIo = deepFreeze({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});

/** Exit codes: 0 success, 1 the data or model was refused, 2 the command line was wrong. */
export const ExitCode = deepFreeze({ ok: 0, failed: 1, usage: 2 } as const);

/** A command line the command cannot run (unknown option, missing value). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A file an option names that cannot be used (missing, a folder, unreadable, not UTF-8 where it is
 * text, or holding no usable value: a key shorter than the scorer takes): a failure of the
 * configuration, not of the input records, so it exits 1 and the message names the option and the file.
 */
export class OptionFileError extends Error {
  /** The option, as typed: `--signing-key-file`. */
  readonly option: string;
  /** The file it named. */
  readonly path: string;

  constructor(option: string, path: string, problem: string, options?: ErrorOptions) {
    super(`${option} ${path}: ${problem}`, options);
    this.name = 'OptionFileError';
    this.option = option;
    this.path = path;
  }
}

/**
 * Turns any error into a message on stderr and an exit code, so a command never ends with an
 * uncaught stack trace: every problem of a ValidationError, the code of a CreditliftError.
 */
export function reportError(error: unknown, io: CommandIo, usage: string): number {
  // Messages quote input (an unknown key, a value, a path): escaped so none drives the terminal.
  const say = (text: string) => terminalText(text, { keepLineBreaks: true });
  if (error instanceof UsageError) {
    io.stderr(`error: ${say(error.message)}\n\n${usage}`);
    return ExitCode.usage;
  }
  if (error instanceof OptionFileError) {
    io.stderr(`error: ${say(error.message)}\n`);
    return ExitCode.failed;
  }
  if (error instanceof ValidationError) {
    io.stderr(`error [${error.code}]: ${say(error.message)}\n`);
    // One line per issue: a line break inside one is escaped too, so no issue can forge another.
    for (const issue of error.issues) io.stderr(`  - ${terminalText(formatPath(issue.path))}: ${terminalText(issue.message)}\n`);
    return ExitCode.failed;
  }
  if (error instanceof CreditliftError) {
    io.stderr(`error [${error.code}]: ${say(error.message)}\n`);
    return ExitCode.failed;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('E')) {
    // Node's file-system errors (ENOENT, EACCES, ...) already name the path and the cause.
    io.stderr(`error: ${say((error as Error).message)}\n`);
    return ExitCode.failed;
  }
  io.stderr(`error [internal_error]: ${say(error instanceof Error ? error.message : String(error))}\n`);
  return ExitCode.failed;
}
