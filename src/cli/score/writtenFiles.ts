import { stat } from 'node:fs/promises';
import { deviceKindOf } from '../../files/deviceKind.js';
import { fingerprintInput } from './runManifest.js';
import type { DeviceOutput, FileDigest, FileSize, WrittenFiles } from './runManifestSchema.js';

/**
 * Digests of the run's files, read back after they are closed (a stream: constant memory; the
 * pages are usually still cached, about a second per GB here); a device is named as one, not read.
 * `options.signal` stops the reading between two chunks (a signal at a run's end waited for every
 * byte of its outputs).
 *
 * @throws FingerprintInterruptedError when `options.signal` stopped it, naming the file and how far it got
 */
export async function writtenFilesOf(out: string, errors: string, options: { readonly signal?: AbortSignal } = {}): Promise<WrittenFiles> {
  const output = await writtenFileOf(out, options);
  return errors === out ? { output } : { output, errors: await writtenFileOf(errors, options) };
}

async function writtenFileOf(path: string, options: { readonly signal?: AbortSignal }): Promise<FileDigest | DeviceOutput> {
  const device = await deviceKindOf(path);
  return device === undefined ? digestOf(path, options) : { device };
}

/**
 * The sizes alone of the run's files, when a signal stopped reading them back for their digests:
 * known at once (no byte is read), and enough to tell blank lines added or a line removed, where a
 * manifest recording nothing of its files left the readers the decision count alone. A device is
 * named as one.
 */
export async function writtenSizesOf(out: string, errors: string): Promise<WrittenFiles> {
  const output = await writtenSizeOf(out);
  return errors === out ? { output } : { output, errors: await writtenSizeOf(errors) };
}

async function writtenSizeOf(path: string): Promise<FileSize | DeviceOutput> {
  const device = await deviceKindOf(path);
  return device === undefined ? { size: (await stat(path)).size } : { device };
}

/**
 * Size and SHA-256 of `path`.
 * @throws FingerprintInterruptedError when `options.signal` stopped it
 */
export async function digestOf(path: string, options: { readonly signal?: AbortSignal } = {}): Promise<FileDigest> {
  const { size, sha256 } = await fingerprintInput(path, options);
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
