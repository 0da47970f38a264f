import { statSync } from 'node:fs';
import { UsageError } from '../commandLine/commandIo.js';
import { fileIdentity } from './score/fileIdentity.js';

/** A file a command line names: the option (or argument) that names it, and its path when given. */
export type NamedFile = readonly [option: string, path: string | undefined];

/**
 * Refuses a command line that would write a file over a file the command reads (its input, a
 * policy, a catalog, a model) or write one file as two of its outputs, before anything is written:
 * the input would be lost (`report d.ndjson --out d.ndjson` replaced the decisions with the page and
 * exited 0). Files are compared by what they are ({@link fileIdentity}: device and inode), so a
 * symbolic link, a path through a linked folder and a hard link are the file they name. Only
 * regular files count: a device (`/dev/stdin`, `/dev/null`) is no file a run could lose.
 * A command whose two options may name one output (`score --errors` naming its `--out`) passes it once.
 *
 * @throws UsageError naming both options and both paths
 * @example
 * refuseOverwritingInputs([['--out', 'page.html']], [['DECISIONS', 'd.ndjson'], ['--policy', undefined]]);
 */
export function refuseOverwritingInputs(writes: readonly NamedFile[], reads: readonly NamedFile[]): void {
  const seen: { readonly option: string; readonly path: string; readonly id: string; readonly read: boolean }[] = [];
  for (const [option, path] of reads) {
    const id = path === undefined ? undefined : regularFileIdentity(path);
    if (id !== undefined) seen.push({ option, path: path as string, id, read: true });
  }
  for (const [option, path] of writes) {
    if (path === undefined) continue;
    const id = fileIdentity(path);
    const same = seen.find((s) => s.id === id);
    if (same?.read === true)
      throw new UsageError(`an output must not be the input file: ${option} ${path} is the input ${same.option} ${same.path} (the same file, or a link to it)`);
    if (same !== undefined)
      throw new UsageError(`each output must be a file of its own: ${option} ${path} is ${same.option} ${same.path} (the same file, or a link to it)`);
    if (isRegularOrAbsent(path)) seen.push({ option, path, id, read: false });
  }
}

function regularFileIdentity(path: string): string | undefined {
  return isRegularOrAbsent(path) ? fileIdentity(path) : undefined;
}

/** True for a regular file, and for a path that names nothing yet (it will be one); false for a device, pipe or folder. */
function isRegularOrAbsent(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return true;
  }
}
