/**
 * Whether a per-line array (a bitset, a digest per line) may grow to hold `line`: below its bound
 * (`ceiling`, where its 32-bit index arithmetic ends), and no further than 64 times the lines it holds
 * (or `floor`). A number any file may name (`"line":4000000000`) would otherwise size it to that one
 * line; past the rule it is held apart in a hash map or set, so memory follows the lines held.
 */
export function growsDense(line: number, held: number, floor: number, ceiling: number): boolean {
  return line < ceiling && line <= Math.max(floor, 64 * (held + 1));
}
