import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BatchResult, DecideOptions, ScorerOptions } from '../decision/createScorer.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { cloneableRecords } from './cloneableRecords.js';
import { scorerWorkerEntry } from './scorerWorkerEntry.js';
import { reviveError } from './workerErrorData.js';
import { toJsonResult, type BatchResultJson } from './batchResultJson.js';
import type { BatchTaskMessage, FromWorkerMessage, ScorerWorkerData } from './workerMessages.js';

/** Options of {@link createScorerPool}; every one has a default. */
export interface ScorerPoolOptions {
  /** Worker threads, each with its own scorer and model session. Default `os.availableParallelism()`. */
  readonly workers?: number;
  /**
   * Options for every worker's scorer. They are copied to each thread, so they must be
   * structured-cloneable: give the model as a path or bytes, not a `LoadedModel`.
   */
  readonly scorer?: ScorerOptions;
  /** Records per task sent to a worker. Default 256: large enough to batch runtime calls, small enough to balance load. */
  readonly chunkSize?: number;
  /** Path or URL of the worker script, for bundles that move it. Default: `scorerWorker` beside the pool's own module. */
  readonly workerEntry?: string | URL;
}

/** Scorers on worker threads behind one `decideBatch`. */
export interface ScorerPool {
  /** Number of worker threads. */
  readonly size: number;
  /**
   * Decides many applicants across the workers: the same results, in the same order, as
   * `scorer.decideBatch`. A bad record gets its own error; records on a worker that crashes get
   * `worker_failed` and the worker is replaced. @throws ValidationError when the input is not an array.
   */
  decideBatch(applicants: readonly unknown[], options?: DecideOptions): Promise<BatchResult[]>;
  /**
   * The same, with each decision returned as its JSON text (exactly `JSON.stringify(decision)`)
   * plus its outcome and limit. For callers that write results out (files, queues, HTTP): the
   * workers serialise, and this thread never rebuilds decision objects, so the pool scales with
   * cores instead of stalling on the thread that receives the results.
   */
  decideBatchJson(applicants: readonly unknown[], options?: DecideOptions): Promise<BatchResultJson[]>;
  /** Finishes the batches under way, then stops every worker. Further calls throw. */
  close(): Promise<void>;
}

const DEFAULT_CHUNK_SIZE = 256;
/** Tasks queued on one worker: two, so it starts the next while the pool reads the last one's results. */
const TASKS_PER_WORKER = 2;
/** A slot whose replacement worker fails to start this many times in a row is given up. */
const MAX_RESTARTS_IN_A_ROW = 3;
const CLOSE_GRACE_MS = 10_000;

interface Task {
  readonly id: number;
  readonly base: number;
  readonly applicants: readonly unknown[];
  readonly options: DecideOptions | undefined;
  readonly call: BatchCall;
}

/** One `decideBatch` or `decideBatchJson` call: its results fill in as tasks come back. */
interface BatchCall {
  readonly format: 'objects' | 'json';
  readonly results: (BatchResult | BatchResultJson)[];
  remaining: number;
  failed: boolean;
  resolve(results: (BatchResult | BatchResultJson)[]): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Tasks on this worker, with results settled on this side for records that could not be cloned. */
  readonly tasks: Map<number, { task: Task; settled: ReadonlyMap<number, BatchResult> }>;
  restartsInARow: number;
  /** True once the slot's worker failed to start too often in a row; it is not restarted again. */
  gaveUp: boolean;
  lastError: unknown;
}

/**
 * Starts a pool of worker threads, each loading its own scorer, and resolves once every worker
 * has loaded its model. A chunk of records goes to whichever worker is free, so the workers stay
 * busy even when records differ in cost.
 *
 * @throws ValidationError for invalid options; the worker's own error (e.g. `model_load_failed`) when a scorer cannot start.
 * @example
 * const pool = await createScorerPool({ workers: 2, scorer: { suggestionsPerDecision: 0 } });
 * const results = await pool.decideBatch(applicants);
 * await pool.close();
 */
export async function createScorerPool(options: ScorerPoolOptions = {}): Promise<ScorerPool> {
  const { workers: size, chunkSize, workerData } = checkOptions(options);
  const entry = scorerWorkerEntry(options.workerEntry);
  const slots: Slot[] = [];
  const queue: Task[] = [];
  const calls = new Set<Promise<unknown>>();
  let nextTaskId = 0;
  let closing: Promise<void> | undefined;
  // Until every first worker is ready, a worker that stops fails the pool's creation instead of being replaced.
  let starting: { resolveOne(): void; reject(e: unknown): void } | undefined;

  const pump = (): void => {
    for (const slot of slots) {
      while (slot.ready && slot.tasks.size < TASKS_PER_WORKER && queue.length > 0) {
        const task = queue.shift() as Task;
        if (!task.call.failed) send(slot, task);
      }
    }
    if (queue.length > 0 && slots.every((s) => s.gaveUp)) {
      // Every worker is gone for good: nothing queued can ever be scored.
      for (const task of queue.splice(0)) failTask(task, `could not be restarted (${describe(slots[0]?.lastError)})`);
    }
  };

  const send = (slot: Slot, task: Task): void => {
    const msg: BatchTaskMessage = {
      type: 'batch',
      id: task.id,
      base: task.base,
      applicants: task.applicants,
      ...(task.options === undefined ? {} : { options: task.options }),
      ...(task.call.format === 'json' ? { format: 'json' as const } : {}),
    };
    let settled: ReadonlyMap<number, BatchResult> = new Map();
    try {
      slot.worker.postMessage(msg);
    } catch {
      // Cloning failed somewhere in the chunk; find the records at fault rather than fail them all.
      const chunk = cloneableRecords(task.applicants, task.base);
      settled = chunk.settled;
      try {
        slot.worker.postMessage({ ...msg, applicants: chunk.applicants });
      } catch (e) {
        // The options themselves cannot be cloned: the call fails as a whole, as in-process it would.
        failCall(task.call, new ValidationError('decideBatch options', [{ path: [], code: 'invalid_type', message: `options must be plain data: ${describe(e)}` }]));
        return;
      }
    }
    slot.tasks.set(task.id, { task, settled });
  };

  const onMessage = (slot: Slot, msg: FromWorkerMessage): void => {
    if (msg.type === 'ready') {
      slot.ready = true;
      slot.restartsInARow = 0;
      starting?.resolveOne();
    } else if (msg.type === 'init_failed') {
      // The worker exits next; its exit handler reports or replaces it.
      slot.lastError = reviveError(msg.error);
    } else {
      const held = slot.tasks.get(msg.id);
      slot.tasks.delete(msg.id);
      if (held !== undefined) {
        if (msg.type === 'task_failed') failCall(held.task.call, reviveError(msg.error));
        else completeTask(held.task, msg.results, held.settled);
      }
    }
    pump();
  };

  const onExit = (slot: Slot, code: number): void => {
    slot.ready = false;
    if (starting !== undefined) {
      starting.reject(slot.lastError instanceof CreditliftError ? slot.lastError : new CreditliftError('worker_failed', `A scorer worker stopped while starting (exit code ${code}): ${describe(slot.lastError)}`, { cause: slot.lastError }));
      return;
    }
    const lost = [...slot.tasks.values()];
    slot.tasks.clear();
    const why = `worker stopped (exit code ${code}${slot.lastError === undefined ? '' : `: ${describe(slot.lastError)}`}) before answering`;
    for (const { task } of lost) failTask(task, why);
    if (closing === undefined) {
      slot.restartsInARow += 1;
      if (slot.restartsInARow <= MAX_RESTARTS_IN_A_ROW) start(slot);
      else slot.gaveUp = true;
    }
    pump();
  };

  const start = (slot: Slot): void => {
    const worker = new Worker(entry.script, { workerData, eval: entry.eval });
    slot.worker = worker;
    slot.lastError = undefined;
    worker.on('message', (msg: FromWorkerMessage) => onMessage(slot, msg));
    worker.on('error', (e) => {
      slot.lastError = e;
    });
    // A stale worker's late exit must not touch the slot's replacement.
    worker.on('exit', (code) => {
      if (slot.worker === worker) onExit(slot, code);
    });
  };

  const failCall = (call: BatchCall, error: unknown): void => {
    if (call.failed) return;
    call.failed = true;
    call.reject(error);
  };

  const completeTask = (task: Task, results: readonly (BatchResult | BatchResultJson)[], settled: ReadonlyMap<number, BatchResult>): void => {
    const { call } = task;
    if (call.failed) return;
    // Results made on this side (unclonable records, a crashed worker) take the call's format too.
    const own = (r: BatchResult) => (call.format === 'json' ? toJsonResult(r) : r);
    results.forEach((r, i) => {
      const here = settled.get(i);
      call.results[task.base + i] = here === undefined ? r : own(here);
    });
    call.remaining -= 1;
    if (call.remaining === 0) call.resolve(call.results);
  };

  const failTask = (task: Task, why: string): void => {
    const error = { code: 'worker_failed' as const, message: `Not decided: the scorer ${why}; the worker is replaced` };
    const failed = task.applicants.map((_, i): BatchResult => ({ ok: false, index: task.base + i, error }));
    completeTask(task, failed.map((r) => (task.call.format === 'json' ? toJsonResult(r) : r)), new Map());
  };

  try {
    await new Promise<void>((resolve, reject) => {
      let waiting = size;
      starting = { resolveOne: () => --waiting === 0 && resolve(), reject };
      for (let i = 0; i < size; i++) {
        const slot: Slot = { worker: undefined as unknown as Worker, ready: false, tasks: new Map(), restartsInARow: 0, gaveUp: false, lastError: undefined };
        slots.push(slot);
        start(slot);
      }
    });
  } catch (e) {
    closing = Promise.resolve();
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw e;
  } finally {
    starting = undefined;
  }

  const submit = (applicants: readonly unknown[], opts: DecideOptions | undefined, format: BatchCall['format']): Promise<(BatchResult | BatchResultJson)[]> => {
    if (closing !== undefined) return Promise.reject(new CreditliftError('internal_error', 'The scorer pool has been closed'));
    if (!Array.isArray(applicants)) {
      return Promise.reject(new ValidationError('decideBatch input', [{ path: [], code: 'invalid_type', message: 'expected an array of applicants', expected: 'array' }]));
    }
    if (applicants.length === 0) return Promise.resolve([]);
    const call = new Promise<(BatchResult | BatchResultJson)[]>((resolve, reject) => {
      const c: BatchCall = { format, results: new Array(applicants.length), remaining: Math.ceil(applicants.length / chunkSize), failed: false, resolve, reject };
      for (let base = 0; base < applicants.length; base += chunkSize) {
        queue.push({ id: nextTaskId++, base, applicants: applicants.slice(base, base + chunkSize), options: opts, call: c });
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
    decideBatch: (applicants, opts) => submit(applicants, opts, 'objects') as Promise<BatchResult[]>,
    decideBatchJson: (applicants, opts) => submit(applicants, opts, 'json') as Promise<BatchResultJson[]>,
    close() {
      closing ??= Promise.allSettled([...calls]).then(() => Promise.all(slots.map(stopWorker)).then(() => undefined));
      return closing;
    },
  };
}

function checkOptions(options: ScorerPoolOptions): { workers: number; chunkSize: number; workerData: ScorerWorkerData } {
  const issues: ValidationIssue[] = [];
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) {
    issues.push({ path: ['workers'], code: 'out_of_range', message: 'workers must be an integer in [1, 256]' });
  }
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 100_000) {
    issues.push({ path: ['chunkSize'], code: 'out_of_range', message: 'chunkSize must be an integer in [1, 100000]' });
  }
  const scorer = options.scorer ?? {};
  const model: unknown = scorer.model;
  if (typeof model === 'object' && model !== null && !(model instanceof Uint8Array)) {
    issues.push({ path: ['scorer', 'model'], code: 'invalid_type', message: 'a pool loads the model in every worker: give its path or bytes, not a LoadedModel', expected: 'string | Uint8Array' });
  } else {
    try {
      structuredClone(scorer);
    } catch (e) {
      issues.push({ path: ['scorer'], code: 'invalid_type', message: `scorer options must be structured-cloneable plain data: ${describe(e)}` });
    }
  }
  if (issues.length > 0) throw new ValidationError('ScorerPoolOptions', issues);
  return { workers, chunkSize, workerData: { scorer } };
}

/** Asks a worker to release its session and exit; terminates it if it has not within the grace period. */
async function stopWorker(slot: Slot): Promise<void> {
  const { worker } = slot;
  slot.ready = false;
  if (worker.threadId === -1) return;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage({ type: 'close' });
  const timer = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS);
  timer.unref();
  await exited;
  clearTimeout(timer);
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : e === undefined ? 'no error reported' : String(e);
}
