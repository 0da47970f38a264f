import { request } from 'node:http';

/** What a raw request got back. */
export interface RawResponse {
  readonly status: number;
  readonly text: string;
}

/**
 * A request to `base` + `path` with exactly the headers given: fetch would set Host and
 * Content-Type itself, and the playground's checks of those headers are what is under test.
 */
export function rawHttpRequest(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  const u = new URL(path, base);
  return new Promise((resolve, reject) => {
    const q = request({ host: u.hostname, port: u.port, path: u.pathname, method, headers, setHost: false }, (s) => {
      let t = '';
      s.on('data', (x) => {
        t += String(x);
      });
      s.on('end', () => resolve({ status: s.statusCode ?? 0, text: t }));
    });
    q.on('error', reject);
    q.end(body);
  });
}
