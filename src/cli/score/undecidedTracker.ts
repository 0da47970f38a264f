import { LineRangeList } from './lineRanges.js';

/**
 * Follows a `score` run's records from read to written, so that when it ends it can say which
 * input lines it left without an answer: `worker_failed` lines as they are written, and, when it
 * stops early (a signal, a runtime failure), the records read but not written and the line after
 * which nothing was read. Holds only the records in flight (at most `--batch` x chunks in flight).
 */
export class UndecidedTracker {
  /** Input lines without an answer so far, in order. */
  readonly undecided = new LineRangeList();
  private lastRead = 0;
  // Records read and not answered by an earlier run, not yet written, oldest first from `head`.
  private inFlight: number[] = [];
  private head = 0;

  /** A record read at input `line`; `answered` when an earlier run's output answers it (skipped). */
  read(line: number, answered: boolean): void {
    this.lastRead = line;
    if (!answered) this.inFlight.push(line);
  }

  /** The answer line of the oldest record in flight was written; `undecided` for a `worker_failed` line. */
  written(line: number, undecided: boolean): void {
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.inFlight.length) {
      this.inFlight = this.inFlight.slice(this.head);
      this.head = 0;
    }
    if (undecided) this.undecided.addRange(line);
  }

  /**
   * Ends the tracking. When the run `stopped` before the end of its input, the records read but not
   * written join the undecided lines, and `stoppedAfterLine` is the last line read; else
   * `lastInputLine` is (the line the input's last record starts on).
   */
  end(stopped: boolean): { readonly undecided: LineRangeList; readonly stoppedAfterLine?: number; readonly lastInputLine?: number } {
    if (!stopped) return { undecided: this.undecided, lastInputLine: this.lastRead };
    for (let i = this.head; i < this.inFlight.length; i++) this.undecided.addRange(this.inFlight[i] as number);
    this.head = this.inFlight.length;
    return { undecided: this.undecided, stoppedAfterLine: this.lastRead };
  }
}
