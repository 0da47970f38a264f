import { type CertificateKindSpec, DEFAULT_MIN_USEFUL_VALUE } from '../catalog/certificateKindSpec.js';
import { defaultCatalog } from '../catalog/resolveCatalog.js';
import { UsageError } from '../commandLine/commandIo.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import { formatTable } from './formatTable.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { reportCliError } from './reportCliError.js';
import { readCatalogFile } from './readCatalogFile.js';

/** Help text of `creditlift catalog`. */
export const CATALOG_USAGE = `Usage: creditlift catalog [--json] [--category C] [--catalog FILE.json]

Lists the certificate kinds the default catalog accepts: id, category, names in English and
Simplified Chinese, scale (a second reporting scale with the date it applies from), the lowest
result that counts (a lower one is refused), how long a certificate counts and the signal weight.

  --json                     print the catalog as JSON in the shape --catalog reads back as the
                             same catalog (same catalogHash): a JSON array of kind specs (the
                             shape resolveCatalog takes), or, when --catalog removes default
                             kinds, {"kinds": [...], "remove": [...]} (an array cannot take a
                             kind out: read back, the removed kinds would be in force again)
  --category C               only this category: professional, language, honour or gig
  --catalog FILE.json        your own kinds (a JSON array of kind specs, or {"kinds": [...],
                             "remove": [...]} taking default kinds out): list the catalog they
                             make, validated as the scorer validates it (catalog_invalid names
                             every field at fault)
  -h, --help                 show this help
`;

const OPTIONS = { json: { type: 'boolean' }, category: { type: 'string' }, catalog: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** `creditlift catalog`: the certificate catalog as a table or JSON. Never rejects. */
export async function runCatalogCommand(argv: readonly string[], io: CliIo = processCliIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (values.help === true) {
      io.stdout(CATALOG_USAGE);
      return CliExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const catalog = values.catalog === undefined ? defaultCatalog : (await readCatalogFile(values.catalog)).catalog;
    // Default kinds the catalog in force lacks: the --catalog file removed them.
    const removed = [...defaultCatalog.keys()].filter((id) => !catalog.has(id));
    const kinds = [...catalog.values()].filter((k) => values.category === undefined || k.category === values.category);
    if (values.category !== undefined && kinds.length === 0) throw new UsageError(`no kinds in category "${values.category}"`);
    if (values.json === true) {
      // Printed as an array, a catalog without some default kinds read back as one with them (an array
      // only adds or replaces): the object form says what it removes.
      io.stdout(`${JSON.stringify(removed.length === 0 ? kinds : { kinds, remove: removed }, null, 2)}\n`);
      return CliExitCode.ok;
    }
    const rows = kinds.map((k) => [k.id, k.category, k.names.en, k.names.zhHans, scaleText(k), usefulFromText(k), validityText(k), k.signalWeight.toFixed(2)]);
    io.stdout(formatTable(['id', 'category', 'name', '名称', 'scale', 'counts from', 'counts for', 'weight'], rows));
    if (removed.length > 0) io.stdout(`removed from the default catalog by --catalog: ${removed.map((id) => JSON.stringify(id)).join(', ')}\n`);
    return CliExitCode.ok;
  } catch (e) {
    return reportCliError(e, io, CATALOG_USAGE);
  }
}

function rangeText(s: { readonly min: number; readonly max: number; readonly step?: number | undefined }): string {
  return `${s.min}..${s.max}${s.step === undefined ? '' : ` step ${s.step}`}`;
}

// A second reporting scale is shown with the date it applies from: a lender reading the table saw
// TOEFL iBT as 0..120 only, not the 1-6 bands ETS reports since 2026-01-21 (both are read).
function scaleText(k: CertificateKindSpec): string {
  const s = k.scale;
  if (s.type === 'none') return 'held / not held';
  if (s.type === 'levels') return `levels ${s.levels.map((l) => l.id).join('/')}`;
  const alternate = s.alternate === undefined ? '' : `; ${rangeText(s.alternate)} since ${s.alternate.since}`;
  return `${rangeText(s)}${s.curve === 'log' ? ' (log)' : ''}${alternate}`;
}

/**
 * The lowest result that counts (the pass line: a lower one is refused, result_below_useful_level),
 * on each scale; without one set, the results valued DEFAULT_MIN_USEFUL_VALUE or more count.
 */
function usefulFromText(k: CertificateKindSpec): string {
  const s = k.scale;
  const byValue = `value >= ${DEFAULT_MIN_USEFUL_VALUE.toFixed(2)}`;
  if (s.type === 'none') return 'held';
  if (s.type === 'levels') {
    // The levels that count, by name: those valued at least the pass line's (or the default floor).
    const floor = s.levels.find((l) => l.id === s.usefulFrom)?.value ?? DEFAULT_MIN_USEFUL_VALUE;
    return s.levels
      .filter((l) => l.value > 0 && l.value >= floor)
      .map((l) => l.id)
      .join('/');
  }
  const main = s.usefulFrom === undefined ? byValue : String(s.usefulFrom);
  if (s.alternate === undefined) return main;
  return `${main}; ${s.alternate.usefulFrom === undefined ? byValue : s.alternate.usefulFrom} on ${s.alternate.min}..${s.alternate.max}`;
}

function validityText(k: CertificateKindSpec): string {
  const v = k.validity;
  if (v.expiresAfterMonths !== undefined) return `${v.expiresAfterMonths} months`;
  if (v.fadeHalfLifeMonths !== undefined) return `no expiry, half-life ${v.fadeHalfLifeMonths} months`;
  return 'no expiry';
}
