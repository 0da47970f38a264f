import type { BatchResult, Scorer } from '../../decision/createScorer.js';
import type { BatchResultJson } from '../../parallel/batchResultJson.js';
import { policyHashOf } from '../../policy/policyHash.js';
import type { LimitChange } from '../../policy/stepLimit.js';

/**
 * Decides a batch of raw records: one result per record, in order, a bad record getting its own
 * error. This is the seam a worker pool plugs into; `scoreRecords` does not care who decides.
 */
export type DecideRecords = (
  records: readonly unknown[],
  /** Each record's own ledger of recent raises, by index, when any record came with one. */
  limitHistories?: readonly (readonly LimitChange[] | undefined)[],
  /**
   * `check`: `--resume` asks again for records an error line already answers, to tell the line is
   * this run's; nothing of the answer is written. Deciders decide alike either way.
   */
  purpose?: 'answer' | 'check',
) => Promise<readonly (BatchResult | BatchResultJson)[]>;

/** The model, policy and certificate catalog every decision of a decider names (a run's manifest records them). */
export interface DeciderIdentity {
  readonly model: { readonly id: string; readonly sha256: string };
  readonly policyHash: string;
  /** As every decision's `audit.catalogHash`. */
  readonly catalogHash: string;
}

/** Something that decides batches, how many batches it wants in flight, and how to release it. */
export interface BatchDecider {
  readonly decide: DecideRecords;
  /** The one model, policy and catalog behind every decision. */
  readonly identity: DeciderIdentity;
  /**
   * Chunks worth keeping in flight: the pool's worker count, or 2 in process so the next chunk is
   * read and parsed while one waits for its runtime turn. The runtime call itself does not overlap
   * this thread: onnxruntime-node 1.30 runs it synchronously inside a `setImmediate` on it.
   */
  readonly inFlight: number;
  close(): Promise<void>;
}

/** A {@link BatchDecider} on one in-process scorer (`scorer.safeDecideBatch`); closing it closes the scorer. */
export function inProcessDecider(scorer: Scorer): BatchDecider {
  return {
    decide: (records, limitHistories) => scorer.safeDecideBatch(records, limitHistories === undefined ? undefined : { limitHistories }),
    identity: { model: scorer.model, policyHash: policyHashOf(scorer.policy), catalogHash: scorer.catalogHash },
    inFlight: 2,
    close: () => scorer.close(),
  };
}
