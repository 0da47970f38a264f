import type { BatchResult, DecideOptions, ScorerOptions } from '../decision/createScorer.js';
import type { BatchResultJson } from './batchResultJson.js';
import type { WorkerErrorData } from './workerErrorData.js';

/** What a scorer worker is started with (its `workerData`). */
export interface ScorerWorkerData {
  /** Options for the worker's own `createScorer`; structured-cloneable (a model path or bytes). */
  readonly scorer: ScorerOptions;
}

/** A slice of one `decideBatch` call, sent to one worker. */
export interface BatchTaskMessage {
  readonly type: 'batch';
  /** Task id, unique within the pool. */
  readonly id: number;
  /** Index of `applicants[0]` in the caller's array, so results carry the caller's indexes. */
  readonly base: number;
  readonly applicants: readonly unknown[];
  readonly options?: DecideOptions;
  /** `json`: answer with each decision already serialised (see {@link BatchResultJson}). */
  readonly format?: 'json';
}


/** Asks a worker to release its session and exit. */
export interface CloseMessage {
  readonly type: 'close';
}

/** Messages from the pool to a worker. */
export type ToWorkerMessage = BatchTaskMessage | CloseMessage;

/** Messages from a worker to the pool. */
export type FromWorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'init_failed'; readonly error: WorkerErrorData }
  | { readonly type: 'results'; readonly id: number; readonly results: readonly BatchResult[] | readonly BatchResultJson[] }
  /** The whole task was refused (as in-process `decideBatch` would throw, e.g. an invalid `limitHistory`). */
  | { readonly type: 'task_failed'; readonly id: number; readonly error: WorkerErrorData };
