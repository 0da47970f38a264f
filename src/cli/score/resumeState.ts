import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { LineSet } from './lineSet.js';
import { readOutputLineHead } from './outputLine.js';
import { splitLines } from './splitLines.js';

/** What a resumed run found in its output files. */
export interface ResumeState {
  /** Input lines already answered for good (a decision or a data error line). */
  readonly done: LineSet;
  /** How many of those were answered with an error line. */
  readonly rejected: number;
  /** Each file an unfinished last line (an interrupted write) was cut from, with the bytes cut, in the order given. */
  readonly cut: readonly { readonly path: string; readonly bytes: number }[];
  /** `worker_failed` lines taken out of the files so their records are decided again. */
  readonly retried: number;
}

/** Error code of a record a failed worker could not decide: a runtime fault, not the record's, so resuming decides it again. */
export const RETRY_ON_RESUME_CODE = 'worker_failed';

/**
 * Reads the input line numbers already answered in existing output files, after cutting any
 * unfinished last line (a run killed mid-write), so the run appends whole lines only. Lines whose
 * record a worker failed to decide (`worker_failed`) are removed from the files and not counted as
 * answered, so the resumed run decides them again and every input line is still answered once.
 * Missing files are simply empty.
 */
export async function readResumeState(paths: readonly string[]): Promise<ResumeState> {
  const done = new LineSet();
  const cut: { path: string; bytes: number }[] = [];
  let rejected = 0;
  let retried = 0;
  for (const path of new Set(paths)) {
    const bytes = await cutUnfinishedLine(path);
    if (bytes > 0) cut.push({ path, bytes });
    if (!(await exists(path))) continue;
    let toRetry = 0;
    for await (const { text } of splitLines(createReadStream(path, { encoding: 'utf8' }))) {
      const head = readOutputLineHead(text);
      if (head === undefined) continue;
      if (head.errorCode === RETRY_ON_RESUME_CODE) toRetry++;
      else if (done.add(head.line) && head.kind === 'error') rejected++;
    }
    if (toRetry > 0) await dropRetriedLines(path);
    retried += toRetry;
  }
  return { done, rejected, cut, retried };
}

/** Rewrites `path` without its `worker_failed` lines (via a temporary file renamed over it, so a crash leaves one or the other whole). */
async function dropRetriedLines(path: string): Promise<void> {
  const tmp = `${path}.resume-tmp`;
  await pipeline(
    splitLines(createReadStream(path, { encoding: 'utf8' })),
    async function* (lines: AsyncIterable<{ text: string }>) {
      for await (const { text } of lines) {
        if (readOutputLineHead(text)?.errorCode !== RETRY_ON_RESUME_CODE) yield `${text}\n`;
      }
    },
    createWriteStream(tmp),
  );
  await rename(tmp, path);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
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
