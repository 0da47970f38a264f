import type { CliIo } from '../cliIo.js';
import { createProgressLine, progressBarText, progressShare } from './progressLine.js';

/** A progress line on stderr, drawn only when stderr is a terminal and a clock is given. */
export interface ProgressBar {
  /** Redraws at most ten times a second. `done` and `total` in the same unit (bytes of input). */
  update(done: number, total: number, records: number, rejected: number): void;
  /** Clears the line. */
  finish(): void;
}

/** A progress bar on `io.stderr` when it is a TTY; a silent one otherwise, so logs and pipes stay clean. */
export function createProgressBar(io: CliIo): ProgressBar {
  const line = createProgressLine(io, (p: { done: number; total: number; records: number; rejected: number }, elapsedMs, columns) =>
    renderProgress({ ...p, elapsedMs, columns }),
  );
  return {
    update: (done, total, records, rejected) => line.update({ done, total, records, rejected }),
    finish: () => line.finish(),
  };
}

/** The text of one progress line: bar, percentage, records, rate, rejections and time left. */
export function renderProgress(p: {
  readonly done: number;
  readonly total: number;
  readonly records: number;
  readonly rejected: number;
  readonly elapsedMs: number;
  readonly columns: number;
}): string {
  const share = progressShare(p.done, p.total);
  const rate = p.elapsedMs > 0 ? (p.records * 1000) / p.elapsedMs : 0;
  const etaS = share > 0 && share < 1 ? Math.round(((1 - share) * p.elapsedMs) / share / 1000) : 0;
  const tail = ` ${(share * 100).toFixed(0).padStart(3)}%  ${p.records.toLocaleString('en-US')} records  ${Math.round(rate).toLocaleString('en-US')}/s  ${p.rejected.toLocaleString('en-US')} rejected  ETA ${Math.floor(etaS / 60)}:${String(etaS % 60).padStart(2, '0')}`;
  return progressBarText(share, tail, p.columns, 40);
}
