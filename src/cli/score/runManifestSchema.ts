import { z } from 'zod';
import type { DeepReadonly } from '../../common/deepReadonly.js';

// The shape of `OUT.run.json`, every version of it a creditlift wrote: fields added after the first
// manifest are optional, so an output written before them still resumes, verifies and reports. Any
// other shape is refused on read (see parseRunManifest), never trusted: the code past it reads the
// types below without looking again.

/** A value as a message shows it: a primitive as JSON (text cut short), an object or array by kind. */
export function shownValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (v !== null && typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  return String(v);
}

/**
 * zod's params for one field: each of its issues (its type, and each check) says what the field must
 * be and what it holds. Unknown keys are named one by one where the issues are read.
 */
function expecting(what: string) {
  return {
    error: (issue: { readonly code: string; readonly input?: unknown }) =>
      issue.code === 'unrecognized_keys'
        ? undefined
        : issue.input === undefined
          ? `missing: expected ${what}`
          : `expected ${what}, received ${shownValue(issue.input)}`,
  };
}

const sha256 = (what = 'a SHA-256 (64 hex digits)') => z.string(expecting(what)).regex(/^[0-9a-f]{64}$/);
const count = (what: string) => z.int(expecting(`${what} (a whole number, 0 or more)`)).min(0);
const positive = (what: string) => z.int(expecting(`${what} (a whole number, 1 or more)`)).min(1);
const text = (what: string) => z.string(expecting(`${what} (a non-empty string)`)).min(1);

/** A file a run read, as the manifest pins it. */
export const InputFingerprint = z.strictObject(
  {
    /** Absolute path. */
    path: text('the absolute path of the file'),
    size: count('its size in bytes'),
    /** Hex SHA-256 of the whole file. */
    sha256: sha256(),
  },
  expecting('an object: the path, size and sha256 of the input file'),
);
/** See {@link InputFingerprint}. */
export type InputFingerprint = DeepReadonly<z.infer<typeof InputFingerprint>>;

/** The `--features` module: its file, and the local files it imports. */
const FeaturesFingerprint = z.strictObject(
  {
    path: text('the absolute path of the --features module'),
    size: count('its size in bytes'),
    /** The module file's SHA-256 when it imports no local file, else of every file it imports with it. */
    sha256: sha256(),
    /** The local files it imports, relative to its folder. Absent in manifests written before they were hashed. */
    imports: z.array(text('a file the module imports'), expecting('an array of the local files the module imports')).optional(),
  },
  expecting('an object: the --features module (path, size, sha256, imports), or null for the built-in features'),
);

const keyFingerprint = z
  .string(expecting('a key fingerprint (32 hex digits), or null for none'))
  .regex(/^[0-9a-f]{32}$/)
  .nullable();

/** Which lender keys the decisions were made under (fingerprints, never the keys). */
const KeyFingerprints = z.strictObject(
  {
    /** Of `--signing-key-file`'s key, or null when decisions are not signed. */
    signing: keyFingerprint,
    /** Of `--personal-data-key-file`'s key, or null. */
    personalData: keyFingerprint,
  },
  expecting('an object: the fingerprints of the signing and personal-data keys (signing, personalData)'),
);

const ModelIdentity = z.strictObject(
  {
    id: text('the model id'),
    sha256: sha256("the model file's SHA-256 (64 hex digits)"),
    /** Written by in-process runs for a while (a scorer's model listed them); never read. */
    unseenCategories: z
      .array(
        z.strictObject(
          { feature: text('a feature name'), category: z.string(expecting('a category (a string)')) },
          expecting('an object: a feature and a category the model does not code'),
        ),
        expecting('an array of the categories the model does not code'),
      )
      .optional(),
  },
  expecting('an object: the model id and sha256'),
);

const RunOptions = z.strictObject(
  {
    out: text('the --out path as given'),
    errors: text('the --errors path as given'),
    suggestions: count('--suggestions'),
    maxRecordLines: positive('--max-record-lines'),
    batch: positive('--batch'),
    /** Null for a `--queue` run: `creditlift worker` processes decided it. */
    workers: z.int(expecting('the --workers count (a whole number, 1 or more), or null for a --queue run')).min(1).nullable(),
  },
  expecting('an object: the options that shape the output (out, errors, suggestions, maxRecordLines, batch, workers)'),
);

const QueueJob = z.strictObject(
  {
    /** The Redis URL, without its password. */
    url: text('the Redis URL'),
    job: text('the --job name'),
    ttlSeconds: positive('--job-ttl in seconds'),
    /**
     * The run's id in the job (its chunk keys are named `JOB@RUNID-cK`): a resume collects only that
     * run's chunks, and a cleanup removes only them, never those of another run that holds the job's
     * name now. Absent in manifests written before run ids (creditlift 0.1.0), whose job had none.
     */
    runId: text("the run's id in the job").optional(),
  },
  expecting('an object: the --queue job (url, job, ttlSeconds, runId)'),
);

const lineNumber = positive('an input line number');

/** Input lines `first` to `last`. */
const LineRange = z
  .strictObject({ first: lineNumber, last: lineNumber }, expecting('an object: a range of input lines (first, last)'))
  .superRefine((r, ctx) => {
    if (r.last < r.first)
      ctx.addIssue({
        code: 'custom',
        path: ['last'],
        input: r.last,
        message: `expected an input line number at or after first (${r.first}), received ${r.last}`,
      });
  });

/** Input lines left without an answer when a run ended. */
const UndecidedLines = z.strictObject(
  {
    /** Records in `lines` (a range may span blank lines or a CSV record's continuation lines). */
    records: count('the undecided records'),
    /** Their line ranges, in order (the first 1,000). */
    lines: z.array(LineRange, expecting('an array of line ranges')),
    /** Ranges past the first 1,000, not listed. */
    moreRanges: count('the ranges not listed').optional(),
    /**
     * The run stopped (interrupted, or failed) after reading this input line: the records after it
     * were not read, and those no earlier run answered are undecided too.
     */
    afterLine: count('the input line the run stopped after').optional(),
  },
  expecting('an object: the undecided records and their lines (records, lines)'),
);

/** What happened to an output along the way, summed over every run that wrote it. */
const RunEvents = z.strictObject(
  {
    /** Locks of runs killed with -9 that a run took over. */
    lockTakeovers: count('a count'),
    /** `--queue`: chunks gone from Redis before they were written, enqueued again. */
    chunksEnqueuedAgain: count('a count'),
    /** `--queue`: chunks that failed for good (refused, or failed every attempt). */
    chunksFailed: count('a count'),
    /** Unfinished last lines (an interrupted write) `--resume` cut. */
    linesCut: count('a count'),
    /** Lines `--resume` took out of the output because they were not output lines (a crash's NUL bytes, a damaged line). */
    unreadableLinesRemoved: count('a count'),
    /** Lines `--resume` took out because they repeated an answer already in the output, byte for byte. */
    repeatedLinesRemoved: count('a count'),
    /**
     * Answer lines `--resume` took out because they were not this run's answer for their input line
     * (a decision whose seal does not hold, made under another model, policy, catalog, engine or key,
     * or answering another record; a line naming no input record); their records were decided again.
     * Absent in manifests written before it was counted.
     */
    foreignAnswersRemoved: count('a count').optional(),
    /** Records `--resume` decided again because their answer line was missing (lines after them were answered). */
    missingAnswersDecidedAgain: count('a count'),
    /** Records `--resume` decided again because a failed worker had left them `worker_failed`. */
    workerFailedDecidedAgain: count('a count'),
  },
  expecting('an object: the counts of what happened to the output'),
);

/** What decided a run's records: `score` in process, a pool of `--workers N`, or `creditlift worker` processes of a `--queue` job. */
const DecidedBy = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('in-process') }),
    z.strictObject({ mode: z.literal('pool'), workers: positive('the pool size') }),
    z.strictObject({
      mode: z.literal('queue'),
      job: text('the --job name'),
      /** The workers whose chunks the run wrote (`host:pid`), with how many chunks each. */
      workers: z.record(z.string(), count('chunks written'), expecting('an object: chunks written by each worker')),
    }),
  ],
  expecting('an object: what decided the records (mode in-process, pool or queue)'),
);

/** Size and SHA-256 of a file as a run left it. */
const FileDigest = z.strictObject({ size: count('its size in bytes'), /** Hex SHA-256 of the whole file. */ sha256: sha256() });

/**
 * An output that is a device (`--errors /dev/null`): not read back, since it holds none of the
 * lines written to it (and /dev/zero or /dev/full read NUL bytes without end), so nothing can check
 * its bytes later.
 */
const DeviceOutput = z.strictObject({ /** What it is: 'a character device'. */ device: text('what device it is') });

/**
 * The size alone of a file as a run left it, when a signal stopped the run before it read the file
 * back for its digest (a size is known without reading the file). Blank lines added, or a line
 * removed, change it; a line replaced by one as long does not. Absent in manifests written before
 * creditlift recorded it: those runs recorded nothing of such a file.
 */
const FileSize = z.strictObject({
  size: count('its size in bytes'),
  // Named, so a digest's sha256 of another type is refused as a digest's field, not as a field no creditlift writes.
  sha256: z.never().optional(),
});

const WrittenFile = z.union(
  [FileDigest, DeviceOutput, FileSize],
  expecting('an object: the size and sha256 the run left, its size alone, or the device it wrote to'),
);

/**
 * The files a `score` run wrote, as they were when it recorded how it ended: its output, and its
 * `--errors` file when that is apart. The counts a manifest records cannot tell a decision line
 * swapped for another sealed decision (of another run, or the same applicant decided otherwise);
 * the bytes can, so `verify --manifest` and `report` compare them.
 */
const WrittenFiles = z.strictObject(
  {
    output: WrittenFile,
    /** Absent when the error lines went into the output. */
    errors: WrittenFile.optional(),
  },
  expecting('an object: the files the run left (output, errors)'),
);

/**
 * How the runs writing an output went, the part of `OUT.run.json` that `--resume` does not compare.
 * Written `running` as a run begins, so a run killed mid-way leaves it saying so, and rewritten
 * when the run ends (whole, as the manifest always is) with what it left.
 */
export const RunStatus = z.strictObject(
  {
    /**
     * `running` while a run writes (or when it was killed, or crashed, before it could say more);
     * `finished` when every input record is answered (exit 0 or 3); `incomplete` when it ended
     * with records unanswered or its output not to be trusted (`reason` says why).
     */
    state: z.enum(['running', 'finished', 'incomplete'], expecting('"running", "finished" or "incomplete"')),
    /** Runs that wrote this output: the first, and one per `--resume`. */
    runs: positive('the runs that wrote the output'),
    /** What decided the records of the latest run. */
    decidedBy: DecidedBy,
    events: RunEvents,
    /** The latest run's exit code (absent while running). */
    exitCode: z.int(expecting('an exit code (0 to 255)')).min(0).max(255).optional(),
    /** Why the run is incomplete. */
    reason: z.string(expecting('why the run is incomplete (a string)')).optional(),
    /** Decision lines in the output, every run's. */
    decisions: count('the decision lines').optional(),
    /** Error lines of records rejected as bad data, every run's (`worker_failed` lines not included). */
    rejected: count('the rejected records').optional(),
    /** `worker_failed` lines: records a failed worker left undecided (listed in `undecided` too). */
    workerFailed: count('the worker_failed lines').optional(),
    /** What no run answered yet; absent when nothing. */
    undecided: UndecidedLines.optional(),
    /**
     * The input line the input's last record starts on, once a run read the input to its end: no
     * answer line of the output names a higher one. Absent before, and in manifests written before
     * creditlift recorded it.
     */
    lastInputLine: count("the line of the input's last record").optional(),
    /**
     * The order of the input line numbers in the output (and in the errors file when apart, unless
     * `errorsLineOrder` says that file's):
     * `input`, each higher than the one before; `resumedDecidingAgain`, a resume decided records
     * below the highest line answered and wrote their answers after the rest. A resume records
     * `resumedDecidingAgain` before it writes the first such answer, so a run killed part-way
     * leaves it said; once said, every later run keeps it. Absent in manifests written before
     * creditlift recorded it, and in those a run of such a creditlift resumed (as a resume killed
     * before it ended recorded nothing of what it decided again, their order is not known).
     */
    lineOrder: z.enum(['input', 'resumedDecidingAgain'], expecting('"input" or "resumedDecidingAgain"')).optional(),
    /**
     * The order of the errors file's input line numbers when it is apart from the output, as
     * `lineOrder` says the output's: a resume that writes error lines out of order but decisions
     * in order leaves the output said in input order. When present, `lineOrder` is the output's
     * alone. Absent in manifests written before creditlift recorded each file's order (their
     * `lineOrder` is both files'), and when the error lines go into the output.
     */
    errorsLineOrder: z.enum(['input', 'resumedDecidingAgain'], expecting('"input" or "resumedDecidingAgain"')).optional(),
    /**
     * Size and SHA-256 of the output (and of the errors file when apart) as the run left them, so a
     * reader can tell the file is the run's byte for byte; their sizes alone when a signal stopped
     * the run before it read them back. Absent while running and in manifests written before
     * creditlift recorded them.
     */
    files: WrittenFiles.optional(),
  },
  expecting('an object: how the run went (state, runs, decidedBy, events...)'),
);

/** What `score` writes as `kind`: a JSON file without it is no run manifest. */
export const RUN_MANIFEST_KIND = 'creditlift-score-run';

/**
 * What `creditlift score` writes beside its output (`OUT.run.json`): everything a resumed run
 * must share with the run it continues, so no output ever mixes two inputs, models or policies,
 * and, in `status`, how the runs writing it went.
 */
export const RunManifest = z.strictObject({
  kind: z.literal(RUN_MANIFEST_KIND, expecting(JSON.stringify(RUN_MANIFEST_KIND))),
  version: z.literal(1, expecting('1')),
  input: InputFingerprint,
  format: z.enum(['csv', 'ndjson'], expecting('"csv" or "ndjson"')),
  model: ModelIdentity,
  policyHash: sha256("the policy's hash (64 hex digits)"),
  /**
   * The certificate catalog the decisions assessed evidence with (`--catalog`, else the default), as
   * every decision's `audit.catalogHash`. Absent in manifests written before `--catalog` existed:
   * those runs used the default catalog.
   */
  catalogHash: sha256("the certificate catalog's hash (64 hex digits)").optional(),
  /**
   * The creditlift version that made the decisions (as every decision's `audit.engineVersion`
   * says), so a run resumed after an upgrade is refused rather than mixing two engines' decisions.
   * Absent in manifests written before it was recorded.
   */
  engineVersion: text('the creditlift version').optional(),
  /** The `--features` module, or null for the built-in features. Absent in manifests written before `--features` existed. */
  features: FeaturesFingerprint.nullable().optional(),
  /** Which signing and personal-data keys the decisions were made under. Absent in manifests written before keys existed. */
  keys: KeyFingerprints.optional(),
  /**
   * Options that change what is written. `batch` and `workers` change only speed and are recorded,
   * not compared. `workers` is null for a `--queue` run: `creditlift worker` processes decided it,
   * and `status.decidedBy` names them.
   */
  options: RunOptions,
  /**
   * The `score --queue` job writing this output, until it finishes: a resume without `--queue`
   * removes the job's keys (the applicants' records and decisions) from that Redis. The URL holds
   * no password. Not compared on resume.
   */
  queue: QueueJob.optional(),
  /**
   * How the runs writing this output went: `running` from the moment a run begins, then whether it
   * finished and what it left undecided. Kept apart from the configuration above, which is what
   * `--resume` compares; never compared itself. Absent in manifests written before it was recorded.
   */
  status: RunStatus.optional(),
});
/** A run manifest as any creditlift wrote it; see {@link RunManifest}. */
export type RunManifest = DeepReadonly<z.infer<typeof RunManifest>>;
/** See {@link RunStatus}. */
export type RunStatus = DeepReadonly<z.infer<typeof RunStatus>>;
/** What happened to an output along the way, summed over every run that wrote it. */
export type RunEvents = RunStatus['events'];
/** What decided a run's records. */
export type DecidedBy = RunStatus['decidedBy'];
/** Input lines left without an answer when a run ended. */
export type UndecidedLines = NonNullable<RunStatus['undecided']>;
/** The files a `score` run wrote, as they were when it recorded how it ended. */
export type WrittenFiles = NonNullable<RunStatus['files']>;
/** Size and SHA-256 of a file as a run left it. */
export type FileDigest = DeepReadonly<z.infer<typeof FileDigest>>;
/** The size alone of a file a run left, its digest not read. */
export type FileSize = DeepReadonly<z.infer<typeof FileSize>>;
/** What a run recorded of one of its files: digest, size alone, or the device it is. */
export type WrittenFile = WrittenFiles['output'];
/** An output that is a device, not read back. */
export type DeviceOutput = DeepReadonly<z.infer<typeof DeviceOutput>>;
