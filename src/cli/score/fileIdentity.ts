import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * The file a path names, as one absolute path with every symbolic link resolved, for telling
 * whether two command-line paths are the same file: `out.ndjson` and a link to it, or a path
 * through a linked folder, are one file, and writing it as two (an output over its input, two
 * writers on one errors file) loses data. A file that does not exist yet is named by its folder's
 * real path; a folder that does not exist either is left as `resolve` gives it (nothing can be
 * linked there yet).
 */
export function fileIdentity(path: string): string {
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
