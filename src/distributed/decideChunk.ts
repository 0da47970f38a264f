import type { BatchDecider } from '../cli/score/batchDecider.js';
import type { OutputLine } from '../cli/score/outputLine.js';
import { scoreRecords } from '../cli/score/scoreRecords.js';
import { CreditliftError } from '../errors/creditliftError.js';
import type { ChunkJobData } from './chunkJob.js';
import { readRecords } from './chunkInput.js';

const RECORDS_PER_CALL = 32;

/**
 * Decides one chunk on a worker: reads its lines with the single-process record reader, decides
 * them through the same `scoreRecords` as `creditlift score`, and returns one output line per record.
 *
 * @throws CreditliftError `internal_error` when the lines do not read back as the records the
 *   producer cut (a producer and worker of different versions); whatever the decider throws
 */
export async function decideChunk(data: ChunkJobData, decider: BatchDecider): Promise<OutputLine[]> {
  const lines = (async function* () {
    yield* data.header;
    yield* data.lines;
  })();
  const out: OutputLine[] = [];
  await scoreRecords({
    records: readRecords(data.format, lines),
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
    throw new CreditliftError('internal_error', `chunk ${data.index} read back as ${got.length} records, the producer cut ${data.recordLines.length}: producer and worker read the input differently`);
  }
  return out;
}
