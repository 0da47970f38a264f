/**
 * Orders two strings by their UTF-16 code units, as `Array.prototype.sort` does by default.
 *
 * Why not `localeCompare`: it collates by the process's ICU locale (LANG / LC_ALL), so a decision's
 * tie-breaks, and with them its bytes, id and seal, changed with the server's language (Hawaiian
 * collation puts vowels first; Estonian puts z before t). It was also the largest cost of grouping
 * a decision's factors. For the built-in feature, factor and certificate names the two orders agree.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
