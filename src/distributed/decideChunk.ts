import type { BatchDecider } from '../cli/score/batchDecider.js';
import type { OutputLine } from '../cli/score/outputLine.js';
import { scoreRecords } from '../cli/score/scoreRecords.js';
import { CreditliftError } from '../errors/creditliftError.js';
import type { InputRecord } from '../cli/score/inputRecord.js';
import type { ChunkJobData } from './chunkJob.js';

const RECORDS_PER_CALL = 32;

/**
 * How a worker deciding on its own thread keeps its chunk: runtime calls that take about `callMs`
 * each, and `between` (renewing the chunk's lock) awaited after every one.
 */
export interface ChunkKeeping {
  readonly callMs: number;
  readonly between: () => Promise<void>;
}

/**
 * Decides one chunk's records (read from its Redis key) on a worker through the same
 * `scoreRecords` as `creditlift score`, and returns one output line per record.
 *
 * A record the worker's pool could not decide (its process died on it, then again on its retry
 * alone) is a `worker_failed` error line, as `score --workers` writes it, and its neighbours are
 * decided: failing the chunk for it lost all of them for good, every resume again.
 *
 * With `keeping`, records go one call at a time, each sized from the time the last took per record
 * so it blocks the thread about `keeping.callMs` (1 to 32 records), and `keeping.between` runs
 * after each: fixed calls of 32 records blocked a loaded host past a short `--lock-ms`, BullMQ's
 * timer could not renew the lock, and the chunk was decided twice.
 *
 * @throws CreditliftError `internal_error` when the lines do not answer the chunk's records;
 *   whatever the decider or `keeping.between` throws
 */
export async function decideChunk(data: ChunkJobData, records: readonly InputRecord[], decider: BatchDecider, keeping?: ChunkKeeping): Promise<OutputLine[]> {
  const out: OutputLine[] = [];
  const write = async (line: OutputLine) => {
    out.push(line);
  };
  if (keeping === undefined) {
    await scoreRecords({
      records: (async function* () {
        yield* records;
      })(),
      decide: decider.decide,
      write,
      // Small runtime calls give the event loop a turn between them; each record's decision does not depend on its batch.
      chunkSize: RECORDS_PER_CALL,
      inFlight: decider.inFlight,
    });
  } else {
    // The first call is one record: how long one takes is not known yet.
    let size = 1;
    for (let at = 0; at < records.length; ) {
      const slice = records.slice(at, at + size);
      const started = performance.now();
      await scoreRecords({
        records: (async function* () {
          yield* slice;
        })(),
        decide: decider.decide,
        write,
        chunkSize: slice.length,
      });
      at += slice.length;
      const perRecord = Math.max((performance.now() - started) / slice.length, 0.01);
      size = Math.max(1, Math.min(RECORDS_PER_CALL, Math.floor(keeping.callMs / perRecord)));
      await keeping.between();
    }
  }
  const got = out.map((l) => l.line);
  if (got.length !== data.recordLines.length || got.some((line, i) => line !== data.recordLines[i])) {
    throw new CreditliftError('internal_error', `chunk ${data.index} gave ${got.length} lines for ${data.recordLines.length} records`);
  }
  return out;
}
