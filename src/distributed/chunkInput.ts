import { readCsvRecords } from '../cli/score/readCsvRecords.js';
import { readNdjsonRecords } from '../cli/score/readNdjsonRecords.js';
import type { InputRecord } from '../cli/score/inputRecord.js';
import type { TextLine } from '../cli/score/splitLines.js';

/** A chunk of input as the producer cuts it: the raw lines of `recordLines.length` records. */
export interface InputChunk {
  readonly index: number;
  readonly header: readonly TextLine[];
  readonly lines: readonly TextLine[];
  readonly recordLines: readonly number[];
}

/** The record reader of a format: the same one `creditlift score` uses. */
export function readRecords(format: 'csv' | 'ndjson', lines: AsyncIterable<TextLine>): AsyncGenerator<InputRecord> {
  return format === 'csv' ? readCsvRecords(lines) : readNdjsonRecords(lines);
}

/**
 * Cuts the input into chunks of `chunkSize` records, each carried as the physical lines its records
 * were read from. The producer runs the single-process record reader over the lines and notes which
 * lines each record consumed; a worker running the same reader over those lines (after the header)
 * reads the same records, so where a record starts and ends is decided once, by one parser.
 * Chunk boundaries depend on the input alone, so a resumed producer cuts the same chunks.
 *
 * @throws whatever the reader throws for an unusable file (a bad CSV header), as `score` does
 */
export async function* chunkInput(format: 'csv' | 'ndjson', lines: AsyncIterable<TextLine>, chunkSize: number): AsyncGenerator<InputChunk> {
  const consumed: TextLine[] = [];
  const tapped = (async function* () {
    for await (const l of lines) {
      consumed.push(l);
      yield l;
    }
  })();
  let header: TextLine[] | undefined;
  let index = 0;
  let chunkLines: TextLine[] = [];
  let recordLines: number[] = [];
  for await (const record of format === 'csv' ? readRecords(format, tapped) : ndjsonRecordStarts(tapped)) {
    const taken = consumed.splice(0);
    if (header === undefined) header = format === 'csv' ? taken.filter((l) => l.line < record.line) : [];
    // Lines before the record's first line are blank lines the reader skipped (or the header).
    for (const l of taken) if (l.line >= record.line) chunkLines.push(l);
    recordLines.push(record.line);
    if (recordLines.length === chunkSize) {
      yield { index: index++, header, lines: chunkLines, recordLines };
      chunkLines = [];
      recordLines = [];
    }
  }
  if (recordLines.length > 0) yield { index, header: header ?? [], lines: chunkLines, recordLines };
}

/**
 * Where NDJSON records are, without parsing them: every line that is not blank, or was cut for
 * length, is one record (the rule of `readNdjsonRecords`). Parsing is the worker's job; the
 * producer is the one process every record passes through, so it does only what it must. A
 * worker whose reader disagrees fails the chunk loudly (see `decideChunk`).
 */
async function* ndjsonRecordStarts(lines: AsyncIterable<TextLine>): AsyncGenerator<{ readonly line: number }> {
  for await (const { line, text, truncated } of lines) if (truncated || text.trim() !== '') yield { line };
}
