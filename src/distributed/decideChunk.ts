import type { BatchDecider } from '../cli/score/batchDecider.js';
import type { OutputLine } from '../cli/score/outputLine.js';
import { RETRY_ON_RESUME_CODE } from '../cli/score/resumeState.js';
import { scoreRecords } from '../cli/score/scoreRecords.js';
import { CreditliftError } from '../errors/creditliftError.js';
import type { InputRecord } from '../cli/score/inputRecord.js';
import type { ChunkJobData } from './chunkJob.js';

const RECORDS_PER_CALL = 32;

/**
 * Decides one chunk's records (read from its Redis key) on a worker through the same
 * `scoreRecords` as `creditlift score`, and returns one output line per record.
 *
 * @throws CreditliftError `worker_failed` when the worker's own pool left records undecided (so
 *   BullMQ tries the chunk again rather than an undecided record being written as final);
 *   `internal_error` when the lines do not answer the chunk's records; whatever the decider throws
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
  const undecided = out.filter((l) => 'error' in l && l.error.code === RETRY_ON_RESUME_CODE).length;
  if (undecided > 0) throw new CreditliftError('worker_failed', `${undecided} records of chunk ${data.index} were left undecided by a failed scorer process`);
  return out;
}
