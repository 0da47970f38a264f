import { materializeRecord, type RecordPatch } from './workerRecordPatches.js';

/** A chunk made safe to post to a worker, and the patches its worker applies before deciding. */
export interface CloneableChunk {
  readonly applicants: readonly unknown[];
  /** Patches of the records made cloneable here, by index within the chunk (see workerRecordPatches). */
  readonly patches: readonly RecordPatch[];
}

/**
 * Makes a chunk structured-cloneable record by record, so one record cloning refuses (a live
 * Proxy, a root that cannot be read) cannot sink its neighbours: each such record is replaced by
 * its plain copy, or a root patch, as `materializeRecord` makes them. Nothing is parsed here: the
 * worker validates every record with the pool's own feature set, as the in-process scorer would.
 */
export function cloneableRecords(applicants: readonly unknown[]): CloneableChunk {
  const out = [...applicants];
  const patches: RecordPatch[] = [];
  applicants.forEach((a, i) => {
    if (isCloneable(a)) return;
    const m = materializeRecord(a, i);
    out[i] = m.value;
    patches.push(...m.patches);
  });
  return { applicants: out, patches };
}

function isCloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
