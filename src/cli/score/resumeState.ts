import { createReadStream, createWriteStream } from 'node:fs';
import { isBlankLine } from '../../text/blankLine.js';
import { open, rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import type { KeptAnswerCheck } from './keptAnswerCheck.js';
import type { InputRecord } from './inputRecord.js';
import { digest64, LineDigests } from './lineDigests.js';
import { LineSet } from './lineSet.js';
import { LineRangeList, type LineRange } from './lineRanges.js';
import { readOutputLineHead } from './outputLine.js';
import { splitLines } from './splitLines.js';
import { AnswersReadInterruptedError } from './answersReadInterruptedError.js';

/** How {@link readResumeState} is stopped, and told of what it does as it does it. */
export interface ResumeReadOptions {
  /**
   * Stops the reading between two lines once aborted (before any line is taken out: the files are
   * rewritten only once every read is done), with an {@link AnswersReadInterruptedError}.
   */
  readonly signal?: AbortSignal;
  /** Told of each unfinished last line as it is cut, so a reading stopped after it still says so. */
  readonly onCut?: (cut: { readonly path: string; readonly bytes: number }) => void;
}

/** Lines of one output file that `--resume` took out, by their line number in that file. */
export interface RemovedLines {
  readonly path: string;
  /** Line numbers in the file (1 is its first line), in order. */
  readonly fileLines: LineRangeList;
}

/** An input line the output answers twice, the two answers differing: which one holds cannot be told. */
export interface ConflictingAnswer {
  readonly line: number;
  /** Where each answer is: file and line number in that file. */
  readonly at: readonly { readonly path: string; readonly fileLine: number }[];
}

/** An answer line `--resume` took out because it is not this run's answer for its input line. */
export interface ForeignAnswer {
  readonly fileLine: number;
  /** The input line it claims to answer. */
  readonly line: number;
  /** Why it is not this run's answer (its seal, its configuration, another record, no such record). */
  readonly why: string;
}

/** The answer lines of one file that `--resume` took out as not this run's: the first 20 with why, and how many in all. */
export interface ForeignAnswers {
  readonly path: string;
  readonly lines: readonly ForeignAnswer[];
  readonly count: number;
}

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
  /** Lines taken out because they are no output line (a block of NUL bytes a crash left, a damaged line), per file. */
  readonly unreadable: readonly RemovedLines[];
  /** Lines taken out because an earlier line answers the same input line byte for byte, per file. */
  readonly repeated: readonly RemovedLines[];
  /**
   * Answer lines taken out because they are not this run's answer for their input line (a decision
   * whose seal does not hold, made under another configuration, or answering another record; any
   * line naming no record of the input), per file: their records are decided again.
   */
  readonly foreign: readonly ForeignAnswers[];
  /**
   * Input lines answered twice with different answers (the first 20): then nothing was taken out
   * of the files (but an unfinished last line), and the resume must be refused.
   */
  readonly conflicts: readonly ConflictingAnswer[];
  /**
   * True when the output answers input `line` (a resumed run skips it). A line it does not answer
   * below the highest line it does is remembered as missing: its answer went (deleted, or in a line
   * a crash damaged), as no run leaves a gap but a `worker_failed` line or a failed `--queue` chunk
   * (`earlierUndecided`), which are not counted. Any order, any number of times per line.
   */
  answered(line: number): boolean;
  /** The input lines {@link answered} found missing so far, as ranges. */
  missing(): LineRangeList;
  /**
   * The highest input line the output answers once the resume took its lines out (0 for none): a
   * record below it that the resume decides is answered after the rest, out of input order.
   */
  readonly highest: number;
  /** The highest input line a decision line answers (0 for none): where the output stands when the error lines are apart. */
  readonly highestDecision: number;
  /** The highest input line an error line answers (0 for none): where a `--errors` file apart stands. */
  readonly highestError: number;
}

/** Error code of a record a failed worker could not decide: a runtime fault, not the record's, so resuming decides it again. */
export const RETRY_ON_RESUME_CODE = 'worker_failed';

// Conflicting answers a refusal names; past them it counts.
const MAX_CONFLICTS = 20;
// Foreign answer lines named per file, with why; past them they are counted.
const MAX_FOREIGN_NAMED = 20;

/**
 * Reads the input line numbers already answered in existing output files, after cutting any
 * unfinished last line (a run killed mid-write), so the run appends whole lines only. Lines whose
 * record a worker failed to decide (`worker_failed`) are removed from the files and not counted as
 * answered, so the resumed run decides them again and every input line is still answered once.
 * So are lines that are no output line (a crash's NUL bytes; their records, unanswered, are
 * decided again) and a line repeating an earlier answer byte for byte. An input line answered twice
 * differently is a conflict: nothing is removed then. Missing files are simply empty.
 *
 * With `check`, an answer line is kept only when it is this run's answer for its input line: a
 * decision whose seal does not hold or whose audit names another configuration is taken out as it
 * is read (so it conflicts with nothing); then the input is read once, and a decision that answers
 * another record than its input line's, or any line naming a line where the input has no record,
 * is taken out too. Their records are decided again (see {@link ResumeState.foreign}).
 *
 * @param earlierUndecided input lines the earlier run recorded it left undecided (its status): gaps
 *   there are expected, not missing answers
 * @throws AnswersReadInterruptedError when `options.signal` stopped it (no line taken out then)
 */
export async function readResumeState(
  paths: readonly string[],
  earlierUndecided: readonly LineRange[] = [],
  check?: KeptAnswerCheck,
  options: ResumeReadOptions = {},
): Promise<ResumeState> {
  const { signal } = options;
  const done = new LineSet();
  const errorLines = new LineSet();
  const cut: { path: string; bytes: number }[] = [];
  const files = [...new Set(paths)];
  let retried = 0;
  const retriedLines = new LineSet();
  // Input lines whose answer was taken out as not this run's: decided again, not "missing".
  const redo = new LineSet();
  // Which record each kept decision answers, to hold against the input; each kept error line's text.
  const identities = new LineDigests();
  const errorTexts = new LineDigests();
  // Per file: the file lines to take out, and which of them are unreadable, repeats or foreign.
  const scans: {
    path: string;
    drop: LineSet;
    unreadable: LineRangeList;
    repeated: LineRangeList;
    foreign: ForeignAnswer[];
    foreignCount: number;
    retry: number;
  }[] = [];
  const repeatedInput = new LineSet();
  const foreign = (scan: (typeof scans)[number], fileLine: number, line: number, why: string) => {
    scan.foreignCount++;
    if (scan.foreign.length < MAX_FOREIGN_NAMED) scan.foreign.push({ fileLine, line, why });
    scan.drop.add(fileLine);
    redo.add(line);
  };
  for (const path of files) {
    if (signal?.aborted === true) throw new AnswersReadInterruptedError(path, 0, await sizeOf(path), 'output');
    const bytes = await cutUnfinishedLine(path);
    if (bytes > 0) {
      cut.push({ path, bytes });
      options.onCut?.({ path, bytes });
    }
    if (!(await exists(path))) continue;
    const scan = { path, drop: new LineSet(), unreadable: new LineRangeList(), repeated: new LineRangeList(), foreign: [], foreignCount: 0, retry: 0 };
    scans.push(scan);
    for await (const { line: fileLine, text } of readLines(path, signal)) {
      const head = readOutputLineHead(text);
      if (head === undefined) {
        // A blank line answers nothing and harms nothing: it is left alone.
        if (isBlankLine(text)) continue;
        scan.unreadable.addRange(fileLine);
        scan.drop.add(fileLine);
        continue;
      }
      if (head.errorCode === RETRY_ON_RESUME_CODE) {
        scan.retry++;
        retriedLines.add(head.line);
        scan.drop.add(fileLine);
        continue;
      }
      const fault = check !== undefined && head.kind === 'decision' ? check.decisionFault(head.decision) : undefined;
      if (fault !== undefined) foreign(scan, fileLine, head.line, fault);
      else if (done.add(head.line)) {
        if (head.kind === 'error') {
          errorLines.add(head.line);
          if (check?.errorLinesOf !== undefined) errorTexts.set(head.line, digest64(text));
        } else if (check !== undefined) identities.set(head.line, check.decisionIdentity(head.decision));
      } else {
        scan.repeated.addRange(fileLine);
        scan.drop.add(fileLine);
        repeatedInput.add(head.line);
      }
    }
    retried += scan.retry;
  }
  const conflicts = repeatedInput.size === 0 ? [] : await findConflicts(files, repeatedInput, check, signal);
  if (conflicts.length === 0) {
    if (check !== undefined) {
      const notAnswers = await answersOfNoRecord(done, errorLines, identities, errorTexts, check, signal);
      if (notAnswers.size > 0) {
        // Their lines are found again by the input line they claim (one text per input line: no conflict).
        for (const scan of scans) {
          for await (const { line: fileLine, text } of readLines(scan.path, signal)) {
            if (scan.drop.has(fileLine)) continue;
            const head = readOutputLineHead(text);
            const why = head === undefined ? undefined : notAnswers.get(head.line);
            if (head !== undefined && why !== undefined) foreign(scan, fileLine, head.line, why);
          }
        }
        for (const line of notAnswers.keys()) {
          done.delete(line);
          errorLines.delete(line);
        }
      }
    }
    await dropLines(
      scans.filter((scan) => scan.drop.size > 0),
      signal,
    );
  }
  let highest = 0;
  let highestDecision = 0;
  let highestError = 0;
  for (const line of done) {
    highest = line;
    if (errorLines.has(line)) highestError = line;
    else highestDecision = line;
  }
  const missing = new LineSet();
  const expected = (line: number) => retriedLines.has(line) || redo.has(line) || earlierUndecided.some((r) => r.first <= line && line <= r.last);
  return {
    done,
    rejected: errorLines.size,
    cut,
    retried,
    unreadable: scans.filter((s) => s.unreadable.count > 0).map((s) => ({ path: s.path, fileLines: s.unreadable })),
    repeated: scans.filter((s) => s.repeated.count > 0).map((s) => ({ path: s.path, fileLines: s.repeated })),
    foreign: scans.filter((s) => s.foreignCount > 0).map((s) => ({ path: s.path, lines: s.foreign, count: s.foreignCount })),
    conflicts,
    highest,
    highestDecision,
    highestError,
    answered(line) {
      if (done.has(line)) return true;
      if (line < highest && !missing.has(line) && !expected(line)) missing.add(line);
      return false;
    },
    missing() {
      const ranges = new LineRangeList();
      for (const line of missing) ranges.addRange(line);
      return ranges;
    },
  };
}

/**
 * The answered input lines whose answer is not this run's for the record there, with why: a line
 * where the input has no record, a decision for a record the run answers unread with an error line,
 * a decision answering another record (another `applicantId` or `asOf`). Reads the input once.
 */
async function answersOfNoRecord(
  done: LineSet,
  errorLines: LineSet,
  identities: LineDigests,
  errorTexts: LineDigests,
  check: KeptAnswerCheck,
  signal: AbortSignal | undefined,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const records = new LineSet();
  const reading = check.inputRecords();
  // The records an error line answers, asked of the decider a chunk at a time (error lines are few).
  const erred: InputRecord[] = [];
  const askAgain = async () => {
    const batch = erred.splice(0);
    const again = await check.errorLinesOf?.(batch);
    if (again === undefined) return;
    again.forEach((text, i) => {
      const line = (batch[i] as InputRecord).line;
      if (text === undefined) out.set(line, 'an error line, where this run decides the record');
      else if (errorTexts.matches(line, digest64(text)) === false)
        out.set(line, 'an error line this run does not give the record (deciding it again gives another)');
    });
  };
  try {
    for await (const record of reading.records) {
      if (signal?.aborted === true) throw new AnswersReadInterruptedError(reading.path, reading.bytesRead(), await sizeOf(reading.path), 'input');
      records.add(record.line);
      if (!done.has(record.line)) continue;
      if (errorLines.has(record.line)) {
        if (check.errorLinesOf === undefined) continue;
        erred.push(record);
        if (erred.length >= ERROR_LINES_ASKED_AT_ONCE) await askAgain();
        continue;
      }
      const identity = check.recordIdentity(record);
      if (identity === undefined)
        out.set(record.line, 'a decision, where the input record is one the run answers with an error line (it cannot be read as an applicant)');
      else if (identities.matches(record.line, identity) === false)
        out.set(record.line, "it answers another record than the input's (its audit.applicantId or audit.asOf is not the record's)");
    }
    if (erred.length > 0) await askAgain();
  } finally {
    reading.close();
  }
  for (const line of done) if (!records.has(line)) out.set(line, 'the input has no record at that line');
  return out;
}

/** Records whose error line is asked again in one call of the decider. */
const ERROR_LINES_ASKED_AT_ONCE = 256;

/** Input lines in `repeated` whose answers differ (by SHA-256 of the line), with where each answer is. */
async function findConflicts(
  files: readonly string[],
  repeated: LineSet,
  check: KeptAnswerCheck | undefined,
  signal: AbortSignal | undefined,
): Promise<ConflictingAnswer[]> {
  const seen = new Map<number, { hash: string; at: { path: string; fileLine: number }[]; differs: boolean }>();
  for (const path of files) {
    if (!(await exists(path))) continue;
    for await (const { line: fileLine, text } of readLines(path, signal)) {
      const head = readOutputLineHead(text);
      if (head === undefined || head.errorCode === RETRY_ON_RESUME_CODE || !repeated.has(head.line)) continue;
      // A decision not this run's is taken out, so it conflicts with nothing.
      if (check !== undefined && head.kind === 'decision' && check.decisionFault(head.decision) !== undefined) continue;
      const hash = createHash('sha256').update(text).digest('hex');
      const entry = seen.get(head.line);
      if (entry === undefined) seen.set(head.line, { hash, at: [{ path, fileLine }], differs: false });
      else {
        entry.at.push({ path, fileLine });
        if (entry.hash !== hash) entry.differs = true;
      }
    }
  }
  const out: ConflictingAnswer[] = [];
  for (const [line, e] of [...seen].sort((a, b) => a[0] - b[0])) if (e.differs && out.length < MAX_CONFLICTS) out.push({ line, at: e.at });
  return out;
}

/**
 * Rewrites each file without the lines numbered in its `drop`: all of them into temporary files
 * first, then each renamed over its file (so a crash leaves one or the other whole). A signal stops
 * the writing and removes the temporary files, leaving every file as it was: one file rewritten and
 * the next not, the lines taken out of the first were named by no one (the notes come after).
 */
async function dropLines(scans: readonly { readonly path: string; readonly drop: LineSet }[], signal: AbortSignal | undefined): Promise<void> {
  const written: { path: string; tmp: string }[] = [];
  try {
    for (const { path, drop } of scans) {
      const tmp = `${path}.resume-tmp`;
      written.push({ path, tmp });
      await pipeline(
        readLines(path, signal),
        async function* (lines: AsyncIterable<{ line: number; text: string }>) {
          for await (const { line, text } of lines) {
            if (!drop.has(line)) yield `${text}\n`;
          }
        },
        createWriteStream(tmp),
      );
    }
  } catch (e) {
    for (const { tmp } of written) await rm(tmp, { force: true });
    throw e;
  }
  for (const { path, tmp } of written) await rename(tmp, path);
}

/**
 * The lines of `path`, stopped between two lines once `signal` is aborted with an
 * {@link AnswersReadInterruptedError} saying how far the read got.
 */
async function* readLines(path: string, signal: AbortSignal | undefined): AsyncGenerator<{ line: number; text: string }> {
  const size = signal === undefined ? 0 : await sizeOf(path);
  const stream = createReadStream(path, { encoding: 'utf8' });
  for await (const line of splitLines(stream)) {
    // Per line, not per chunk: a property read, and lines are short beside a 64 KiB chunk.
    if (signal?.aborted === true) throw new AnswersReadInterruptedError(path, stream.bytesRead, size, 'output');
    yield line;
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
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
