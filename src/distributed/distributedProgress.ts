import type { CliIo } from '../cli/cliIo.js';

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
export interface DistributedProgress {
  update(state: DistributedProgressState): void;
  finish(): void;
}

/** A progress line on `io.stderr` when it is a TTY; silent otherwise so logs and pipes stay clean. */
export function createDistributedProgress(io: CliIo): DistributedProgress {
  const now = io.now;
  if (io.stderrIsTty !== true || now === undefined) return { update() {}, finish() {} };
  const started = now();
  let last = -Infinity;
  let drawn = false;
  return {
    update(state) {
      const t = now();
      if (t - last < 100) return;
      last = t;
      drawn = true;
      io.stderr(`\r${renderDistributedProgress(state, t - started, io.stderrColumns ?? 80)}\x1b[K`);
    },
    finish() {
      if (drawn) io.stderr('\r\x1b[K');
    },
  };
}

/** One progress line: bar, share of input written, chunks written/queued/failed, records, rate, rejections. */
export function renderDistributedProgress(p: DistributedProgressState, elapsedMs: number, columns: number): string {
  const share = p.bytesTotal > 0 ? Math.min(1, Math.max(0, p.bytesDone / p.bytesTotal)) : 0;
  const rate = elapsedMs > 0 ? (p.records * 1000) / elapsedMs : 0;
  const n = (x: number) => x.toLocaleString('en-US');
  const tail = ` ${(share * 100).toFixed(0).padStart(3)}%  chunks ${n(p.chunksWritten)} done, ${n(p.chunksQueued)} queued${p.chunksFailed > 0 ? `, ${n(p.chunksFailed)} FAILED` : ''}  ${n(p.records)} records  ${n(Math.round(rate))}/s  ${n(p.rejected)} rejected`;
  const width = Math.max(10, Math.min(30, columns - tail.length - 3));
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${tail}`;
}
