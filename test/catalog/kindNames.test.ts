import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogHash, DEFAULT_CATALOG_HASH } from '../../src/catalog/catalogHash.js';
import type { CertificateKindSpecInput } from '../../src/catalog/certificateKindSpec.js';
import { defaultCertificateKinds } from '../../src/catalog/defaultCertificateKinds.js';
import { catalogOf, defaultCatalog, resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { main } from '../../src/cli/main.js';
import { createScorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { euCcd2 } from '../../src/policy/jurisdictionProfile.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';
import { captureIo } from '../cli/fakeDecider.js';

// Outside tester findings19-rules2026 #2(b, c): resolveCatalog and --catalog took kinds named for a
// protected characteristic (marriage_certificate 结婚证, disability_certificate 残疾证,
// health_certificate 健康证, religious_cleric_card, party_membership 党员证): each defaulted to the
// `certificates` data category and, accepted, lowered the PD from 0.0177 to 0.0141 under both
// profiles. A kind weibo_followers (the default creator_followers spec without its dataCategory) was
// counted under eu-ccd2 as `certificates` data. A kind's id and display names are now read as a
// feature's name is, and one that reads as social-media data must declare `social_media`.

const teacher = defaultCatalog.get('teacher_qualification') as CertificateKindSpecInput;
const followers = defaultCatalog.get('creator_followers') as CertificateKindSpecInput;
const kind = (
  from: CertificateKindSpecInput,
  id: string,
  en: string,
  zhHans: string,
  rest: Partial<CertificateKindSpecInput> = {},
): CertificateKindSpecInput => ({
  ...from,
  id,
  names: { en, zhHans },
  ...rest,
});
const withoutCategory = (k: CertificateKindSpecInput): CertificateKindSpecInput => {
  const { dataCategory: _, ...rest } = k;
  return rest;
};
const issuesOf = (f: () => unknown) => validationErrorOf(f).issues.map((i) => [i.code, i.path.join('.')]);

describe('a certificate kind named for a protected characteristic is refused (findings19 #2b)', () => {
  it.each([
    ['marriage_certificate', 'Marriage certificate', '结婚证'],
    ['disability_certificate', 'Disability certificate', '残疾证'],
    ['health_certificate', 'Health certificate', '健康证'],
    ['religious_cleric_card', 'Religious cleric card', '宗教教职人员证'],
    ['party_membership', 'Party membership', '党员证'],
  ])("the tester's kind %s is refused at its id and both names, as catalog_invalid", (id, en, zhHans) => {
    const err = validationErrorOf(() => resolveCatalog([kind(teacher, id, en, zhHans)]));
    expect(err.code).toBe('catalog_invalid');
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['protected_characteristic', '0.id'],
      ['protected_characteristic', '0.names.en'],
      ['protected_characteristic', '0.names.zhHans'],
    ]);
    expect(err.issues[0]?.message).toContain(`"${id}"`);
  });

  it('an ordinary id does not pass a protected display name, in either language, whatever dataCategory it declares', () => {
    expect(issuesOf(() => resolveCatalog([kind(teacher, 'civil_record', 'Civil record', '结婚证', { dataCategory: 'identity' })]))).toEqual([
      ['protected_characteristic', '0.names.zhHans'],
    ]);
    expect(issuesOf(() => resolveCatalog([kind(teacher, 'record_card', 'Marital status card', '身份卡')]))).toEqual([
      ['protected_characteristic', '0.names.en'],
    ]);
  });

  it('catalogOf (a catalog built by hand, or sent to a worker) is held to the same rule', () => {
    const handMade = new Map(defaultCatalog);
    handMade.set('marriage_certificate', kind(teacher, 'marriage_certificate', 'Certificate', '证书') as never);
    expect(issuesOf(() => catalogOf(handMade))).toEqual([['protected_characteristic', `${defaultCatalog.size}.id`]]);
  });

  it('createScorer refuses such a catalog: the upload never reaches the model (the PD fell 0.0177 -> 0.0141 before)', async () => {
    const e = await createScorer({ catalog: [kind(teacher, 'marriage_certificate', 'Marriage certificate', '结婚证')] }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ code: 'catalog_invalid' });
  });

  it('the built-in catalog is unchanged: every default kind passes, and its hash is the one decisions record', () => {
    expect([...defaultCatalog.keys()]).toEqual(defaultCertificateKinds.map((k) => k.id));
    expect(catalogHash(defaultCatalog)).toBe(DEFAULT_CATALOG_HASH);
    expect(catalogHash(resolveCatalog(defaultCertificateKinds))).toBe(DEFAULT_CATALOG_HASH);
  });
});

describe('a kind that reads as social-media data must declare social_media (findings19 #2c)', () => {
  it("weibo_followers without a dataCategory (it was counted as 'certificates' under eu-ccd2) is missing_data_category; declared certificates, data_category_mismatch", () => {
    const weibo = kind(withoutCategory(followers), 'weibo_followers', 'Weibo followers', '微博粉丝数');
    const err = validationErrorOf(() => resolveCatalog([weibo]));
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['missing_data_category', '0.dataCategory']]);
    expect(err.issues[0]?.message).toMatch(/reads as social-media data .*declare dataCategory "social_media"/);
    expect(issuesOf(() => resolveCatalog([{ ...weibo, dataCategory: 'certificates' }]))).toEqual([['data_category_mismatch', '0.dataCategory']]);
    // A display name alone is enough: 粉丝 (fans).
    expect(issuesOf(() => resolveCatalog([kind(withoutCategory(followers), 'creator_reach', 'Creator reach', '创作者粉丝数')]))).toEqual([
      ['missing_data_category', '0.dataCategory'],
    ]);
  });

  it('overriding creator_followers without its dataCategory is refused, not silently turned into certificates', () => {
    expect(issuesOf(() => resolveCatalog([withoutCategory(followers)]))).toEqual([['missing_data_category', '0.dataCategory']]);
  });

  it('declared social_media, the kind is accepted, and under eu-ccd2 its upload is rejected banned_data_category', async () => {
    const weibo = kind(followers, 'weibo_followers', 'Weibo followers', '微博粉丝数');
    const scorer = await createScorer({ catalog: [weibo], policyOverrides: { jurisdiction: euCcd2 } });
    try {
      const a = baseApplicantInput({
        evidence: [
          {
            kind: 'weibo_followers',
            issuer: 'Weibo',
            credentialId: 'WB-1',
            holder: { idHash: 'a'.repeat(64) },
            issueDate: '2026-10-01',
            score: 50_000,
            verification: { method: 'platform_api', confidence: 0.99 },
            documentHash: 'b'.repeat(64),
          },
        ],
      });
      const d = await scorer.decide(a);
      expect(d.evidence[0]).toMatchObject({ status: 'rejected', reasons: expect.arrayContaining(['banned_data_category']) });
      expect(d.pd).toBe((await scorer.decide(baseApplicantInput())).pd);
    } finally {
      await scorer.close();
    }
  });

  it('an ordinary lender kind keeps the documented default, certificates', () => {
    const swift = kind(withoutCategory(teacher), 'swiftride_driver_rating', 'SwiftRide driver rating', '迅行司机评分');
    expect(resolveCatalog([swift]).get('swiftride_driver_rating')?.dataCategory).toBeUndefined();
  });
});

describe('--catalog FILE.json refuses the same kinds on the command line', () => {
  const scratch = new URL('../../.tmp/', import.meta.url).pathname;
  mkdirSync(scratch, { recursive: true });
  const work = mkdtempSync(join(scratch, 'kind-names-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('creditlift decide --catalog with marriage_certificate exits 1, catalog_invalid naming 0.id, and decides nothing', async () => {
    writeFileSync(join(work, 'cat.json'), JSON.stringify([kind(teacher, 'marriage_certificate', 'Marriage certificate', '结婚证')]));
    writeFileSync(join(work, 'one.json'), JSON.stringify(baseApplicantInput()));
    const c = captureIo();
    expect(await main(['decide', join(work, 'one.json'), '--catalog', join(work, 'cat.json')], c.io)).toBe(1);
    expect(c.err()).toMatch(/error \[catalog_invalid\]: Invalid --catalog cat\.json: 3 problem\(s\) at 0\.id, 0\.names\.en, 0\.names\.zhHans/);
    expect(c.out()).toBe('');
  });
});
