import { parseQueueUrl, type QueueAddress } from './queueUrl.js';
import { QUEUE_PASSWORD_ENV, queuePasswordOf, type Environment } from './queuePasswordOf.js';

/** Help line of `--queue-password-file` and the password's variable, shared by `score` and `worker`. */
export const QUEUE_PASSWORD_FILE_HELP =
  '  --queue-password-file FILE the Redis password, read from FILE (one line), so it stays out of the\n' +
  `                             process list; or set ${QUEUE_PASSWORD_ENV}; rather than\n` +
  '                             redis://:PASSWORD@HOST (one way only: two are refused)';

/**
 * The queue's address from `--queue URL`, `--queue-password-file FILE` and the environment's
 * {@link QUEUE_PASSWORD_ENV}. A password in the URL still works (runs started so keep running) but is
 * warned about through `warn`: the command line of a long-lived worker is readable by every local
 * user (`ps`, /proc/PID/cmdline), and shell history keeps it; refusing it outright would stop every
 * worker started that way at its next restart.
 *
 * @throws UsageError for a bad URL, or a password given more than one way (see queuePasswordOf)
 * @throws OptionFileError for an unusable password file (see readPasswordFile)
 * @example
 * const address = await queueAddressOfArgs('redis://10.0.0.5:6379/0', '/run/secrets/redis', (t) => io.stderr(t), io.env ?? {});
 */
export async function queueAddressOfArgs(
  queue: string,
  passwordFile: string | undefined,
  warn: (text: string) => void,
  env: Environment,
): Promise<QueueAddress> {
  const address = parseQueueUrl(queue);
  const given = await queuePasswordOf(passwordFile, env, address.password !== undefined);
  if (given !== undefined) return { ...address, password: given.password, passwordFrom: given.from };
  if (address.password !== undefined)
    warn(
      `warning: --queue holds the Redis password: any local user can read it in the process list (ps) while this process runs, and shell history keeps it; give it with --queue-password-file FILE or ${QUEUE_PASSWORD_ENV} instead (the URL then without it: ${address.withoutPassword})\n`,
    );
  return address;
}
