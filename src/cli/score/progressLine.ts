import type { CliIo } from '../cliIo.js';

/** A status line on stderr, redrawn in place: drawn only when stderr is a terminal and a clock is given. */
export interface ProgressLine<S> {
  /** Redraws at most ten times a second. */
  update(state: S): void;
  /** Clears the line. */
  finish(): void;
}

const REDRAW_MS = 100;

/**
 * A progress line on `io.stderr` when it is a TTY; a silent one otherwise, so logs and pipes stay
 * clean. `render` writes the line's text from the state, the time since the start and the width.
 * The one drawing loop behind `score`'s, `simulate`'s and `score --queue`'s progress lines.
 */
export function createProgressLine<S>(io: CliIo, render: (state: S, elapsedMs: number, columns: number) => string): ProgressLine<S> {
  const now = io.now;
  if (io.stderrIsTty !== true || now === undefined) return { update() {}, finish() {} };
  const started = now();
  let last = -Infinity;
  let drawn = false;
  return {
    update(state) {
      const t = now();
      if (t - last < REDRAW_MS) return;
      last = t;
      drawn = true;
      io.stderr(`\r${render(state, t - started, io.stderrColumns ?? 80)}\x1b[K`);
    },
    finish() {
      if (drawn) io.stderr('\r\x1b[K');
    },
  };
}

/** `done / total` clamped to [0, 1]; 0 when the total is unknown (0). */
export function progressShare(done: number, total: number): number {
  return total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
}

/**
 * `[####------]` for `share` followed by `tail` (which starts with the percentage), the bar as wide
 * as the columns left allow, between 10 and `maxWidth` characters.
 */
export function progressBarText(share: number, tail: string, columns: number, maxWidth: number): string {
  const width = Math.max(10, Math.min(maxWidth, columns - tail.length - 3));
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${tail}`;
}
