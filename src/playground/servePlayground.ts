import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Catalog, createScorer, parseStrictJson, type Scorer, type ScorerOptionsWithFeatures, ValidationError } from '../index.js';
import { playgroundCertificate, playgroundDecide, playgroundSetup, toPlaygroundError } from './playgroundApi.js';
import { playgroundPage } from './playgroundPage.js';

/** Options of {@link servePlayground}. */
export interface PlaygroundOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /**
   * Scorer options (model, policy, catalog, a lender's feature set, keys); default: the embedded model
   * and default policy.
   */
  readonly scorer?: ScorerOptionsWithFeatures;
}

/** A running playground. */
export interface Playground {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** Stops the server and releases the model. */
  close(): Promise<void>;
}

/** Request bodies larger than this are refused: an applicant with 50 certificates is far smaller. */
const MAX_BODY_BYTES = 1 << 20;

/** The methods each path takes, as a 405's Allow header names them (RFC 9110 requires it there). */
const ALLOWED_METHODS: ReadonlyMap<string, string> = new Map([
  ['/', 'GET, HEAD'],
  ['/api/setup', 'GET, HEAD'],
  ['/favicon.ico', 'GET, HEAD'],
  ['/api/decide', 'POST'],
  ['/api/certificate', 'POST'],
]);

// Everything the page needs is inline; the policy forbids loading anything from anywhere else, so
// the page works offline and cannot leak what a person types.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * Serves the playground on 127.0.0.1 only: one page (no external assets) and a small JSON API over
 * the library's public API. A person picks an example or edits an applicant, adds and removes
 * certificates, sets a budget and their own cap, and sees the decision at once.
 *
 * @example
 * const p = await servePlayground({ port: 8787 });
 * console.log(p.url); // http://127.0.0.1:8787/
 */
export async function servePlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const given = options.scorer ?? {};
  const scorer = given.features === undefined ? await createScorer(given) : await createScorer({ ...given, features: given.features });
  const page = playgroundPage();
  // The page offers the kinds the scorer counts (a lender's catalog, less what its jurisdiction
  // bans); a certificate is built from the scorer's whole catalog, so a banned kind asked for by
  // hand is built and then rejected by the decision, which names why.
  const setup = JSON.stringify(playgroundSetup(scorer));
  const catalog: Catalog = new Map([...scorer.certificateKinds, ...scorer.bannedCertificateKinds].map((k) => [k.id, k]));
  // The port is known once listening; no request arrives before.
  let port = 0;
  const server = createServer((req, res) => {
    const refusal = refusalOf(req, port);
    const answer = refusal === undefined ? handle(scorer, catalog, page, setup, req, res) : refuse(req, res, refusal);
    answer.catch((e: unknown) => send(res, 500, toPlaygroundError(e)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await scorer.close();
    },
  };
}

async function handle(scorer: Scorer, catalog: Catalog, page: string, setup: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const allow = ALLOWED_METHODS.get(path);
  if (allow === undefined) return send(res, 404, { error: { code: 'not_found', message: `no such page: ${path}`, issues: [] } });
  // HEAD is GET without the body (node leaves the body out of a HEAD answer).
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  if (!allow.split(', ').includes(method ?? ''))
    return send(res, 405, { error: { code: 'method_not_allowed', message: `${path} takes ${allow}`, issues: [] } }, { allow });
  if (path === '/') return sendText(res, 200, 'text/html; charset=utf-8', page);
  if (path === '/api/setup') return sendText(res, 200, 'application/json; charset=utf-8', setup);
  if (path === '/favicon.ico') return sendText(res, 204, 'text/plain', '');
  // Only a JSON body: a form or text/plain post is one another site's page may send without asking.
  if (!isJson(req.headers['content-type']))
    return refuse(req, res, {
      status: 415,
      code: 'unsupported_media_type',
      message: `${path} takes a JSON body: send it with content-type application/json`,
    });
  let text: string;
  try {
    text = await readBody(req);
  } catch (e) {
    if (e instanceof BodyTooLarge) return send(res, 413, { error: { code: 'body_too_large', message: e.message, issues: [] } });
    return send(res, 400, { error: { code: 'bad_json', message: e instanceof Error ? e.message : 'request body is not JSON', issues: [] } });
  }
  // Read as the CLI reads a file: a key written twice is named, never kept at its last value.
  const read = parseStrictJson(text);
  if (!read.ok && read.parsed === undefined) return send(res, 400, toPlaygroundError(new ValidationError('request body', read.issues)));
  const body = read.ok ? read.value : read.parsed?.value;
  const textIssues = read.ok ? [] : read.issues;
  try {
    const answer = path === '/api/decide' ? await playgroundDecide(scorer, body) : { certificate: playgroundCertificate(body, catalog) };
    if (textIssues.length > 0) throw new ValidationError('request body', []);
    return send(res, 200, answer);
  } catch (e) {
    // The text's faults and the request's, named together.
    const err = toPlaygroundError(
      e instanceof ValidationError && textIssues.length > 0 ? new ValidationError('request body', [...textIssues, ...e.issues]) : e,
    );
    return send(res, err.error.code === 'internal' ? 500 : 400, err);
  }
}

/** Why a request is refused before it is read: its status, stable code and message. */
interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/**
 * A request the playground does not serve, whatever it asks: one addressed to another host (a name
 * another site's DNS points at 127.0.0.1, so that its page could read the answers: DNS rebinding) is
 * 421; one sent by a page of another origin is 403. Clients that send no Origin (curl, scripts) are
 * served; a browser always sends one with a POST.
 */
function refusalOf(req: IncomingMessage, port: number): Refusal | undefined {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  const host = req.headers.host?.toLowerCase();
  if (host === undefined || !own.includes(host))
    return {
      status: 421,
      code: 'misdirected_request',
      message: `this playground answers requests to http://127.0.0.1:${port}/ (or localhost:${port}) only; the request was addressed to another host`,
    };
  const origin = req.headers.origin;
  if (origin !== undefined && !own.some((h) => origin.toLowerCase() === `http://${h}`))
    return {
      status: 403,
      code: 'cross_origin',
      message: `this playground answers its own page only (http://127.0.0.1:${port}); the request came from another origin`,
    };
  return undefined;
}

/** True for `application/json`, with parameters or without (`; charset=utf-8`), in any case. */
function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** Answers a refusal once the body is read and dropped, so the client gets it rather than a reset connection. */
async function refuse(req: IncomingMessage, res: ServerResponse, r: Refusal): Promise<void> {
  await readBody(req).catch(() => undefined);
  send(res, r.status, { error: { code: r.code, message: r.message, issues: [] } });
}

/** A request body past {@link MAX_BODY_BYTES}: answered 413 `body_too_large`. */
class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Refused as soon as it is known to be too large (its content-length, or the bytes so far), so
    // the client is answered while it is still sending: waiting for the end of a 100 MB body meant
    // cutting the sender off first, and it got a reset and no answer.
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_BODY_BYTES) reject(new BodyTooLarge(`request body of ${declared} bytes is over the ${MAX_BODY_BYTES} the playground reads`));
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Past the cap the rest is read and dropped, so the answer is not lost to a reset while the
      // client is still sending (a client stops once answered); one that keeps sending far past
      // it is cut off.
      if (size > MAX_BODY_BYTES * 16) req.destroy();
      else if (size <= MAX_BODY_BYTES) chunks.push(c);
      else reject(new BodyTooLarge(`request body of more than ${MAX_BODY_BYTES} bytes is over what the playground reads`));
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge(`request body of ${size} bytes is over the ${MAX_BODY_BYTES} the playground reads`));
        return;
      }
      // Bytes that are not UTF-8 are refused, never replaced (a replaced name can match another's).
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(new Error('request body is not UTF-8'));
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): void {
  sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);
}

function sendText(res: ServerResponse, status: number, type: string, text: string, headers: Readonly<Record<string, string>> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': type, ...SECURITY_HEADERS, ...headers });
  res.end(text);
}
