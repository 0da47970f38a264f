import { basename } from 'node:path';
import { catalogHash } from '../catalog/catalogHash.js';
import { resolveCatalog, type Catalog } from '../catalog/resolveCatalog.js';
import type { CertificateKindSpecInput } from '../catalog/certificateKindSpec.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';
import { parseStrictJson } from '../json/parseStrictJson.js';
import { readUtf8File } from '../text/readUtf8File.js';
import { withoutByteOrderMark } from '../text/withoutByteOrderMark.js';

/** A `--catalog FILE.json` as read and validated: the kinds as given (plain data, sent to workers as is) and the catalog they make. */
export interface CatalogFile {
  /** The file's kind specs as JSON read them: what `createScorer({ catalog })` takes, cloneable to worker processes. */
  readonly kinds: readonly CertificateKindSpecInput[];
  /** The default catalog with the file's kinds added or replacing defaults (`resolveCatalog(kinds)`). */
  readonly catalog: Catalog;
  /** {@link catalogHash} of {@link CatalogFile.catalog}: what decisions record as `audit.catalogHash`. */
  readonly hash: string;
}

/**
 * Reads a `--catalog` file: a JSON array of certificate kind specs, the shape `resolveCatalog` takes
 * and `creditlift catalog --json` prints (an id of the default catalog replaces that kind whole, a
 * new id adds one). Read strictly (a key written twice is refused, not settled by its last value) and
 * validated by the catalog's own schema before anything is decided.
 *
 * @throws ValidationError `catalog_invalid` (subject `--catalog FILE`) naming every field at fault
 *   (a repeated key, a malformed kind, an id given twice); CreditliftError `catalog_invalid` for
 *   text that is not JSON
 */
export async function readCatalogFile(path: string): Promise<CatalogFile> {
  const raw = await readUtf8File(path);
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
  if (!Array.isArray(read.value))
    throw new ValidationError(
      subject,
      [
        {
          path: [],
          code: 'invalid_type',
          message: 'expected a JSON array of certificate kind specs (the shape "creditlift catalog --json" prints)',
          expected: 'array',
          received: read.value === null ? 'null' : typeof read.value,
        },
      ],
      'catalog_invalid',
    );
  const kinds = read.value as CertificateKindSpecInput[];
  let catalog: Catalog;
  try {
    catalog = resolveCatalog(kinds);
  } catch (e) {
    if (e instanceof ValidationError) throw new ValidationError(subject, e.issues, 'catalog_invalid');
    throw e;
  }
  return { kinds, catalog, hash: catalogHash(catalog) };
}
