// Outside tester findings13-security #6: the playground checked neither Host nor Origin and decided
// text/plain bodies, so any web page could post to it without a preflight and, through DNS
// rebinding, read the answers; a 1 MB body whose one unknown key is 1 M characters cost about 1 s of CPU.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleFor } from '../../src/examples/index.js';
import { servePlayground, type Playground } from '../../src/playground/index.js';
import { type RawResponse, rawHttpRequest } from '../helpers/rawHttpRequest.js';

let p: Playground;
beforeAll(async () => {
  p = await servePlayground({ port: 0 });
});
afterAll(() => p.close());

type Raw = RawResponse;
const raw = (method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> => rawHttpRequest(p.url, method, path, headers, body);
const host = () => new URL(p.url).host;
const port = () => new URL(p.url).port;
const json = { 'content-type': 'application/json' };
const applicant = () => structuredClone(exampleFor('new_graduate').applicant);
const idHash = exampleFor('new_graduate').applicant.identity.idHash;
const certificate = { kind: 'ielts', score: 6.5, method: 'issuer_api', confidence: 0.9, idHash, seq: 1 };
const codeOf = (r: Raw) => (JSON.parse(r.text) as { error: { code: string } }).error.code;

describe('playground: only its own page may use it (findings13-security #6)', () => {
  it('a request for another Host is refused 421 (DNS rebinding), on the page and the API alike', async () => {
    for (const h of ['attacker.example', `attacker.example:${port()}`, '127.0.0.1', `127.0.0.1:1`, `localhost.attacker.example:${port()}`]) {
      const page = await raw('GET', '/', { host: h });
      expect(page.status, h).toBe(421);
      expect(codeOf(page)).toBe('misdirected_request');
      expect((await raw('GET', '/api/setup', { host: h })).status, h).toBe(421);
      expect((await raw('POST', '/api/decide', { host: h, ...json }, JSON.stringify({ applicant: applicant() }))).status, h).toBe(421);
    }
    // No Host at all is refused too (Node's HTTP server answers 400 itself).
    expect([400, 421]).toContain((await raw('GET', '/', {})).status);
    for (const h of [host(), `localhost:${port()}`, `LOCALHOST:${port()}`, `[::1]:${port()}`])
      expect((await raw('GET', '/api/setup', { host: h })).status, h).toBe(200);
  });

  it('a cross-origin POST is refused 403; the page’s own origin and clients that send none are served', async () => {
    const body = JSON.stringify({ applicant: applicant() });
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${Number(port()) + 1}`, `https://127.0.0.1:${port()}`]) {
      const r = await raw('POST', '/api/decide', { host: host(), origin, ...json }, body);
      expect(r.status, origin).toBe(403);
      expect(codeOf(r)).toBe('cross_origin');
    }
    for (const origin of [`http://127.0.0.1:${port()}`, `http://localhost:${port()}`, undefined]) {
      const r = await raw('POST', '/api/decide', { host: host(), ...(origin === undefined ? {} : { origin }), ...json }, body);
      expect(r.status, String(origin)).toBe(200);
    }
  });

  it('a POST that is not application/json is refused 415 (no preflight-free text/plain or form posts)', async () => {
    const body = JSON.stringify({ applicant: applicant() });
    for (const type of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
      undefined,
    ]) {
      const r = await raw('POST', '/api/decide', { host: host(), ...(type === undefined ? {} : { 'content-type': type }) }, body);
      expect(r.status, String(type)).toBe(415);
      expect(codeOf(r)).toBe('unsupported_media_type');
    }
    // A refused body over the size cap is still answered, not reset.
    const big = await raw('POST', '/api/decide', { host: host(), 'content-type': 'text/plain' }, 'x'.repeat(1_100_000));
    expect(big.status).toBe(415);
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON']) {
      expect((await raw('POST', '/api/certificate', { host: host(), 'content-type': type }, JSON.stringify(certificate))).status, type).toBe(200);
    }
  });

  it('a 1 MB body whose one unknown key is a million characters is refused, the key cut in the answer', async () => {
    const big = JSON.stringify({ applicant: { ['k'.repeat(1_000_000)]: 1 } });
    const r = await raw('POST', '/api/decide', { host: host(), ...json }, big);
    expect(r.status).toBe(400);
    expect(r.text.length).toBeLessThan(20_000);
  });
});
