// Shared module state (the default catalog, reason texts, jurisdiction profiles, the built-in
// feature set) cannot be changed under a scorer: every attempt throws a TypeError and the
// decisions of scorers old and new stay byte for byte what they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleFor } from '../../src/examples/index.js';
import {
  builtInFeatureSet,
  type Catalog,
  createScorer,
  defaultCatalog,
  defaultCertificateKinds,
  evidenceReasons,
  jurisdictionProfiles,
  policyReasons,
  resolveCatalog,
  type Scorer,
} from '../../src/index.js';
import { thrown } from '../helpers/thrown.js';

const graduate = exampleFor('new_graduate').applicant;
let scorer: Scorer;
let before: string;

beforeAll(async () => {
  scorer = await createScorer();
  before = JSON.stringify(await scorer.decide(graduate));
});
afterAll(() => scorer.close());

/** Runs `edit` (which must throw a TypeError), then checks the old scorer and a new one decide as before. */
async function refusedWithoutEffect(edit: () => void): Promise<void> {
  expect(thrown(edit)).toBeInstanceOf(TypeError);
  expect(JSON.stringify(await scorer.decide(graduate))).toBe(before);
  const fresh = await createScorer();
  try {
    expect(JSON.stringify(await fresh.decide(graduate))).toBe(before);
  } finally {
    await fresh.close();
  }
}

describe('the default catalog is read-only', () => {
  it('delete throws a TypeError naming resolveCatalog, and IELTS still counts (limit 1,680,000 fen, not 1,610,000)', async () => {
    const e = thrown(() => (defaultCatalog as Map<string, unknown>).delete('ielts'));
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toMatch(/defaultCatalog is read-only.*resolveCatalog/);
    expect(defaultCatalog.has('ielts')).toBe(true);
    await refusedWithoutEffect(() => (defaultCatalog as Map<string, unknown>).delete('ielts'));
  });

  it('set and clear throw: a kind resolveCatalog refuses cannot be slipped in', async () => {
    const bogus = { id: 'bogus', category: 'language', names: { en: 'Bogus', zhHans: 'x' }, scale: { type: 'numeric', min: 10, max: 0, typical: 99 } };
    await refusedWithoutEffect(() => (defaultCatalog as Map<string, unknown>).set('bogus', bogus));
    await refusedWithoutEffect(() => (defaultCatalog as Map<string, unknown>).clear());
    expect(defaultCatalog.has('bogus')).toBe(false);
    expect(scorer.certificateKinds.some((k) => k.id === 'bogus')).toBe(false);
  });

  it('a catalog from resolveCatalog is read-only too', () => {
    const own = resolveCatalog([{ ...defaultCatalog.get('ielts')!, validity: { expiresAfterMonths: 36 } }]);
    expect(thrown(() => (own as Map<string, unknown>).delete('ielts'))).toBeInstanceOf(TypeError);
    expect(own.get('ielts')?.validity.expiresAfterMonths).toBe(36);
  });
});

describe('a catalog built by hand is checked and copied when the scorer is created', () => {
  it('a kind resolveCatalog refuses is refused by createScorer (catalog_invalid), not an internal_error at decide', async () => {
    const bogus = { id: 'bogus', category: 'language', names: { en: 'Bogus', zhHans: 'x' }, scale: { type: 'numeric', min: 10, max: 0, typical: 99 } };
    const hand = new Map<string, unknown>([...defaultCatalog, ['bogus', bogus]]) as unknown as Catalog;
    const e = await createScorer({ catalog: hand }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toMatchObject({ code: 'catalog_invalid' });
  });

  it('a key that is not its kind id is refused', async () => {
    const hand = new Map([...defaultCatalog].map(([id, k]) => [id === 'ielts' ? 'IELTS' : id, k]));
    await expect(createScorer({ catalog: hand })).rejects.toMatchObject({ code: 'catalog_invalid' });
  });

  it("editing the caller's Map after createScorer changes none of that scorer's decisions", async () => {
    const hand = new Map(defaultCatalog);
    const own = await createScorer({ catalog: hand });
    try {
      const first = JSON.stringify(await own.decide(graduate));
      expect(first).toBe(before); // the same kinds: the same catalog hash, the same decision
      hand.delete('ielts');
      expect(JSON.stringify(await own.decide(graduate))).toBe(first);
      expect(own.certificateKinds.some((k) => k.id === 'ielts')).toBe(true);
    } finally {
      await own.close();
    }
  });
});

describe('reason texts, profiles and the built-in features are frozen', () => {
  it('a policy reason text cannot be rewritten under an existing scorer', async () => {
    await refusedWithoutEffect(() => {
      (policyReasons.limit_risk_grade as { en: string }).en = 'You are a bad risk';
    });
    expect(policyReasons.limit_risk_grade.en).toBe('Limit set by your risk grade and income');
  });

  it('evidence reason texts, jurisdiction profiles and default kinds cannot be edited', async () => {
    await refusedWithoutEffect(() => {
      (evidenceReasons.expired as { en: string }).en = 'x';
    });
    await refusedWithoutEffect(() => (jurisdictionProfiles['eu-ccd2']!.sources as string[]).push('x'));
    await refusedWithoutEffect(() => (jurisdictionProfiles['cn-consumer-finance-2024']!.bannedDataCategories as string[]).pop());
    await refusedWithoutEffect(() => {
      (defaultCertificateKinds[0]!.names as { en: string }).en = 'x';
    });
  });

  it("the built-in feature set's list and index cannot be edited", async () => {
    await refusedWithoutEffect(() => (builtInFeatureSet.definitions as unknown[]).pop());
    await refusedWithoutEffect(() => (builtInFeatureSet.byName as Map<string, unknown>).delete(builtInFeatureSet.definitions[0]!.name));
    await refusedWithoutEffect(() => {
      (builtInFeatureSet.definitions[0] as { monotone: number }).monotone = 1;
    });
  });
});
