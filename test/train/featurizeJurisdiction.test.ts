import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { ValidationError } from '../../src/errors/validationError.js';
import type { FeatureDefinition } from '../../src/features/featureDefinitions.js';
import { builtInFeatures, defineFeatureSet } from '../../src/features/featureSet.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { loadModel, type LoadedModel } from '../../src/model/loadModel.js';
import { cnConsumerFinance2024, euCcd2 } from '../../src/policy/jurisdictionProfile.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import type { CertificateEvidence } from '../../src/schema/certificateEvidence.js';
import { runFeaturizeCommand } from '../../src/train/commands/featurizeCommand.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { captureIo } from '../cli/fakeDecider.js';

// findings: featurize took no jurisdiction. Decisions under eu-ccd2 refuse a creator follower count
// (social-media data, CCD2 Art. 18(3)) and leave it out of every feature, but featurize assessed it as
// evidence, so an EU lender's training rows held it: a gig worker with 50,000 followers had
// cert_gig 0.2946 and cert_accepted_count 1 in the matrix, 0 and 0 in the scorer's own row (the model's
// PD on the written row 0.01204, the eu-ccd2 scorer's for the same applicant 0.01568). featurize now
// takes the jurisdiction (API `jurisdiction`, CLI `--policy`), leaves banned data out of the rows as
// decisions do, and counts what it left out.

const ID = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const follower: CertificateEvidence = {
  kind: 'creator_followers',
  issuer: 'Douyin',
  credentialId: 'DY-88001',
  holder: { idHash: ID },
  issueDate: '2026-11-01',
  score: 50_000,
  verification: { method: 'platform_api', confidence: 0.99 },
  documentHash: '1'.repeat(64),
};

/** A gig worker asking for 50,000 RMB, with `evidence`. */
function gig(id: string, evidence: CertificateEvidence[]): ApplicantInput {
  return {
    id,
    asOf: '2026-11-24',
    birthDate: '2003-05-14',
    identity: { idHash: ID },
    employment: { type: 'gig', industry: 'transport_logistics', startDate: '2025-08-15' },
    income: { monthlyNet: 900_000, source: 'payroll' },
    socialInsuranceMonths: 14,
    housingFundMonths: 14,
    residence: { cityTier: 2, region: 'central' },
    bureau: { hasFile: false },
    platform: { accountAgeMonths: 20, transactions3m: 150, transactionAmount3m: 1_300_000, onTimeRepaymentRate: 1, currentLimit: 0 },
    household: { monthlyEssentialSpending: 350_000, dependants: 0 },
    controls: { requestedLimit: 5_000_000 },
    evidence,
  };
}

const book = [gig('none', []), gig('followers', [follower]), gig('two', [follower, { ...follower, documentHash: '2'.repeat(64), score: 52_000 }])];
const outcomes = parseCsv('id,defaulted\nnone,0\nfollowers,1\ntwo,0\n');
const rowOf = (b: { matrix: Float32Array; featureNames: readonly string[] }, r: number) => [
  ...b.matrix.subarray(r * b.featureNames.length, (r + 1) * b.featureNames.length),
];

let model: LoadedModel;
let eu: Scorer;
beforeAll(async () => {
  model = await loadModel(defaultModelPath());
  eu = await createScorer({ policyOverrides: { jurisdiction: euCcd2 }, suggestionsPerDecision: 0 });
});
afterAll(async () => {
  await model.close();
  await eu.close();
});

describe('featurize under a jurisdiction leaves banned data out of the rows, as decisions do', () => {
  it('under eu-ccd2 a follower count is in no feature: the rows with followers equal the row without, and the count says so', () => {
    const b = featurizeBook(book, outcomes, { idColumn: 'id', target: 'defaulted', jurisdiction: euCcd2 });
    expect(rowOf(b, 1)).toEqual(rowOf(b, 0));
    expect(rowOf(b, 2)).toEqual(rowOf(b, 0));
    expect(b.bannedDataUploads).toBe(3);
    expect(b.warnings.join('\n')).toMatch(/3 certificate upload\(s\) of a data category eu-ccd2 bans \(creator_followers: 3\)/);
  });

  it('under the default cn-consumer-finance-2024 (which allows social-media data) the count is evidence, as its decisions count it, and nothing is left out', () => {
    const b = featurizeBook(book, outcomes, { idColumn: 'id', target: 'defaulted' });
    const gigAt = b.featureNames.indexOf('cert_gig');
    expect(rowOf(b, 1)[gigAt]).toBeGreaterThan(0);
    expect(b.bannedDataUploads).toBe(0);
    expect(featurizeBook(book, outcomes, { idColumn: 'id', target: 'defaulted', jurisdiction: cnConsumerFinance2024 }).matrix).toEqual(b.matrix);
  });

  it("the model's PD on an eu-ccd2 row is the eu-ccd2 scorer's PD for the same applicant", async () => {
    const b = featurizeBook(book, outcomes, { idColumn: 'id', target: 'defaulted', jurisdiction: euCcd2, manifest: model.manifest });
    const pds = await model.predict(b.matrix, b.nRows);
    for (const [r, applicant] of book.entries()) expect(pds[r]).toBeCloseTo((await eu.decide(applicant)).pd, 6);
  });

  it('a lender feature of a category the jurisdiction bans is refused, as the scorer refuses a model reading it', () => {
    const followers = {
      name: 'weibo_followers',
      description: 'Weibo followers',
      unit: 'followers',
      sources: ['attributes.weibo_followers'],
      monotone: 0,
      factor: 'platform_behaviour',
      kind: 'numeric',
      dataCategory: 'social_media',
      reasons: { raisesRisk: { en: 'Few followers', zhHans: '粉丝少' }, lowersRisk: { en: 'Many followers', zhHans: '粉丝多' } },
      compute: () => 1,
    } as unknown as FeatureDefinition;
    const features = defineFeatureSet({ attributes: { weibo_followers: z.number().optional() }, features: [...builtInFeatures, followers] });
    const refused = (() => {
      try {
        featurizeBook(book, outcomes, { idColumn: 'id', target: 'defaulted', features, jurisdiction: euCcd2 });
      } catch (e) {
        return e;
      }
    })();
    expect(refused).toBeInstanceOf(CreditliftError);
    expect((refused as CreditliftError).code).toBe('banned_data_category');
    expect((refused as CreditliftError).message).toContain('weibo_followers (social_media)');
    expect(featurizeBook(book, outcomes, { idColumn: 'id', target: 'defaulted', features }).nRows).toBe(3);
  });

  it('a jurisdiction that is not a profile, or a built-in id carrying other rules, is refused at options.jurisdiction', () => {
    for (const jurisdiction of ['eu-ccd2', { ...euCcd2, bannedDataCategories: [] }]) {
      let e: unknown;
      try {
        featurizeBook(book, outcomes, { idColumn: 'id', target: 'defaulted', jurisdiction: jurisdiction as never });
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues[0]?.path.slice(0, 2)).toEqual(['options', 'jurisdiction']);
      expect((e as ValidationError).issues[0]?.code).not.toBe('unrecognized_key');
    }
  });
});

describe('creditlift featurize --policy', () => {
  const work = mkdtempSync(join(tmpdir(), 'creditlift-featurize-eu-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("reads the policy's jurisdiction: under eu-ccd2 the rows leave the follower counts out and stderr counts them", async () => {
    writeFileSync(join(work, 'book.ndjson'), `${book.map((a) => JSON.stringify(a)).join('\n')}\n`);
    writeFileSync(join(work, 'outcomes.csv'), 'id,defaulted\nnone,0\nfollowers,1\ntwo,0\n');
    writeFileSync(join(work, 'eu.json'), JSON.stringify({ jurisdiction: euCcd2 }));
    const args = ['--in', join(work, 'book.ndjson'), '--outcomes', join(work, 'outcomes.csv'), '--target', 'defaulted'];
    const c = captureIo();
    expect(await runFeaturizeCommand([...args, '--out', join(work, 'eu.csv'), '--policy', join(work, 'eu.json')], c.io), c.err()).toBe(0);
    const rows = parseCsv(readFileSync(join(work, 'eu.csv'), 'utf8')).rows.map((r) => r.slice(0, -1).join(','));
    expect(rows[1]).toBe(rows[0]);
    expect(rows[2]).toBe(rows[0]);
    expect(c.err()).toMatch(/warning: 3 certificate upload\(s\) of a data category eu-ccd2 bans/);
    // Without it, the default jurisdiction: the follower count is evidence there.
    const cn = captureIo();
    expect(await runFeaturizeCommand([...args, '--out', join(work, 'cn.csv')], cn.io), cn.err()).toBe(0);
    const cnRows = parseCsv(readFileSync(join(work, 'cn.csv'), 'utf8')).rows.map((r) => r.slice(0, -1).join(','));
    expect(cnRows[1]).not.toBe(cnRows[0]);
    expect(cn.err()).not.toMatch(/bans/);
  });

  it('a policy file that is not a valid policy exits 1 naming it', async () => {
    writeFileSync(join(work, 'bad.json'), JSON.stringify({ jurisdiction: { id: 'eu-ccd2' } }));
    writeFileSync(join(work, 'b2.ndjson'), `${JSON.stringify(book[0])}\n`);
    const c = captureIo();
    expect(
      await runFeaturizeCommand(
        [
          '--in',
          join(work, 'b2.ndjson'),
          '--outcomes',
          join(work, 'outcomes.csv'),
          '--target',
          'defaulted',
          '--out',
          join(work, 'x.csv'),
          '--policy',
          join(work, 'bad.json'),
        ],
        c.io,
      ),
    ).toBe(1);
    expect(c.err()).toMatch(/jurisdiction/);
  });
});
