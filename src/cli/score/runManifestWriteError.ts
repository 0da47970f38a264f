/**
 * The run manifest (`OUT.run.json`) could not be written (its folder made read-only, a full disk).
 * Its message names the manifest, says the decision lines written are on disk, and what to do:
 * `--resume` continues from them and writes the manifest. Keeps the cause's `code` (EACCES, ENOSPC),
 * so the command reports it as a file-system failure (exit 1); it was a bare
 * "EACCES: permission denied, open 'out/o.ndjson.run.json.tmp'".
 */
export class RunManifestWriteError extends Error {
  readonly code: string;
  /** The manifest's path. */
  readonly path: string;

  constructor(path: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `the run manifest ${path} could not be written (${why}), so it does not record how the run ended; the lines the run wrote are on disk: make its folder writable (or free space) and run the same command with --resume to finish it`,
      { cause },
    );
    this.name = 'RunManifestWriteError';
    this.path = path;
    const code = (cause as NodeJS.ErrnoException | null)?.code;
    this.code = typeof code === 'string' && code.startsWith('E') ? code : 'EMANIFEST';
  }
}
