/**
 * A `--queue` job was removed from Redis, but the run manifest that names it could not be rewritten
 * without it (its folder made read-only, a full disk): the manifest goes on naming a job that is
 * gone. Its message names the job, the manifest, why, and what to do: running the same command
 * again, once the folder is writable, finds nothing of the job in Redis and drops it from the
 * manifest. Keeps the cause's `code` (EACCES, ENOSPC), so the command reports it as a file-system
 * failure (exit 1); it was swallowed, and the run went on as if the manifest said it.
 */
export class QueueJobStillNamedError extends Error {
  readonly code: string;
  /** The manifest's path. */
  readonly path: string;
  /** The job's name. */
  readonly job: string;

  constructor(path: string, job: string, url: string, cause: unknown) {
    const why = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
    super(
      `job "${job}" of this output's --queue run was removed from Redis at ${url}, but the run manifest ${path} still names it: it could not be rewritten (${why}); make its folder writable (or free space) and run the same command again, which finds nothing of the job left and drops it from the manifest`,
      { cause },
    );
    this.name = 'QueueJobStillNamedError';
    this.path = path;
    this.job = job;
    const code = (cause as NodeJS.ErrnoException | null)?.code;
    this.code = typeof code === 'string' && code.startsWith('E') ? code : 'EMANIFEST';
  }
}
