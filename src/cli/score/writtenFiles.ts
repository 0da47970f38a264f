import { deviceKindOf } from './deviceKind.js';
import { fingerprintInput } from './runManifest.js';

/** Size and SHA-256 of a file as a run left it. */
export interface FileDigest {
  readonly size: number;
  /** Hex SHA-256 of the whole file. */
  readonly sha256: string;
}

/**
 * An output that is a device (`--errors /dev/null`): not read back, since it holds none of the
 * lines written to it (and /dev/zero or /dev/full read NUL bytes without end), so nothing can check
 * its bytes later.
 */
export interface DeviceOutput {
  /** What it is: 'a character device'. */
  readonly device: string;
}

/**
 * The files a `score` run wrote, as they were when it recorded how it ended: its output, and its
 * `--errors` file when that is apart. The counts a manifest records cannot tell a decision line
 * swapped for another sealed decision (of another run, or the same applicant decided otherwise);
 * the bytes can, so `verify --manifest` and `report` compare them.
 */
export interface WrittenFiles {
  readonly output: FileDigest | DeviceOutput;
  /** Absent when the error lines went into the output. */
  readonly errors?: FileDigest | DeviceOutput;
}

/**
 * Digests of the run's files, read back after they are closed (a stream: constant memory; the
 * pages are usually still cached, about a second per GB here); a device is named as one, not read.
 */
export async function writtenFilesOf(out: string, errors: string): Promise<WrittenFiles> {
  const output = await writtenFileOf(out);
  return errors === out ? { output } : { output, errors: await writtenFileOf(errors) };
}

async function writtenFileOf(path: string): Promise<FileDigest | DeviceOutput> {
  const device = await deviceKindOf(path);
  return device === undefined ? digestOf(path) : { device };
}

/** Size and SHA-256 of `path`. */
export async function digestOf(path: string): Promise<FileDigest> {
  const { size, sha256 } = await fingerprintInput(path);
  return { size, sha256 };
}

/**
 * Why `found` (a file's digest now) is not the file the run wrote (`recorded`), as a sentence; undefined when
 * the bytes are the run's.
 */
export function writtenFileFault(found: FileDigest, recorded: FileDigest): string | undefined {
  if (found.sha256 === recorded.sha256 && found.size === recorded.size) return undefined;
  return `its bytes are not those the run wrote (the run left ${recorded.size.toLocaleString('en-US')} bytes, sha256 ${recorded.sha256.slice(0, 12)}...; the file now has ${found.size.toLocaleString('en-US')} bytes, sha256 ${found.sha256.slice(0, 12)}...): it was changed after the run`;
}
