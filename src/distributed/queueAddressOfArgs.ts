import { UsageError } from '../commandLine/commandIo.js';
import { readPasswordFile } from '../cli/readPasswordFile.js';
import { parseQueueUrl, type QueueAddress } from './queueUrl.js';

/** Help line of `--queue-password-file`, shared by `score --queue` and `worker`. */
export const QUEUE_PASSWORD_FILE_HELP =
  '  --queue-password-file FILE the Redis password, read from FILE (one line), so it stays out of the\n' +
  '                             process list; rather than redis://:PASSWORD@HOST';

/**
 * The queue's address from `--queue URL` and `--queue-password-file FILE`. A password in the URL
 * still works (runs started so keep running) but is warned about through `warn`: the command line of
 * a long-lived worker is readable by every local user (`ps`, /proc/PID/cmdline), and shell history
 * keeps it; refusing it outright would stop every worker started that way at its next restart.
 *
 * @throws UsageError for a bad URL, or a password given both ways (which one was meant would be a guess)
 * @throws OptionFileError for an unusable password file (see readPasswordFile)
 * @example
 * const address = await queueAddressOfArgs('redis://10.0.0.5:6379/0', '/run/secrets/redis', (t) => io.stderr(t));
 */
export async function queueAddressOfArgs(queue: string, passwordFile: string | undefined, warn: (text: string) => void): Promise<QueueAddress> {
  const address = parseQueueUrl(queue);
  if (passwordFile === undefined) {
    if (address.password !== undefined)
      warn(
        `warning: --queue holds the Redis password: any local user can read it in the process list (ps) while this process runs, and shell history keeps it; write it to a file only you can read and give --queue-password-file FILE instead (the URL then without it: ${address.withoutPassword})\n`,
      );
    return address;
  }
  if (address.password !== undefined)
    throw new UsageError('the Redis password is given twice: in --queue and with --queue-password-file; give it only with --queue-password-file');
  const password = await readPasswordFile(passwordFile, '--queue-password-file');
  return { ...address, password, passwordFrom: `--queue-password-file ${passwordFile}` };
}
