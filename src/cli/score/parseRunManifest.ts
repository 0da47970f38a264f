import type { z } from 'zod';
import { typeNameOf } from '../../errors/argumentIssues.js';
import { truncateForMessage } from '../../errors/truncateForMessage.js';
import type { ValidationIssue } from '../../errors/validationError.js';
import { jsonSyntaxFault } from '../../json/jsonSyntaxFault.js';
import { parseStrictJson } from '../../json/parseStrictJson.js';
import { decodeUtf8Strict } from '../../text/decodeUtf8Strict.js';
import { withoutByteOrderMark } from '../../text/withoutByteOrderMark.js';
import { RunManifestInvalidError } from './runManifestInvalidError.js';
import { RUN_MANIFEST_KIND, RunManifest, shownValue } from './runManifestSchema.js';

/**
 * Reads the bytes of the run manifest at `path` (`OUT.run.json`) as one a creditlift wrote, of any
 * version (see {@link RunManifest}), and returns it as it is: nothing dropped, nothing filled in.
 *
 * @throws RunManifestInvalidError naming `path` and every field at fault: bytes that are not UTF-8,
 *   text that is not JSON (where it stops), a key written twice, a field missing, of another type or
 *   that no creditlift writes; a JSON file of another kind is said to be one (its `kind`), without a
 *   list of every field it lacks
 */
export function parseRunManifest(bytes: Uint8Array, path: string): RunManifest {
  let text: string;
  try {
    text = withoutByteOrderMark(decodeUtf8Strict(bytes, 'it'));
  } catch (e) {
    // decodeUtf8Strict says "it is not UTF-8: invalid byte at offset N".
    throw new RunManifestInvalidError(path, [{ path: [], code: 'invalid_utf8', message: (e as Error).message.replace(/^it is /, '') }]);
  }
  const read = parseStrictJson(text);
  if (!read.ok && read.parsed === undefined)
    throw new RunManifestInvalidError(path, [{ path: [], code: 'invalid_json', message: `not JSON: ${jsonSyntaxFault(text) ?? 'unreadable'}` }]);
  const value = read.ok ? read.value : read.parsed?.value;
  // A key written twice, a number a double would read as another: JSON.parse would settle them without a word.
  const textIssues = read.ok ? [] : read.issues;
  const kind = kindIssue(value);
  if (kind !== undefined) throw new RunManifestInvalidError(path, [kind]);
  const checked = RunManifest.safeParse(value, { reportInput: true });
  if (!checked.success || textIssues.length > 0)
    throw new RunManifestInvalidError(path, [...textIssues, ...(checked.success ? [] : checked.error.issues.flatMap((i) => issuesOf(i, [])))]);
  return checked.data;
}

/** Why `value` is not a run manifest at all (another JSON file), or undefined when its `kind` says it is one. */
function kindIssue(value: unknown): ValidationIssue | undefined {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const kind = isObject ? (value as { readonly kind?: unknown }).kind : undefined;
  if (kind === RUN_MANIFEST_KIND) return undefined;
  const want = `expected ${JSON.stringify(RUN_MANIFEST_KIND)}`;
  return {
    path: ['kind'],
    code: 'invalid_value',
    message: !isObject
      ? `missing: ${want}: the file holds ${shownValue(value)}, not an object`
      : kind === undefined
        ? `missing: ${want}: not a creditlift score run manifest`
        : `${want}, received ${shownValue(kind)}: not a creditlift score run manifest`,
    expected: RUN_MANIFEST_KIND,
    received: isObject ? typeNameOf(kind) : typeNameOf(value),
  };
}

/** One zod issue as the manifest's issues, at `at` plus its own path: an unknown key each, a union's closest branch. */
function issuesOf(issue: z.core.$ZodIssue, at: readonly (string | number)[]): ValidationIssue[] {
  const path = [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const input = (issue as { readonly input?: unknown }).input;
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({ path: [...path, truncateForMessage(key)], code: 'unrecognized_key', message: 'a field no creditlift score writes' }));
  if (issue.code === 'invalid_union') {
    // A `mode` none of the kinds has: named at the discriminator, with the values it may take.
    if (issue.errors.length === 0) {
      const discriminator = (issue as { readonly discriminator?: string }).discriminator;
      const options = (issue as { readonly options?: readonly unknown[] }).options ?? [];
      const value = discriminator === undefined ? undefined : (input as Record<string, unknown> | undefined)?.[discriminator];
      const shown = options.map((o) => JSON.stringify(o));
      const want = `expected ${shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}` : (shown[0] ?? 'another value')}`;
      return [
        {
          path,
          code: 'invalid_value',
          message: value === undefined ? `missing: ${want}` : `${want}, received ${shownValue(value)}`,
          received: typeNameOf(value),
        },
      ];
    }
    // The branch the value comes closest to (fewest fields at fault) says what to mend; when the value
    // is none of their types at all, the union's own message says what it may be.
    const closest = issue.errors.reduce((a, b) => (faultCount(b) < faultCount(a) ? b : a));
    if (closest.every((i) => i.path.length === 0 && i.code === 'invalid_type'))
      return [{ path, code: 'invalid_type', message: issue.message, received: typeNameOf(input) }];
    return closest.flatMap((i) => issuesOf(i, path));
  }
  const expected = (issue as { readonly expected?: unknown }).expected;
  return [{ path, code: issue.code, message: issue.message, ...(typeof expected === 'string' ? { expected } : {}), received: typeNameOf(input) }];
}

/** Fields at fault in one branch of a union: each unknown key counts. */
function faultCount(issues: readonly z.core.$ZodIssue[]): number {
  return issues.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 1), 0);
}
