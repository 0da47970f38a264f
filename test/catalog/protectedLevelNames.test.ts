import { describe, expect, it } from 'vitest';
import type { CertificateKindSpecInput } from '../../src/catalog/certificateKindSpec.js';
import { catalogOf, defaultCatalog, resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { createScorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

// A lender's levelled kind could name a level for a protected group ("male" / "female", 已婚 / 未婚):
// an upload at that level is valued by it, raises the certificate features the model reads, and its
// name is shown to the customer in what-if suggestions. Kind ids and names were read; level ids and
// names were not, so such a catalog loaded and scored. A catalog is the lender's own configuration:
// it is refused at load (catalog_invalid, protected_characteristic at the level) naming kind and level.

const rank = defaultCatalog.get('national_computer_rank') as CertificateKindSpecInput;
type Level = { id: string; names: { en: string; zhHans: string }; value: number };
const levelled = (id: string, levels: Level[], typical = levels.at(-1)!.id): CertificateKindSpecInput => ({
  ...rank,
  id,
  names: { en: 'Skill grade', zhHans: '技能等级' },
  scale: { type: 'levels', levels, typical },
});
const level = (id: string, en: string, zhHans: string, value: number): Level => ({ id, names: { en, zhHans }, value });
const issuesOf = (f: () => unknown) => validationErrorOf(f).issues.map((i) => [i.code, i.path.join('.')]);

describe('a catalog level naming a protected group is refused at load, naming the kind and the level', () => {
  it('levels "male" / "female" are refused at each level id and English name, as catalog_invalid', () => {
    const err = validationErrorOf(() => resolveCatalog([levelled('skill_grade', [level('male', 'Male', '一级', 0.5), level('female', 'Female', '二级', 1)])]));
    expect(err.code).toBe('catalog_invalid');
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['protected_characteristic', '0.scale.levels.0.id'],
      ['protected_characteristic', '0.scale.levels.0.names.en'],
      ['protected_characteristic', '0.scale.levels.1.id'],
      ['protected_characteristic', '0.scale.levels.1.names.en'],
    ]);
    const message = err.issues[2]?.message ?? '';
    expect(message).toContain('certificate kind "skill_grade"');
    expect(message).toContain('level "female"');
    expect(message).toContain('(sex: "female")');
  });

  it('a Chinese level name alone is enough: 已婚 under an ordinary id is refused at names.zhHans', () => {
    const err = validationErrorOf(() =>
      resolveCatalog([levelled('skill_grade', [level('tier_a', 'Tier A', '已婚', 0.5), level('tier_b', 'Tier B', '二级', 1)])]),
    );
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['protected_characteristic', '0.scale.levels.0.names.zhHans']]);
    expect(err.issues[0]?.message).toContain('level "tier_a"');
    expect(err.issues[0]?.message).toContain('(marital_status: "已婚")');
  });

  it('catalogOf (a hand-built catalog, or one sent to a worker) and createScorer refuse it the same way', async () => {
    const kind = levelled('skill_grade', [level('muslim', 'Muslim', '穆斯林', 0.5), level('tier_b', 'Tier B', '二级', 1)]);
    const handMade = new Map(defaultCatalog);
    handMade.set('skill_grade', kind as never);
    expect(issuesOf(() => catalogOf(handMade))).toEqual([
      ['protected_characteristic', `${defaultCatalog.size}.scale.levels.0.id`],
      ['protected_characteristic', `${defaultCatalog.size}.scale.levels.0.names.en`],
      ['protected_characteristic', `${defaultCatalog.size}.scale.levels.0.names.zhHans`],
    ]);
    const e = await createScorer({ catalog: [kind] }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ code: 'catalog_invalid' });
  });

  it('ordinary level names pass: ranks, grades, pass / good / excellent, M / F sizes, a maternity-hospital skill, every default kind', () => {
    const catalog = resolveCatalog([
      levelled('skill_grade', [
        level('junior', 'Junior (M)', '初级', 0.3),
        level('f', 'F', '中级', 0.6),
        level('maternity_nurse', 'Maternity nurse', '母婴护理', 0.8),
        level('senior', 'Senior technician', '高级技师', 1),
      ]),
    ]);
    expect(catalog.get('skill_grade')?.scale).toMatchObject({ type: 'levels' });
    expect(resolveCatalog([...defaultCatalog.values()] as CertificateKindSpecInput[]).size).toBe(defaultCatalog.size);
  });
});
