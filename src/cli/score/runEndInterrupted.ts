import { CliExitCode } from '../cliExitCode.js';
import type { FingerprintInterruptedError } from './fingerprintInterruptedError.js';

/**
 * What a `score` run had left to do, every record answered, when a signal stopped it: read the
 * input again to check it had not changed (`input-check`), or read its own files back for the run
 * manifest's digests (`file-digests`). Both read whole files (seconds for some GiB), so both stop
 * at the signal as the first fingerprint does, where a SIGTERM waited for every byte.
 */
export type RunEndStep = 'input-check' | 'file-digests';

/**
 * The exit code of a run whose file digests a signal stopped, from the code it had: a run that had
 * otherwise done (0, 3, 4) is interrupted, 130, since its manifest lacks what a finished run's
 * has; a failure (1: the input changed, a write failed) says more than the signal, and stays.
 */
export function codeAfterDigestsStopped(code: number): number {
  return code === CliExitCode.ok || code === CliExitCode.rejected || code === CliExitCode.recordsFailed ? CliExitCode.interrupted : code;
}

/**
 * How a run ends when a signal stopped reading its files back for their digests, from the code and
 * reason it had: its code by {@link codeAfterDigestsStopped}, and a reason saying the digests are
 * missing (after the one it had). `score` and `score --queue` both end so.
 */
export function endAfterDigestsStopped(
  code: number,
  reason: string | undefined,
  e: FingerprintInterruptedError,
): { readonly code: number; readonly reason: string; readonly interrupted: boolean } {
  const after = codeAfterDigestsStopped(code);
  return after !== code
    ? { code: after, reason: [reason, runEndInterruptedReason('file-digests', e)].filter((r) => r !== undefined).join('; then '), interrupted: true }
    : { code, reason: `${reason ?? ''}; its files were not read back for their digests (a signal stops that too)`, interrupted: false };
}

/** The manifest's `reason` for a run stopped at `step`, with how far the read got. */
export function runEndInterruptedReason(step: RunEndStep, e: FingerprintInterruptedError): string {
  return `interrupted (a signal) while ${doing(step, e)}: every input record has its line; run the same command with --resume to ${redo(step)}`;
}

/** What the run says on stderr when a signal stopped it at `step`. */
export function runEndInterruptedMessage(step: RunEndStep, e: FingerprintInterruptedError): string {
  return `interrupted: every input record has its line, but the run was stopped while ${doing(step, e)}; run the same command with --resume to ${redo(step)}`;
}

function doing(step: RunEndStep, e: FingerprintInterruptedError): string {
  const read = `${e.bytesRead.toLocaleString('en-US')} of ${e.size.toLocaleString('en-US')} bytes of ${e.path} hashed`;
  return step === 'input-check'
    ? `it read the input again to check it had not changed (${read})`
    : `it read its files back for the run manifest's digests (${read})`;
}

function redo(step: RunEndStep): string {
  return step === 'input-check' ? 'check it again and finish' : 'record them and finish';
}
