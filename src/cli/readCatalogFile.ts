import { z } from 'zod';
import { basename } from 'node:path';
import { catalogHash } from '../catalog/catalogHash.js';
import { catalogOf, defaultCatalog, resolveCatalog, type Catalog } from '../catalog/resolveCatalog.js';
import type { CertificateKindSpecInput } from '../catalog/certificateKindSpec.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError, type ValidationIssue, validationIssuesFromZod } from '../errors/validationError.js';
import { parseStrictJson } from '../json/parseStrictJson.js';
import { readOptionText } from './readOptionText.js';
import { withoutByteOrderMark } from '../text/withoutByteOrderMark.js';

/** A `--catalog FILE.json` as read and validated: the kinds as given, the kinds it removes and the catalog they make. */
export interface CatalogFile {
  /** The file's kind specs as JSON read them (added, or replacing a default kind): what `resolveCatalog` takes. */
  readonly kinds: readonly CertificateKindSpecInput[];
  /** The ids of default kinds the file removes (its `remove` list), as given; empty when it removes none. */
  readonly removed: readonly string[];
  /**
   * The default catalog with the file's kinds added or replacing defaults (`resolveCatalog(kinds)`),
   * less the kinds it removes.
   */
  readonly catalog: Catalog;
  /**
   * What `createScorer({ catalog })` takes for this file: the kinds as read when it removes none (plain
   * data, sent to worker processes as it is), else the whole catalog, as a lender builds one in code
   * (the pool's workers receive a structured clone, which `createScorer` validates again).
   */
  readonly scorerCatalog: Catalog | readonly CertificateKindSpecInput[];
  /** {@link catalogHash} of {@link CatalogFile.catalog}: what decisions record as `audit.catalogHash`. */
  readonly hash: string;
}

// The object form: kinds to add or replace, and default kinds to take out. Any other key is refused
// (a misspelt "remove" would otherwise leave the kind in force without a word).
const CatalogFileObject = z.strictObject({
  kinds: z.array(z.unknown()).optional(),
  remove: z.array(z.string()).optional(),
});

const SHAPE =
  'expected a JSON array of certificate kind specs (the shape "creditlift catalog --json" prints), or an object { "kinds": [...], "remove": ["kindId", ...] }';

/**
 * Reads a `--catalog` file: a JSON array of certificate kind specs, the shape `resolveCatalog` takes
 * and `creditlift catalog --json` prints (an id of the default catalog replaces that kind whole, a
 * new id adds one); or an object `{ "kinds": [...], "remove": ["ielts", ...] }`, whose `remove` takes
 * kinds of the default catalog out (what a lender does in code by passing `createScorer` a catalog
 * without them). Read strictly (a key written twice is refused, not settled by its last value) and
 * validated by the catalog's own schema before anything is decided.
 *
 * @throws ValidationError `catalog_invalid` (subject `--catalog FILE`) naming every field at fault
 *   (a repeated key, a malformed kind, an id given twice, an unknown key of the object, a kind named
 *   for removal that is not a default kind, named twice or also given in `kinds`); CreditliftError
 *   `catalog_invalid` for text that is not JSON; OptionFileError for a file that cannot be read, is
 *   not UTF-8 or is a stream past 12 MiB
 */
export async function readCatalogFile(path: string): Promise<CatalogFile> {
  const raw = await readOptionText('--catalog', path);
  // A byte-order mark is how some editors save UTF-8; it is not part of the JSON text.
  const text = withoutByteOrderMark(raw);
  // The base name: an error subject is cut at 64 characters, and the option says which file it was.
  const subject = `--catalog ${basename(path)}`;
  const read = parseStrictJson(text);
  if (!read.ok) {
    const [first] = read.issues;
    if (read.parsed === undefined) throw new CreditliftError('catalog_invalid', `${subject}: ${first?.message ?? 'not valid JSON'}`);
    throw new ValidationError(subject, read.issues, 'catalog_invalid');
  }
  const { kinds, removed, kindsPath, issues } = fileParts(read.value);
  let resolved: Catalog | undefined;
  try {
    resolved = resolveCatalog(kinds);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    issues.push(...e.issues.map((i) => ({ ...i, path: [...kindsPath, ...i.path] })));
  }
  issues.push(...removalIssues(removed, kinds));
  if (issues.length > 0 || resolved === undefined) throw new ValidationError(subject, issues, 'catalog_invalid');
  if (removed.length === 0) return { kinds, removed, catalog: resolved, scorerCatalog: kinds, hash: catalogHash(resolved) };
  // The whole catalog less the removed kinds, read as createScorer reads a catalog built by hand.
  const gone = new Set(removed);
  const catalog = catalogOf(new Map([...resolved].filter(([id]) => !gone.has(id))));
  return { kinds, removed, catalog, scorerCatalog: catalog, hash: catalogHash(catalog) };
}

/** The kinds and removals of the file's JSON value, in either form, with the faults of its shape. */
function fileParts(value: unknown): { kinds: CertificateKindSpecInput[]; removed: string[]; kindsPath: string[]; issues: ValidationIssue[] } {
  if (Array.isArray(value)) return { kinds: value as CertificateKindSpecInput[], removed: [], kindsPath: [], issues: [] };
  if (typeof value !== 'object' || value === null) {
    const received = value === null ? 'null' : typeof value;
    return { kinds: [], removed: [], kindsPath: [], issues: [{ path: [], code: 'invalid_type', message: SHAPE, expected: 'array', received }] };
  }
  // Every fault at once: a misspelt key beside a removal that names an unknown kind are both said.
  const r = CatalogFileObject.safeParse(value);
  if (r.success) return { kinds: (r.data.kinds ?? []) as CertificateKindSpecInput[], removed: r.data.remove ?? [], kindsPath: ['kinds'], issues: [] };
  // The parts zod did not fault are still checked (an unknown key faults the object, not its parts).
  const { kinds, remove } = value as { kinds?: unknown; remove?: unknown };
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  return {
    kinds: Array.isArray(kinds) ? (kinds as CertificateKindSpecInput[]) : [],
    removed: strings(remove) ? remove : [],
    kindsPath: ['kinds'],
    issues: validationIssuesFromZod(r.error),
  };
}

/**
 * The faults of a `remove` list: a kind the default catalog lacks (a lender's own kind is left out of
 * `kinds` instead), one named twice, and one also given in `kinds` (replaced and removed at once).
 */
function removalIssues(removed: readonly string[], kinds: readonly CertificateKindSpecInput[]): ValidationIssue[] {
  const given = new Map(kinds.map((k, i) => [(k as { id?: unknown } | null)?.id, i] as const));
  const seen = new Set<string>();
  return removed.flatMap((id, i): ValidationIssue[] => {
    const path = ['remove', i];
    const shown = JSON.stringify(id.slice(0, 64));
    if (seen.has(id)) return [{ path, code: 'duplicate_id', message: `kind ${shown} is named for removal twice` }];
    seen.add(id);
    if (!defaultCatalog.has(id)) {
      const own = given.has(id) ? ` (it is kinds[${given.get(id)}] of this file: leave it out of "kinds" instead)` : '';
      return [{ path, code: 'unknown_kind', message: `kind ${shown} is not a kind of the default catalog, so it cannot be removed${own}` }];
    }
    if (given.has(id))
      return [{ path, code: 'custom', message: `kind ${shown} is both removed and given in kinds[${given.get(id)}]: replace it or remove it, not both` }];
    return [];
  });
}
