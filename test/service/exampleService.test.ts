import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../examples/service/server.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';

let scorer: Scorer;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
  app = await buildServer({ scorer, bodyLimit: 64 * 1024 });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await scorer?.close();
});

const post = (body: string) => fetch(`${base}/decisions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const valid = exampleApplicants[0]!.applicant;

describe('examples/service over 127.0.0.1', () => {
  it('a valid body gets 200 and the same Decision as the scorer in process, byte for byte, approvals and declines alike', async () => {
    const declined = { ...valid, bureau: { ...valid.bureau, currentDaysPastDue: 45 } };
    const outcomes = new Set<string>();
    for (const applicant of [...exampleApplicants.map((e) => e.applicant), declined]) {
      const res = await post(JSON.stringify(applicant));
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBeTruthy();
      const want = await scorer.decide(applicant);
      // The response schema checks the reply; JSON.stringify writes it: no key dropped, reordered or coerced.
      expect(await res.text(), applicant.id).toBe(JSON.stringify(want));
      outcomes.add(want.outcome);
    }
    expect(outcomes).toContain('decline');
  });

  it('a decision that does not match the response schema is a 500 problem, never sent with the field dropped', async () => {
    const drifted: Scorer = {
      ...scorer,
      safeDecide: async (body, opts) => {
        const r = await scorer.safeDecide(body, opts);
        return r.ok ? { ok: true, decision: { ...r.decision, surprise: 1 } as Decision } : r;
      },
    };
    const other = await buildServer({ scorer: drifted });
    try {
      const res = await other.inject({ method: 'POST', url: '/decisions', payload: valid });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).not.toContain('"applicantId"');
    } finally {
      await other.close();
    }
  });

  it('an invalid body gets 422 problem+json naming the fields: unknown key, protected key, coercible string', async () => {
    const res = await post(JSON.stringify({ ...valid, gender: 'f' }));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { code: string; status: number; instance: string; issues: { path: unknown[]; code: string }[] };
    expect(problem).toMatchObject({ type: 'urn:creditlift:error:validation_failed', status: 422, code: 'validation_failed' });
    expect(problem.instance).toBe(res.headers.get('x-request-id'));
    expect(problem.issues).toContainEqual(expect.objectContaining({ path: ['gender'], code: 'protected_characteristic' }));

    const coerced = await post(JSON.stringify({ ...valid, socialInsuranceMonths: '14' }));
    expect(coerced.status).toBe(422);
    expect(((await coerced.json()) as { issues: unknown[] }).issues).toContainEqual(
      expect.objectContaining({ path: ['socialInsuranceMonths'], code: 'invalid_type' }),
    );
  });

  it('a cross-field error (born after asOf) passes the JSON Schema and is refused by the scorer, 422 with its code', async () => {
    const res = await post(JSON.stringify({ ...valid, birthDate: '2030-01-01' }));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { issues: { code: string }[] };
    expect(problem.issues.map((i) => i.code)).toContain('birth_date_after_as_of');
  });

  it('an oversized body gets 413 problem+json, and malformed JSON 400; the service keeps serving', async () => {
    const big = await post(JSON.stringify({ ...valid, id: 'x'.repeat(200 * 1024) }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { code: string }).code).toBe('data_invalid');
    const broken = await post('{"id": ');
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await post(JSON.stringify(valid))).status).toBe(200);
  });
});
