import { UsageError } from '../commandLine/commandIo.js';
import { WHOLE_NUMBER_TEXT } from '../commandLine/numberTextFault.js';

/** Where the queue lives: a Redis server and database, from `--queue redis://HOST:PORT/DB`. */
export interface QueueAddress {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
  /** Where the password came from, for messages: `--queue-password-file FILE`, `CREDITLIFT_QUEUE_PASSWORD`, or `--queue` when the URL holds it. */
  readonly passwordFrom?: string;
  readonly tls: boolean;
  /** The URL without its password, for messages and logs. */
  readonly display: string;
  /** The URL without its password, that {@link parseQueueUrl} reads back (kept in a run's manifest). */
  readonly withoutPassword: string;
}

/**
 * Reads `--queue`: `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]` or `rediss://` for TLS. Port 6379 and
 * database 0 when left out. Anything else is a usage error naming what is wrong, never a guess.
 *
 * @throws UsageError for another scheme, a bad port or database, or a query string
 */
export function parseQueueUrl(raw: string): QueueAddress {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Echoed without what stands before its `@`: the URL may hold the password, and this message reaches logs.
    throw new UsageError(`--queue expects redis://HOST:PORT/DB, got "${withoutUserinfo(raw)}"`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new UsageError(`--queue must be a redis:// or rediss:// URL, got "${url.protocol}"`);
  if (url.hostname === '') throw new UsageError('--queue names no host');
  if (url.search !== '' || url.hash !== '') throw new UsageError('--queue takes no query string or fragment');
  // The port as written: the URL parser reads `06379` as 6379 and an empty one (`h:/0`) as none.
  const portText = writtenPort(raw);
  if (portText !== undefined && !WHOLE_NUMBER_TEXT.test(portText))
    throw new UsageError(`--queue port must be a whole number written in digits, got "${portText}"`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '' && !(WHOLE_NUMBER_TEXT.test(dbText) && dbText.length <= 5))
    throw new UsageError(`--queue database must be a whole number written in digits (at most 5), got "${dbText}"`);
  const db = dbText === '' ? 0 : Number(dbText);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return {
    host,
    port,
    db,
    ...(username === '' ? {} : { username }),
    ...(password === '' ? {} : { password, passwordFrom: '--queue' }),
    tls: url.protocol === 'rediss:',
    display: `${url.protocol}//${url.username === '' && url.password === '' ? '' : `${url.username}${url.password === '' ? '' : ':***'}@`}${url.host}/${db}`,
    withoutPassword: `${url.protocol}//${url.username === '' ? '' : `${url.username}@`}${url.host}/${db}`,
  };
}

/** The port of a URL as written (after the host's last `:`, IPv6 brackets skipped), or undefined when it names none. */
function writtenPort(raw: string): string | undefined {
  const authority = (raw.split('//', 2)[1] ?? '').split(/[/?#]/, 1)[0] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const afterHost = hostPort.startsWith('[') ? hostPort.slice(hostPort.indexOf(']') + 1) : hostPort;
  const colon = afterHost.lastIndexOf(':');
  return colon < 0 ? undefined : afterHost.slice(colon + 1);
}

/**
 * A URL that may not parse, with everything between its `//` and its last `@` shown as `***`: the last
 * `@` of the whole text, since a password written unencoded may hold `/`, `?` or `#` (which is
 * maybe why the URL did not parse), and no part of a Redis URL after the host holds an `@`.
 */
function withoutUserinfo(raw: string): string {
  const at = raw.lastIndexOf('@');
  if (at < 0) return raw;
  const scheme = raw.indexOf('//');
  return scheme < 0 || scheme > at ? `***${raw.slice(at)}` : `${raw.slice(0, scheme + 2)}***${raw.slice(at)}`;
}
