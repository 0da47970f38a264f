import type { BatchDecider } from '../cli/score/batchDecider.js';
import type { OutputLine } from '../cli/score/outputLine.js';
import { scoreRecords } from '../cli/score/scoreRecords.js';
import { CreditliftError } from '../errors/creditliftError.js';
import type { InputRecord } from '../cli/score/inputRecord.js';
import type { ChunkJobData } from './chunkJob.js';

const RECORDS_PER_CALL = 32;

/**
 * Decides one chunk's records (read from its Redis key) on a worker through the same
 * `scoreRecords` as `creditlift score`, and returns one output line per record.
 *
 * A record the worker's pool could not decide (its process died on it, then again on its retry
 * alone) is a `worker_failed` error line, as `score --workers` writes it, and its neighbours are
 * decided: failing the chunk for it lost all of them for good, every resume again.
 *
 * @throws CreditliftError `internal_error` when the lines do not answer the chunk's records;
 *   whatever the decider throws
 */
export async function decideChunk(data: ChunkJobData, records: readonly InputRecord[], decider: BatchDecider): Promise<OutputLine[]> {
  const out: OutputLine[] = [];
  await scoreRecords({
    records: (async function* () {
      yield* records;
    })(),
    decide: decider.decide,
    write: async (line) => {
      out.push(line);
    },
    // Small runtime calls give the event loop a turn between them, so BullMQ renews the chunk's
    // lock on time even on a busy host; each record's decision does not depend on its batch.
    chunkSize: RECORDS_PER_CALL,
    inFlight: decider.inFlight,
  });
  const got = out.map((l) => l.line);
  if (got.length !== data.recordLines.length || got.some((line, i) => line !== data.recordLines[i])) {
    throw new CreditliftError('internal_error', `chunk ${data.index} gave ${got.length} lines for ${data.recordLines.length} records`);
  }
  return out;
}
