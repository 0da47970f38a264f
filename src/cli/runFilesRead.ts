import type { NamedFile } from './refuseOverwritingInputs.js';
import type { RunManifest } from './score/runManifest.js';
import { outputRoleOf } from './verifyManifest.js';

/**
 * The files of a `score` run a command reads beside the run's output (`option` names the output):
 * its manifest (`OUT.run.json`) and, when the run wrote its error lines apart, the `--errors` file
 * the manifest names. Left off the overwrite check, `report d.ndjson --out e.ndjson` wrote its page
 * over the run's only record of the rejected applicants, and `--out d.ndjson.run.json` over the
 * manifest (the run could no longer be resumed or verified); both exited 0. The manifest is named
 * whether or not it could be read: a damaged one is still the run's.
 *
 * @example runFilesRead('DECISIONS', 'd.ndjson', 'd.ndjson.run.json', manifest) // the manifest, and e.ndjson if it names it
 */
export function runFilesRead(option: string, output: string, manifestPath: string, manifest: RunManifest | undefined): NamedFile[] {
  const files: NamedFile[] = [[`${option}'s run manifest`, manifestPath]];
  if (manifest === undefined) return files;
  const role = outputRoleOf(output, manifestPath, manifest);
  if (role.kind === 'output' && role.errorsApart !== undefined) files.push([`${option}'s --errors file`, role.errorsApart]);
  return files;
}
