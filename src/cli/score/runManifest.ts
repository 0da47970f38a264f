import { createHash } from 'node:crypto';
import { readWholeInput } from '../../files/readWholeInput.js';
import { constants } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ENGINE_VERSION } from '../../version.js';
import { keyMismatches, type KeyFingerprints } from '../keyFingerprints.js';
import type { DeciderIdentity } from './batchDecider.js';
import { parseRunManifest } from './parseRunManifest.js';
import { RunManifestWriteError } from './runManifestWriteError.js';
import type { ScoreArgs } from './scoreArgs.js';
import { DEFAULT_CATALOG_HASH } from '../../catalog/catalogHash.js';
import type { InputFingerprint, RunManifest, RunStatus } from './runManifestSchema.js';
import { CreditliftError } from '../../errors/creditliftError.js';
import { kindOfStats } from '../../files/deviceKind.js';
import { FingerprintInterruptedError } from './fingerprintInterruptedError.js';

export type { InputFingerprint, RunManifest } from './runManifestSchema.js';

/**
 * A manifest as this creditlift writes it for a run: every field an earlier creditlift left out is
 * there (what a resumed run's manifest is compared with).
 */
export type WrittenRunManifest = RunManifest & { readonly [K in 'catalogHash' | 'engineVersion' | 'features' | 'keys']-?: Exclude<RunManifest[K], undefined> };

/** Path of the manifest of the run writing `out`. */
export function runManifestPath(out: string): string {
  return `${out}.run.json`;
}

/** Bytes the hash reads at a time; a signal is seen between two of them. */
const FINGERPRINT_CHUNK_BYTES = 64 * 1024;

/**
 * Size and SHA-256 of a file, read in chunks into one buffer (constant memory, and no garbage: a
 * stream's new Buffer per chunk piled up outside V8's heap until its next collection, tens of MiB at a
 * run's end that glibc then kept resident; bench/RESULTS.md). `options.signal` stops it between two
 * chunks (64 KiB) once aborted, a signal already aborted before the first: a run's Ctrl-C or SIGTERM
 * then stops it at once, where it waited for the whole hash.
 * @throws CreditliftError `data_invalid` when `path` is not a regular file (checked on the file
 * opened, so no path swapped in after a caller's own check is read): a device read again gives other
 * bytes, and /dev/zero gives them without end (`score --in /dev/zero` hashed it at 100% CPU for ever)
 * @throws FingerprintInterruptedError when `options.signal` stopped it, saying how far it got
 */
export async function fingerprintInput(path: string, options: { readonly signal?: AbortSignal } = {}): Promise<InputFingerprint> {
  // Non-blocking: opening a pipe no one writes to would otherwise wait for a writer before the check.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const opened = await handle.stat();
    const kind = kindOfStats(opened);
    if (kind !== undefined)
      throw new CreditliftError(
        'data_invalid',
        `${path} is ${kind}, not a file, so it cannot be fingerprinted: only a file gives the same bytes when read again (a pipe gives none, /dev/zero never ends)`,
      );
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(FINGERPRINT_CHUNK_BYTES);
    let bytesRead = 0;
    const stopped = () => options.signal?.aborted === true;
    if (stopped()) throw new FingerprintInterruptedError(path, 0, opened.size);
    for (;;) {
      const { bytesRead: n } = await handle.read(buffer, 0, buffer.length, bytesRead);
      if (n === 0) break;
      // After a chunk is read, before it is hashed: a signal after the last one leaves nothing to stop.
      if (stopped()) throw new FingerprintInterruptedError(path, bytesRead, opened.size);
      hash.update(buffer.subarray(0, n));
      bytesRead += n;
    }
    return { path: resolve(path), size: (await stat(path)).size, sha256: hash.digest('hex') };
  } finally {
    await handle.close();
  }
}

/**
 * Reads the run manifest at `path`, of any version a creditlift wrote, or undefined when there is none.
 * @throws RunManifestInvalidError naming the manifest and every field at fault when it is not one (see parseRunManifest); the file system's error when it cannot be read
 */
export async function readRunManifest(path: string): Promise<RunManifest | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readWholeInput(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return parseRunManifest(bytes, path);
}

/**
 * Writes the manifest whole (temporary file, then rename), so a crash never leaves half a manifest,
 * and on disk (the file, then its folder's entry, synced) before it returns: what a run writes
 * after it, trusting the manifest says so (answers out of input order), never outlives it on a
 * power loss.
 * @throws RunManifestWriteError naming the manifest and what to do
 */
export async function writeRunManifest(path: string, m: RunManifest): Promise<void> {
  try {
    const handle = await open(`${path}.tmp`, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(m, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(`${path}.tmp`, path);
    await syncFolderOf(path);
  } catch (e) {
    await rm(`${path}.tmp`, { force: true }).catch(() => undefined);
    throw new RunManifestWriteError(path, e);
  }
}

/** Syncs the folder holding `path`, so a rename into it is on disk. */
async function syncFolderOf(path: string): Promise<void> {
  let folder;
  try {
    folder = await open(dirname(resolve(path)), 'r');
  } catch (e) {
    // Windows opens no folder as a file (EISDIR, EPERM): there a rename is written through by NTFS.
    if (FOLDER_NOT_OPENED.has((e as NodeJS.ErrnoException).code ?? '')) return;
    throw e;
  }
  try {
    await folder.sync();
  } catch (e) {
    // A file system that cannot sync a folder (EINVAL on some network and FUSE mounts) keeps its entries as it can.
    if ((e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
  } finally {
    await folder.close();
  }
}

const FOLDER_NOT_OPENED = new Set(['EISDIR', 'EPERM']);

/**
 * Rewrites the manifest at `path` with `status` in place of its own, the rest as it is on disk
 * (whole, as {@link writeRunManifest} writes it). Does nothing when there is no manifest.
 */
export async function writeRunStatus(path: string, status: RunStatus): Promise<void> {
  const m = await readRunManifest(path);
  if (m !== undefined) await writeRunManifest(path, { ...m, status });
}

/**
 * Why a resumed run may not continue the run of manifest `before`: one sentence per difference
 * (input, model, policy, certificate catalog, engine version, features, keys, format, outputs, options that change the output). Empty when it may.
 */
export function resumeMismatches(before: RunManifest, now: WrittenRunManifest): string[] {
  const out: string[] = [];
  if (before.input.sha256 !== now.input.sha256 || before.input.size !== now.input.size) {
    out.push(
      `the input differs: the run read ${before.input.path} (${before.input.size} bytes, sha256 ${before.input.sha256.slice(0, 12)}...), now ${now.input.path} (${now.input.size} bytes, sha256 ${now.input.sha256.slice(0, 12)}...)`,
    );
  }
  if (before.model.sha256 !== now.model.sha256)
    out.push(
      `the model differs: the run used ${before.model.id} (sha256 ${before.model.sha256.slice(0, 12)}...), now ${now.model.id} (sha256 ${now.model.sha256.slice(0, 12)}...)`,
    );
  if (before.policyHash !== now.policyHash)
    out.push(`the policy differs: the run used policy ${before.policyHash.slice(0, 12)}..., now ${now.policyHash.slice(0, 12)}...`);
  const catalogBefore = before.catalogHash ?? DEFAULT_CATALOG_HASH;
  if (catalogBefore !== now.catalogHash)
    out.push(`the certificate catalog differs: the run used ${catalogName(catalogBefore)}, now ${catalogName(now.catalogHash)}`);
  if (before.engineVersion !== now.engineVersion)
    out.push(
      `the engine differs: the run was made by creditlift ${before.engineVersion ?? '(version not recorded)'}, now ${now.engineVersion ?? '(version not recorded)'}`,
    );
  if ((before.features?.sha256 ?? null) !== (now.features?.sha256 ?? null) || before.features === undefined) {
    const name = (f: InputFingerprint | null | undefined) =>
      f === undefined ? 'not recorded' : f === null ? 'the built-in features' : `${f.path} (sha256 ${f.sha256.slice(0, 12)}...)`;
    out.push(`the features differ: the run used ${name(before.features)}, now ${name(now.features)}`);
  }
  out.push(...keyMismatches(before.keys, now.keys));
  if (before.format !== now.format) out.push(`the input format differs: ${before.format}, now ${now.format}`);
  if (resolve(before.options.errors) !== resolve(now.options.errors)) out.push(`--errors differs: ${before.options.errors}, now ${now.options.errors}`);
  if (before.options.suggestions !== now.options.suggestions) out.push(`--suggestions differs: ${before.options.suggestions}, now ${now.options.suggestions}`);
  if (before.options.maxRecordLines !== now.options.maxRecordLines)
    out.push(`--max-record-lines differs: ${before.options.maxRecordLines}, now ${now.options.maxRecordLines}`);
  return out;
}

/**
 * The manifest of a `score` run (in process, with --workers, or with --queue: one shape, so a
 * resume is checked the same way whichever way the output was written). `queued`: a `--queue`
 * run, whose records no local worker decides (`options.workers` is null).
 */
export function runManifestOf(
  args: ScoreArgs,
  input: InputFingerprint,
  identity: DeciderIdentity,
  features: WrittenRunManifest['features'],
  keys: KeyFingerprints,
  queued = false,
): WrittenRunManifest {
  return {
    kind: 'creditlift-score-run',
    version: 1,
    input,
    format: args.format,
    // The model's identity alone: a scorer's `model` also lists what it does not code
    // (unseenCategories), which a manifest written by a pool or a queue run did not carry.
    model: { id: identity.model.id, sha256: identity.model.sha256 },
    policyHash: identity.policyHash,
    catalogHash: identity.catalogHash,
    engineVersion: ENGINE_VERSION,
    features,
    keys,
    options: {
      out: args.out,
      errors: args.errors,
      suggestions: args.suggestions,
      maxRecordLines: args.maxRecordLines,
      batch: args.chunkSize,
      workers: queued ? null : args.workers,
    },
  };
}

/** A catalog hash for a message: the default catalog by name, any other (a `--catalog`) by its hash's first digits. */
function catalogName(hash: string | undefined): string {
  return hash === DEFAULT_CATALOG_HASH ? 'the default catalog' : `catalog ${(hash ?? 'not recorded').slice(0, 12)}... (--catalog)`;
}
