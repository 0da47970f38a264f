import { LineSet } from '../cli/score/lineSet.js';
import { NamedPlaces } from '../cli/score/namedPlaces.js';
import { sha256Hex } from '../hashing/sha256Hex.js';

/**
 * The input lines of a `creditlift score` output whose answers a reader's figures counted, so that
 * each input record counts once. Score answers each input line once, so a second answer to one is
 * either a copy (an error line word for word: counted once, as a repeated decision is by its
 * `audit.decisionId`) or another answer (another run's output put beside this one's): counted, and
 * said, as the file cannot tell which of the two is the run's. `report` and `monitor --decisions`
 * count with one each.
 */
export class CountedInputLines {
  private readonly counted = new LineSet();
  /** 64 bits of each counted error line's text, by its input line (few: a decision's copy is told by its id). */
  private readonly errorLines = new Map<number, string>();
  private readonly copies = new NamedPlaces();
  private readonly again = new NamedPlaces();
  /** Error lines counted naming no input line: nothing to hold them to. */
  private readonly unnumbered = new NamedPlaces();

  /**
   * Counts the answer at `where` to `inputLine` into the figures; `errorLineText` is the line's text
   * when it is an error line. False when it is not to be counted: an error line the same, word for
   * word, as one counted for the same input line. A second answer otherwise is counted, and said.
   */
  countAnswer(inputLine: number, where: string, errorLineText?: string): boolean {
    const place = `${where} (input line ${inputLine})`;
    const digest = errorLineText === undefined ? undefined : sha256Hex(errorLineText).slice(0, 16);
    if (digest !== undefined && this.errorLines.get(inputLine) === digest) {
      this.copies.add(place);
      return false;
    }
    if (!this.counted.add(inputLine)) this.again.add(place);
    if (digest !== undefined && !this.errorLines.has(inputLine)) this.errorLines.set(inputLine, digest);
    return true;
  }

  /**
   * The error line at `where`, counted, names no input line (no `line`, or one that is no whole
   * number from 1; score writes one on every error line): neither a copy nor a second answer can be
   * told, so it is counted apart as unchecked, and said.
   */
  countUnnumbered(where: string): void {
    this.unnumbered.add(where);
  }

  /** Error lines counted without an input line to check them by. */
  get unchecked(): number {
    return this.unnumbered.count;
  }

  /** Error lines left uncounted as copies of a counted one. */
  get copiesLeftOut(): number {
    return this.copies.count;
  }

  /** Answers counted for an input line already answered in the figures. */
  get countedAgain(): number {
    return this.again.count;
  }

  /** What the reader of `file` says of them, one sentence each (none when each input line was answered once, each by a line naming it). */
  warnings(file: string): string[] {
    const n = (x: number) => x.toLocaleString('en-US');
    return [
      ...(this.copies.count > 0
        ? [
            `${n(this.copies.count)} error line(s) of ${file} repeat, word for word, an earlier error line of the same input line (${this.copies}): each is counted once`,
          ]
        : []),
      ...(this.again.count > 0
        ? [
            `${n(this.again.count)} line(s) of ${file} answer an input line an earlier counted line answers too (${this.again}): each answer is counted, so the figures count ${n(this.again.count)} answer(s) more than the input records they answer. Score answers each record once: were two runs' outputs put together? Check the file against its run with creditlift verify --manifest`,
          ]
        : []),
      ...(this.unnumbered.count > 0
        ? [
            `${n(this.unnumbered.count)} error line(s) of ${file} name no input line (${this.unnumbered}): score writes {"line":N,...} on each, so these are counted as rejected but not checked against the file's other lines (a record both decided and rejected, or rejected twice, would not be seen)`,
          ]
        : []),
    ];
  }
}
