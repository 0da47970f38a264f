// Outside tester findings5-rules #2: scholarships (honours awarded to students) were suggested to a
// 36-year-old ride-hailing driver and a 45-year-old factory worker, previewed as if awarded today,
// which they cannot obtain. The catalog's maxHolderAgeAtIssue bounds who can plausibly hold a kind
// at issue, from above as minHolderAgeAtIssue does from below: an upload issued past it is refused
// (issued_after_plausible_age), and a kind the applicant is too old to be awarded today is never
// suggested.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { EXAMPLE_AS_OF, exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(async () => scorer?.close());

const honourKinds = [...defaultCatalog.values()].filter((k) => k.category === 'honour');
const example = (id: string) => exampleApplicants.find((e) => e.id === id)!.applicant;
/** Whole years between two ISO dates, as a birthday counts them. */
const ageOn = (birthDate: string, asOf: string): number => {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.split('-').map(Number) as [number, number, number];
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
};

describe('honour kinds carry a maximum holder age at issue, and are suggested only to those who could be awarded one now', () => {
  it('every scholarship kind sets maxHolderAgeAtIssue (35), at or above its minimum', () => {
    expect(honourKinds.length).toBeGreaterThan(0);
    for (const k of honourKinds) {
      expect(k.maxHolderAgeAtIssue, k.id).toBe(35);
      expect(k.maxHolderAgeAtIssue!).toBeGreaterThanOrEqual(k.minHolderAgeAtIssue);
    }
    // Kinds held for life or taken at any age set none.
    expect(defaultCatalog.get('cpa')?.maxHolderAgeAtIssue).toBeUndefined();
    expect(defaultCatalog.get('ielts')?.maxHolderAgeAtIssue).toBeUndefined();
  });

  it('the 36-year-old driver and a 45-year-old factory worker are offered no scholarship; the same driver at 35 still is', async () => {
    const driver = example('ex-gig-driver');
    expect(ageOn(driver.birthDate, driver.asOf)).toBe(36);
    const worker = { ...example('ex-factory-worker'), birthDate: '1981-04-01' };
    for (const a of [driver, worker]) {
      const s = await scorer.suggest(a, { top: 100 });
      const d = await scorer.decide(a);
      const kinds = [...s.items, ...d.suggestions.items].map((i) => i.kind);
      for (const k of honourKinds) expect(kinds, a.id).not.toContain(k.id);
    }
    // The same driver at 35 (36 tomorrow) could still be awarded one today: it is still offered.
    const younger = { ...driver, birthDate: '1990-11-02' };
    expect(ageOn(younger.birthDate, younger.asOf)).toBe(35);
    expect((await scorer.suggest(younger, { top: 100 })).items.map((i) => i.kind)).toContain('national_scholarship');
  });

  it('law: over a seeded population, every suggested kind could be awarded to the applicant on asOf (min and max holder age)', async () => {
    const applicants = generatePopulation({ size: 150, seed: 5, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant);
    let olderSeen = 0;
    for (const a of applicants) {
      const age = ageOn(a.birthDate, a.asOf);
      if (age > 35) olderSeen++;
      const s = await scorer.suggest(a, { top: 100 });
      for (const item of s.items) {
        const spec = defaultCatalog.get(item.kind)!;
        expect(age, `${a.id} ${item.kind}`).toBeGreaterThanOrEqual(spec.minHolderAgeAtIssue);
        if (spec.maxHolderAgeAtIssue !== undefined) expect(age, `${a.id} ${item.kind}`).toBeLessThanOrEqual(spec.maxHolderAgeAtIssue);
      }
    }
    expect(olderSeen).toBeGreaterThan(10);
  });

  it('an uploaded scholarship is refused when issued past the maximum age (issued_after_plausible_age), accepted up to the day before the next birthday', async () => {
    const driver = example('ex-gig-driver'); // born 1990-01-26
    const upload = (issueDate: string) => ({
      kind: 'national_scholarship',
      issuer: 'Ministry of Education',
      credentialId: `GJ-${issueDate}`,
      holder: { idHash: driver.identity.idHash },
      issueDate,
      verification: { method: 'issuer_api' as const, confidence: 0.97 },
      documentHash: issueDate.replace(/-/g, '').padEnd(64, 'a'),
    });
    const at = async (issueDate: string) => (await scorer.decide({ ...driver, evidence: [...(driver.evidence ?? []), upload(issueDate)] })).evidence.at(-1)!;
    // 36 on 2026-01-26: refused from that day, accepted the day before (aged 35).
    expect(await at('2026-10-01')).toMatchObject({ status: 'rejected', reasons: ['issued_after_plausible_age'] });
    expect(await at('2026-01-26')).toMatchObject({ status: 'rejected', reasons: ['issued_after_plausible_age'] });
    expect(await at('2026-01-25')).toMatchObject({ status: 'accepted', reasons: [] });
    expect(await at('2010-06-01')).toMatchObject({ status: 'accepted' });
  });
});
