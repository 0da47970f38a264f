import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

/**
 * What `path` is when it exists and is not a regular file ('a character device' for /dev/null,
 * /dev/full or /dev/zero; 'a block device'; 'a pipe'; 'a socket'; 'a folder'), following links;
 * undefined for a regular file or a path that does not exist yet. A `score` output that is a device
 * takes no lock and gets no file beside it (in /dev a user may not create one), and is never read
 * back: /dev/zero and /dev/full read NUL bytes without end.
 */
export async function deviceKindOf(path: string): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined);
  return s === undefined ? undefined : kindOfStats(s);
}

/** What a file is by its stats, as {@link deviceKindOf} says it; undefined for a regular file. */
export function kindOfStats(s: Stats): string | undefined {
  if (s.isFile()) return undefined;
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isFIFO()) return 'a pipe';
  if (s.isSocket()) return 'a socket';
  if (s.isDirectory()) return 'a folder';
  return 'not a regular file';
}
