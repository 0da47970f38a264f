import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { LineSet } from './lineSet.js';
import { readOutputLineHead } from './outputLine.js';
import { splitLines } from './splitLines.js';

/** What a resumed run found in its output files. */
export interface ResumeState {
  /** Input lines already answered (a decision or an error line). */
  readonly done: LineSet;
  /** How many of those were answered with an error line. */
  readonly rejected: number;
  /** Bytes of an unfinished last line cut from the end of the files (an interrupted write). */
  readonly truncatedBytes: number;
}

/**
 * Reads the input line numbers already answered in existing output files, after cutting any
 * unfinished last line (a run killed mid-write), so the run appends whole lines only. Missing
 * files are simply empty.
 */
export async function readResumeState(paths: readonly string[]): Promise<ResumeState> {
  const done = new LineSet();
  let truncatedBytes = 0;
  let rejected = 0;
  for (const path of new Set(paths)) {
    truncatedBytes += await cutUnfinishedLine(path);
    let exists = true;
    try {
      await stat(path);
    } catch {
      exists = false;
    }
    if (!exists) continue;
    for await (const { text } of splitLines(createReadStream(path, { encoding: 'utf8' }))) {
      const head = readOutputLineHead(text);
      if (head !== undefined && done.add(head.line) && head.kind === 'error') rejected++;
    }
  }
  return { done, rejected, truncatedBytes };
}

// Read backwards in blocks this big to find the last line break.
const BLOCK = 64 * 1024;

/** Truncates a file to just after its last line break; returns the bytes cut (0 when absent or clean). */
async function cutUnfinishedLine(path: string): Promise<number> {
  let handle;
  try {
    handle = await open(path, 'r+');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
  try {
    const size = (await handle.stat()).size;
    let end = size;
    const buf = Buffer.alloc(BLOCK);
    while (end > 0) {
      const start = Math.max(0, end - BLOCK);
      const { bytesRead } = await handle.read(buf, 0, end - start, start);
      const nl = buf.subarray(0, bytesRead).lastIndexOf(10);
      if (nl >= 0) {
        const keep = start + nl + 1;
        if (keep < size) await handle.truncate(keep);
        return size - keep;
      }
      end = start;
    }
    if (size > 0) await handle.truncate(0);
    return size;
  } finally {
    await handle.close();
  }
}
