import { ExitCode } from '../commandLine/commandIo.js';

/**
 * Exit codes of every `creditlift` command: 0 success, 1 failure (a file, the model or the
 * runtime could not be used), 2 the command line was wrong, 3 some input records were rejected
 * (each has an error line; the rest were decided).
 */
export const CliExitCode = { ...ExitCode, rejected: 3 } as const;
