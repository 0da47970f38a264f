import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { exampleFor } from '../../src/examples/index.js';
import { servePlayground, type Playground } from '../../src/playground/index.js';

let p: Playground;
beforeAll(async () => {
  p = await servePlayground({ port: 0 });
});
afterAll(() => p.close());

const post = (path: string, body: string) => fetch(new URL(path, p.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('playground server', () => {
  it('listens on 127.0.0.1 only and serves one self-contained page that may load nothing from elsewhere', async () => {
    expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await fetch(p.url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await r.text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('decides an applicant as the library does, with the binding constraint in words and the budget view', async () => {
    const r = await post('/api/decide', JSON.stringify({ applicant: exampleFor('gig_driver').applicant, monthlyBudget: 500_000 }));
    expect(r.status).toBe(200);
    const body = (await r.json()) as {
      decision: { limit: number; bindingConstraint: string };
      bindingText: { en: string; zhHans: string };
      budget: { monthlyBudget: number; paymentShareOfBudget: number };
    };
    expect(body.decision.limit).toBeGreaterThan(0);
    expect(body.bindingText.zhHans.length).toBeGreaterThan(0);
    expect(body.budget.monthlyBudget).toBe(500_000);
    expect(body.budget.paymentShareOfBudget).toBeGreaterThan(0);
  });

  // The page shows `suggest`'s previews; it decided with the scorer's 3 upload previews as well, which
  // it never shows: the what-ifs ran twice a request. It decides with none now.
  it("decides once without upload previews (the decision of suggestions 0, byte for byte) and answers suggest's top 3", async () => {
    const scorer = await createScorer();
    try {
      for (const segment of ['new_graduate', 'gig_driver'] as const) {
        const applicant = exampleFor(segment).applicant;
        const body = (await (await post('/api/decide', JSON.stringify({ applicant }))).json()) as { decision: unknown; suggestions: unknown };
        expect(JSON.stringify(body.decision)).toBe(JSON.stringify(await scorer.decide(applicant, { suggestions: 0 })));
        expect(body.suggestions).toEqual(await scorer.suggest(applicant, { top: 3 }));
      }
    } finally {
      await scorer.close();
    }
  });

  it('answers bad input with a typed error naming every field, never a crash', async () => {
    const bad = await post('/api/decide', JSON.stringify({ applicant: { id: 'x' }, monthlyBudget: -1 }));
    expect(bad.status).toBe(400);
    const err = ((await bad.json()) as { error: { code: string; issues: { path: string }[] } }).error;
    expect(err.code).toBe('validation_failed');
    expect(err.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['monthlyBudget', 'applicant.income', 'applicant.birthDate']));
    const missing = ((await (await post('/api/decide', JSON.stringify({ applicant: { id: 'x' } }))).json()) as { error: { issues: { path: string }[] } }).error;
    expect(missing.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['applicant.income', 'applicant.birthDate', 'applicant.platform']));
    expect((await post('/api/decide', '{not json')).status).toBe(400);
    const cert = (
      (await (await post('/api/certificate', JSON.stringify({ kind: 'astrology', method: 'issuer_api', confidence: 2 }))).json()) as {
        error: { issues: { path: string }[] };
      }
    ).error;
    expect(cert.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['kind', 'holder', 'verification.confidence']));
    expect((await fetch(new URL('/api/decide', p.url))).status).toBe(405);
    expect((await fetch(new URL('/nowhere', p.url))).status).toBe(404);
  });

  it('builds a certificate the applicant holds, distinct per added document', async () => {
    const idHash = exampleFor('new_graduate').applicant.identity.idHash;
    const make = async (seq: number) =>
      (
        (await (
          await post('/api/certificate', JSON.stringify({ kind: 'ielts', score: 7, method: 'issuer_api', confidence: 0.95, idHash, asOf: '2026-11-01', seq }))
        ).json()) as { certificate: { holder: { idHash: string }; documentHash: string; issueDate: string } }
      ).certificate;
    const [a, b] = [await make(1), await make(2)];
    expect(a.holder.idHash).toBe(idHash);
    expect(a.issueDate).toBe('2026-10-02');
    expect(a.documentHash).not.toBe(b.documentHash);
  });

  it('an impossible decision date is a 400 naming asOf, not a 500 from the date library', async () => {
    const idHash = exampleFor('new_graduate').applicant.identity.idHash;
    for (const asOf of ['2026-02-30', '2026-13-45', 'soon', 20261101]) {
      const r = await post('/api/certificate', JSON.stringify({ kind: 'ielts', score: 7, method: 'issuer_api', confidence: 0.95, idHash, asOf }));
      expect(r.status, String(asOf)).toBe(400);
      const e = ((await r.json()) as { error: { issues: { path: string }[] } }).error;
      expect(e.issues.map((i) => i.path)).toEqual(['asOf']);
    }
  });
});
