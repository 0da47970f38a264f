import { defaultCatalog, type Catalog } from '../catalog/resolveCatalog.js';
import type { UnknownKindTally } from '../evidence/unknownKinds.js';
import { readCatalogFile } from './readCatalogFile.js';
import { removedKindsRemedy } from '../catalog/removedKindsRemedy.js';
import { terminalText } from '../text/terminalText.js';

/** What a command line says after the count of uploads of unknown kinds: how to give them. */
export const CATALOG_REMEDY = 'give your own kinds with --catalog FILE.json (a JSON array of kind specs, as "creditlift catalog --json" prints them)';

/** The catalog a command line's `--catalog` names (validated, naming the file), else the default catalog. */
export async function catalogOfArgs(values: { readonly catalog?: string | undefined }): Promise<Catalog> {
  return values.catalog === undefined ? defaultCatalog : (await readCatalogFile(values.catalog)).catalog;
}

/**
 * The warning line (`warning: ...\n`) of a tally of uploads of unknown kinds, or '' when there were
 * none. The kinds and `where` (an applicant id) are input: escaped for the terminal.
 */
export function unknownKindsWarning(tally: UnknownKindTally, where: string): string {
  // A default kind the catalog lacks was removed by the --catalog file ("remove"): said so, not
  // met with advice to give it.
  const remedy = removedKindsRemedy(
    tally.kinds().map(([kind]) => kind),
    '--catalog removes ("remove")',
    CATALOG_REMEDY,
  );
  const m = tally.message(remedy);
  return m === undefined ? '' : `warning: in ${terminalText(where)}, ${terminalText(m)}\n`;
}
