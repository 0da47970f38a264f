/**
 * A write error that names the file it was writing: Node's says "ENOSPC: no space left on device,
 * write" and no more (an open error already names its path, and is returned as it is). Its `code`
 * is kept, so the command line still reports it as a file-system failure (exit 1).
 */
export function namingFile(path: string, e: Error): Error;
export function namingFile(path: string, e: unknown): unknown;
export function namingFile(path: string, e: unknown): unknown {
  if (!(e instanceof Error) || e.message.includes(path)) return e;
  return Object.assign(new Error(`${path} could not be written: ${e.message}`, { cause: e }), { code: (e as NodeJS.ErrnoException).code });
}
