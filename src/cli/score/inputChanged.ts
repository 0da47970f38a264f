import { FingerprintInterruptedError } from './fingerprintInterruptedError.js';
import { fingerprintInput, type InputFingerprint } from './runManifest.js';

/**
 * Why the input of a finished run is not the file its decisions were made from, or undefined when
 * it is. Two checks: the bytes read (`readSha256`, hashed as they were read) against the file as it
 * was when the run began (`before`), which catches a change at bytes not yet read, an append and a
 * truncation; and the file as it is now against `before`, read again once the run is done, which
 * catches a change at bytes already read (overwritten in place, same size). A change made and
 * undone while the run went on, at bytes the run had not read meanwhile, is not seen, and does not
 * matter: the decisions are then those of the file on disk.
 *
 * `options.signal` stops the second read between two chunks, as it stops the first fingerprint: a
 * SIGTERM at a run's end waited for the whole file (seconds for some GiB).
 *
 * @param path the input file
 * @returns a message naming the file and what differs (the caller exits 1)
 * @throws FingerprintInterruptedError when `options.signal` stopped the second read (nothing is known then)
 */
export async function inputChanged(
  path: string,
  before: InputFingerprint,
  readSha256: string,
  options: { readonly signal?: AbortSignal } = {},
): Promise<string | undefined> {
  if (readSha256 !== before.sha256)
    return `${path} changed while it was being read; its decisions may mix two versions of the file: run again with --overwrite`;
  let now: InputFingerprint;
  try {
    now = await fingerprintInput(path, options);
  } catch (e) {
    if (e instanceof FingerprintInterruptedError) throw e;
    const why = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    return `${path} could not be read again once the run was done (${why}), so nothing shows it is still the file decided; run again with --overwrite on the file you mean`;
  }
  if (now.sha256 === before.sha256) return undefined;
  return `${path} changed during the run, after the changed bytes were read (SHA-256 ${before.sha256.slice(0, 12)}... when read, ${now.sha256.slice(0, 12)}... now; size ${before.size} then ${now.size} bytes): the decisions are of the file as it was read, not as it is now, and a --resume would be refused; run again with --overwrite`;
}
