import { reportError, UsageError } from '../commandLine/commandIo.js';
import { intOption } from '../commandLine/intOption.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { createWorkerLog } from './workerLog.js';
import { CliExitCode } from './cliExitCode.js';
import { SCORER_ARG_OPTIONS, SCORER_OPTIONS_HELP } from './scorerArgs.js';
import { QUEUE_PASSWORD_FILE_HELP } from '../distributed/queueAddressOfArgs.js';

/** Help text of `creditlift worker`. */
export const WORKER_USAGE = `Usage: creditlift worker --queue redis://HOST:PORT/DB [options]

Serves "creditlift score --queue" runs: takes chunks of input from the BullMQ queue on that Redis,
decides them and hands the output lines back to the producer. Start any number, on any hosts.
Each scoring configuration (model SHA-256, policy hash, certificate catalog, engine version,
--features module, key files) has a queue of its own, named in the worker's first log line: a worker takes only chunks
of runs started with its configuration, and leaves the others to their own workers.
A chunk whose last worker stopped while holding it (maybe killed by one of its records) is decided
in a child process, so a record that kills it costs only itself (a worker_failed line).
A chunk whose records are gone from Redis (its producer stopped more than its --job-ttl ago, or
the run was resumed without --queue) is dropped undecided and removed from the queue.
Logs a line on stdout as it takes a chunk and one when it has decided it, so a worker killed on a
chunk leaves its name. SIGTERM or Ctrl-C: finish the chunks in hand, then exit 0 (with none in hand while Redis is
down: stop at once, exit 0); a second signal stops at once (the chunk's lock runs out and another worker redoes it).

Options:
  --queue URL                Redis of the queue: redis://[USER@]HOST[:PORT][/DB] (rediss:// for TLS)
${QUEUE_PASSWORD_FILE_HELP}
  --workers N                chunks decided at once, each in its own worker process with its
                             own model session (default 1: in this process)
${SCORER_OPTIONS_HELP}
  --lock-ms MS               a chunk not renewed for this long is redone elsewhere (default 30000)
  --redis-timeout S          give up (exit 1) after Redis has not answered for S seconds (default 30)
  -h, --help                 show this help

Its log goes to stdout; once that log's reader has gone it keeps deciding chunks and says so once on stderr.
Exit codes: 0 stopped by a signal after finishing its chunks, 1 Redis unreachable or lost, model,
policy or catalog unusable, 2 usage (never 141: its stdout is a log, not its product).
`;

const OPTIONS = {
  ...SCORER_ARG_OPTIONS,
  queue: { type: 'string' },
  'queue-password-file': { type: 'string' },
  workers: { type: 'string' },
  'lock-ms': { type: 'string' },
  'redis-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `creditlift worker`: decides chunks of distributed `score` runs from the queue until stopped.
 * Resolves to the exit code; never rejects.
 *
 * @example
 * process.exitCode = await runWorkerCommand(['--queue', 'redis://10.0.0.5:6379/0', '--workers', '8']);
 */
export async function runWorkerCommand(argv: readonly string[], io: CliIo = processCliIo): Promise<number> {
  let link: import('../distributed/redisLink.js').RedisLink | undefined;
  try {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (values.help === true) {
      io.stdout(WORKER_USAGE);
      return CliExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.queue === undefined) throw new UsageError('missing --queue');
    const workers = intOption(values.workers, 'workers', 1, 256);
    const lockMs = intOption(values['lock-ms'], 'lock-ms', 30_000, 3_600_000, 500);
    const timeoutMs = 1000 * intOption(values['redis-timeout'], 'redis-timeout', 30, 86_400);
    const { queueAddressOfArgs } = await import('../distributed/queueAddressOfArgs.js');
    const address = await queueAddressOfArgs(values.queue, values['queue-password-file'], (text) => io.stderr(text), io.env ?? {});

    const { scoringFingerprint } = await import('../distributed/scoringFingerprint.js');
    const { openBatchDecider, workerFlagsOf } = await import('./scoreCommand.js');
    // Fails here, before touching the queue, when --model or --policy is unusable.
    const fingerprint = await scoringFingerprint(values);
    const { openRedisLink } = await import('../distributed/redisLink.js');
    link = openRedisLink(address, timeoutMs);
    await link.ready();
    const { runWorker } = await import('../distributed/runWorker.js');
    await runWorker({
      link,
      concurrency: workers,
      fingerprint,
      openDecider: (suggestions) => openBatchDecider({ ...values, suggestions }, workers, workerFlagsOf(io)),
      // In process, a record that kills the process kills this worker: a chunk that stalled
      // before (maybe killing its last worker) goes through a pool of one. A pool isolates already.
      ...(workers === 1
        ? { openIsolatedDecider: (suggestions: number) => openBatchDecider({ ...values, suggestions }, 1, { pool: true, ...workerFlagsOf(io) }) }
        : {}),
      lockMs,
      log: createWorkerLog(io),
      ...(io.signal === undefined ? {} : { signal: io.signal }),
    });
    return CliExitCode.ok;
  } catch (e) {
    return reportError(e, io, WORKER_USAGE);
  } finally {
    link?.close();
  }
}
