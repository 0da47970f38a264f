// Outside tester findings13-security #3: a 10 KB body with `idHash` an array nested 5,000 deep got a
// 500 "Maximum call stack size exceeded" (String() of the array recursed) where a 400 naming idHash
// was due.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
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
const json = { 'content-type': 'application/json' };
const applicant = () => structuredClone(exampleFor('new_graduate').applicant);

describe('playground: deep input is a named 400 (findings13-security #3)', () => {
  it('idHash as an array nested 5,000 deep is refused at idHash, not a 500 stack overflow', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const body = `{"kind":"ielts","score":6.5,"method":"issuer_api","confidence":0.9,"idHash":${deep}}`;
    const r = await raw('POST', '/api/certificate', { host: host(), ...json }, body);
    expect(r.status, r.text.slice(0, 200)).toBe(400);
    const err = JSON.parse(r.text) as { error: { code: string; issues: { path: string; code: string }[] } };
    expect(err.error.code).toBe('validation_failed');
    expect(err.error.issues).toContainEqual(expect.objectContaining({ path: 'idHash', code: 'invalid_type' }));
    expect(r.text).not.toContain('Maximum call stack');
  });

  it('the library takes the same value as a typed ValidationError, never a RangeError', async () => {
    let deep: unknown = [];
    for (let i = 0; i < 5000; i++) deep = [deep];
    const scorer = await createScorer();
    try {
      const a = applicant() as Record<string, unknown> & { identity: Record<string, unknown> };
      a.identity = { ...a.identity, idHash: deep };
      const thrown = await scorer.decide(a as never).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).issues.map((i) => i.path.join('.'))).toContain('identity.idHash');
      const safe = await scorer.safeDecide(a);
      expect(safe.ok).toBe(false);
    } finally {
      await scorer.close();
    }
  });

  it('a kind outside the catalog, in any script or length, is named at kind only (the playground builds the number from it)', async () => {
    const idHash = exampleFor('new_graduate').applicant.identity.idHash;
    for (const kind of ['курс', 'k'.repeat(200)]) {
      const body = JSON.stringify({ kind, score: 6.5, method: 'issuer_api', confidence: 0.9, idHash });
      const r = await raw('POST', '/api/certificate', { host: host(), ...json }, body);
      expect(r.status).toBe(400);
      const paths = (JSON.parse(r.text) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
      expect(paths).toContain('kind');
      expect(paths).not.toContain('credentialId');
    }
  });
});
