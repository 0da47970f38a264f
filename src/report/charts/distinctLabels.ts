import { fitLabel, labelTextWidth } from './chartFrame.js';

const ELLIPSIS = '\u2026';

/**
 * Each label cut to `room` SVG units (see `fitLabel`), and distinct labels kept distinct: where two
 * cut to the same text (three reasons beginning "A certificate that counted at your last decision"
 * once did), each keeps its beginning, an ellipsis, and the part of it that tells it from the others.
 * Equal labels stay equal. The full text belongs in the chart's titles and figures table.
 *
 * @example distinctLabels(['A long shared start, then one', 'A long shared start, then two'], 120)
 * // ['A long…then one', 'A long…then two'] (the cut depends on the room)
 */
export function distinctLabels(labels: readonly string[], room: number): string[] {
  const shown = labels.map((l) => fitLabel(l, room));
  for (const group of collisions(labels, shown)) {
    for (const i of group) {
      const own = labels[i] as string;
      const others = group.map((j) => labels[j] as string).filter((l) => l !== own);
      shown[i] = keepDifference(own, commonPrefixWithAny(own, others), room);
    }
  }
  // A last resort no ordinary text reaches (a label whose distinguishing part is itself an
  // ellipsis-cut of another's): the bar's place makes it unique, still within the room.
  for (const group of collisions(labels, shown)) {
    for (const i of group) {
      const mark = ` #${i + 1}`;
      shown[i] = `${fitLabel(labels[i] as string, room - labelTextWidth(mark))}${mark}`;
    }
  }
  return shown;
}

/** Indices of labels that differ but are shown alike, grouped by the text they share. */
function collisions(labels: readonly string[], shown: readonly string[]): number[][] {
  const byShown = new Map<string, number[]>();
  shown.forEach((s, i) => byShown.set(s, [...(byShown.get(s) ?? []), i]));
  return [...byShown.values()].filter((g) => new Set(g.map((i) => labels[i])).size > 1);
}

/** In code points: the longest beginning `label` shares with any of `others`. */
function commonPrefixWithAny(label: string, others: readonly string[]): number {
  const a = Array.from(label);
  let longest = 0;
  for (const other of others) {
    const b = Array.from(other);
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    longest = Math.max(longest, n);
  }
  return longest;
}

/**
 * The label as beginning, ellipsis, then a window from just before code point `at` (where it parts
 * from the others; a few characters back so the word reads) to as far as the room allows, ending in
 * an ellipsis unless it reaches the end.
 */
function keepDifference(label: string, at: number, room: number): string {
  const chars = Array.from(label);
  // A label that is the shared beginning of another ends where it parts: its whole end is the difference.
  let start = Math.max(0, Math.min(at, chars.length) - 12);
  const space = chars.lastIndexOf(' ', Math.min(at, chars.length) - 1);
  if (space >= start) start = space + 1;
  // The window: as much from `start` as fits beside an opening ellipsis and a short beginning.
  const headRoom = Math.floor(room / 4);
  let head = '';
  for (const ch of chars.slice(0, start)) {
    if (labelTextWidth(`${head}${ch}`) > headRoom) break;
    head += ch;
  }
  let end = start;
  const compose = (e: number) =>
    `${head}${Array.from(head).length < start ? ELLIPSIS : ''}${chars.slice(start, e).join('')}${e < chars.length ? ELLIPSIS : ''}`;
  while (end < chars.length && labelTextWidth(compose(end + 1)) <= room) end++;
  // Too narrow for the beginning and the difference both: the difference alone.
  if (end <= Math.min(at, chars.length - 1) && head !== '') {
    head = '';
    end = start;
    while (end < chars.length && labelTextWidth(compose(end + 1)) <= room) end++;
  }
  return compose(end);
}
