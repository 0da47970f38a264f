import { createHash, randomBytes } from 'node:crypto';
import type { OutputLine } from '../cli/score/outputLine.js';
import { UsageError } from '../commandLine/commandIo.js';
import { keyMismatches, type KeyFingerprints } from '../cli/keyFingerprints.js';
import { DEFAULT_CATALOG_HASH } from '../catalog/catalogHash.js';
import { canonicalJson } from '../hashing/canonicalJson.js';

/**
 * How every creditlift queue's name starts. Each scoring configuration has a queue of its own
 * ({@link queueNameOf}); `creditlift-score` alone was the one queue every run shared before.
 */
export const QUEUE_NAME_PREFIX = 'creditlift-score';

/**
 * What a worker must decide with for its results to equal a single-process run: the model's
 * SHA-256, the policy hash, the catalog hash, the engine version, the keys and the suggestions per decision.
 */
export interface ScoringFingerprint {
  readonly modelSha256: string;
  readonly policyHash: string;
  /** The certificate catalog's hash (`audit.catalogHash`): a worker started with another `--catalog` (or none) refuses the job. */
  readonly catalogHash: string;
  readonly engineVersion: string;
  /** SHA-256 of the `--features` module, or null for the built-in features. */
  readonly featuresSha256: string | null;
  /** The signing and personal-data keys' fingerprints: a worker under another key (or none) refuses the job. */
  readonly keys: KeyFingerprints;
  readonly suggestions: number;
}

/**
 * One chunk of a run's input, as a BullMQ job's data. It holds no personal data: the records are in
 * their own key ({@link chunkRecordsKey}) and the worker's lines in another ({@link chunkLinesKey}),
 * each written with an expiry in the same command, because BullMQ gives its job keys none and
 * copies a job's return value into the queue's event stream.
 */
export interface ChunkJobData {
  /**
   * The run: its `--job` name and run id, `NAME@RUN` ({@link runOf}). Every key and job id of its
   * chunks is named by it, so two runs under one `--job` name never share one.
   */
  readonly run: string;
  /** 0-based chunk index; chunk k holds records k x chunkSize .. (k+1) x chunkSize - 1. */
  readonly index: number;
  /** The input line each record starts on, in order: what the worker must give back. */
  readonly recordLines: readonly number[];
  readonly fingerprint: ScoringFingerprint;
  /**
   * The job's `--job-ttl` in ms: every key of the job expires this long after the producer last
   * refreshed it, so a dead producer's records and decisions leave Redis by themselves.
   */
  readonly ttlMs: number;
}

/** A worker's answer for a chunk, in {@link chunkLinesKey}: one output line per record, in input order. */
export interface ChunkResult {
  readonly lines: readonly OutputLine[];
  /** `host:pid` of the worker process, for the producer's messages. */
  readonly worker: string;
  /** The job data's `run` (`NAME@RUN`): which run's chunk the lines answer. */
  readonly run: string;
  /**
   * SHA-256 (hex) of the records the worker decided, in their canonical text (`recordsDigest`). It
   * was named `recordsSha256` and taken over the stored bytes, which a resumed producer's encoding
   * of the same records could change: an answer of such a worker says nothing the producer can check.
   */
  readonly recordsDigest: string;
}

/** A finished job's BullMQ return value (copied into the queue's event stream): counts, never lines. */
export interface ChunkReceipt {
  readonly worker: string;
  readonly records: number;
}

/**
 * How a worker's refusal of an abandoned chunk starts (its records gone from Redis: the producer
 * stopped more than `--job-ttl` ago, or the run was resumed without `--queue`). The worker removes
 * such a job; a live producer that still sees it enqueues the chunk again.
 */
export const ABANDONED = 'abandoned:';

const JOB_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/**
 * Checks a `--job` name: letters, digits, `_`, `.`, `-`, at most 100, starting with a letter or digit,
 * so it is safe in Redis keys and BullMQ job ids.
 *
 * @throws UsageError otherwise
 */
export function checkJobName(name: string): string {
  if (!JOB_NAME.test(name)) throw new UsageError(`--job must be 1-100 letters, digits, "_", "." or "-" starting with a letter or digit, got "${name}"`);
  return name;
}

const RUN_ID = /^[0-9a-f]{12}$/;

/**
 * A new run id: 12 random hex digits, drawn when a producer starts a job afresh (a first run, or
 * `--overwrite`) and kept by its resumes (the run manifest records it). Two runs under one `--job`
 * name never share one, so neither can collect the other's answers.
 */
export function newRunId(): string {
  return randomBytes(6).toString('hex');
}

/** True for a string {@link newRunId} could have drawn. */
export function isRunId(id: unknown): id is string {
  return typeof id === 'string' && RUN_ID.test(id);
}

/**
 * The run `runId` of job `name`, as its chunk keys and job ids are named: `NAME@RUN` (a job name
 * holds no `@`). A job of creditlift 0.1.0 had no run id: its chunks were named by `NAME` alone.
 *
 * @example
 * runOf('book-2026-11', '3f9a0c1d5e7b') // 'book-2026-11@3f9a0c1d5e7b'
 */
export function runOf(name: string, runId: string | undefined): string {
  return runId === undefined ? name : `${name}@${runId}`;
}

/** BullMQ job id of chunk `index` of run `run` ({@link runOf}): derived, so a resumed producer finds the same job. */
export function chunkJobId(run: string, index: number): string {
  return `${run}-c${index}`;
}

/** Redis key of a job's manifest (which run holds the job, what it was started with, how many chunks it enqueued). */
export function runKey(name: string): string {
  return `creditlift:run:${name}`;
}

/**
 * Redis key saying the producer holding job `name` is alive: its run id, with a short expiry the
 * producer renews while it runs (see `jobClaim`). `--overwrite` takes over only a job without one.
 */
export function liveKey(name: string): string {
  return `creditlift:run:${name}:live`;
}

/** Redis key of chunk `index`'s records (V8 serialisation, see `encodeRecords`): personal data, always with an expiry. */
export function chunkRecordsKey(run: string, index: number): string {
  return `creditlift:chunk:${chunkJobId(run, index)}:records`;
}

/** Redis key of chunk `index`'s output lines (a {@link ChunkResult} as JSON): personal data, always with an expiry. */
export function chunkLinesKey(run: string, index: number): string {
  return `creditlift:chunk:${chunkJobId(run, index)}:lines`;
}

/** What is wrong with a worker's answer to a chunk, for the producer: see {@link answerProblem}. */
export type AnswerProblem =
  /** Made for another run (`run` differs): the job was taken over, or something else wrote the key. Never written. */
  | { readonly kind: 'foreign'; readonly message: string }
  /** This run's, but made from other records than the chunk's now: decided again. */
  | { readonly kind: 'stale'; readonly message: string }
  /** No answer to the chunk's records, line for line (or no word of what it was made from): the chunk fails. */
  | { readonly kind: 'unanswered'; readonly message: string };

/**
 * Checks that a worker's answer (the parsed {@link ChunkResult}) was made for run `chunk.run`, from
 * the very records the producer stored for the chunk (`chunk.recordsDigest`), and answers its
 * records line for line. Undefined when it does; the producer writes it then, and only then.
 *
 * @example
 * answerProblem({ lines, worker: 'h:1', run: 'book@3f9a0c1d5e7b', recordsDigest }, { run: 'book@aaaaaaaaaaaa', recordsDigest, recordLines })
 * // { kind: 'foreign', message: 'the answer of h:1 was made for another run (book@3f9a0c1d5e7b)' }
 */
export function answerProblem(
  result: Partial<ChunkResult> | undefined,
  chunk: { readonly run: string; readonly recordsDigest: string; readonly recordLines: readonly number[] },
): AnswerProblem | undefined {
  const who = typeof result?.worker === 'string' ? result.worker : 'an unknown worker';
  if (result === undefined || result === null || typeof result !== 'object') return { kind: 'unanswered', message: `the answer of ${who} is no chunk result` };
  if (typeof result.run !== 'string' || typeof result.recordsDigest !== 'string')
    return {
      kind: 'unanswered',
      message: `the answer of ${who} does not say which run's records it was made from (a creditlift worker older than this producer?)`,
    };
  if (result.run !== chunk.run) return { kind: 'foreign', message: `the answer of ${who} was made for another run (${result.run})` };
  if (result.recordsDigest !== chunk.recordsDigest)
    return {
      kind: 'stale',
      message: `the answer of ${who} was made from other records (sha256 ${result.recordsDigest.slice(0, 12)}...) than the chunk's (${chunk.recordsDigest.slice(0, 12)}...)`,
    };
  const lines = result.lines;
  if (!Array.isArray(lines) || lines.length !== chunk.recordLines.length || lines.some((l, i) => l?.line !== chunk.recordLines[i])) {
    const got = Array.isArray(lines) ? `${lines.length} lines starting at line ${lines[0]?.line ?? '-'}` : 'no lines';
    return { kind: 'unanswered', message: `the result of ${who} does not answer the chunk's ${chunk.recordLines.length} records line for line: ${got}` };
  }
  return undefined;
}

/** `lines 12-267` for messages: where a chunk's records start and where its last one starts. */
export function lineRange(recordLines: readonly number[]): string {
  const first = recordLines[0];
  const last = recordLines[recordLines.length - 1];
  return first === last ? `line ${first}` : `lines ${first}-${last}`;
}

/**
 * The BullMQ queue of one scoring configuration: `creditlift-score-` and 16 hex digits of the
 * SHA-256 of every field of the fingerprint but the suggestion count (a worker decides any): the
 * model's SHA-256, the policy hash, the catalog hash, the engine version, the features module's
 * SHA-256, the key fingerprints, and any field a later version adds. A producer enqueues on the queue of its own
 * configuration and a worker listens on its own, so a worker never takes a chunk it would have to
 * refuse, and runs of different configurations share one Redis without failing each other's chunks
 * (all of them shared one queue, and each worker failed the other configuration's chunks for good).
 *
 * @example
 * queueNameOf(fingerprint) // 'creditlift-score-3f9a0c1d5e7b2a48'
 */
export function queueNameOf(fingerprint: Omit<ScoringFingerprint, 'suggestions'>): string {
  const { suggestions: _, ...configuration } = fingerprint as Omit<ScoringFingerprint, 'suggestions'> & { suggestions?: number };
  return `${QUEUE_NAME_PREFIX}-${createHash('sha256').update(canonicalJson(configuration)).digest('hex').slice(0, 16)}`;
}

/** A configuration in a few words for messages: model, policy, catalog, engine, features and keys. */
export function describeConfiguration(fingerprint: Omit<ScoringFingerprint, 'suggestions'>): string {
  const features = fingerprint.featuresSha256 === null ? 'the built-in features' : `features module ${fingerprint.featuresSha256.slice(0, 12)}...`;
  const keys = fingerprint.keys.signing === null ? 'unsigned' : `signing key ${fingerprint.keys.signing.slice(0, 12)}...`;
  const personal = fingerprint.keys.personalData === null ? '' : `, personal-data key ${fingerprint.keys.personalData.slice(0, 12)}...`;
  const catalog = fingerprint.catalogHash === DEFAULT_CATALOG_HASH ? 'the default catalog' : `catalog ${fingerprint.catalogHash.slice(0, 12)}...`;
  return `model ${fingerprint.modelSha256.slice(0, 12)}..., policy ${fingerprint.policyHash.slice(0, 12)}..., ${catalog}, engine ${fingerprint.engineVersion}, ${features}, ${keys}${personal}`;
}

/** Names every field in which a worker's fingerprint differs from the job's; empty when they match. */
export function fingerprintMismatch(job: ScoringFingerprint, worker: Omit<ScoringFingerprint, 'suggestions'>): string[] {
  const out: string[] = [];
  if (job.modelSha256 !== worker.modelSha256)
    out.push(`model SHA-256 ${worker.modelSha256.slice(0, 12)}... is not the job's ${job.modelSha256.slice(0, 12)}...`);
  if (job.policyHash !== worker.policyHash) out.push(`policy hash ${worker.policyHash.slice(0, 12)}... is not the job's ${job.policyHash.slice(0, 12)}...`);
  if (job.catalogHash !== worker.catalogHash) {
    const name = (h: string | undefined) => (h === DEFAULT_CATALOG_HASH ? 'the default catalog' : `catalog ${(h ?? 'not recorded').slice(0, 12)}...`);
    out.push(`certificate ${name(worker.catalogHash)} is not the job's ${name(job.catalogHash)}`);
  }
  if (job.engineVersion !== worker.engineVersion) out.push(`engine version ${worker.engineVersion} is not the job's ${job.engineVersion}`);
  if (job.featuresSha256 !== worker.featuresSha256) {
    const name = (f: string | null) => (f === null ? 'the built-in features' : `features module ${f.slice(0, 12)}...`);
    out.push(`${name(worker.featuresSha256)} is not the job's ${name(job.featuresSha256)}`);
  }
  out.push(...keyMismatches(job.keys, worker.keys, { before: 'the job was made with', now: 'this worker has' }));
  return out;
}
