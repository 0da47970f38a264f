import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApplicantInputWith, BatchDecideOptions, BatchResult, Scorer, ScorerOptions } from '../decision/createScorer.js';
import type { FeatureSet } from '../features/featureSet.js';
import type { ApplicantInput } from '../schema/applicant.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { cloneableRecords } from './cloneableRecords.js';
import { toErrorData } from '../decision/toErrorData.js';
import { readBatchElement } from '../schema/readBatchElement.js';
import { readModelOnce } from './readModelOnce.js';
import { poolProofsFor, poolProofsKey, rememberPoolProofs } from './poolModelProofs.js';
import { scorerWorkerEntry } from './scorerWorkerEntry.js';
import { featuresModuleIssues } from '../features/featuresModuleIssues.js';
import { reviveError, type WorkerErrorData } from './workerErrorData.js';
import { toJsonResult, type BatchResultJson } from './batchResultJson.js';
import { createValueUnpacker } from './packedValues.js';
import type { BatchTaskMessage, FromWorkerMessage, InitMessage, WorkerIdentity } from './workerMessages.js';
import { patchesOfRecord, patchRecords, type RecordPatch } from './workerRecordPatches.js';
import { POOL_CRASH_LOOP_STARTS, restartDelayMs } from './workerRestartDelay.js';
import { abortedError } from '../decision/abortedError.js';
import { watchAbort } from './watchAbort.js';
import { nodeRefusedFlagIssues } from './nodeRefusedFlagIssues.js';
import { workerExecArgvIssues } from './workerExecArgv.js';
import { workerFlagsDenyingScorerIssues } from './workerFlagsDenyingScorer.js';
import { workerNodeOptions, type StrippedNodeOption } from './workerNodeOptions.js';
import { checkLimitHistories } from '../decision/limitHistories.js';
import { BATCH_OPTION_KEYS, readCallOptions, REASSESS_BATCH_OPTION_KEYS, SCORER_OPTION_KEYS } from '../decision/checkOptionKeys.js';
import type { ReassessBatchOptions } from '../decision/reassessBatch.js';
import { keyIssues } from '../decision/scorerKeys.js';
import { everyKeyOf, nullOptionIssues, typeNameOf } from '../errors/argumentIssues.js';
import { readOptions } from '../errors/readOptions.js';
import { warnOnce } from '../common/warnOnce.js';

/** What a feature set's callers write in `applicant.attributes` (its `TAttributesInput`). */
type AttributesInputOf<F> = F extends FeatureSet<never, infer I> ? I : never;

/** Options of {@link createScorerPool}; every one has a default. */
export interface ScorerPoolOptions {
  /** Worker processes, each with its own scorer and model session. Default `os.availableParallelism()`. */
  readonly workers?: number;
  /**
   * Options for every worker's scorer. They are copied to each process, so they must be
   * structured-cloneable: give the model as a path or bytes, not a `LoadedModel`. The pool reads
   * a path once and hands every worker the same bytes.
   */
  readonly scorer?: ScorerOptions;
  /** Records per task sent to a worker. Default 256: large enough to batch runtime calls, small enough to balance load. */
  readonly chunkSize?: number;
  /**
   * A task not answered within this many milliseconds of when its worker could start it (when it
   * was sent to an idle worker, or when the task before it on that worker was answered) counts as
   * a hung worker: the worker is killed and replaced, and the task's records are retried. Size it
   * for one chunk. Default 60000; 0 waits forever.
   */
  readonly taskTimeoutMs?: number;
  /**
   * A worker not ready (its scorer loaded) within this many milliseconds of its start is killed.
   * While the pool is created, creation then fails with CreditliftError `pool_unavailable` naming
   * the deadline; a replacement started later counts as a worker that stopped before it was ready
   * (see {@link ScorerPool.decideBatch}). Without it a worker stuck before its script runs (a loader
   * or an `--import` that never finishes) held the pool's creation forever. Size it for a worker's
   * start on a busy machine (about 1-5 s). Default 60000; 0 waits forever.
   */
  readonly startTimeoutMs?: number;
  /**
   * Path of an ES module exporting the lender's feature set (`defineFeatureSet(...)`, as default or
   * `features`): feature sets hold functions, which cannot be sent to a process, so every worker
   * imports the module itself. The pool loads it once first, in the calling process, and refuses
   * (ValidationError naming `featuresModule`) a path with no file, a module that fails to load, or
   * one that exports no feature set, before any worker starts. Workers run plain `node` with
   * {@link ScorerPoolOptions.workerExecArgv}, not this process's loaders: a TypeScript module this
   * process loads through tsx needs `workerExecArgv: ['--import', 'tsx']` (or the module compiled to
   * JavaScript), else the first worker refuses it (the same ValidationError, saying so, about a
   * second later, still before the pool resolves: no work is taken until every worker has loaded it).
   * Default: the built-in features.
   */
  readonly featuresModule?: string;
  /** Path or URL of the worker script, for bundles that move it. Default: `scorerWorker` beside the pool's own module. */
  readonly workerEntry?: string | URL;
  /**
   * Node flags for every worker process, after the pool's own (e.g. `['--max-semi-space-size=32']`
   * to trade worker memory for less garbage-collection work, `['--import', 'tsx']` for a TypeScript
   * `featuresModule`). An option Node documents with a value (`--import`, `--require`/`-r`,
   * `--conditions`/`-C`, `--title`: each one `node --help` writes with `=...`) may take it as the next element or
   * after `=`, a V8 option (`--stack-size=1000`) only after `=`; any other element must be a flag
   * (Node would run it as the worker's script), and a flag that runs code in place of the worker
   * (`--eval`/`-e`, `--print`/`-p`, `--run`) is refused in every form, as is one that stops the
   * worker's script or runs it as something else (`--check`/`-c`, `--help`/`-h`, `--version`/`-v`,
   * `--v8-options`, `--completion-bash`, `--prof-process`, `--test`, `--watch`, `--watch-path`,
   * `--build-snapshot`, `--snapshot-blob`), or holds it for a debugger (`--inspect-brk`, `--inspect-wait`; plain
   * `--inspect` is taken), or reads more flags from a file (`--env-file`: load an env file in the
   * calling process, whose environment the workers inherit). The flags are then put to the running node (`node FLAGS --version`): one it
   * does not take (a newer node's, a misspelt one, a bad value) is refused by name and index, with
   * node's words, before any worker starts. Default: none. The pool's own:
   * `--single-threaded-gc` when there are at least as many workers as cores (see
   * {@link workerGcFlags}); `['--no-single-threaded-gc']` here turns it off.
   *
   * Workers also read `NODE_OPTIONS` from the environment, as every child process does, and keep
   * its flags, but for those that would hold or replace their run (`--inspect-brk`,
   * `--inspect-wait`, `--watch`, `--watch-path`): meant for the calling process (`NODE_OPTIONS=--inspect-brk
   * node app.js` debugs app.js), they are taken out of the workers' copy, each named in a process
   * warning (code `CREDITLIFT_POOL_NODE_OPTIONS`), once per value. A `NODE_OPTIONS` node does not
   * take (set at run time) is refused, a ValidationError at `NODE_OPTIONS` naming the flag, and so are
   * flags there that leave no worker able to run the scorer (`--no-addons`, the permission model
   * without `--allow-addons` or `--allow-fs-read`, `--experimental-policy`), read with this option as
   * Node reads them (`NODE_OPTIONS` first), and `--allow-fs-read` paths in either place that leave out
   * a file every worker reads (its script, the pool's preload, onnxruntime-node), named.
   */
  readonly workerExecArgv?: readonly string[];
}

/**
 * Scorers in worker processes behind one `decideBatch`. `TInput` is the record `decideBatch` takes,
 * as in `Scorer<TInput>`: `ApplicantInput`, or with a lender feature set's attributes for a pool
 * created as `createScorerPool<typeof features>({ featuresModule })`.
 */
export interface ScorerPool<TInput = ApplicantInput> {
  /**
   * Number of worker processes the pool keeps (its `workers` option). A worker that stops is
   * replaced; {@link ScorerPool.workerPids} lists the processes running now.
   */
  readonly size: number;
  /**
   * The one model every worker of this pool scores with: `name@version`, the SHA-256 of its bytes,
   * and the categories its lender features declare that it does not code (see `Scorer.model`).
   */
  readonly model: Scorer['model'];
  /** Hash of the policy every worker applies (as in each decision's `audit.policyHash`). */
  readonly policyHash: string;
  /** Hash of the certificate catalog every worker assesses evidence with (as in each decision's `audit.catalogHash`). */
  readonly catalogHash: string;
  /**
   * Decides many applicants across the workers: the same results, in the same order, as
   * `scorer.decideBatch`. A bad record gets its own error. Records on a worker that dies, hangs
   * or fails are retried once, one by one, on another worker (a replacement is started for every
   * worker that stops); a record that fails again gets `worker_failed`. The call rejects for a
   * worker's fault only when no worker can start at all (`pool_unavailable`).
   * Typed like `scorer.decideBatch`: a misspelled field is a compile error; every record is
   * still validated in its worker. For records of unknown shape use {@link ScorerPool.safeDecideBatch}.
   * @throws ValidationError when the input is not an array or the options are invalid (as in process).
   * @throws CreditliftError `pool_unavailable` while every worker keeps stopping before it is ready
   *   (each 3 times in a row or more): the message names how the last one stopped.
   *   The pool keeps starting them, backing off, and decides again once one is ready.
   */
  decideBatch(applicants: readonly TInput[], options?: BatchDecideOptions): Promise<BatchResult[]>;
  /**
   * {@link ScorerPool.decideBatch} for records of unknown shape (parsed NDJSON, a queue): each
   * record is validated in its worker and a bad one gets its own error, as in `scorer.safeDecideBatch`.
   */
  safeDecideBatch(inputs: readonly unknown[], options?: BatchDecideOptions): Promise<BatchResult[]>;
  /**
   * The same, with each decision returned as its JSON text (exactly `JSON.stringify(decision)`)
   * plus its outcome and limit. For callers that write results out (files, queues, HTTP): the
   * workers serialise, and this process never rebuilds decision objects, so the pool scales with
   * cores instead of stalling on the process that receives the results.
   */
  decideBatchJson(applicants: readonly TInput[], options?: BatchDecideOptions): Promise<BatchResultJson[]>;
  /** {@link ScorerPool.decideBatchJson} for records of unknown shape, as {@link ScorerPool.safeDecideBatch}. */
  safeDecideBatchJson(inputs: readonly unknown[], options?: BatchDecideOptions): Promise<BatchResultJson[]>;
  /**
   * Reassesses many across the workers: each item `{ prior, update, onFile? }` (a `ReassessItem`) is
   * `scorer.reassess(prior, update, { onFile })` in a worker, one result per item in order, as
   * `scorerReassessBatch(scorer)` gives in process. An item refused (a prior that does not verify or
   * is not the line's latest by its `onFile`, a bad update, a field that cannot be read, a key it
   * does not take, not an object) gets its own error; a worker's failure is retried and reported as
   * in {@link ScorerPool.decideBatch}.
   * A reassessment of a line on file (a book of existing customers) under a new policy, on every core.
   * `options` as `scorerReassessBatch`'s ({@link ReassessBatchOptions}: `suggestions` for each item,
   * in place of the scorer's count; `signal`), each result the one in process gives.
   * @throws ValidationError when `items` is not an array or an option is not one it reads (or a count
   *   out of range); CreditliftError `pool_unavailable` as `decideBatch`.
   */
  safeReassessBatch(items: readonly unknown[], options?: ReassessBatchOptions): Promise<BatchResult[]>;
  /**
   * Process ids of the worker processes running now, ready or still starting (for monitoring; a
   * replaced worker has a new id). Fewer than {@link ScorerPool.size} while a replacement waits to start.
   */
  workerPids(): readonly number[];
  /** Finishes the batches under way, then stops every worker. Further calls throw. */
  close(): Promise<void>;
}

const DEFAULT_CHUNK_SIZE = 256;
const DEFAULT_TASK_TIMEOUT_MS = 60_000;
/** Tasks queued on one worker: two, so it starts the next while the pool reads the last one's results. */
const TASKS_PER_WORKER = 2;
/** While the pool is created, a worker that stops is started again this many times in a row; then creation fails. */
const MAX_RESTARTS_WHILE_CREATING = 3;
/** How long a worker asked to stop may take to release its session before it is killed. */
const CLOSE_GRACE_MS = 10_000;
const DEFAULT_START_TIMEOUT_MS = 60_000;

interface Task {
  readonly id: number;
  readonly base: number;
  /** Replaced, with `patches`, when cloning refuses some record of it (see cloneableRecords); retries reuse both. */
  applicants: readonly unknown[];
  /** The call's options for this task's records (`limitHistories` cut to them). */
  readonly options: BatchDecideOptions | undefined;
  readonly call: BatchCall;
  /** 0 on first sending; 1 for a record retried alone after its worker failed. */
  readonly attempt: 0 | 1;
  /** The worker process a retried record must not go back to, while another is available. */
  readonly failedOn?: number;
  /** Results known before sending (holes, unreadable elements), by index within the task. */
  readonly presettled: ReadonlyMap<number, BatchResult>;
  /** Values cloning would change or refuse, put back by the worker (see workerRecordPatches). */
  patches: readonly RecordPatch[];
}

/** One `decideBatch`, `decideBatchJson` or `safeReassessBatch` call: its results fill in as tasks come back. */
interface BatchCall {
  readonly format: 'objects' | 'json';
  /** What its workers do with each element: decide it (an applicant), or reassess it (`{ prior, update }`). */
  readonly kind: 'decide' | 'reassess';
  readonly results: (BatchResult | BatchResultJson)[];
  /** Records still without a result. */
  remaining: number;
  failed: boolean;
  resolve(results: (BatchResult | BatchResultJson)[]): void;
  reject(error: unknown): void;
}

interface HeldTask {
  readonly task: Task;
  /** Results settled on this side for records that could not be cloned, by index within the task. */
  readonly settled: ReadonlyMap<number, BatchResult>;
  /** Armed once the worker can be working on this task (see `armTimer`); unset while it waits behind another. */
  timer: NodeJS.Timeout | undefined;
}

interface Slot {
  child: ChildProcess | undefined;
  ready: boolean;
  readonly tasks: Map<number, HeldTask>;
  /** Workers of this slot that stopped before they were ready, in a row; 0 once one is ready. */
  failedStarts: number;
  /** The slot's next start, when it is put off (the slot is crash-looping). */
  restart: { readonly timer: NodeJS.Timeout; readonly at: number } | undefined;
  /** Kills the slot's worker if it is not ready by the start deadline (`startTimeoutMs`); unset once it is. */
  startTimer: NodeJS.Timeout | undefined;
  lastError: unknown;
}

/** How the latest worker to stop stopped, for the error that names the cause. */
interface WorkerStop {
  readonly how: string;
  readonly error: unknown;
}

/**
 * The garbage-collector flags the pool gives its workers: `--single-threaded-gc` when `workers`
 * is at least `cores`, none otherwise. V8 runs parts of each collection on helper threads; with
 * every core already busy with a worker (and the calling process) those threads only compete with
 * the workers and each other. Measured on 2 cores, 2 workers, 4,096-record batches, alternating
 * rounds in one process (bench/compare/poolGcFlags.mjs, bench/RESULTS.md): 9-40% more decisions a
 * second in four runs, while one worker, which has a spare core for its helpers, gained nothing
 * (-4% to +2%), so it gets none.
 */
export function workerGcFlags(workers: number, cores: number): string[] {
  return workers >= cores ? ['--single-threaded-gc'] : [];
}

/**
 * Starts a pool of worker processes, each loading its own scorer from the same model bytes (read
 * once here), and resolves once every worker has loaded them. A chunk of records goes to
 * whichever worker is free, so the workers stay busy even when records differ in cost.
 *
 * Workers are processes, not threads: onnxruntime's native binding cannot survive a thread being
 * stopped inside a run (the whole process aborts), while a process can always be killed alone.
 * So a worker that crashes, hangs or is killed never takes the caller down; its records are
 * retried and, failing again, reported as `worker_failed`, never lost.
 *
 * @throws ValidationError for invalid options, among them a `featuresModule` no worker could use
 *   (no file at its path, a module that fails to load, no feature set exported), found by loading
 *   it here before any worker starts; `model_load_failed` when the model cannot be read;
 *   the worker's own error (e.g. `model_shape_mismatch`) when a scorer cannot start.
 * @example
 * const pool = await createScorerPool({ workers: 2, scorer: { suggestionsPerDecision: 0 } });
 * const results = await pool.decideBatch(applicants);
 * await pool.close();
 */
export async function createScorerPool(options?: ScorerPoolOptions): Promise<ScorerPool>;
/**
 * With the type of the lender's feature set, which `featuresModule` exports: `decideBatch` takes
 * applicants carrying its attributes, typed by the lender's schema, as `createScorer({ features })`'s
 * `decide` does. The module is only named here (functions cannot reach workers), so the type is
 * given by hand: `createScorerPool<typeof features>({ featuresModule: './features.js' })`, with
 * `import type { features } from './features.js'`. Every record is still validated in its worker
 * against the module the workers load.
 */
export async function createScorerPool<TFeatures extends FeatureSet<never, unknown>>(
  options: ScorerPoolOptions & { readonly featuresModule: string },
): Promise<ScorerPool<ApplicantInputWith<AttributesInputOf<TFeatures>>>>;
export async function createScorerPool(options: ScorerPoolOptions = {}): Promise<ScorerPool> {
  // Every option from here on is the checked copy's: the caller's object is read once, in checkOptions.
  const {
    workers: size,
    chunkSize,
    taskTimeoutMs,
    startTimeoutMs,
    scorer,
    workerExecArgv,
    workerEntry,
    featuresModule,
    nodeOptions,
  } = await checkOptions(options);
  warnStripped(nodeOptions.stripped);
  const entry = scorerWorkerEntry(workerEntry, featuresModule);
  const execArgv = [...parentWatchFlags(), ...entry.execArgv, ...workerGcFlags(size, availableParallelism()), ...workerExecArgv];
  // Across NODE_OPTIONS and workerExecArgv, as each worker gets both, against the files it reads: before any worker starts.
  const denying = await workerFlagsDenyingScorerIssues(nodeOptions.value, workerExecArgv, { script: entry.script, execArgv, featuresModule });
  if (denying.length > 0) throw new ValidationError('ScorerPoolOptions', denying);
  const model = await readModelOnce(scorer.model);
  const init: InitMessage = {
    type: 'init',
    scorer: { ...scorer, model: model.bytes },
    ...(featuresModule === undefined ? {} : { featuresModule: resolve(featuresModule) }),
  };
  // What an earlier worker started the same way proved about these bytes (see poolModelProofs).
  const proofsKey = poolProofsKey(entry.script, execArgv, nodeOptions.value, model.sha256);
  const unpack = createValueUnpacker();
  const slots: Slot[] = [];
  const queue: Task[] = [];
  const calls = new Set<Promise<unknown>>();
  let nextTaskId = 0;
  let closing: Promise<void> | undefined;
  let stopping = false;
  let identity: WorkerIdentity | undefined;
  let lastStop: WorkerStop | undefined;
  // Until every first worker is ready, a worker that stops fails the pool's creation instead of being replaced.
  let starting: { slotReady(): void; reject(e: unknown): void } | undefined;

  const live = (s: Slot) => s.ready && s.child !== undefined;
  const crashLooping = (s: Slot) => s.failedStarts >= POOL_CRASH_LOOP_STARTS;
  /** No worker is ready and none is expected soon: every slot's workers keep stopping before they are ready. */
  const unavailable = () => !stopping && slots.every(crashLooping);
  /** A retried record goes alone to a worker other than the one it failed on, when there is one. */
  const fits = (slot: Slot, task: Task): boolean => {
    if (task.attempt === 0) return true;
    if (slot.tasks.size > 0) return false;
    return task.failedOn !== slot.child?.pid || !slots.some((s) => s !== slot && !crashLooping(s));
  };
  const holdsRetry = (slot: Slot) => [...slot.tasks.values()].some((h) => h.task.attempt === 1);

  const pump = (): void => {
    for (const slot of slots) {
      while (live(slot) && slot.tasks.size < TASKS_PER_WORKER && !holdsRetry(slot)) {
        const k = queue.findIndex((t) => fits(slot, t));
        if (k < 0) break;
        const [task] = queue.splice(k, 1) as [Task];
        if (!task.call.failed) send(slot, task);
      }
    }
    if (queue.length > 0 && unavailable()) {
      // No worker can take what is queued, maybe for a long time: each call says so as a whole,
      // rather than every record coming back `worker_failed` (bad records included) in a call a
      // retry could never fix.
      for (const task of queue.splice(0)) failCall(task.call, unavailableError());
    }
  };

  const unavailableError = (): CreditliftError => {
    const due = slots.flatMap((s) => (s.restart === undefined ? [] : [s.restart.at]));
    const next = due.length === 0 ? 'one is starting now' : `the next start in ${Math.max(0, Math.ceil((Math.min(...due) - Date.now()) / 1000))} s`;
    const last = lastStop === undefined ? '' : ` (the last: ${lastStop.how})`;
    return new CreditliftError(
      'pool_unavailable',
      `No scorer worker can start: each of the pool's ${size} worker${size === 1 ? '' : 's'} stopped before it was ready, ${POOL_CRASH_LOOP_STARTS} times in a row or more${last}. The pool keeps starting them, backing off (${next}), and decides again once one is ready`,
      { cause: lastStop?.error },
    );
  };

  const send = (slot: Slot, task: Task): void => {
    const child = slot.child as ChildProcess;
    const msg: BatchTaskMessage = {
      type: 'batch',
      id: task.id,
      base: task.base,
      applicants: task.applicants,
      ...(task.patches.length === 0 ? {} : { patches: task.patches }),
      ...(task.options === undefined ? {} : { options: task.options }),
      ...(task.call.format === 'json' ? { format: 'json' as const } : {}),
      ...(task.call.kind === 'reassess' ? { kind: 'reassess' as const } : {}),
    };
    const settled: ReadonlyMap<number, BatchResult> = task.presettled;
    if (!child.connected) {
      // The worker is going away: its exit handler retries what it holds.
      slot.tasks.set(task.id, { task, settled, timer: undefined });
      return;
    }
    try {
      child.send(msg);
    } catch {
      // Cloning refused some record (a live Proxy, a root that cannot be read): each such record is
      // made cloneable on its own, so it cannot sink its chunk-mates; the task keeps the result for retries.
      const chunk = cloneableRecords(task.applicants);
      task.applicants = chunk.applicants;
      task.patches = [...task.patches, ...chunk.patches];
      try {
        child.send({ ...msg, applicants: task.applicants, ...(task.patches.length === 0 ? {} : { patches: task.patches }) });
      } catch (e) {
        // The options themselves cannot be cloned: the call fails as a whole, as in-process it would.
        failCall(
          task.call,
          new ValidationError('decideBatch options', [{ path: [], code: 'invalid_type', message: `options must be plain data: ${describe(e)}` }]),
        );
        return;
      }
    }
    slot.tasks.set(task.id, { task, settled, timer: undefined });
    armTimer(slot);
  };

  /**
   * Starts the hang timer of the task a worker is now working on: the oldest it holds. A task
   * queued behind another is not timed yet (the worker answers in order, and its clock would run
   * while the worker is busy on the first, killing a healthy worker as hung); it is timed once the
   * one before it is answered.
   */
  const armTimer = (slot: Slot): void => {
    const child = slot.child;
    if (taskTimeoutMs === 0 || child === undefined) return;
    const [first] = slot.tasks;
    if (first === undefined || first[1].timer !== undefined) return;
    const [taskId, held] = first;
    held.timer = setTimeout(() => hung(slot, child, taskId), taskTimeoutMs);
  };

  const hung = (slot: Slot, child: ChildProcess, taskId: number): void => {
    if (slot.child !== child || !slot.tasks.has(taskId)) return;
    slot.lastError = new Error(`no answer within ${taskTimeoutMs} ms`);
    // Killing a process is always safe, even inside a native call: the exit handler retries its records.
    child.kill('SIGKILL');
  };

  const onMessage = (slot: Slot, msg: FromWorkerMessage): void => {
    if (msg.type === 'ready') {
      const mismatch =
        identity !== undefined &&
        (msg.model.sha256 !== identity.model.sha256 || msg.policyHash !== identity.policyHash || msg.catalogHash !== identity.catalogHash);
      if (msg.model.sha256 !== model.sha256 || mismatch) {
        // Cannot happen with the same bytes and options; if it ever does, no decision may name two models.
        slot.lastError = new CreditliftError(
          'internal_error',
          `a worker loaded model ${msg.model.sha256} / policy ${msg.policyHash} / catalog ${msg.catalogHash}, not the pool's ${model.sha256}`,
        );
        // Not ready: it counts as a failed start, so a slot that keeps doing this backs off and says so.
        slot.child?.kill('SIGKILL');
        return;
      }
      identity ??= { model: msg.model, policyHash: msg.policyHash, catalogHash: msg.catalogHash };
      if (msg.proofs?.sha256 === model.sha256 && poolProofsFor(proofsKey) === undefined) rememberPoolProofs(proofsKey, msg.proofs);
      clearTimeout(slot.startTimer);
      slot.startTimer = undefined;
      slot.ready = true;
      slot.failedStarts = 0;
      starting?.slotReady();
    } else if (msg.type === 'init_failed') {
      // The worker exits next; its exit handler reports or replaces it.
      slot.lastError = reviveError(msg.error);
    } else {
      const held = slot.tasks.get(msg.id);
      slot.tasks.delete(msg.id);
      armTimer(slot);
      if (held !== undefined) {
        clearTimeout(held.timer);
        if (msg.type === 'results') completeTask(held.task, msg.results, held.settled);
        else if (msg.type === 'packed_results') {
          let results: BatchResult[] | undefined;
          try {
            results = unpack(msg.packed) as BatchResult[];
          } catch (e) {
            retryOrFail(held.task, held.settled, `sent results that could not be read (${describe(e)})`, slot.child?.pid);
          }
          if (results !== undefined) completeTask(held.task, results, held.settled);
        } else if (refusesWholeCall(msg.error)) failCall(held.task.call, reviveError(msg.error));
        else retryOrFail(held.task, held.settled, `failed (${msg.error.code}: ${msg.error.message})`, slot.child?.pid);
      }
    }
    pump();
  };

  const onExit = (slot: Slot, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void => {
    const wasReady = slot.ready;
    clearTimeout(slot.startTimer);
    slot.startTimer = undefined;
    slot.ready = false;
    slot.child = undefined;
    const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
    if (starting !== undefined) {
      // A worker killed while starting is started again; one whose scorer could not load (init_failed) fails the pool's creation.
      slot.failedStarts += 1;
      if (!(slot.lastError instanceof CreditliftError) && slot.failedStarts <= MAX_RESTARTS_WHILE_CREATING) {
        start(slot);
        return;
      }
      starting.reject(
        slot.lastError instanceof CreditliftError
          ? slot.lastError
          : // No worker can start: the pool's own code for it (worker_failed is a record's: decided by no worker, rerun it).
            new CreditliftError(
              'pool_unavailable',
              `No scorer worker could start: one stopped ${slot.failedStarts} times in a row while starting (${how}): ${describe(slot.lastError)}`,
              { cause: slot.lastError },
            ),
      );
      return;
    }
    const lost = [...slot.tasks.values()];
    slot.tasks.clear();
    const stopped = `${how}${slot.lastError === undefined ? '' : `: ${describe(slot.lastError)}`}`;
    lastStop = { how: `${wasReady ? 'a worker' : 'a worker starting up'} stopped by ${stopped}`, error: slot.lastError };
    const why = `worker stopped (${stopped}) before answering`;
    for (const held of lost) {
      clearTimeout(held.timer);
      retryOrFail(held.task, held.settled, why, child.pid);
    }
    // Every worker that stops is replaced: at once, or, while the slot's workers keep stopping
    // before they are ready, after a delay that grows (never given up: the pool recovers by itself).
    if (!stopping) {
      if (!wasReady) slot.failedStarts += 1;
      const delay = restartDelayMs(slot.failedStarts);
      if (delay === 0) start(slot);
      else {
        // Unref'd: a put-off start alone does not keep the caller's process alive.
        const timer = setTimeout(() => {
          slot.restart = undefined;
          if (!stopping) start(slot);
        }, delay).unref();
        slot.restart = { timer, at: Date.now() + delay };
      }
    }
    pump();
  };

  const start = (slot: Slot): void => {
    // The NODE_OPTIONS checked at creation, for every worker alike: this process's own may hold flags meant for it alone.
    const { NODE_OPTIONS: _own, ...env } = process.env;
    const child = fork(entry.script, [], {
      execArgv,
      env: nodeOptions.value === undefined ? env : { ...env, NODE_OPTIONS: nodeOptions.value },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    slot.child = child;
    slot.lastError = undefined;
    if (startTimeoutMs > 0) slot.startTimer = setTimeout(() => notReadyInTime(slot, child), startTimeoutMs);
    child.on('message', (msg: FromWorkerMessage) => {
      if (slot.child === child) onMessage(slot, msg);
    });
    child.on('error', (e) => {
      slot.lastError ??= e;
    });
    // A stale worker's late exit must not touch the slot's replacement.
    child.on('exit', (code, signal) => {
      if (slot.child === child) onExit(slot, child, code, signal);
    });
    try {
      const proofs = poolProofsFor(proofsKey);
      child.send(proofs === undefined ? init : { ...init, proofs });
    } catch (e) {
      slot.lastError = e;
      child.kill('SIGKILL');
    }
  };

  const notReadyInTime = (slot: Slot, child: ChildProcess): void => {
    if (slot.child !== child || slot.ready) return;
    slot.lastError = new CreditliftError(
      'pool_unavailable',
      `No scorer worker could start: worker ${child.pid ?? '(no pid)'} was not ready within ${startTimeoutMs} ms of its start (startTimeoutMs) and was killed; it had not loaded its scorer: a module or loader its flags load (workerExecArgv, NODE_OPTIONS) that never finishes, or a machine too busy for the deadline`,
    );
    child.kill('SIGKILL');
  };

  const failCall = (call: BatchCall, error: unknown): void => {
    if (call.failed) return;
    call.failed = true;
    call.reject(error);
  };

  const completeTask = (task: Task, results: readonly (BatchResult | BatchResultJson)[], settled: ReadonlyMap<number, BatchResult>): void => {
    const { call } = task;
    if (call.failed) return;
    // Results made on this side (unclonable records, a failed worker) take the call's format too.
    const own = (r: BatchResult) => (call.format === 'json' ? toJsonResult(r) : r);
    results.forEach((r, i) => {
      const here = settled.get(i);
      call.results[task.base + i] = here === undefined ? r : own(here);
    });
    call.remaining -= results.length;
    if (call.remaining === 0) call.resolve(call.results);
  };

  const failTask = (task: Task, settled: ReadonlyMap<number, BatchResult>, why: string): void => {
    const error = { code: 'worker_failed' as const, message: `Not decided: the scorer ${why}; rerun this record` };
    const failed = task.applicants.map((_, i): BatchResult => ({ ok: false, index: task.base + i, error }));
    completeTask(
      task,
      failed.map((r) => (task.call.format === 'json' ? toJsonResult(r) : r)),
      settled,
    );
  };

  /**
   * A task its worker could not answer: on the first failure each record is retried alone (so one
   * poisonous record cannot sink its chunk-mates twice); on the second it gets `worker_failed`.
   */
  const retryOrFail = (task: Task, settled: ReadonlyMap<number, BatchResult>, why: string, pid: number | undefined): void => {
    if (task.call.failed) return;
    if (task.attempt === 1) {
      failTask(task, settled, `${why}, twice`);
      return;
    }
    const retries: Task[] = [];
    task.applicants.forEach((applicant, i) => {
      const here = settled.get(i);
      if (here !== undefined) completeTask({ ...task, base: task.base + i, applicants: [applicant] }, [here], new Map());
      else
        retries.push({
          id: nextTaskId++,
          base: task.base + i,
          applicants: [applicant],
          options: optionsFor(task.options, i, 1),
          call: task.call,
          attempt: 1,
          presettled: new Map(),
          patches: patchesOfRecord(task.patches, i),
          ...(pid === undefined ? {} : { failedOn: pid }),
        });
    });
    queue.unshift(...retries);
  };

  try {
    await new Promise<void>((resolve, reject) => {
      // Resolved once every slot's worker is ready at the same time (a slot whose first worker was
      // ready, then stopped, is waited for again).
      starting = { slotReady: () => slots.every(live) && resolve(), reject };
      for (let i = 0; i < size; i++) {
        const slot: Slot = {
          child: undefined,
          ready: false,
          tasks: new Map(),
          failedStarts: 0,
          restart: undefined,
          startTimer: undefined,
          lastError: undefined,
        };
        slots.push(slot);
        start(slot);
      }
    });
  } catch (e) {
    stopping = true;
    closing = Promise.resolve();
    await Promise.all(slots.map(stopWorker));
    throw e;
  } finally {
    starting = undefined;
  }
  const ready = identity as WorkerIdentity | undefined;
  if (ready === undefined) throw new CreditliftError('internal_error', 'the scorer pool started without a worker identity');

  const submit = (
    applicants: readonly unknown[],
    given: BatchDecideOptions | ReassessBatchOptions | undefined,
    format: BatchCall['format'],
    kind: BatchCall['kind'] = 'decide',
  ): Promise<(BatchResult | BatchResultJson)[]> => {
    if (closing !== undefined)
      return Promise.reject(new CreditliftError('scorer_closed', 'The scorer pool has been closed (close()); create another to decide'));
    // In process order: the options (unknown keys, a signal that is not one), an aborted signal,
    // then the input (an aborted call decides nothing, even an empty one).
    let opts: BatchDecideOptions | ReassessBatchOptions | undefined;
    try {
      // A bad count is refused here, before any record is sent, with the error in-process gives.
      // Read once, into a plain copy that every chunk's options are cut from.
      opts =
        kind === 'reassess'
          ? readCallOptions(given, REASSESS_BATCH_OPTION_KEYS, 'reassessBatch options')
          : readCallOptions(given, BATCH_OPTION_KEYS, 'decideBatch options');
    } catch (e) {
      return Promise.reject(e);
    }
    const signal = opts?.signal;
    if (signal?.aborted) return Promise.reject(abortedError(signal));
    if (!Array.isArray(applicants)) {
      return Promise.reject(
        kind === 'reassess'
          ? new ValidationError('reassessBatch input', [
              { path: [], code: 'invalid_type', message: 'expected an array of { prior, update }', expected: 'array' },
            ])
          : new ValidationError('decideBatch input', [{ path: [], code: 'invalid_type', message: 'expected an array of applicants', expected: 'array' }]),
      );
    }
    // Refused as a whole here, as in process: the list is cut per chunk below, which would hide a wrong length.
    try {
      checkLimitHistories(opts !== undefined && 'limitHistories' in opts ? opts.limitHistories : undefined, applicants.length);
    } catch (e) {
      return Promise.reject(e);
    }
    // A valid call the pool cannot serve now is told so, every time, until a worker is ready again.
    if (unavailable()) return Promise.reject(unavailableError());
    if (applicants.length === 0) return Promise.resolve([]);
    // The signal stays here (it cannot cross to a worker): when it fires the call rejects at once;
    // its queued chunks are never sent and answers to those in flight are dropped.
    const { signal: _kept, ...sent } = opts ?? {};
    const options: BatchDecideOptions | undefined = opts === undefined ? undefined : sent;
    const call = new Promise<(BatchResult | BatchResultJson)[]>((resolve, reject) => {
      const c: BatchCall = { format, kind, results: new Array(applicants.length), remaining: applicants.length, failed: false, resolve, reject };
      if (signal !== undefined) {
        const settle = watchAbort(signal, () => failCall(c, abortedError(signal)));
        c.resolve = (v) => {
          settle();
          resolve(v);
        };
        c.reject = (e) => {
          settle();
          reject(e);
        };
      }
      for (let base = 0; base < applicants.length; base += chunkSize) {
        // Each element read here, once: a hole or a throwing element gets its own error, as in process.
        const chunk: unknown[] = [];
        const presettled = new Map<number, BatchResult>();
        for (let i = base; i < Math.min(applicants.length, base + chunkSize); i++) {
          try {
            chunk.push(readBatchElement(applicants, i));
          } catch (e) {
            chunk.push(null);
            presettled.set(i - base, { ok: false, index: i, error: toErrorData(e) });
          }
        }
        const patched = patchRecords(chunk);
        queue.push({
          id: nextTaskId++,
          base,
          applicants: patched.applicants,
          options: optionsFor(options, base, chunk.length),
          call: c,
          attempt: 0,
          presettled,
          patches: patched.patches,
        });
      }
    });
    const tracked: Promise<unknown> = call.then(
      () => calls.delete(tracked),
      () => calls.delete(tracked),
    );
    calls.add(tracked);
    pump();
    return call;
  };

  return {
    size,
    model: ready.model,
    policyHash: ready.policyHash,
    catalogHash: ready.catalogHash,
    decideBatch: (applicants, opts) => submit(applicants, opts, 'objects') as Promise<BatchResult[]>,
    decideBatchJson: (applicants, opts) => submit(applicants, opts, 'json') as Promise<BatchResultJson[]>,
    // Every record is validated in its worker either way: the safe variants differ only in type.
    safeDecideBatch: (inputs, opts) => submit(inputs, opts, 'objects') as Promise<BatchResult[]>,
    safeDecideBatchJson: (inputs, opts) => submit(inputs, opts, 'json') as Promise<BatchResultJson[]>,
    safeReassessBatch: (items, opts) => submit(items, opts, 'objects', 'reassess') as Promise<BatchResult[]>,
    workerPids: () => slots.flatMap((s) => (s.child?.pid === undefined ? [] : [s.child.pid])),
    close() {
      closing ??= Promise.allSettled([...calls]).then(async () => {
        stopping = true;
        for (const slot of slots) {
          clearTimeout(slot.restart?.timer);
          clearTimeout(slot.startTimer);
        }
        await Promise.all(slots.map(stopWorker));
      });
      return closing;
    },
  };
}

/**
 * The options for records `from` .. `from + count - 1` of what `options` covers: each record keeps
 * its own `limitHistories` entry in a chunk, and in a retry alone. Anything that is not an array as
 * long as the call is sent whole, so the worker refuses it as in process.
 */
function optionsFor(options: BatchDecideOptions | undefined, from: number, count: number): BatchDecideOptions | undefined {
  const h = options?.limitHistories;
  if (options === undefined || !Array.isArray(h)) return options;
  return { ...options, limitHistories: h.slice(from, from + count) };
}

/** A task failure that in process would have rejected the whole call (invalid options), not a fault of the worker. */
function refusesWholeCall(error: WorkerErrorData): boolean {
  return error.issues !== undefined;
}

/** The options `createScorerPool` reads. */
const POOL_OPTION_KEYS = everyKeyOf<ScorerPoolOptions>()([
  'workers',
  'scorer',
  'chunkSize',
  'taskTimeoutMs',
  'startTimeoutMs',
  'featuresModule',
  'workerEntry',
  'workerExecArgv',
]);

async function checkOptions(given: ScorerPoolOptions): Promise<{
  workers: number;
  chunkSize: number;
  taskTimeoutMs: number;
  startTimeoutMs: number;
  scorer: ScorerOptions;
  workerExecArgv: readonly string[];
  workerEntry: string | URL | undefined;
  featuresModule: string | undefined;
  nodeOptions: ReturnType<typeof workerNodeOptions>;
}> {
  // Read by name, at both levels: scorer options given beside `scorer` (as createScorer takes
  // them) were ignored, and the pool decided on the default policy, above a lender's own cap.
  // Read once, into plain copies: a getter or Proxy is refused by name, never thrown raw.
  const top = readOptions(given, POOL_OPTION_KEYS, [], (k) =>
    (SCORER_OPTION_KEYS as readonly string[]).includes(k)
      ? `"${k}" is a scorer option: a pool takes scorer options under \`scorer\` ({ scorer: { ${k} } })`
      : undefined,
  );
  const issues: ValidationIssue[] = top.issues;
  if (top.value === undefined) throw new ValidationError('ScorerPoolOptions', issues);
  const read = readOptions(top.value.scorer ?? undefined, SCORER_OPTION_KEYS, ['scorer']);
  issues.push(...read.issues);
  // Scorer options that are not an object (or cannot be read) leave nothing to check further.
  if (read.value === undefined && top.value.scorer != null) throw new ValidationError('ScorerPoolOptions', issues);
  const options = { ...top.value, ...(read.value === undefined ? {} : { scorer: read.value }) } as ScorerPoolOptions;
  // A null is named, never read as the default (a JSON config's `"workers": null`); the rest of
  // the checks then see such an option as left out, so it is named once.
  issues.push(...nullOptionIssues(options), ...nullOptionIssues(options.scorer, ['scorer']));
  if (options.workerEntry != null && typeof options.workerEntry !== 'string' && !(options.workerEntry instanceof URL)) {
    issues.push({
      path: ['workerEntry'],
      code: 'invalid_type',
      message: "workerEntry must be the worker script's path or file URL",
      expected: 'string | URL',
      received: typeNameOf(options.workerEntry),
    });
  }
  // The scorer options' keys were checked as they were read: `features` is known there, and refused
  // below with the reason (functions cannot reach workers).
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) {
    issues.push({ path: ['workers'], code: 'out_of_range', message: 'workers must be an integer in [1, 256]' });
  }
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 100_000) {
    issues.push({ path: ['chunkSize'], code: 'out_of_range', message: 'chunkSize must be an integer in [1, 100000]' });
  }
  const taskTimeoutMs = options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
  if (!Number.isInteger(taskTimeoutMs) || taskTimeoutMs < 0 || taskTimeoutMs > 2_147_483_647) {
    issues.push({ path: ['taskTimeoutMs'], code: 'out_of_range', message: 'taskTimeoutMs must be an integer in [0, 2147483647]' });
  }
  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  if (!Number.isInteger(startTimeoutMs) || startTimeoutMs < 0 || startTimeoutMs > 2_147_483_647) {
    issues.push({ path: ['startTimeoutMs'], code: 'out_of_range', message: 'startTimeoutMs must be an integer in [0, 2147483647]' });
  }
  if (options.featuresModule != null) {
    if (typeof options.featuresModule !== 'string' || options.featuresModule === '')
      issues.push({ path: ['featuresModule'], code: 'invalid_type', message: 'featuresModule must be the path of a module', expected: 'string' });
    // Loaded here once, before any worker starts: a module no worker could load is refused by name.
    else issues.push(...(await featuresModuleIssues(options.featuresModule)));
  }
  const workerExecArgv = options.workerExecArgv ?? [];
  // Read once: every worker of the pool starts with this, whatever the environment becomes.
  const nodeOptions = workerNodeOptions(process.env.NODE_OPTIONS);
  const flagIssues = workerExecArgvIssues(workerExecArgv, nodeOptions.value);
  // Only a list of well-formed flags is put to node: a stray element would be read as its script.
  issues.push(...(flagIssues.length > 0 ? flagIssues : await nodeRefusedFlagIssues(workerExecArgv, nodeOptions.value)));
  const scorer = options.scorer ?? {};
  if ('features' in scorer && scorer.features !== undefined) {
    issues.push({
      path: ['scorer', 'features'],
      code: 'invalid_type',
      message: 'a feature set holds functions, which cannot reach worker processes: give featuresModule (its module path) instead',
    });
  }
  const model: unknown = scorer.model;
  if (typeof model === 'object' && model !== null && !(model instanceof Uint8Array)) {
    issues.push({
      path: ['scorer', 'model'],
      code: 'invalid_type',
      message: 'a pool loads the model in every worker: give its path or bytes, not a LoadedModel',
      expected: 'string | Uint8Array',
    });
  } else {
    try {
      structuredClone(scorer);
    } catch (e) {
      issues.push({ path: ['scorer'], code: 'invalid_type', message: `scorer options must be structured-cloneable plain data: ${describe(e)}` });
    }
  }
  // The keys are checked here, before any worker starts, as createScorer checks them: a signing key
  // given as undefined (an unset environment variable) would otherwise give a pool deciding unsigned.
  if (typeof scorer === 'object' && scorer !== null) issues.push(...keyIssues(scorer, ['scorer'], true).issues);
  if (issues.length > 0) throw new ValidationError('ScorerPoolOptions', issues);
  return {
    workers,
    chunkSize,
    taskTimeoutMs,
    startTimeoutMs,
    scorer,
    workerExecArgv,
    workerEntry: options.workerEntry,
    featuresModule: options.featuresModule,
    nodeOptions,
  };
}

/** Asks a worker to release its session and exit; kills it if it has not within the grace period. */
async function stopWorker(slot: Slot): Promise<void> {
  const { child } = slot;
  slot.ready = false;
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    child.send({ type: 'close' });
  } catch {
    child.kill('SIGKILL');
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** Said once per process for each set of flags kept back (warnOnce). */
function warnStripped(stripped: readonly StrippedNodeOption[]): void {
  if (stripped.length === 0) return;
  const flags = stripped.map((s) => s.flag).join(' ');
  warnOnce('CREDITLIFT_POOL_NODE_OPTIONS', flags, () => {
    const each = stripped.map((s) => `${s.flag} would make Node ${s.instead}`).join('; ');
    return `creditlift scorer pool: its worker processes start without ${stripped.map((s) => s.flag).join(', ')} of NODE_OPTIONS, which stays this process's own (${each}). The rest of NODE_OPTIONS reaches them`;
  });
}

/**
 * `--require` of the preload that ends a worker once its pool is gone, even before the worker's
 * script runs (workerParentWatch.cjs): it sits beside this module in source and in the build. A
 * bundle that moves this module without it gets workers without the watch, and a warning saying so.
 */
function parentWatchFlags(): string[] {
  const path = fileURLToPath(new URL('./workerParentWatch.cjs', import.meta.url));
  if (existsSync(path)) return ['--require', path];
  warnOnce(
    'CREDITLIFT_POOL_PARENT_WATCH',
    path,
    () =>
      `creditlift scorer pool: ${path} is missing (a bundle that moved the pool's module without it), so a worker stuck while it starts does not end with a pool killed with -9; copy the file beside the bundle`,
  );
  return [];
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : e === undefined ? 'no error reported' : String(e);
}
