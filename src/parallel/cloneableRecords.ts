import type { BatchResult } from '../decision/createScorer.js';
import { toErrorData } from '../decision/toErrorData.js';
import { parseApplicant } from '../schema/parseApplicant.js';

/** A chunk made safe to post to a worker, with the results already known for records that could not be. */
export interface CloneableChunk {
  readonly applicants: readonly unknown[];
  /** Results decided here, by index within the chunk; they replace the worker's answer for that slot. */
  readonly settled: ReadonlyMap<number, BatchResult>;
}

/**
 * Makes a chunk structured-cloneable record by record, so one record holding a function or a
 * symbol cannot sink its neighbours. Such a record is parsed here as the in-process scorer would:
 * if it is invalid its error is settled here; if it is valid (the uncloneable part was a stripped
 * extra field) the parsed applicant, plain data, is sent instead.
 */
export function cloneableRecords(applicants: readonly unknown[], base: number): CloneableChunk {
  const out: unknown[] = new Array(applicants.length);
  const settled = new Map<number, BatchResult>();
  applicants.forEach((a, i) => {
    if (isCloneable(a)) {
      out[i] = a;
      return;
    }
    try {
      out[i] = parseApplicant(a);
    } catch (e) {
      out[i] = null;
      settled.set(i, { ok: false, index: base + i, error: toErrorData(e) });
    }
  });
  return { applicants: out, settled };
}

function isCloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
