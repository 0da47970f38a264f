import { deserialize, serialize } from 'node:v8';
import type { InputRecord } from '../cli/score/inputRecord.js';

/** A chunk of input as the producer cuts it: `chunkSize` records read by the `score` reader. */
export interface InputChunk {
  readonly index: number;
  readonly records: readonly InputRecord[];
  /** The input line each record starts on, in order. */
  readonly recordLines: readonly number[];
}

/**
 * Cuts the records of an input (read by `openInputRecords`, the reader of `creditlift score`) into
 * chunks of `chunkSize`. Boundaries depend on the input alone, so a resumed producer cuts the same
 * chunks and finds the same job ids.
 */
export async function* chunkRecords(records: AsyncIterable<InputRecord>, chunkSize: number): AsyncGenerator<InputChunk> {
  let index = 0;
  let chunk: InputRecord[] = [];
  for await (const record of records) {
    chunk.push(record);
    if (chunk.length === chunkSize) {
      yield { index: index++, records: chunk, recordLines: chunk.map((r) => r.line) };
      chunk = [];
    }
  }
  if (chunk.length > 0) yield { index, records: chunk, recordLines: chunk.map((r) => r.line) };
}

/**
 * A chunk's records as bytes for its Redis key: V8's structured serialisation (what the worker pool
 * uses between processes). JSON would change what is decided: `Infinity` from a CSV cell would
 * become `null`, `-0` would become `0` and a hole in a sparse array `null`.
 */
export function encodeRecords(records: readonly InputRecord[]): Buffer {
  return serialize(records);
}

/** The records of {@link encodeRecords}. */
export function decodeRecords(bytes: Buffer): InputRecord[] {
  return deserialize(bytes) as InputRecord[];
}
