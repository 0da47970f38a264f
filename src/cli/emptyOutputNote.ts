import { runManifestPath } from './score/runManifest.js';

/**
 * What an output with no line at all and no run manifest beside it means, for `verify` and
 * `report` to say beside "empty": no record was written to it, and how to get the answers. A score
 * run creates its output before its manifest, so one killed in between leaves just this; with no
 * manifest, `--resume` is refused (exit 2), so the run is started again. Before, both said only
 * that the file was empty, and a person was left to guess whether the run had rejected everything.
 */
export function emptyOutputNote(file: string): string {
  return `no record was written to it, and no run manifest (${runManifestPath(file)}) is beside it: if a creditlift score run was to write it and was killed before writing any, run it again (score --resume continues a run whose manifest is beside its output; with none, start again with --overwrite)`;
}
