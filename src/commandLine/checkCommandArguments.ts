import { refuseArguments, typeNameOf } from '../errors/argumentIssues.js';
import type { ValidationIssue } from '../errors/validationError.js';

/**
 * Refuses what a command runner cannot run at all, before it reads anything: `argv` that is not an
 * array of strings, and `io` (when given) without `stdout` and `stderr` functions, since there is
 * nowhere to report to. Called from JavaScript, `runTrainCommand(null)` threw "argv is not iterable".
 *
 * @throws ValidationError (subject the runner's name) naming `argv` or `io`
 */
export function checkCommandArguments(subject: string, argv: unknown, io: unknown): void {
  refuseArguments(subject, [
    Array.isArray(argv) && argv.every((a) => typeof a === 'string')
      ? undefined
      : {
          path: ['argv'],
          code: 'invalid_type',
          message: "argv must be the command's arguments, an array of strings",
          expected: 'string[]',
          received: typeNameOf(argv),
        },
    ioIssue(io),
  ]);
}

function ioIssue(io: unknown): ValidationIssue | undefined {
  if (io === undefined) return undefined;
  const o = io as { stdout?: unknown; stderr?: unknown } | null;
  if (typeof o === 'object' && o !== null && typeof o.stdout === 'function' && typeof o.stderr === 'function') return undefined;
  return {
    path: ['io'],
    code: 'invalid_type',
    message: 'io must be { stdout, stderr }, two functions taking text',
    expected: 'CommandIo',
    received: typeNameOf(io),
  };
}
