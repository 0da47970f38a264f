import { terminalText } from '../text/terminalText.js';
import { QUEUE_PASSWORD_ENV, type QueuePassword } from './queuePasswordOf.js';

/**
 * The note `score --resume` or `--overwrite` gives when the password it was handed has no Redis keys
 * to remove (`why` says why not, ending "so no Redis holds its records"), or undefined when none is
 * owed: no password, or one from {@link QUEUE_PASSWORD_ENV}, set in the environment for every command.
 * Every such path says it: `--overwrite` of an output no run wrote yet, or of a device, passed the
 * option without a word.
 *
 * @example queuePasswordUnusedNote(password, `the run that wrote ${out} was no --queue job, so no Redis holds its records`)
 */
export function queuePasswordUnusedNote(password: QueuePassword | undefined, why: string): string | undefined {
  if (password === undefined || password.from === QUEUE_PASSWORD_ENV) return undefined;
  return `note: ${terminalText(`${password.from} was not used: ${why}`)}\n`;
}
