import { readRunManifest, runManifestPath, type RunManifest } from './score/runManifest.js';
import { RunManifestInvalidError } from './score/runManifestInvalidError.js';

/** The manifest of the `score` run that wrote a file, read from beside it (`FILE.run.json`): none, the manifest, or why it could not be read. */
export interface ManifestBeside {
  readonly path: string;
  readonly manifest?: RunManifest;
  /** Why the manifest could not be read (damaged, not UTF-8, a field no creditlift writes, a read failure). */
  readonly error?: string;
}

/**
 * Reads the run manifest beside `file` as `report`, `verify` (without `--manifest`) and `monitor
 * --decisions` all read it, so the three agree on what it says (whether the run was ever resumed
 * decides whether lines out of input order exit 3). No file there is no manifest; one that cannot
 * be read is said, never taken as none. Before, verify did not look beside the file: a never-resumed
 * run's lines out of order exited 3 in report and monitor and only warned in verify.
 */
export async function readManifestBeside(file: string): Promise<ManifestBeside> {
  const path = runManifestPath(file);
  try {
    const manifest = await readRunManifest(path);
    return manifest === undefined ? { path } : { path, manifest };
  } catch (e) {
    return { path, error: e instanceof RunManifestInvalidError ? e.problem : e instanceof Error ? e.message : String(e) };
  }
}
