import { UsageError } from '../commandLine/commandIo.js';
import { readPasswordFile } from '../cli/readPasswordFile.js';

/** The environment variable that may hold the Redis password, as redis-cli reads REDISCLI_AUTH. */
export const QUEUE_PASSWORD_ENV = 'CREDITLIFT_QUEUE_PASSWORD';

/** A process's environment, as `process.env` holds it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The Redis password and where it came from, for messages (never the password itself). */
export interface QueuePassword {
  readonly password: string;
  /** `--queue-password-file FILE` or `CREDITLIFT_QUEUE_PASSWORD`. */
  readonly from: string;
}

/**
 * The Redis password from `--queue-password-file FILE` or {@link QUEUE_PASSWORD_ENV}, or undefined
 * when neither gives one. One way only: a password given two or three ways (`urlHoldsOne` when
 * `--queue` holds one too) is refused, whether or not they agree, naming the ways: which one was meant
 * would be a guess, and a variable exported long ago would silently win or lose. The variable set but
 * empty, or holding a line break, is refused as the file is; no message quotes the password.
 *
 * @throws UsageError for a password given more than one way, or an unusable variable
 * @throws OptionFileError for an unusable password file (see readPasswordFile)
 * @example
 * const given = await queuePasswordOf(values['queue-password-file'], io.env ?? {});
 */
export async function queuePasswordOf(passwordFile: string | undefined, env: Environment, urlHoldsOne = false): Promise<QueuePassword | undefined> {
  const fromEnv = env[QUEUE_PASSWORD_ENV];
  const ways = [
    ...(urlHoldsOne ? ['in --queue'] : []),
    ...(passwordFile === undefined ? [] : ['with --queue-password-file']),
    ...(fromEnv === undefined ? [] : [`in ${QUEUE_PASSWORD_ENV}`]),
  ];
  if (ways.length > 1)
    throw new UsageError(
      `the Redis password is given ${ways.length === 2 ? 'twice' : 'three times'}: ${ways.slice(0, -1).join(', ')} and ${ways.at(-1)}; give it one way only: with --queue-password-file FILE or ${QUEUE_PASSWORD_ENV}, which keep it out of the process list`,
    );
  if (passwordFile !== undefined)
    return { password: await readPasswordFile(passwordFile, '--queue-password-file'), from: `--queue-password-file ${passwordFile}` };
  if (fromEnv === undefined) return undefined;
  if (fromEnv === '') throw new UsageError(`${QUEUE_PASSWORD_ENV} is set but empty: set it to the Redis password, or unset it`);
  if (/[\r\n]/.test(fromEnv))
    throw new UsageError(`${QUEUE_PASSWORD_ENV} holds a line break: the Redis password is one line (was it read from a file with its newline?)`);
  return { password: fromEnv, from: QUEUE_PASSWORD_ENV };
}
