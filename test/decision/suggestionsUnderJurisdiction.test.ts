// A suggestion is a promise: under a jurisdiction that bans a data category (eu-ccd2: social media,
// health), a certificate kind in it is rejected on upload, so it must never be suggested either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { euCcd2 } from '../../src/policy/jurisdictionProfile.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { creditLaws } from '../../src/testing/creditLaws.js';

let eu: Scorer;
beforeAll(async () => {
  eu = await createScorer({ policy: resolvePolicy({ jurisdiction: euCcd2 }) });
});
afterAll(async () => eu?.close());

const banned = new Set<string>(euCcd2.bannedDataCategories);
const bannedKinds = [...defaultCatalog.values()].filter((k) => banned.has(k.dataCategory ?? 'certificates')).map((k) => k.id);

describe('suggestions under a jurisdiction that bans a data category', () => {
  it('never suggest a certificate kind in a banned category (decide and suggest, every example)', async () => {
    expect(bannedKinds.length).toBeGreaterThan(0);
    for (const ex of exampleApplicants) {
      const d = await eu.decide(ex.applicant);
      const s = await eu.suggest(ex.applicant, { top: 100 });
      for (const kind of [...d.suggestions.items, ...s.items].map((i) => i.kind)) expect(bannedKinds, ex.id).not.toContain(kind);
    }
  });

  it('scorer.certificateKinds (the upload-screen list) leaves out banned-category kinds; the default policy lists the whole catalog (findings5-rules #4)', async () => {
    const listed = eu.certificateKinds.map((k) => k.id);
    expect(listed).not.toContain('creator_followers');
    for (const kind of bannedKinds) expect(listed).not.toContain(kind);
    expect(listed).toEqual([...defaultCatalog.values()].map((k) => k.id).filter((id) => !bannedKinds.includes(id)));
    expect(Object.isFrozen(eu.certificateKinds)).toBe(true);
    const cn = await createScorer();
    try {
      expect(cn.certificateKinds.map((k) => k.id)).toEqual([...defaultCatalog.keys()]);
    } finally {
      await cn.close();
    }
  });

  it('law suggestions_come_true holds on an eu-ccd2 scorer', async () => {
    await creditLaws.suggestions_come_true.check({ scorer: eu }, { numRuns: 10, scorerNumRuns: 15, seed: 7, segment: 'gig_worker' });
  });
});
