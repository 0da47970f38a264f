import { OptionFileError } from '../commandLine/commandIo.js';
import { readWholeInput, readWholeInputSync } from '../files/readWholeInput.js';
import { StreamTooLongError } from '../files/streamTooLongError.js';

/**
 * The bytes of the file an option (or argument) names, read once: a file whole, a stream (a pipe,
 * /dev/stdin, a device) up to 12 MiB. A file that cannot be read (missing, a folder, not allowed) or
 * a longer stream is the option's file being unusable, a configuration failure (exit 1) naming the
 * option and the path: `--policy nosuch.json` printed Node's bare "ENOENT: no such file or
 * directory", and `--policy /dev/zero` read NUL bytes without end.
 *
 * @throws OptionFileError `OPTION PATH: no such file`, `... is a folder, not a file`, `... cannot be read (...)`, `... a character device that gave more than 12,582,912 bytes (12 MiB), ...`
 * @example
 * const bytes = await readOptionFile('--policy', path);
 */
export async function readOptionFile(option: string, path: string): Promise<Buffer> {
  try {
    return await readWholeInput(path, `${option} ${path}`);
  } catch (e) {
    throw asOptionFileError(e, option, path);
  }
}

/** {@link readOptionFile} for the synchronous commands (`model import`, `train`, `featurize`). */
export function readOptionFileSync(option: string, path: string): Buffer {
  try {
    return readWholeInputSync(path, `${option} ${path}`);
  } catch (e) {
    throw asOptionFileError(e, option, path);
  }
}

function asOptionFileError(e: unknown, option: string, path: string): unknown {
  if (e instanceof StreamTooLongError) return new OptionFileError(option, path, e.problem, { cause: e });
  const problem = fileSystemProblem(e);
  return problem === undefined ? e : new OptionFileError(option, path, problem, { cause: e });
}

/** What a failed open or read says of the file, in words; undefined for an error that is not the file system's. */
function fileSystemProblem(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('E')) return undefined;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'ENOTDIR':
      return 'cannot be read (a part of the path is a file, not a folder)';
    default:
      return `cannot be read (${(e as Error).message})`;
  }
}
