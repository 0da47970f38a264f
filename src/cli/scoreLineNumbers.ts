import { LineRangeList, formatLineRanges } from './score/lineRanges.js';
import { LineSet } from './score/lineSet.js';
import { NamedPlaces } from './score/namedPlaces.js';
import type { RunManifest } from './score/runManifest.js';

/**
 * Follows the input line numbers (`{"line":N,...}`) of a `creditlift score` output as a reader meets
 * them, by where each sits in the file. Score writes them strictly increasing and each once (a
 * resume that decided records again appends their lines after the rest), so a number met twice, one
 * lower than the line before, or one past the input's last record is the sign of a mixed-up file:
 * two outputs concatenated, lines moved or renumbered. The `line` envelope is not sealed. `verify`,
 * `report` and `monitor --decisions` each follow their file with one, and warn in its words.
 */
export class ScoreLineNumbers {
  private readonly seen = new LineSet();
  private last = 0;
  /** File places (line or element) whose input line number was met before. */
  private readonly repeated = new NamedPlaces();
  /** File places whose input line number is lower than the line before's. */
  private readonly decreasing = new NamedPlaces();
  /** File places of decision lines (`{"decision":...}`) naming no input line. */
  private readonly unnumbered = new NamedPlaces();
  /** Input line numbers past the input's last record, when it is known (met in any order). */
  private readonly pastInput = new LineSet();

  /** @param lastInputLine the input line the run's last record starts on, when known */
  constructor(private readonly lastInputLine?: number) {}

  /** The input line number `line` of the score line at `where` in the file. */
  meet(line: number, where: string): void {
    if (!this.seen.add(line)) this.repeated.add(`${where} (input line ${line})`);
    if (line < this.last) this.decreasing.add(`${where} (input line ${line} after ${this.last})`);
    this.last = line;
    if (this.lastInputLine !== undefined && line > this.lastInputLine) this.pastInput.add(line);
  }

  /**
   * The decision line at `where` (`{"decision":...}`) names no input line (no `line`, or one that is
   * no whole number from 1): score writes one on each, so it cannot be held to the file's other
   * lines. Error lines naming none are counted apart by their readers (`CountedInputLines`).
   */
  meetUnnumbered(where: string): void {
    this.unnumbered.add(where);
  }

  /**
   * Lines that break score's promise of one answer per input line, each on a line naming it: an input
   * line named again, or a decision line naming none. Such a file is not as any score run wrote it
   * (two outputs put together, a line repeated or edited), so `verify`, `report` and `monitor
   * --decisions` all exit 3 for it, whatever they count. Before, verify and monitor warned (exit 0),
   * and report exited 3 only for a second answer it counted.
   */
  get broken(): number {
    return this.repeated.count + this.unnumbered.count;
  }

  /** Whether a line met so far names input line `line`: a run's errors file is held to its output so, as score answers each input line in one of the two. */
  names(line: number): boolean {
    return this.seen.has(line);
  }

  /**
   * Lines naming a lower input line than the line before when the run's manifest records the input
   * order (`order` 'input'; never resumed, or resumed deciding nothing again below the highest line
   * answered): score then wrote every number higher than the one before, so such a
   * file is not as any run wrote it, and the three readers exit 3 for it as for {@link broken}. Under
   * any other order, none: a lower number may be score's own (see {@link LineOrder}), and is warned of.
   */
  outOfOrder(order: LineOrder): number {
    return order === 'input' ? this.decreasing.count : 0;
  }

  /**
   * The warnings of a file read to its end, one sentence each (none for a file as score writes it).
   * @param order what the run's manifest says of the file's order ({@link lineOrderOf})
   */
  warnings(file: string, order: LineOrder): string[] {
    const out: string[] = [];
    if (this.repeated.count > 0)
      out.push(
        `${this.repeated.count.toLocaleString('en-US')} line(s) of ${file} name an input line an earlier line names too (${this.repeated}): score answers each input line once, so two outputs were put together or lines repeated`,
      );
    if (this.unnumbered.count > 0)
      out.push(
        `${this.unnumbered.count.toLocaleString('en-US')} decision line(s) of ${file} name no input line (${this.unnumbered}): score writes {"line":N,"decision":...} on each, so these are counted but not checked against the file's other lines (a record answered twice would not be seen)`,
      );
    if (this.decreasing.count > 0 && order !== 'resumedDecidingAgain')
      out.push(
        `${this.decreasing.count.toLocaleString('en-US')} line(s) of ${file} name a lower input line than the line before (${this.decreasing}): ${
          order === 'input'
            ? "the run's manifest records them in input order (one run, never resumed, or resumes that decided no record again out of order), so lines were moved or files put together"
            : 'score writes them in input order (a resume that decided records again writes those after the rest), so lines were moved or files put together; only warned of, as no manifest records the order (none read beside the file, or a resume by a creditlift that did not record it, which may have decided records again unsaid: one killed before it recorded its end)'
        }`,
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

/**
 * What a run's manifest says of the order of its output's input line numbers: 'input', every number
 * higher than the one before (one run, never resumed, whether on one thread or `--workers`, each
 * chunk's lines written in input order; or a run whose manifest records that order,
 * `status.lineOrder`); 'resumedDecidingAgain', answers written after the rest (see
 * {@link resumedDecidingAgain}); 'unknown', no manifest, or a run resumed by a creditlift that did
 * not record the order. That one recorded what a resume decided again only when it ended, so one
 * killed before (SIGKILL, power lost) left answers after the rest and a manifest that does not say
 * so: a lower number in such a file may be score's own, so it is warned of, not refused. A resume
 * now records it before it writes the first such answer.
 */
export type LineOrder = 'input' | 'resumedDecidingAgain' | 'unknown';

/**
 * The {@link LineOrder} the run `manifest` records (undefined: none read) of its output, or of its
 * errors file apart (`errorsLineOrder`; in a manifest recording one order for both files, as an
 * older creditlift's does, that order).
 */
export function lineOrderOf(manifest: RunManifest | undefined, file: 'output' | 'errors' = 'output'): LineOrder {
  const recorded = (file === 'errors' ? manifest?.status?.errorsLineOrder : undefined) ?? manifest?.status?.lineOrder;
  if (recorded !== undefined) return recorded;
  if (resumedDecidingAgain(manifest)) return 'resumedDecidingAgain';
  return manifest?.status?.runs === 1 ? 'input' : 'unknown';
}

/**
 * Whether the run `manifest` records wrote answers after the rest, out of input order: a resume
 * that decided records below the highest line answered. Its `status.lineOrder` says, in manifests
 * that record it; in older ones, the counts of what a resume decided again (answers missing or
 * failed, foreign or unreadable lines taken out). No manifest: not known, so not assumed.
 */
export function resumedDecidingAgain(manifest: RunManifest | undefined): boolean {
  const status = manifest?.status;
  if (status?.lineOrder !== undefined) return status.lineOrder === 'resumedDecidingAgain';
  const events = status?.events;
  if (events === undefined) return false;
  return (
    (events.missingAnswersDecidedAgain ?? 0) +
      (events.workerFailedDecidedAgain ?? 0) +
      (events.foreignAnswersRemoved ?? 0) +
      (events.unreadableLinesRemoved ?? 0) >
    0
  );
}

/** The input line number of a `creditlift score` output line (`{"line":N,"decision":...}` or an error line); undefined for anything else. */
export function scoreLineNumberOf(v: unknown): number | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !('line' in v)) return undefined;
  if (!('decision' in v) && !('error' in v)) return undefined;
  const line = (v as { readonly line: unknown }).line;
  return Number.isSafeInteger(line) && (line as number) > 0 ? (line as number) : undefined;
}
