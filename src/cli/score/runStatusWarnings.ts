import { formatLineRanges } from './lineRanges.js';
import type { RunManifest } from './runManifest.js';

/**
 * What a reader of `file` (the output of a `creditlift score` run) must be told about the run from
 * its manifest, one sentence each: that the run is incomplete, and which input records have no
 * answer; that it has not recorded how it ended (still running, or killed mid-way); that its
 * manifest records no outcome at all (written before creditlift recorded one). Empty when the run
 * finished. Whether the file is as the run left it is `besideRunFaults`'s to say, in the words all
 * three readers share.
 */
export function runStatusWarnings(file: string, manifest: RunManifest): string[] {
  const status = manifest.status;
  if (status === undefined)
    return [
      `the run manifest of ${file} records no outcome of the run (a creditlift that did not record one wrote it): nothing shows that run finished, so these figures may leave records out`,
    ];
  const out: string[] = [];
  if (status.state === 'running')
    out.push(
      `the run writing ${file} has not recorded how it ended: it is still running, or it was killed or crashed mid-way (run ${status.runs}); these figures may leave records out. Once no run holds it, run the same score command with --resume to finish it`,
    );
  if (status.state === 'incomplete') {
    const u = status.undecided;
    const parts: string[] = [];
    if (u !== undefined && u.records > 0)
      parts.push(
        `${u.records.toLocaleString('en-US')} input record${u.records === 1 ? ' has' : 's have'} no answer (${formatLineRanges(u.lines, u.moreRanges ?? 0)})`,
      );
    if (u?.afterLine !== undefined)
      parts.push(`the run stopped after input line ${u.afterLine}: the records after it that no earlier run answered have none either`);
    const left = parts.length === 0 ? '' : ` ${parts.join('; ')}: these figures leave them out. Run the same score command with --resume to decide them`;
    out.push(`the run that wrote ${file} is incomplete (exit ${status.exitCode ?? '?'}): ${status.reason ?? 'no reason recorded'}.${left}`);
  }
  return out;
}
