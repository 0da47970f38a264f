import { createHash } from 'node:crypto';
import type { LenientCellTally } from '../../csv/lenientCells.js';
import type { InputRecord } from './inputRecord.js';
import { readCsvRecords } from './readCsvRecords.js';
import { readNdjsonRecords } from './readNdjsonRecords.js';
import { splitLines } from './splitLines.js';
import { openStreamInput } from './streamInputBytes.js';
import type { z } from 'zod';
import { createUtf8Decoder, type DecodedText } from '../../text/utf8Decoder.js';

/** Bytes as strictly decoded text: every invalid byte is reported, never silently replaced. */
async function* decodeUtf8(bytes: AsyncIterable<Buffer>): AsyncGenerator<DecodedText> {
  const decoder = createUtf8Decoder();
  for await (const chunk of bytes) yield decoder.write(chunk);
  yield decoder.end();
}

/** Options of {@link openInputRecords}. */
export interface InputRecordsOptions {
  readonly format: 'csv' | 'ndjson';
  /** Lines a quoted CSV field may span before its quote counts as never closed. */
  readonly maxRecordLines: number;
  /** The lender's attribute schema (`--features`), so CSV `attributes.<name>` columns read as their declared types. */
  readonly attributes?: z.ZodType | undefined;
  /** Counts the lenient readings of CSV cells (surrounding whitespace, leading zeros), for the command to warn of. */
  readonly lenientCells?: LenientCellTally | undefined;
  /**
   * Read a record's stored decision (the customer's latest, as the lender holds it: an NDJSON line's
   * `prior` key, a CSV `prior` column) and the line on file (`onFile`, key or column), as `simulate`
   * does; default refused.
   */
  readonly prior?: boolean;
}

/** The records of an input file as they are read, with what the reading saw of the bytes. */
export interface InputRecords {
  readonly records: AsyncIterable<InputRecord>;
  /** Bytes handed to the parser so far (not bytes read ahead by the stream): what progress means. */
  bytesRead(): number;
  /** SHA-256 of the bytes read so far; once the input is exhausted, of the whole file as read. */
  sha256(): string;
  /** Stops reading (the file is closed). */
  close(): void;
}

/**
 * Opens an input file of applicants as a stream of records, one per NDJSON line or CSV row, each
 * numbered by the physical line it starts on. The bytes are hashed as they are read, so a run can
 * check the file did not change under it. A stream (`monitor --applicants /dev/stdin`) ends with an
 * error at a line running on past any record's length (see openStreamInput).
 */
export function openInputRecords(path: string, options: InputRecordsOptions): InputRecords {
  const input = openStreamInput(path);
  const stream = input.stream;
  const hash = createHash('sha256');
  let consumed = 0;
  let digest: string | undefined;
  const bytes = (async function* () {
    for await (const chunk of input.bytes) {
      consumed += (chunk as Buffer).length;
      hash.update(chunk as Buffer);
      yield chunk as Buffer;
    }
    digest = hash.digest('hex');
  })();
  return {
    records:
      options.format === 'csv'
        ? readCsvRecords(decodeUtf8(bytes), {
            maxRecordLines: options.maxRecordLines,
            attributes: options.attributes,
            prior: options.prior === true,
            lenientCells: options.lenientCells,
          })
        : readNdjsonRecords(splitLines(bytes), { prior: options.prior === true }),
    bytesRead: () => consumed,
    sha256: () => digest ?? hash.copy().digest('hex'),
    close: () => stream.destroy(),
  };
}
