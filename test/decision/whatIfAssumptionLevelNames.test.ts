// Outside tester findings21-explain F3: a what-if's assumption said the level's raw id in both
// languages, "Vocational skill level certificate (level_4)" and "英语专业八级 (pass)", though the
// catalog names every level ("Level 4: intermediate worker" / "四级/中级工", "Pass" / "合格"): a
// Chinese customer read an English code. The CLI suggest table's "assumed" column showed `level_4` too.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CertificateKindSpecInput } from '../../src/catalog/certificateKindSpec.js';
import { defaultCatalog, resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { typicalEvidence } from '../../src/catalog/typicalEvidence.js';
import { main } from '../../src/cli/main.js';
import { createScorer } from '../../src/decision/createScorer.js';
import { whatIfAssumption } from '../../src/decision/whatIfAssumption.js';
import { EXAMPLE_AS_OF, exampleApplicants } from '../../src/examples/index.js';
import { captureIo } from '../cli/fakeDecider.js';

/** A lender's own levelled kind (the tester's forklift licence). */
const forklift: CertificateKindSpecInput = {
  id: 'forklift_licence',
  category: 'professional',
  names: { en: 'Forklift operator licence', zhHans: '叉车司机证' },
  scale: {
    type: 'levels',
    levels: [
      { id: 'basic', names: { en: 'Basic', zhHans: '初级' }, value: 0.3 },
      { id: 'senior', names: { en: 'Senior operator', zhHans: '高级' }, value: 1 },
    ],
    typical: 'senior',
    usefulFrom: 'basic',
  },
  validity: { expiresAfterMonths: 48 },
  minHolderAgeAtIssue: 18,
  signalWeight: 1,
  verificationMethods: ['government_registry', 'document_ocr'],
};

const said = (catalog: typeof defaultCatalog, kind: string) =>
  whatIfAssumption(catalog.get(kind)!, typicalEvidence(kind, catalog)!, EXAMPLE_AS_OF, 0.95).assumption!;

describe("a what-if's assumption names the level in each language (findings21-explain F3)", () => {
  it('the default levelled kinds: the vocational level 4 and TEM-8 pass by their names, never their ids', () => {
    const vocational = said(defaultCatalog, 'vocational_skill_level');
    expect(vocational.en).toContain('Vocational skill level certificate (Level 4: intermediate worker) issued on 2026-11-01');
    expect(vocational.zhHans).toContain('职业技能等级证书（四级/中级工）估算');
    const tem8 = said(defaultCatalog, 'tem8');
    expect(tem8.en).toMatch(/\(Pass\) issued on/);
    expect(tem8.zhHans).toContain('（合格）');
    for (const text of [vocational.en, vocational.zhHans, tem8.en, tem8.zhHans]) expect(text).not.toMatch(/level_4|\(pass\)/);
  });

  it("a lender's own levelled kind by its own level names", () => {
    const catalog = resolveCatalog([forklift]);
    const forkliftSaid = said(catalog, 'forklift_licence');
    expect(forkliftSaid.en).toContain('Forklift operator licence (Senior operator) issued on');
    expect(forkliftSaid.zhHans).toContain('叉车司机证（高级）估算');
  });

  it('a numeric kind still says its score', () => {
    expect(said(defaultCatalog, 'ielts').en).toContain('IELTS 6.5 issued on');
  });

  it("the new graduate's suggestions, in decide and in suggest, and the CLI suggest table say the level's names", async () => {
    const graduate = exampleApplicants.find((e) => e.segment === 'new_graduate')!.applicant;
    const scorer = await createScorer();
    try {
      const fromDecide = (await scorer.decide(graduate)).suggestions.items.find((i) => i.kind === 'vocational_skill_level')!;
      const fromSuggest = (await scorer.suggest(graduate)).items.find((i) => i.kind === 'vocational_skill_level')!;
      for (const item of [fromDecide, fromSuggest]) {
        // The certificate assumed is still named by its level id, as an upload carries it.
        expect(item.assumed.level).toBe('level_4');
        expect(item.assumption?.en).toContain('(Level 4: intermediate worker)');
        expect(item.assumption?.zhHans).toContain('（四级/中级工）');
      }
    } finally {
      await scorer.close();
    }
    const scratch = new URL('../../.tmp/', import.meta.url).pathname;
    mkdirSync(scratch, { recursive: true });
    const work = mkdtempSync(join(scratch, 'level-names-'));
    try {
      const path = join(work, 'graduate.json');
      writeFileSync(path, JSON.stringify(graduate));
      const c = captureIo();
      expect(await main(['suggest', path], c.io)).toBe(0);
      const row = c
        .out()
        .split('\n')
        .find((l) => l.includes('vocational_skill_level'));
      expect(row).toContain('Level 4: intermediate worker / 四级/中级工');
      expect(row).not.toContain('level_4');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
