// Outside tester findings15-explain F4: a suggestion silently assumed the certificate is issued on
// the decision's date. The factory worker was promised 12,600 RMB for a CET-4 of 480; the same CET-4
// issued 23 months before gives 12,300 RMB (CET fades), and an IELTS issued 36 months before is
// expired. Customers mostly upload certificates they already hold. The suggestion now says what it
// assumes: `assumed.issueDate` (the decision's date) and `assumed.verification`, and an `assumption`
// note in both languages naming the date and what an older one of the kind does.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { EvidenceSuggestion } from '../../src/decision/decision.js';
import { WHAT_IF_CONFIDENCE } from '../../src/decision/hypotheticalEvidence.js';
import { EXAMPLE_AS_OF, exampleApplicants } from '../../src/examples/exampleApplicants.js';
import type { Applicant } from '../../src/schema/applicant.js';
import type { CertificateEvidence } from '../../src/schema/certificateEvidence.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(async () => scorer?.close());

const example = (segment: string): Applicant => structuredClone(exampleApplicants.find((e) => e.segment === segment)!.applicant) as Applicant;

function uploadOf(a: Applicant, s: EvidenceSuggestion, issueDate: string): CertificateEvidence {
  return {
    kind: s.kind,
    issuer: 'test',
    credentialId: `T${s.kind.toUpperCase().replace(/[^A-Z0-9]/g, '')}1`,
    holder: { idHash: a.identity.idHash },
    issueDate,
    ...(s.assumed.score === undefined ? {} : { score: s.assumed.score }),
    ...(s.assumed.level === undefined ? {} : { level: s.assumed.level }),
    verification: { method: s.assumed.verification!.method, confidence: s.assumed.verification!.confidence },
    documentHash: createHash('sha256').update(`test ${s.kind}`).digest('hex'),
  } as CertificateEvidence;
}

describe('a suggestion says the issue date and verification it assumes (findings15-explain F4)', () => {
  it("the factory worker's CET-4: issued on the decision's date, as the suggestion says, it gives the promised limit; 23 months older, less", async () => {
    const a = example('factory_worker');
    const s = await scorer.suggest(a, { top: 20 });
    const cet4 = s.items.find((x) => x.kind === 'cet4')!;
    expect(cet4.limit).toBe(1_270_000);
    expect(cet4.assumed).toEqual({ score: 480, issueDate: EXAMPLE_AS_OF, verification: { method: 'issuer_api', confidence: WHAT_IF_CONFIDENCE } });
    expect(cet4.assumption?.en).toContain(`issued on ${EXAMPLE_AS_OF}`);
    expect(cet4.assumption?.en).toContain('halves every 36 months');
    expect(cet4.assumption?.zhHans).toContain(EXAMPLE_AS_OF);
    const asSaid = await scorer.decide({ ...a, evidence: [...a.evidence, uploadOf(a, cet4, cet4.assumed.issueDate!)] });
    expect(asSaid.limit).toBe(cet4.limit);
    const older = await scorer.decide({ ...a, evidence: [...a.evidence, uploadOf(a, cet4, '2024-12-01')] });
    expect(older.limit).toBeLessThan(cet4.limit);
  });

  it('a kind that expires says when one issued earlier has expired', async () => {
    const s = await scorer.suggest(example('factory_worker'), { top: 20 });
    const ielts = s.items.find((x) => x.kind === 'ielts')!;
    expect(ielts.assumption?.en).toContain('expires 24 months after issue');
    expect(ielts.assumption?.zhHans).toContain('24个月');
  });

  it("a decision's own suggestions and a reassessment's carry the assumption too, dated at that decision", async () => {
    const a = example('factory_worker');
    const d = await scorer.decide(a);
    expect(d.suggestions.items.length).toBeGreaterThan(0);
    for (const item of d.suggestions.items) {
      expect(item.assumed.issueDate).toBe(d.asOf);
      expect(item.assumption).toBeDefined();
    }
    const later = '2026-12-01';
    const r = await scorer.reassess(d, { applicant: { ...a, asOf: later }, evidence: [] });
    for (const item of r.suggestions.items) expect(item.assumed.issueDate).toBe(later);
  });
});

// Recheck findings15-recheck15 #1: previews assumed 0.95 whatever the scorer's floor, so under a floor
// of 0.98 every preview was refused like any upload below it, and decisions said "No catalog
// certificate would lower the estimated risk enough" (blockedBy 'risk') while a CET-4 verified at 0.99
// raised the factory worker's line from 12,000 to 12,900 RMB.
describe('previews under a confidence floor above WHAT_IF_CONFIDENCE', () => {
  it('assume the floor, say so, and come true at it', async () => {
    const strict = await createScorer({ minConfidence: 0.98 });
    try {
      const a = example('factory_worker');
      const d = await strict.decide(a);
      expect(d.suggestions.items.length).toBeGreaterThan(0);
      expect(d.suggestions.blockedBy).toBeNull();
      const first = d.suggestions.items[0]!;
      expect(first.assumed.verification?.confidence).toBe(0.98);
      expect(first.assumption?.en).toContain('verified at confidence 0.98');
      // A decision's suggestion comes true by uploading it to that decision (reassess on its date).
      const asSaid = await strict.reassess(d, { applicant: a, evidence: [uploadOf(a, first, first.assumed.issueDate!)] });
      expect(asSaid.outcome).toBe(first.outcome);
      expect(asSaid.limit).toBe(first.limit);
      expect(asSaid.limit).toBeGreaterThan(d.limit);
    } finally {
      await strict.close();
    }
  });
});
