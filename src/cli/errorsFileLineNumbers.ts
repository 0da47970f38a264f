import { CountedInputLines } from '../report/countedInputLines.js';
import { NamedPlaces } from './score/namedPlaces.js';
import { type LineOrder, ScoreLineNumbers } from './scoreLineNumbers.js';

/**
 * Follows the input line numbers (`{"line":N,...}`) of a `score` run's `--errors` file as `report`
 * reads it, held to the file itself and to the run's output. Score answers each input line once, in
 * one of the two files, and writes each file's lines in input order (a resume that decided records
 * again appends theirs after the rest), so a number the output names too, one the errors file names
 * twice, or one lower than the line before is the sign of files put together or lines moved: an
 * error line for a record the output decided counts that record both as decided and as rejected.
 * Each is counted as the output's lines are (`CountedInputLines`: a word-for-word copy once, another
 * answer again) and said.
 */
export class ErrorsFileLineNumbers {
  private readonly own = new ScoreLineNumbers();
  private readonly counted = new CountedInputLines();
  /** Errors-file places whose input line the output names too. */
  private readonly inOutput = new NamedPlaces();
  /** Errors-file places of error lines naming no input line: counted, but nothing to hold them to. */
  private readonly unnumbered = new NamedPlaces();

  /** @param output the input line numbers of the run's output, read to its end */
  constructor(private readonly output: ScoreLineNumbers) {}

  /**
   * The error line `text` at `where` in the errors file, naming input line `inputLine`. False when it
   * is not to be counted: a copy, word for word, of an error line counted for the same input line.
   */
  meet(inputLine: number, where: string, text: string): boolean {
    this.own.meet(inputLine, where);
    if (this.output.names(inputLine)) this.inOutput.add(`${where} (input line ${inputLine})`);
    return this.counted.countAnswer(inputLine, where, text);
  }

  /**
   * The error line at `where` names no input line (no `line`, or one that is no whole number from 1;
   * score writes one on every error line): it is counted, as it is an error line, but neither a copy
   * of another nor a record the output decided too can be told, so it is said unchecked.
   */
  meetUnnumbered(where: string): void {
    this.unnumbered.add(where);
  }

  /** Error lines counted without an input line to check them by. */
  get unchecked(): number {
    return this.unnumbered.count;
  }

  /** Error lines left uncounted as copies of a counted one. */
  get copiesLeftOut(): number {
    return this.counted.copiesLeftOut;
  }

  /** Error lines counted for an input line an earlier error line was counted for. */
  get countedAgain(): number {
    return this.counted.countedAgain;
  }

  /** Error lines naming an input line an earlier error line of the file names (copies included): no score run writes one. */
  get namedTwice(): number {
    return this.own.broken;
  }

  /** Error lines naming a lower input line than the line before, when `order` says none can be score's ({@link ScoreLineNumbers.outOfOrder}). */
  outOfOrder(order: LineOrder): number {
    return this.own.outOfOrder(order);
  }

  /** Error lines naming an input line the output names too (each counted, as the output's answer is). */
  get answeredInOutput(): number {
    return this.inOutput.count;
  }

  /**
   * What the report says of the errors file `path` of the run that wrote `file`, one sentence each
   * (none for files as score writes them).
   * @param order what the run's manifest says of its files' order (`lineOrderOf`)
   */
  warnings(path: string, file: string, order: LineOrder): string[] {
    const n = this.inOutput.count;
    return [
      ...(n > 0
        ? [
            `${n.toLocaleString('en-US')} error line(s) of ${path}, the run's errors file, answer an input line the output ${file} answers too (${this.inOutput}): score answers each input line once, in one of its two files, so a record the output decided is counted both as decided and as rejected in these figures. Were two runs' files put together? Check them with creditlift verify --manifest`,
          ]
        : []),
      ...(this.unnumbered.count > 0
        ? [
            `${this.unnumbered.count.toLocaleString('en-US')} error line(s) of ${path}, the run's errors file, name no input line (${this.unnumbered}): score writes {"line":N,...} on each, so these are counted as rejected but not checked against the output or the file's other lines (a record both decided and rejected, or rejected twice, would not be seen)`,
          ]
        : []),
      ...this.own.warnings(path, order),
      ...this.counted.warnings(path),
    ];
  }
}
