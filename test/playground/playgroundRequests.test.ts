// An outside tester (round 11, F1, F2, F7) found the playground API reading bodies loosely: an unknown
// key (a typo, `monthlybudget`) was dropped, a repeated key kept its last value (JSON.parse), a
// certificate's string score was dropped and then refused as `score_off_scale`, seq 1.5 became 0, a
// bad monthlyBudget or a bad certificate asOf hid every other fault, a missing applicant was named at
// the root, and a body over 1 MiB got no answer at all (ECONNRESET).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleFor } from '../../src/examples/index.js';
import { servePlayground, type Playground } from '../../src/playground/index.js';

let p: Playground;
beforeAll(async () => {
  p = await servePlayground({ port: 0 });
});
afterAll(() => p.close());

interface Answer {
  readonly status: number;
  readonly body: { error?: { code: string; message: string; issues: { path: string; message: string }[] }; decision?: { limit: number } };
}
const post = async (path: string, body: unknown): Promise<Answer> => {
  const r = await fetch(new URL(path, p.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Answer['body'] };
};
const paths = (a: Answer) => (a.body.error?.issues ?? []).map((i) => i.path).sort();
const applicant = () => structuredClone(exampleFor('new_graduate').applicant);
const idHash = exampleFor('new_graduate').applicant.identity.idHash;
const goodCertificate = { kind: 'ielts', score: 7, method: 'issuer_api', confidence: 0.95, idHash, asOf: '2026-11-01', seq: 1 };

describe('playground requests are read strictly (nothing dropped, nothing kept silently)', () => {
  it('an unknown key in /api/decide is refused by name, not dropped', async () => {
    const r = await post('/api/decide', { applicant: applicant(), monthlybudget: 300_000 });
    expect(r.status).toBe(400);
    expect(paths(r)).toEqual(['monthlybudget']);
    expect(r.body.error?.issues[0]?.message).toMatch(/monthlyBudget/);
  });

  it('a key written twice is refused duplicate_key at its path, not decided on its last value', async () => {
    const text = JSON.stringify({ applicant: applicant() }).replace(/"monthlyNet":(\d+)/, '"monthlyNet":$1,"monthlyNet":9900000');
    expect(text).toContain('"monthlyNet":9900000');
    const r = await post('/api/decide', text);
    expect(r.status).toBe(400);
    expect(paths(r)).toEqual(['applicant.income.monthlyNet']);
    // With another fault beside it, both are named.
    const both = await post('/api/decide', text.replace(/}$/, ',"monthlyBudget":-1}'));
    expect(paths(both)).toEqual(['applicant.income.monthlyNet', 'monthlyBudget']);
  });

  it('a string score, a fractional seq and keys the playground sets itself are refused, never dropped', async () => {
    const r = await post('/api/certificate', { ...goodCertificate, score: '6.5', seq: 1.5, issuer: 'Fake Org', expiryDate: '2020-01-01' });
    expect(r.status).toBe(400);
    expect(paths(r)).toEqual(['expiryDate', 'issuer', 'score', 'seq']);
    const level = await post('/api/certificate', { ...goodCertificate, kind: 'tem8', score: undefined, level: 8 });
    expect(paths(level)).toEqual(['level']);
  });

  it('a bad monthlyBudget is named with every fault of the applicant', async () => {
    const bad = applicant() as Record<string, unknown> & { income: { monthlyNet: number } };
    bad.income.monthlyNet = -1;
    bad.birthDate = '2003-02-30';
    const r = await post('/api/decide', { applicant: bad, monthlyBudget: '3000' });
    expect(r.status).toBe(400);
    expect(paths(r)).toEqual(['applicant.birthDate', 'applicant.income.monthlyNet', 'monthlyBudget']);
  });

  it('a missing applicant is named applicant, not the root', async () => {
    const r = await post('/api/decide', {});
    expect(r.status).toBe(400);
    expect(paths(r)).toEqual(['applicant']);
  });

  // findings12-recheck R4 and 3(d): `level: ""` was dropped without a word (a `score: null` is refused),
  // and a numeric kind without its score (or a levelled kind without its level) was built as a
  // certificate that carries nothing: the page's blank score field came to this.
  it('an empty level, and a kind missing the score or level its scale needs, are refused by name', async () => {
    const empty = await post('/api/certificate', { ...goodCertificate, kind: 'tem8', score: undefined, level: '' });
    expect(empty.status).toBe(400);
    expect(paths(empty)).toEqual(['level']);
    expect(empty.body.error?.issues[0]?.message).toMatch(/empty/);
    const noScore = await post('/api/certificate', { ...goodCertificate, score: undefined });
    expect(noScore.status).toBe(400);
    expect(paths(noScore)).toEqual(['score']);
    expect(noScore.body.error?.issues[0]?.message).toMatch(/IELTS.*0 to 9/);
    const noLevel = await post('/api/certificate', { ...goodCertificate, kind: 'tem8', score: undefined });
    expect(paths(noLevel)).toEqual(['level']);
    expect(noLevel.body.error?.issues[0]?.message).toMatch(/fail, pass, good, excellent/);
    // Both at once, with another fault beside them: each named once.
    const both = await post('/api/certificate', { ...goodCertificate, score: undefined, confidence: undefined });
    expect(paths(both)).toEqual(['score', 'verification.confidence']);
  });

  it('a bad certificate asOf is named with every other fault', async () => {
    const r = await post('/api/certificate', { kind: 'nope', method: 'x', confidence: 5, idHash: 'bad', asOf: '2026-02-30' });
    expect(r.status).toBe(400);
    expect(paths(r)).toEqual(expect.arrayContaining(['asOf', 'kind', 'verification.method', 'verification.confidence']));
    expect(paths(r).some((x) => x.startsWith('holder'))).toBe(true);
  });

  it('the answer names the repayment the tested monthly payment is, in both languages', async () => {
    const r = await post('/api/decide', { applicant: applicant() });
    const body = r.body as Answer['body'] & {
      paymentPlanText?: { en: string; zhHans: string };
      decision?: { affordability?: { paymentPlan?: { kind: string; months: number } } };
    };
    const plan = body.decision?.affordability?.paymentPlan;
    expect(plan).toBeDefined();
    expect(body.paymentPlanText?.en).toBe(
      plan?.kind === 'instalment' ? `the ${plan.months}-month instalment plan` : `the revolving line repaid over ${plan?.months} months`,
    );
    expect(body.paymentPlanText?.zhHans).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a well-formed request still decides and builds as before', async () => {
    expect((await post('/api/decide', { applicant: applicant(), monthlyBudget: null })).status).toBe(200);
    expect((await post('/api/certificate', goodCertificate)).status).toBe(200);
  });

  it('a body over 1 MiB gets a 413 body_too_large answer, not a reset connection', async () => {
    const big = JSON.stringify({ applicant: applicant(), pad: 'x'.repeat(1_100_000) });
    const u = new URL('/api/decide', p.url);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const q = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'content-type': 'application/json' } }, (s) => {
        let t = '';
        s.on('data', (x) => {
          t += String(x);
        });
        s.on('end', () => resolve({ status: s.statusCode ?? 0, text: t }));
      });
      q.on('error', reject);
      q.end(big);
    });
    expect(answer.status).toBe(413);
    expect((JSON.parse(answer.text) as Answer['body']).error?.code).toBe('body_too_large');
    // The server still answers.
    expect((await post('/api/decide', { applicant: applicant() })).status).toBe(200);
  });
});
