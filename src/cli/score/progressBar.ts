import type { CliIo } from '../cliIo.js';

/** A progress line on stderr, drawn only when stderr is a terminal and a clock is given. */
export interface ProgressBar {
  /** Redraws at most ten times a second. `done` and `total` in the same unit (bytes of input). */
  update(done: number, total: number, records: number, rejected: number): void;
  /** Clears the line. */
  finish(): void;
}

const REDRAW_MS = 100;

/** A progress bar on `io.stderr` when it is a TTY; a silent one otherwise, so logs and pipes stay clean. */
export function createProgressBar(io: CliIo): ProgressBar {
  const now = io.now;
  if (io.stderrIsTty !== true || now === undefined) return { update() {}, finish() {} };
  const started = now();
  let last = -Infinity;
  let drawn = false;
  return {
    update(done, total, records, rejected) {
      const t = now();
      if (t - last < REDRAW_MS) return;
      last = t;
      drawn = true;
      io.stderr(`\r${renderProgress({ done, total, records, rejected, elapsedMs: t - started, columns: io.stderrColumns ?? 80 })}\x1b[K`);
    },
    finish() {
      if (drawn) io.stderr('\r\x1b[K');
    },
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
  const share = p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0;
  const rate = p.elapsedMs > 0 ? (p.records * 1000) / p.elapsedMs : 0;
  const etaS = share > 0 && share < 1 ? Math.round(((1 - share) * p.elapsedMs) / share / 1000) : 0;
  const tail = ` ${(share * 100).toFixed(0).padStart(3)}%  ${p.records.toLocaleString('en-US')} records  ${Math.round(rate).toLocaleString('en-US')}/s  ${p.rejected.toLocaleString('en-US')} rejected  ETA ${Math.floor(etaS / 60)}:${String(etaS % 60).padStart(2, '0')}`;
  const width = Math.max(10, Math.min(40, p.columns - tail.length - 3));
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${tail}`;
}
