/** How many places a warning names before it says "and N more": enough to find them, bounded for a file of millions. */
const PLACES_NAMED = 5;

/**
 * The places in a file (`line 8 (input line 1)`) of one fault, as a warning names them: every one
 * counted, the first few kept.
 */
export class NamedPlaces {
  private readonly shown: string[] = [];
  count = 0;

  /** Counts one more place; its name is kept while fewer than five are. */
  add(where: string): void {
    this.count++;
    if (this.shown.length < PLACES_NAMED) this.shown.push(where);
  }

  /** The places kept, then how many more: `line 8, line 9 and 3 more`. */
  toString(): string {
    return `${this.shown.join(', ')}${this.count > this.shown.length ? ` and ${(this.count - this.shown.length).toLocaleString('en-US')} more` : ''}`;
  }
}
