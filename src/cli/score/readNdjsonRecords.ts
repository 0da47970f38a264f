import { parseStrictJson } from '../../json/parseStrictJson.js';
import { isBlankLine, looksBlankFault } from '../../text/blankLine.js';
import { refusedRecord, unreadableRecord, type InputRecord } from './inputRecord.js';
import { readRecordEnvelope, type RecordEnvelopeOptions } from './recordEnvelope.js';
import { recordTooDeep } from './recordTooDeep.js';
import type { TextLine } from './splitLines.js';
import { textLineFault } from './textLineFault.js';

/**
 * NDJSON lines as input records: one JSON value per line, numbered by physical line. Blank lines
 * (spaces and tabs only: see {@link isBlankLine}) are not records and are skipped; a line that is not JSON (`invalid_json`), repeats a key within
 * one object (`duplicate_key`) or nests deeper than any record may (`too_deep`) becomes an error
 * record, never an exception. `options.prior`: a record's `prior` key (a stored decision) and its
 * `onFile` key (the line on file) are read
 * (see {@link readRecordEnvelope}).
 */
export async function* readNdjsonRecords(lines: AsyncIterable<TextLine>, options: RecordEnvelopeOptions = {}): AsyncGenerator<InputRecord> {
  for await (const textLine of lines) {
    let record: InputRecord | undefined;
    try {
      record = readNdjsonLine(textLine, options);
    } catch (e) {
      // Whatever one line does to the reader is that line's error: an exception here would end the
      // run, and --resume would meet the same line and end again, so no later line could be decided.
      record = unreadableRecord(textLine.line, 'unreadable_input', `could not be read (${e instanceof Error ? e.name : typeof e})`);
    }
    if (record !== undefined) yield record;
  }
}

/** One line's record; undefined for a blank line. */
function readNdjsonLine(textLine: TextLine, options: RecordEnvelopeOptions): InputRecord | undefined {
  const { line, text } = textLine;
  const fault = textLineFault(textLine);
  if (fault !== undefined) return unreadableRecord(line, fault.code, fault.message);
  if (isBlankLine(text)) return undefined;
  const looksBlank = looksBlankFault(text);
  if (looksBlank !== undefined) return unreadableRecord(line, 'invalid_json', looksBlank);
  // Not JSON: the line is unreadable (the message keeps the input out). Repeated keys: each one is
  // its own issue at its own path.
  const read = parseStrictJson(text);
  if (!read.ok && read.parsed === undefined) {
    const [first] = read.issues;
    return first !== undefined && first.code === 'invalid_json' ? unreadableRecord(line, first.code, first.message) : refusedRecord(line, read.issues);
  }
  const value = read.ok ? read.value : read.parsed?.value;
  const deep = recordTooDeep(value);
  if (deep !== undefined) return refusedRecord(line, [deep]);
  const envelope = readRecordEnvelope(value, options);
  const given = {
    value: envelope.applicant,
    ...(envelope.limitHistory === undefined ? {} : { limitHistory: envelope.limitHistory }),
    ...(Object.hasOwn(envelope, 'prior') ? { prior: envelope.prior } : {}),
    ...(Object.hasOwn(envelope, 'onFile') ? { onFile: envelope.onFile } : {}),
    ...(envelope.at.length === 0 ? {} : { at: envelope.at }),
  };
  // Refused by the reader or its envelope: the applicant and its ledger still go to the decider, so
  // the refusal names their other faults too (see refusalWithFaults).
  const readerIssues = [...(read.ok ? [] : read.issues), ...(envelope.ok ? [] : envelope.issues)];
  return readerIssues.length > 0 ? refusedRecord(line, readerIssues, given) : { line, ok: true, ...given };
}
