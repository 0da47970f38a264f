import { dirname, join, relative } from 'node:path';
import { fileIdentity } from './score/fileIdentity.js';
import { RETRY_ON_RESUME_CODE } from './score/resumeState.js';
import type { RunManifest } from './score/runManifest.js';
import { type BytesCompared, runFileBytesFaults } from './runFileFaults.js';
import { runWroteNoLine } from './runWroteNoLine.js';

/** Which of a `score` run's files a file given to `verify` is, by the run's manifest. */
export type OutputRole =
  /** The run's output: its decisions, and its error lines too unless `errorsApart` names where they went. */
  | { readonly kind: 'output'; readonly errorsApart?: string }
  /** The run's `--errors` file, apart from the output: its error lines only. */
  | { readonly kind: 'errors' }
  /** Neither: `why` names both. */
  | { readonly kind: 'neither'; readonly why: string };

const MANIFEST_SUFFIX = '.run.json';

/**
 * Which of the run's files `file` is. The manifest sits beside the output (`OUT.run.json`), so the
 * output is the manifest's path less `.run.json` (a manifest renamed otherwise: the output path it
 * records); the errors file is where the run wrote it relative to the output (the manifest records
 * both paths as the run was given them). Files are compared as files (links and other names alike).
 */
export function outputRoleOf(file: string, manifestPath: string, manifest: RunManifest): OutputRole {
  const { out: recordedOut, errors: recordedErrors } = manifest.options;
  const output = manifestPath.endsWith(MANIFEST_SUFFIX) ? manifestPath.slice(0, -MANIFEST_SUFFIX.length) : recordedOut;
  const apart = recordedErrors === recordedOut ? undefined : join(dirname(output), relative(dirname(recordedOut), recordedErrors));
  const id = fileIdentity(file);
  if (id === fileIdentity(output)) return apart === undefined ? { kind: 'output' } : { kind: 'output', errorsApart: apart };
  if (apart !== undefined && id === fileIdentity(apart)) return { kind: 'errors' };
  return {
    kind: 'neither',
    why: `${file} is neither the output (${output}) nor the errors file (${apart ?? output}) of the run this manifest records`,
  };
}

/**
 * Why the decisions and error lines found in a file of the run differ from what the run recorded
 * (`status.decisions`, and `status.rejected` with `status.workerFailed`: both are written as error
 * lines), one sentence each; empty when they match. A manifest recording no counts (the run still
 * running, killed mid-way, or written by a creditlift that did not record them) is itself a fault:
 * nothing can be checked against it.
 */
export function manifestCountFaults(
  manifest: RunManifest,
  role: Exclude<OutputRole, { kind: 'neither' }>,
  found: { readonly decisions: number; readonly errorLines: number },
): string[] {
  const status = manifest.status;
  if (status === undefined)
    return [
      'the manifest records no count of the decisions and error lines (a creditlift that did not record one wrote it), so nothing can be checked against it',
    ];
  if (status.decisions === undefined || status.rejected === undefined)
    return [
      'the manifest records no count of the decisions and error lines: the run has not recorded how it ended (it is still running, or was killed or crashed mid-way); once no run holds the output, finish it with score --resume',
    ];
  const errorsHere = role.kind === 'errors' || role.errorsApart === undefined;
  const wantDecisions = role.kind === 'output' ? status.decisions : 0;
  const wantErrors = errorsHere ? status.rejected + (status.workerFailed ?? 0) : 0;
  const n = (x: number) => x.toLocaleString('en-US');
  const faults: string[] = [];
  if (found.decisions !== wantDecisions)
    faults.push(`it holds ${n(found.decisions)} decision(s), the run recorded ${n(wantDecisions)}${role.kind === 'errors' ? ' in its errors file' : ''}`);
  if (found.errorLines !== wantErrors) {
    const where = role.kind === 'output' && role.errorsApart !== undefined ? ` in this file (its error lines went to ${role.errorsApart})` : '';
    faults.push(`it holds ${n(found.errorLines)} error line(s), the run recorded ${n(wantErrors)}${where}`);
  }
  return faults;
}

/** Said beside a match when the run recorded itself incomplete: the file holds what it wrote, not every record's answer. */
export function incompleteRunNote(manifest: RunManifest): string | undefined {
  const status = manifest.status;
  if (status?.state !== 'incomplete') return undefined;
  const undecided = status.undecided?.records ?? 0;
  const worker = status.workerFailed ?? 0;
  return `the run recorded itself incomplete (exit ${status.exitCode ?? '?'}: ${status.reason ?? 'no reason recorded'})${undecided > 0 ? `; ${undecided.toLocaleString('en-US')} input record(s) have no decision` : ''}${worker > 0 ? ` (${worker.toLocaleString('en-US')} of them ${RETRY_ON_RESUME_CODE} lines)` : ''}: the file holds what it wrote, not an answer for every record`;
}

/**
 * Whether `file` is, byte for byte, the file of the run it is (`role`), by the most its manifest
 * records ({@link runFileBytesFaults}): the size and SHA-256 of the output and errors file as the
 * run left them, their sizes alone (a signal stopped the run before it read them back), or, with
 * neither, no blank line (score writes none). `compared` says which was held to.
 */
export async function manifestBytesFault(
  file: string,
  manifest: RunManifest,
  role: Exclude<OutputRole, { kind: 'neither' }>,
): Promise<{ readonly compared: BytesCompared; readonly faults: readonly string[] }> {
  const status = manifest.status;
  const files = status?.files;
  const errorLines = status?.rejected === undefined ? undefined : status.rejected + (status.workerFailed ?? 0);
  return runFileBytesFaults(file, {
    bytes: role.kind === 'output' ? files?.output : (files?.errors ?? files?.output),
    ended: status?.decisions !== undefined,
    wroteNoLine: role.kind === 'output' ? runWroteNoLine(manifest) : errorLines === 0,
  });
}
