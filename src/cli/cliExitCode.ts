import { ExitCode } from '../commandLine/commandIo.js';

/**
 * Exit codes of every `creditlift` command: 0 success, 1 failure (a file, the model or the
 * runtime could not be used), 2 the command line was wrong or refused, 3 some input records were
 * rejected as bad data (each has an error line; the rest were decided), 4 some records were not
 * decided because of a runtime failure (a scorer worker died; their error lines say
 * `worker_failed`): run the same command with `--resume` to decide them. 130: interrupted. 141:
 * standard output's reader closed it before the command was done (`| head`), said nowhere, as a
 * shell reports a tool that SIGPIPE ended (128 + 13); a command that had failed keeps its own code.
 * `report` exits 3 when its page is written but its figures cannot be taken whole (lines it left
 * out, a run manifest it cannot read, files not as the run left them, a record answered twice):
 * see its `--help`.
 */
export const CliExitCode = { ...ExitCode, rejected: 3, recordsFailed: 4, interrupted: 130, readerClosed: 141 } as const;
