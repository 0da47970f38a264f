import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * What file a path names, for telling whether two command-line paths are the same file: writing
 * one file as two (an output over its input, two writers on one errors file) loses data. An existing
 * file is known by its device and inode (`file:DEV:INO`), so every name for it is one file: a
 * symbolic link, a path through a linked folder, and a hard link, which `realpath` does not see. A
 * file that does not exist yet is known by its {@link realFilePath} (nothing can be linked to it yet).
 */
export function fileIdentity(path: string): string {
  try {
    const s = statSync(path, { bigint: true });
    return `file:${s.dev}:${s.ino}`;
  } catch {
    return realFilePath(path);
  }
}

/**
 * The path a path names, as one absolute path with every symbolic link resolved: where a file's
 * lock sits. A file that does not exist yet is named by its folder's real path; a folder that does
 * not exist either is left as `resolve` gives it.
 */
export function realFilePath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}
