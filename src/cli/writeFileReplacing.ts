import { randomUUID } from 'node:crypto';
import { chmod, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { namingFile } from './namingFile.js';
import { realFilePath } from './score/fileIdentity.js';

/**
 * Writes `text` to `path` whole or not at all: into a temporary file beside it, renamed over it once
 * written. A disk that fills up mid-write leaves the earlier file as it was (`report --out` left a
 * 20,480-byte cut page, `monitor --html` an empty one, over the good page of the day before), and
 * no temporary file; the error names `path`. A link is followed (the file it names is replaced, the link stays) and an
 * existing file keeps its permissions; a device or pipe (`/dev/null`, `/dev/stdout`) is written as it is.
 */
export async function writeFileReplacing(path: string, text: string): Promise<void> {
  const target = realFilePath(path);
  const before = await stat(target).catch(() => undefined);
  if (before !== undefined && !before.isFile()) return writeFile(path, text);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    await writeFile(temp, text);
    if (before !== undefined) await chmod(temp, before.mode & 0o7777);
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw namingFile(path, e);
  }
}
