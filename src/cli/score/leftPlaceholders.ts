import { stat } from 'node:fs/promises';
import { fileIdentity } from './fileIdentity.js';
import type { OutputLock } from './outputLock.js';
import { runManifestPath } from './runManifest.js';

/** An output a run killed before it began left empty, now held by this run as its own placeholder. */
export interface LeftPlaceholder {
  /** The output, as this run's lock names it. */
  readonly path: string;
  /** The killed run's process id, as its lock named it. */
  readonly pid: number;
}

/**
 * Takes as this run's own placeholders the outputs a run killed (kill -9) before it began left
 * behind: a run creates each output empty to lock it, and only its manifest (OUT.run.json, written
 * as it begins) makes the file its output. So an output that is empty, with no manifest beside
 * --out, whose lock this run took over from a dead run, is nobody's output: this run starts it
 * afresh, and removes it as one it created itself if it does not begin either. The rerun took it
 * for an output like any other, saying nothing of it, and left it behind when it stopped early too.
 *
 * An empty output beside a manifest is that run's (it began); one no dead run locked is the user's:
 * neither is taken.
 *
 * @param out the run's --out (its manifest's place)
 * @returns the outputs taken, for the run to say so
 */
export async function adoptLeftPlaceholders(locks: readonly OutputLock[], out: string): Promise<readonly LeftPlaceholder[]> {
  if (!locks.some((l) => l.tookOverFrom !== undefined)) return [];
  if ((await sizeOf(runManifestPath(out))) !== undefined) return [];
  const taken: LeftPlaceholder[] = [];
  // One file has two locks (by its name and by its inode): taken once, by the first found a dead run's.
  const seen = new Set<string>();
  for (const lock of locks) {
    if (lock.tookOverFrom === undefined) continue;
    const file = fileIdentity(lock.output);
    if (seen.has(file) || (await sizeOf(lock.output)) !== 0) continue;
    seen.add(file);
    lock.adoptCreated();
    taken.push({ path: lock.output, pid: lock.tookOverFrom });
  }
  return taken;
}

/** The note a run gives for an output it took so ({@link adoptLeftPlaceholders}). */
export function leftPlaceholderNote(left: LeftPlaceholder): string {
  return `note: ${left.path} is empty and has no run manifest: run ${left.pid} created it to lock it and was killed before it began; it is started afresh\n`;
}

/** The size of the plain file `path`, or undefined when there is none. */
async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}
