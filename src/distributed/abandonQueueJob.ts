import type { CliIo } from '../cli/cliIo.js';
import { readRunManifest, runManifestPath, writeRunManifest, type RunManifest } from '../cli/score/runManifest.js';
import { RunManifestInvalidError } from '../cli/score/runManifestInvalidError.js';
import { QueueJobStillNamedError } from './queueJobStillNamedError.js';
import { terminalText } from '../text/terminalText.js';
import { QUEUE_PASSWORD_ENV, type QueuePassword } from './queuePasswordOf.js';
import { queuePasswordUnusedNote } from './queuePasswordUnusedNote.js';
import type { QueueAddress } from './queueUrl.js';

/** A `score --queue` job as a run manifest records it. */
export type QueueJobRecord = NonNullable<RunManifest['queue']>;

/** How long removing a job's keys may wait for Redis to answer (connecting, then each command). */
const REACH_MS = 3000;

/**
 * Removes this output's run of job `record.job` (`record.runId`; none for a job of creditlift 0.1.0)
 * from the Redis it was queued on (see `removeQueueJob`), with its own short-lived connection
 * (authenticated with `password` when given: the manifest keeps the URL without one), and says on
 * stderr what it removed, or, when Redis cannot be reached or refuses the credentials, that the
 * applicants' records may stay there, why, for how long, and how to remove them. A job another run
 * holds now (taken over, or started afresh by another output) is left as it is, and said so.
 * Resolves to true when nothing of this output's run is left there; never rejects.
 */
export async function abandonQueueJob(record: QueueJobRecord, io: CliIo, password?: QueuePassword): Promise<boolean> {
  const [{ Redis }, { parseQueueUrl }, { removeQueueJob }, { describeOwner }, { queueAuthError }] = await Promise.all([
    import('ioredis'),
    import('./queueUrl.js'),
    import('./jobKeys.js'),
    import('./jobClaim.js'),
    import('./queueAuthError.js'),
  ]);
  let reason = 'no answer';
  let client: import('ioredis').Redis | undefined;
  let address: QueueAddress | undefined;
  // The connection's first error: Redis's WRONGPASS to AUTH, or its NOAUTH to the ready check, comes
  // here (a NOAUTH follows a WRONGPASS), and the call then fails with "Connection is closed.".
  let heard: unknown;
  try {
    address = { ...parseQueueUrl(record.url), ...(password === undefined ? {} : { password: password.password, passwordFrom: password.from }) };
    client = new Redis({
      host: address.host,
      port: address.port,
      db: address.db,
      ...(address.username === undefined ? {} : { username: address.username }),
      ...(address.password === undefined ? {} : { password: address.password }),
      ...(address.tls ? { tls: {} } : {}),
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
      connectTimeout: REACH_MS,
      commandTimeout: REACH_MS,
    });
    client.on('error', (e: Error) => {
      heard ??= e;
      reason = e.message;
    });
    await client.connect();
    await client.ping();
    const removed = await removeQueueJob(client, record.job, record.runId);
    if (removed.otherOwner !== undefined)
      io.stderr(
        `note: job "${record.job}" on ${record.url} belongs to another run now (${describeOwner(removed.otherOwner)}): left as it is${
          removed.keys > 0 ? `; removed ${removed.keys} keys of this output's own run` : ''
        }\n`,
      );
    else if (removed.keys > 0 || removed.busy > 0)
      io.stderr(
        `note: removed job "${record.job}" of this output's --queue run from Redis at ${record.url} (${removed.keys} keys: its chunks' records and decisions)${
          removed.busy > 0
            ? `; ${removed.busy} chunks a worker holds right now are dropped undecided and their job keys expire within ${record.ttlSeconds} s`
            : ''
        }\n`,
      );
    return true;
  } catch (e) {
    reason = e instanceof Error && e.message !== '' ? e.message : reason;
    // NOAUTH or WRONGPASS: said as a queue run says it, naming where the password came from.
    const refused = address === undefined ? undefined : (queueAuthError(e, address) ?? queueAuthError(heard, address));
    io.stderr(
      `note: job "${record.job}" of this output's --queue run may still hold applicants' records in Redis at ${record.url} (${refused?.message ?? reason}): they expire by themselves at most ${record.ttlSeconds} s after its producer stopped; to remove them now, run this command again with --resume once Redis is reachable (with --queue-password-file FILE or ${QUEUE_PASSWORD_ENV} if it needs a password)\n`,
    );
    return false;
  } finally {
    client?.disconnect();
  }
}

/**
 * For `score --resume` without `--queue`: when the output's manifest names a `--queue` job, removes
 * that job from Redis (the run now decides everything itself, so its chunks there only hold personal
 * data), authenticated with `password` when given, and, once it is gone, drops the job from the
 * manifest. Redis out of reach, or refusing the credentials, is said on stderr (the job stays named,
 * for a later run to remove). A `--queue-password-file` given for an output no `--queue` job wrote
 * (no manifest, or one naming no job) is said to be unused.
 *
 * @throws QueueJobStillNamedError when the job is gone from Redis but the manifest cannot be rewritten without it
 */
export async function abandonQueueJobOfOutput(out: string, io: CliIo, password?: QueuePassword): Promise<void> {
  const path = runManifestPath(out);
  const manifest = await manifestOfOutput(out, io);
  if (manifest?.queue === undefined) {
    const note = queuePasswordUnusedNote(
      password,
      manifest === undefined
        ? `no run manifest names a --queue job beside ${out} (${path}), so no Redis holds its records`
        : `the run that wrote ${out} was no --queue job, so no Redis holds its records`,
    );
    if (note !== undefined) io.stderr(note);
    return;
  }
  if (!(await abandonQueueJob(manifest.queue, io, password))) return;
  try {
    await writeRunManifest(path, withoutQueueJob(manifest));
  } catch (e) {
    throw new QueueJobStillNamedError(path, manifest.queue.job, manifest.queue.url, e);
  }
}

/**
 * The manifest beside `out`, read to find the `--queue` job of the run that wrote it, or undefined
 * when there is none or it cannot be read: then said on stderr, since a job it named stays in Redis
 * (its keys expire by themselves). Never rejects.
 */
export async function manifestOfOutput(out: string, io: CliIo): Promise<RunManifest | undefined> {
  const path = runManifestPath(out);
  try {
    return await readRunManifest(path);
  } catch (e) {
    const why = e instanceof RunManifestInvalidError ? e.problem : e instanceof Error ? e.message : String(e);
    // The reason may quote the manifest's own keys: escaped, so none drives the terminal.
    io.stderr(
      `note: ${terminalText(`the run manifest ${path} could not be read (${why}); this run writes its own in its place. Had a --queue run written ${out}, nothing removes its job's keys from Redis: they expire by themselves (--job-ttl after its producer stopped)`)}\n`,
    );
    return undefined;
  }
}

/** The manifest without its `queue` record: what it says once the job holds nothing in Redis. */
export function withoutQueueJob(manifest: RunManifest): RunManifest {
  const { queue, ...rest } = manifest;
  return rest;
}
