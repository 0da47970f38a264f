import type { BatchResult, DecideOptions, Scorer, ScorerOptions } from '../decision/createScorer.js';
import type { BatchResultJson } from './batchResultJson.js';
import type { PackedValues } from './packedValues.js';
import type { WorkerErrorData } from './workerErrorData.js';
import type { RecordPatch } from './workerRecordPatches.js';
import type { WorkerModelProofs } from './workerModelProofs.js';

/** What a scorer worker process is started with: its first message. */
export interface InitMessage {
  readonly type: 'init';
  /**
   * Options for the worker's own `createScorer`; plain data. The pool reads the model once and
   * puts its bytes in `model`, so every worker of one pool scores with the very same model.
   */
  readonly scorer: ScorerOptions;
  /** Absolute path of the module exporting the lender's feature set; absent for the built-in features. */
  readonly featuresModule?: string;
  /** What an earlier worker of the pool proved about the model's bytes, for this one to skip proving it again. */
  readonly proofs?: WorkerModelProofs;
}

/** A slice of one `decideBatch` call, sent to one worker. */
export interface BatchTaskMessage {
  readonly type: 'batch';
  /** Task id, unique within the pool. */
  readonly id: number;
  /** Index of `applicants[0]` in the caller's array, so results carry the caller's indexes. */
  readonly base: number;
  readonly applicants: readonly unknown[];
  /** Values the clone could not carry as they were (class instances, functions, symbols), for the worker to put back. */
  readonly patches?: readonly RecordPatch[];
  readonly options?: DecideOptions;
  /** `json`: answer with each decision already serialised (see {@link BatchResultJson}). */
  readonly format?: 'json';
  /** `reassess`: each of `applicants` is a `{ prior, update, onFile? }` to reassess (see `scorerReassessBatch`); absent: decide them. */
  readonly kind?: 'reassess';
}

/** Asks a worker to release its session and exit. */
export interface CloseMessage {
  readonly type: 'close';
}

/** Messages from the pool to a worker. */
export type ToWorkerMessage = InitMessage | BatchTaskMessage | CloseMessage;

/** What a worker reports once its scorer is loaded, so the pool can check every worker runs the same model and policy. */
export interface WorkerIdentity {
  readonly model: Scorer['model'];
  readonly policyHash: string;
  readonly catalogHash: string;
}

/** Messages from a worker to the pool. */
export type FromWorkerMessage =
  /** `proofs`: what the worker proved about the model while it started, when it was not handed them. */
  | ({ readonly type: 'ready'; readonly proofs?: WorkerModelProofs } & WorkerIdentity)
  | { readonly type: 'init_failed'; readonly error: WorkerErrorData }
  | { readonly type: 'results'; readonly id: number; readonly results: readonly BatchResult[] | readonly BatchResultJson[] }
  /** A task's results (`BatchResult`s) packed by shape: cheaper for the pool to rebuild than structured cloning. */
  | { readonly type: 'packed_results'; readonly id: number; readonly packed: PackedValues }
  /** The whole task was refused or failed (as in-process `decideBatch` would throw). */
  | { readonly type: 'task_failed'; readonly id: number; readonly error: WorkerErrorData };
