import { MAX_ISSUES, type ValidationIssue } from './validationError.js';

/**
 * Most entries a list inside options may hold: 2**24 (16,777,216). The longest real option lists
 * are data: a book's `records` or `applicants`, a training column, a background sample's rows, a
 * batch's `limitHistories` (one per record). A book or a training set that long does not fit in a
 * plain array in the default heap anyway (16.7 million records), and each of those options takes a
 * form this copy never walks (an iterable of records, a Float32Array column or matrix); the other
 * lists (`featureNames`, `bannedDataCategories`, `verificationKeys`, `workerExecArgv`, a baseline's
 * `edges`, arms) hold tens. Longer is refused before any index is read: a sparse array or a Proxy
 * claiming 2**32 - 1 entries made the copy walk four billion indices (minutes, and a copy that
 * V8 aborts the whole process on).
 */
export const MAX_OPTION_LIST_LENGTH = 2 ** 24;

/**
 * An option's value with every array in it, and every array inside those, read once into a plain
 * array: its `length` once and each index once, in order. Options holding lists (`limitHistories`,
 * `featureNames`, `verificationKeys`, `bannedDataCategories`, `workerExecArgv`, a baseline's
 * `edges`) were iterated by the check and again by the use, so a Proxy or an array with getters
 * could show the check strings and the use numbers. A list longer than
 * {@link MAX_OPTION_LIST_LENGTH} is `too_big` at its path, refused before any index is read. A read that throws is `unreadable_input` at its
 * index (the array's path for `length`). A hole (`[1, , 3]`, `new Array(3)`, a length set past the
 * entries) is `missing_element` at its index, a run of holes one issue at its first: it was read as
 * `undefined`, which a list of names then refused as no string, but which `limitHistories` took as
 * "no ledger for this record" and `columns` as no number, without a word. An entry written as
 * `undefined` is no hole, and stays for the option's own check to judge. Objects inside are kept as given: each is read by its own
 * rules. A value that is no array is returned as given, one that cannot even be asked whether it is
 * one (a revoked Proxy) too: the option's own check names it.
 */
export function readArrayOnce(value: unknown, at: readonly (string | number)[]): { readonly value: unknown; readonly issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  // Copied once each, so an array listed twice, or holding itself, is one array in the copy too.
  const copies = new Map<unknown, unknown[]>();
  const copy = (v: unknown, path: readonly (string | number)[]): unknown => {
    let isArray: boolean;
    try {
      isArray = Array.isArray(v);
    } catch {
      return v;
    }
    if (!isArray) return v;
    const done = copies.get(v);
    if (done !== undefined) return done;
    const out: unknown[] = [];
    copies.set(v, out);
    const given = v as unknown[];
    let length: unknown;
    try {
      length = given.length;
    } catch (e) {
      issues.push(unreadable(path, 'length', e));
      return out;
    }
    // A Proxy answers any length it likes: one no array can have is refused, never looped on.
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > 2 ** 32 - 1) {
      issues.push({ path: [...path], code: 'unreadable_input', message: `${nameOf(path)} could not be read: its length is not an array's` });
      return out;
    }
    if (length > MAX_OPTION_LIST_LENGTH) {
      issues.push({
        path: [...path],
        code: 'too_big',
        message: `${nameOf(path)} claims ${length} entries, more than the ${MAX_OPTION_LIST_LENGTH} a list in options may hold`,
        expected: `at most ${MAX_OPTION_LIST_LENGTH} entries`,
        received: `${length} entries`,
      });
      return out;
    }
    // The first index of the run of holes being read, and how many runs are listed.
    let holeFrom: number | undefined;
    const holes = { listed: 0, unlisted: 0 };
    const endHoles = (end: number) => {
      if (holeFrom === undefined) return;
      if (holes.listed < MAX_ISSUES) {
        holes.listed++;
        issues.push(holeIssue(path, holeFrom, end));
      } else holes.unlisted += end - holeFrom;
      holeFrom = undefined;
    };
    for (let i = 0; i < length; i++) {
      let item: unknown;
      let hole: boolean;
      try {
        item = given[i];
        // Asked only of an entry that read as undefined: a hole or an entry written so. A Proxy
        // answering a value for the index has an entry, whatever its `has` says.
        hole = item === undefined && !(i in given);
      } catch (e) {
        endHoles(i);
        issues.push(unreadable([...path, i], String(i), e));
        continue;
      }
      if (hole) {
        holeFrom ??= i;
        continue;
      }
      endHoles(i);
      out[i] = copy(item, [...path, i]);
    }
    endHoles(length);
    if (holes.unlisted > 0)
      issues.push({
        path: [...path],
        code: 'too_many_issues',
        message: `${nameOf(path)} has ${holes.unlisted} more hole(s) past the first ${MAX_ISSUES} runs of holes listed`,
      });
    out.length = length;
    return out;
  };
  return { value: copy(value, at), issues };
}

function nameOf(path: readonly (string | number)[]): string {
  return path.length === 0 ? 'the array' : String(path[path.length - 1]);
}

/** The issue for the holes at `from` up to (not including) `end`, at the first of them. */
function holeIssue(path: readonly (string | number)[], from: number, end: number): ValidationIssue {
  const where = end - from === 1 ? `index ${from}` : `indices ${from} to ${end - 1} (${end - from} entries)`;
  return {
    path: [...path, from],
    code: 'missing_element',
    message: `${nameOf(path)} has a hole at ${where}: a sparse array, no entry to read; write each entry (undefined where the option takes none)`,
  };
}

function unreadable(path: readonly (string | number)[], what: string, e: unknown): ValidationIssue {
  return { path: [...path], code: 'unreadable_input', message: `${what} could not be read: ${e instanceof Error ? e.name : typeof e}` };
}
