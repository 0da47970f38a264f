import { LineRangeList, formatLineRanges } from './score/lineRanges.js';
import { LineSet } from './score/lineSet.js';

/**
 * Follows the input line numbers (`{"line":N,...}`) of a `creditlift score` output as a reader meets
 * them, by where each sits in the file. Score writes them strictly increasing and each once (a
 * resume that decided records again appends their lines after the rest), so a number met twice, one
 * lower than the line before, or one past the input's last record is the sign of a mixed-up file:
 * two outputs concatenated, lines moved or renumbered. The `line` envelope is not sealed.
 */
export class ScoreLineNumbers {
  private readonly seen = new LineSet();
  private last = 0;
  /** File places (line or element) whose input line number was met before. */
  readonly repeated: string[] = [];
  repeatedCount = 0;
  /** File places whose input line number is lower than the line before's. */
  readonly decreasing: string[] = [];
  decreasingCount = 0;
  /** Input line numbers past the input's last record, when it is known (met in any order). */
  private readonly pastInput = new LineSet();

  /** @param lastInputLine the input line the run's last record starts on, when known */
  constructor(private readonly lastInputLine?: number) {}

  /** The input line number `line` of the score line at `where` in the file. */
  meet(line: number, where: string): void {
    if (!this.seen.add(line)) {
      this.repeatedCount++;
      if (this.repeated.length < 5) this.repeated.push(`${where} (input line ${line})`);
    }
    if (line < this.last) {
      this.decreasingCount++;
      if (this.decreasing.length < 5) this.decreasing.push(`${where} (input line ${line} after ${this.last})`);
    }
    this.last = line;
    if (this.lastInputLine !== undefined && line > this.lastInputLine) this.pastInput.add(line);
  }

  /** The warnings of a file read to its end, one sentence each (none for a file as score writes it). */
  warnings(file: string, resumedDecidingAgain: boolean): string[] {
    const out: string[] = [];
    const more = (n: number, shown: readonly string[]) => `${shown.join(', ')}${n > shown.length ? ` and ${n - shown.length} more` : ''}`;
    if (this.repeatedCount > 0)
      out.push(
        `${this.repeatedCount.toLocaleString('en-US')} line(s) of ${file} name an input line an earlier line names too (${more(this.repeatedCount, this.repeated)}): score answers each input line once, so two outputs were put together or lines repeated`,
      );
    if (this.decreasingCount > 0 && !resumedDecidingAgain)
      out.push(
        `${this.decreasingCount.toLocaleString('en-US')} line(s) of ${file} name a lower input line than the line before (${more(this.decreasingCount, this.decreasing)}): score writes them in input order (a resume that decided records again writes those after the rest), so lines were moved or files put together`,
      );
    return out;
  }

  /** The fault with the run's manifest: input line numbers past its input's last record; undefined when none or not known. */
  pastInputFault(): string | undefined {
    if (this.pastInput.size === 0 || this.lastInputLine === undefined) return undefined;
    const ranges = new LineRangeList();
    for (const line of this.pastInput) ranges.addRange(line);
    return `${this.pastInput.size.toLocaleString('en-US')} input line number(s) past the run's last input record (line ${this.lastInputLine.toLocaleString('en-US')}): ${formatLineRanges(ranges.ranges, ranges.more)}`;
  }
}
