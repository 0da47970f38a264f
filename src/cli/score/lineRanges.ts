/** A run of input lines, both ends included. */
export interface LineRange {
  readonly first: number;
  readonly last: number;
}

/** Ranges a {@link LineRangeList} keeps; past them it only counts, so a status stays small whatever the run. */
const MAX_RANGES = 1000;

/**
 * Input line numbers, added in increasing order, kept as ranges of consecutive lines: the 64 lines
 * of a failed chunk are one range, not 64 numbers. Keeps the first 1,000 ranges and counts the rest.
 */
export class LineRangeList {
  private readonly kept: { first: number; last: number }[] = [];
  private lines = 0;
  private dropped = 0;
  private end = 0;

  /** How many lines were added. */
  get count(): number {
    return this.lines;
  }

  /** The ranges kept, in order. */
  get ranges(): readonly LineRange[] {
    return this.kept;
  }

  /** Ranges past the first 1,000, counted but not kept. */
  get more(): number {
    return this.dropped;
  }

  /** Adds lines `first..last`, at or after every line added so far (a line added before is not counted again). */
  addRange(first: number, last = first): void {
    if (this.lines > 0 && first <= this.end + 1) {
      // Joins the range before it (kept, or counted past the first 1,000).
      if (last > this.end) {
        this.lines += last - Math.max(first, this.end + 1) + 1;
        this.end = last;
        const tail = this.kept[this.kept.length - 1];
        if (this.dropped === 0 && tail !== undefined) tail.last = last;
      }
      return;
    }
    this.lines += last - first + 1;
    this.end = last;
    if (this.kept.length < MAX_RANGES) this.kept.push({ first, last });
    else this.dropped++;
  }
}

/** Ranges as people read them: "lines 65-128, line 300", the first `max` of them, then "and N more ranges". */
export function formatLineRanges(ranges: readonly LineRange[], more = 0, max = 8): string {
  const shown = ranges.slice(0, max).map((r) => (r.first === r.last ? `line ${r.first}` : `lines ${r.first}-${r.last}`));
  const rest = ranges.length - shown.length + more;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more range${rest === 1 ? '' : 's'}` : shown.join(', ');
}
