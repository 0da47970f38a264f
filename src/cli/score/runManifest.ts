import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ENGINE_VERSION } from '../../version.js';
import { keyMismatches, type KeyFingerprints } from '../keyFingerprints.js';
import type { DeciderIdentity } from './batchDecider.js';
import type { RunStatus } from './runStatus.js';
import { RunManifestWriteError } from './runManifestWriteError.js';
import type { ScoreArgs } from './scoreArgs.js';
import { DEFAULT_CATALOG_HASH } from '../../catalog/catalogHash.js';
import { CreditliftError } from '../../errors/creditliftError.js';
import { kindOfStats } from './deviceKind.js';

/** The input file of a run as the manifest pins it. */
export interface InputFingerprint {
  /** Absolute path. */
  readonly path: string;
  readonly size: number;
  /** Hex SHA-256 of the whole file. */
  readonly sha256: string;
}

/**
 * What `creditlift score` writes beside its output (`OUT.run.json`): everything a resumed run
 * must share with the run it continues, so no output ever mixes two inputs, models or policies.
 */
export interface RunManifest {
  readonly kind: 'creditlift-score-run';
  readonly version: 1;
  readonly input: InputFingerprint;
  readonly format: 'csv' | 'ndjson';
  readonly model: { readonly id: string; readonly sha256: string };
  readonly policyHash: string;
  /**
   * The certificate catalog the decisions assessed evidence with (`--catalog`, else the default), as
   * every decision's `audit.catalogHash`. Absent in manifests written before `--catalog` existed:
   * those runs used the default catalog.
   */
  readonly catalogHash?: string;
  /**
   * The creditlift version that made the decisions (as every decision's `audit.engineVersion`
   * says), so a run resumed after an upgrade is refused rather than mixing two engines' decisions,
   * as a distributed job already refuses a worker of another version. Absent in manifests written
   * before it was recorded.
   */
  readonly engineVersion?: string;
  /** The `--features` module (path, size, SHA-256), or null for the built-in features. */
  readonly features: InputFingerprint | null;
  /** Which signing and personal-data keys the decisions were made under (fingerprints, never the keys). */
  readonly keys: KeyFingerprints;
  /**
   * Options that change what is written. `batch` and `workers` change only speed and are recorded,
   * not compared. `workers` is null for a `--queue` run: `creditlift worker` processes decided it,
   * and `status.decidedBy` names them.
   */
  readonly options: {
    readonly out: string;
    readonly errors: string;
    readonly suggestions: number;
    readonly maxRecordLines: number;
    readonly batch: number;
    readonly workers: number | null;
  };
  /**
   * The `score --queue` job writing this output, until it finishes: a resume without `--queue`
   * removes the job's keys (the applicants' records and decisions) from that Redis. The URL holds
   * no password. Not compared on resume. `runId` is the run's id in that job (its chunk keys are
   * named `JOB@RUNID-cK`): a resume collects only that run's chunks, and a cleanup removes only them,
   * never those of another run that holds the job's name now. Absent in manifests written before run
   * ids (creditlift 0.1.0), whose job had none.
   */
  readonly queue?: { readonly url: string; readonly job: string; readonly ttlSeconds: number; readonly runId?: string };
  /**
   * How the runs writing this output went: `running` from the moment a run begins, then whether it
   * finished and what it left undecided. Kept apart from the configuration above, which is what
   * `--resume` compares; never compared itself. Absent in manifests written before it was recorded.
   */
  readonly status?: RunStatus;
}

/** Path of the manifest of the run writing `out`. */
export function runManifestPath(out: string): string {
  return `${out}.run.json`;
}

/**
 * Size and SHA-256 of a file, read as a stream (constant memory).
 * @throws CreditliftError `data_invalid` when `path` is not a regular file (checked on the file
 * opened, so no path swapped in after a caller's own check is read): a device read again gives other
 * bytes, and /dev/zero gives them without end (`score --in /dev/zero` hashed it at 100% CPU for ever)
 */
export async function fingerprintInput(path: string): Promise<InputFingerprint> {
  // Non-blocking: opening a pipe no one writes to would otherwise wait for a writer before the check.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  const stream = handle.createReadStream();
  try {
    const kind = kindOfStats(await handle.stat());
    if (kind !== undefined)
      throw new CreditliftError(
        'data_invalid',
        `${path} is ${kind}, not a file, so it cannot be fingerprinted: only a file gives the same bytes when read again (a pipe gives none, /dev/zero never ends)`,
      );
    const hash = createHash('sha256');
    for await (const chunk of stream) hash.update(chunk as Buffer);
    return { path: resolve(path), size: (await stat(path)).size, sha256: hash.digest('hex') };
  } finally {
    stream.destroy();
  }
}

/** Reads a run manifest, or undefined when there is none. @throws Error when it exists but is not a manifest */
export async function readRunManifest(path: string): Promise<RunManifest | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const m = JSON.parse(text) as RunManifest;
  if (m?.kind !== 'creditlift-score-run') throw Object.assign(new Error(`${path} is not a creditlift score run manifest`), { code: 'EMANIFEST' });
  return m;
}

/**
 * Writes the manifest whole (temporary file, then rename), so a crash never leaves half a manifest.
 * @throws RunManifestWriteError naming the manifest and what to do
 */
export async function writeRunManifest(path: string, m: RunManifest): Promise<void> {
  try {
    await writeFile(`${path}.tmp`, `${JSON.stringify(m, null, 2)}\n`);
    await rename(`${path}.tmp`, path);
  } catch (e) {
    await rm(`${path}.tmp`, { force: true }).catch(() => undefined);
    throw new RunManifestWriteError(path, e);
  }
}

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
export function resumeMismatches(before: RunManifest, now: RunManifest): string[] {
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
  features: InputFingerprint | null,
  keys: KeyFingerprints,
  queued = false,
): RunManifest {
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
