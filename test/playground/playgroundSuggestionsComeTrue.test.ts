// Outside tester findings21-explain F1: the playground showed each decision's own suggestions, which
// preview uploading the certificate to that decision (reassess, on the line it set), while its "Add"
// posts /api/certificate and decides the profile again, and /api/certificate dated the certificate 30
// days before asOf where the suggestion says "issued on" the decision's date. None of the 15
// suggestions in the examples came true: the new graduate was shown ¥17,700 for a vocational skill
// certificate, and Add gave ¥17,400. The page now shows the previews of the path Add takes (deciding
// again with the certificate, `scorer.suggest`), and Add dates the certificate as the preview says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision, EvidenceSuggestions } from '../../src/decision/decision.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { exampleApplicants } from '../../src/examples/index.js';
import { servePlayground, type Playground } from '../../src/playground/index.js';
import type { CertificateEvidence } from '../../src/schema/certificateEvidence.js';

let p: Playground;
let scorer: Scorer;
beforeAll(async () => {
  p = await servePlayground({ port: 0 });
  scorer = await createScorer();
});
afterAll(async () => {
  await p?.close();
  await scorer?.close();
});

interface DecideAnswer {
  readonly decision: Decision;
  readonly suggestions: EvidenceSuggestions;
}
const post = async <T>(path: string, body: unknown): Promise<{ status: number; body: T }> => {
  const r = await fetch(new URL(path, p.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as T };
};

describe("the playground's suggestions come true by its own Add (findings21-explain F1)", () => {
  it('for every example, every suggestion shown gives exactly its limit, PD and outcome when added as the page adds it', async () => {
    let checked = 0;
    for (const ex of exampleApplicants) {
      const applicant = structuredClone(ex.applicant);
      const shown = await post<DecideAnswer>('/api/decide', { applicant });
      expect(shown.status).toBe(200);
      let seq = 0;
      for (const item of shown.body.suggestions.items) {
        // The page's Add: the certificate the preview assumes, as the suggestion says it.
        const said = item.assumed;
        const cert = await post<{ certificate: CertificateEvidence }>('/api/certificate', {
          kind: item.kind,
          ...(said.score !== undefined ? { score: said.score } : {}),
          ...(said.level !== undefined ? { level: said.level } : {}),
          method: said.verification?.method,
          confidence: said.verification?.confidence,
          issueDate: said.issueDate,
          idHash: applicant.identity.idHash,
          asOf: applicant.asOf,
          seq: ++seq,
        });
        expect(cert.status, `${ex.id} ${item.kind}`).toBe(200);
        expect(cert.body.certificate.issueDate).toBe(said.issueDate);
        const after = await post<DecideAnswer>('/api/decide', {
          applicant: { ...applicant, evidence: [...(applicant.evidence ?? []), cert.body.certificate] },
        });
        const d = after.body.decision;
        expect([d.outcome, d.limit, d.pd], `${ex.id}: ${item.kind} shown ${item.outcome} ${item.limit} at PD ${item.pd}`).toEqual([
          item.outcome,
          item.limit,
          item.pd,
        ]);
        checked++;
      }
    }
    // Five examples get three suggestions each.
    expect(checked).toBe(15);
  });

  it("the page's previews are scorer.suggest's (the decide-again path), not the decision's upload previews", async () => {
    const applicant = structuredClone(exampleApplicants.find((e) => e.segment === 'new_graduate')!.applicant);
    const answer = (await post<DecideAnswer>('/api/decide', { applicant })).body;
    expect(answer.suggestions).toEqual(await scorer.suggest(applicant, { top: 3 }));
    // The figures of the finding: the decision's own preview (upload to it) and the one Add comes to.
    const vocational = (s: EvidenceSuggestions) => s.items.find((i) => i.kind === 'vocational_skill_level')?.limit;
    expect(vocational((await scorer.decide(applicant)).suggestions)).toBe(1_770_000);
    expect(vocational(answer.suggestions)).toBe(1_740_000);
    // The decision's own previews are not shown, so none are scored (the what-ifs ran twice a request).
    expect(answer.decision.suggestions).toEqual({ items: [], blockedBy: null, note: null });
  });
});

describe('/api/certificate issueDate', () => {
  const idHash = exampleApplicants[0]!.applicant.identity.idHash;
  const base = { kind: 'ielts', score: 6.5, method: 'issuer_api', confidence: 0.95, idHash, asOf: '2026-11-01', seq: 1 };

  it('dates the certificate as asked, on or before asOf; without it, 30 days before asOf as before', async () => {
    expect((await post<{ certificate: CertificateEvidence }>('/api/certificate', { ...base, issueDate: '2026-11-01' })).body.certificate.issueDate).toBe(
      '2026-11-01',
    );
    expect((await post<{ certificate: CertificateEvidence }>('/api/certificate', { ...base, issueDate: '2025-03-15' })).body.certificate.issueDate).toBe(
      '2025-03-15',
    );
    expect((await post<{ certificate: CertificateEvidence }>('/api/certificate', base)).body.certificate.issueDate).toBe('2026-10-02');
  });

  it('an issueDate after asOf, not a calendar date or not a string is refused at issueDate, with every other fault', async () => {
    type Refusal = { error: { issues: { path: string; code: string }[] } };
    const later = await post<Refusal>('/api/certificate', { ...base, issueDate: '2026-11-02' });
    expect(later.status).toBe(400);
    expect(later.body.error.issues.map((i) => `${i.path} ${i.code}`)).toEqual(['issueDate out_of_range']);
    const notADate = await post<Refusal>('/api/certificate', { ...base, issueDate: '2026-02-30', score: 'x' });
    expect(notADate.body.error.issues.map((i) => i.path).sort()).toEqual(['issueDate', 'score']);
    const number = await post<Refusal>('/api/certificate', { ...base, issueDate: 20261101 });
    expect(number.body.error.issues.map((i) => `${i.path} ${i.code}`)).toEqual(['issueDate invalid_type']);
  });
});
