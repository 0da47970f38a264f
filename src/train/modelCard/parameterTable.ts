import type { ModelManifest } from '../../model/manifest.js';

/**
 * The lines of a card's parameters table: every scalar the manifest's `params` holds, in its order,
 * `null` written `none`. `cell` writes a value read from a file the card does not vouch for (the
 * default card's own build passes its values through).
 */
export function parameterTableLines(params: ModelManifest['params'], cell: (text: string) => string = (t) => t): string[] {
  const lines = ['| parameter | value |', '|---|---|'];
  for (const [k, v] of Object.entries(params)) lines.push(`| ${cell(k)} | ${v === null ? 'none' : cell(String(v))} |`);
  return lines;
}
