import type { CliIo } from '../cli/cliIo.js';
import { createProgressLine, progressBarText, progressShare, type ProgressLine } from '../cli/score/progressLine.js';

/** What the producer's progress line shows. */
export interface DistributedProgressState {
  /** Input bytes up to the end of the last chunk written, and the input's size. */
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly chunksWritten: number;
  /** Chunks enqueued and not yet written. */
  readonly chunksQueued: number;
  readonly chunksFailed: number;
  readonly records: number;
  readonly rejected: number;
}

/** The producer's progress line on stderr: drawn only on a terminal with a clock, at most ten times a second. */
export type DistributedProgress = ProgressLine<DistributedProgressState>;

/** A progress line on `io.stderr` when it is a TTY; silent otherwise so logs and pipes stay clean. */
export function createDistributedProgress(io: CliIo): DistributedProgress {
  return createProgressLine(io, renderDistributedProgress);
}

/** One progress line: bar, share of input written, chunks written/queued/failed, records, rate, rejections. */
export function renderDistributedProgress(p: DistributedProgressState, elapsedMs: number, columns: number): string {
  const share = progressShare(p.bytesDone, p.bytesTotal);
  const rate = elapsedMs > 0 ? (p.records * 1000) / elapsedMs : 0;
  const n = (x: number) => x.toLocaleString('en-US');
  const tail = ` ${(share * 100).toFixed(0).padStart(3)}%  chunks ${n(p.chunksWritten)} done, ${n(p.chunksQueued)} queued${p.chunksFailed > 0 ? `, ${n(p.chunksFailed)} FAILED` : ''}  ${n(p.records)} records  ${n(Math.round(rate))}/s  ${n(p.rejected)} rejected`;
  return progressBarText(share, tail, columns, 30);
}
