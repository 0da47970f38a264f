import { CreditliftError } from '../errors/creditliftError.js';
import type { QueueAddress } from './queueUrl.js';
import { QUEUE_PASSWORD_ENV } from './queuePasswordOf.js';

/**
 * Redis's refusal of the credentials (`WRONGPASS`, `NOAUTH`, or `invalid password` from a Redis
 * before 6) as the `queue_unavailable` error it is, naming the server and where the password came
 * from; undefined for any other error. It came through as Redis's bare reply, `internal_error`. Redis
 * never quotes the password in these replies, and neither does the message.
 *
 * @example
 * await link.ready().catch((e) => { throw queueAuthError(e, address) ?? e; });
 */
export function queueAuthError(e: unknown, address: QueueAddress): CreditliftError | undefined {
  const reply = e instanceof Error ? e.message : '';
  if (/^NOAUTH\b/.test(reply)) {
    const hint =
      address.password === undefined
        ? `give it with --queue-password-file FILE or ${QUEUE_PASSWORD_ENV}`
        : `it did not take the password from ${address.passwordFrom ?? '--queue'}`;
    return new CreditliftError('queue_unavailable', `Redis at ${address.display} requires a password: ${hint} (${reply})`, { cause: e });
  }
  if (/^WRONGPASS\b|^ERR invalid password\b/.test(reply)) {
    const given = address.password === undefined ? 'the user name in --queue' : `the password from ${address.passwordFrom ?? '--queue'}`;
    return new CreditliftError('queue_unavailable', `Redis at ${address.display} refused ${given} (${reply})`, { cause: e });
  }
  return undefined;
}
