import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../examples/service/server.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
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

  type Problem = { code: string; status: number; detail: string; issues?: { path: (string | number)[]; code: string }[] };
  const issuesOf = (p: Problem) => (p.issues ?? []).map((i) => `${i.path.join('.')}:${i.code}`);
  const applicant = () => structuredClone(valid) as Record<string, unknown> & { income: Record<string, unknown>; residence: Record<string, unknown> };

  it('a body with several bad fields gets one 422 naming every one of them, as safeDecide does (not the first only)', async () => {
    const many = applicant();
    Object.assign(many, { id: 5, gender: 'f' });
    many.income.monthlyNet = -1;
    many.residence.cityTier = 9;
    const res = await post(JSON.stringify(many));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    const direct = await scorer.safeDecide(many);
    expect(direct.ok).toBe(false);
    const want = direct.ok || !(direct.error instanceof ValidationError) ? [] : direct.error.issues.map((i) => `${i.path.join('.')}:${i.code}`);
    expect(issuesOf(problem)).toEqual(want);
    for (const field of ['id', 'income.monthlyNet', 'residence.cityTier', 'gender'])
      expect(
        issuesOf(problem).some((i) => i.startsWith(`${field}:`)),
        field,
      ).toBe(true);

    const strings = applicant();
    Object.assign(strings, { socialInsuranceMonths: '14' });
    strings.income.monthlyNet = '650000';
    const named = issuesOf((await (await post(JSON.stringify(strings))).json()) as Problem);
    expect(named).toEqual(expect.arrayContaining(['income.monthlyNet:invalid_type', 'socialInsuranceMonths:invalid_type']));

    const nulls = { ...applicant(), controls: null, evidence: null };
    const nulled = issuesOf((await (await post(JSON.stringify(nulls))).json()) as Problem);
    expect(nulled.some((i) => i.startsWith('controls:'))).toBe(true);
    expect(nulled.some((i) => i.startsWith('evidence:'))).toBe(true);
  });

  it('a key written twice is refused naming it (400 duplicate_key, as the CLI reads files), with the other faults named too', async () => {
    const text = JSON.stringify({ ...valid, id: 'ex-last' }).replace('{', '{"id":"dup",');
    const res = await post(text);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe('data_invalid');
    expect(issuesOf(problem)).toEqual(['id:duplicate_key']);

    const worse = JSON.stringify({ ...valid, gender: 'f' }).replace('"income":{', '"income":{"monthlyNet":1,');
    const both = issuesOf((await (await post(worse)).json()) as Problem);
    expect(both).toEqual(['income.monthlyNet:duplicate_key', 'gender:protected_characteristic']);
  });

  it('__proto__, constructor and prototype keys are unknown fields named at their path (422, as safeDecide says), never "not valid JSON"', async () => {
    const base = JSON.stringify(valid);
    const cases: [string, string][] = [
      [base.replace('{', '{"__proto__":{"x":1},'), '__proto__:unrecognized_key'],
      [base.replace('{', '{"constructor":{"prototype":{"x":1}},'), 'constructor:unrecognized_key'],
      [base.replace('"income":{', '"income":{"__proto__":{"y":1},'), 'income.__proto__:unrecognized_key'],
      [base.replace('{', '{"prototype":1,'), 'prototype:unrecognized_key'],
    ];
    for (const [text, issue] of cases) {
      const res = await post(text);
      expect(res.status, issue).toBe(422);
      const problem = (await res.json()) as Problem;
      const direct = await scorer.safeDecide(JSON.parse(text));
      expect(direct.ok).toBe(false);
      expect(problem.code).toBe(direct.ok ? 'ok' : direct.error.code);
      expect(issuesOf(problem)).toEqual([issue]);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).y).toBeUndefined();
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

  it('a body that is not JSON by its media type (text/plain, none) gets 415 problem+json naming the type, never decided as a string', async () => {
    for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }]) {
      const r = await fetch(`${base}/decisions`, { method: 'POST', headers, body: JSON.stringify(valid) });
      expect(r.status).toBe(415);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await r.json()) as { code: string; detail: string };
      expect(problem.code).toBe('data_invalid');
      expect(problem.detail).toMatch(/application\/json/);
    }
    expect((await post(JSON.stringify(valid))).status).toBe(200);
  });
});
