// findings (traingaps 3): `train` took a lender's CSV with `follower_count`, `weibo_followers` or
// `douyin_fans` and trained them into the model under any jurisdiction: EU CCD2 Art. 18(3) bans
// social-media data for creditworthiness, and decisions, featurize and a lender's feature set already
// refused it there (bannedCertificateKinds, featurize's jurisdiction, a feature's declared dataCategory).
// train now takes the jurisdiction (`jurisdiction`, `--jurisdiction ID`) and refuses every column whose
// name reads as data it bans, naming each; health and medical names are refused under every profile
// already (protected characteristics). The card says which profile the columns were checked under.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { cnConsumerFinance2024, euCcd2 } from '../../src/policy/jurisdictionProfile.js';
import { runTrainCommand, trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { fitTabularEncoding } from '../../src/train/dataset/tabularEncoding.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { readModelFolder } from '../../src/train/modelCard/readModelFolder.js';
import { renderTrainedModelCard } from '../../src/train/modelCard/renderTrainedModelCard.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-banned-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** 40 rows: income, the named extra columns (numbers), y. */
function csv(extra: readonly string[]): string {
  const lines = [['income', ...extra, 'y'].join(',')];
  for (let i = 0; i < 40; i++) lines.push([3000 + ((i * 37) % 900), ...extra.map((_, k) => (i * (k + 3)) % 11), i % 3 === 0 ? 1 : 0].join(','));
  return `${lines.join('\n')}\n`;
}
const options = { target: 'y', positive: '1', params: { rounds: 3 } } as const;

function issuesOf(f: () => unknown): readonly { path: readonly (string | number)[]; code: string; message: string }[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  return [];
}

const SOCIAL = ['follower_count', 'weibo_followers', 'douyin_fans', 'creatorFollowerCount', '粉丝数', 'instagram_likes'];
const HEALTH = ['health_score', 'medical_history', 'disease_flag', '病史'];
const SOCIAL_WORDS = new Set(['follower', 'followers', 'fans', 'weibo', 'likes']);
const ORDINARY = [
  'healthy_payment_ratio',
  'financial_health_score',
  'health_insurance_months',
  'medical_insurance_months',
  'ride_hailing_rating',
  'likely_income',
];

describe('train refuses social-media columns under a jurisdiction that bans them', () => {
  it('eu-ccd2: every social-media column is named in one refusal (banned_data_category), and --exclude leaves them out', () => {
    const issues = issuesOf(() => trainFromCsv(csv(SOCIAL), { ...options, jurisdiction: euCcd2 }));
    expect(issues.map((i) => i.path.join('.'))).toEqual(SOCIAL.map((c) => `columns.${c}`));
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set(['banned_data_category']));
    expect(issues[0]!.message).toBe(
      '"follower_count" reads as social-media data ("follower"), which the eu-ccd2 profile bans for creditworthiness; leave it out with --exclude follower_count',
    );
    expect(() => trainFromCsv(csv(SOCIAL), { ...options, jurisdiction: euCcd2, exclude: SOCIAL })).not.toThrow();
  });

  it('fitTabularEncoding refuses them as train does, with the protected characteristics in the same error', () => {
    const issues = issuesOf(() => fitTabularEncoding(parseCsv(csv(['douyin_fans', 'sex_male'])), { target: 'y', positive: '1', jurisdiction: euCcd2 }));
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['columns.douyin_fans', 'banned_data_category'],
      ['columns.sex_male', 'protected_characteristic'],
    ]);
  });

  it('cn-consumer-finance-2024 (the default) bans no social-media data: the columns train, and the report says under which profile', () => {
    const r = trainFromCsv(csv(['follower_count']), options);
    expect(r.manifest.features.map((f) => f.name)).toContain('follower_count');
    expect(r.report.dataRules).toEqual({ jurisdiction: cnConsumerFinance2024.id, bannedDataCategories: [...cnConsumerFinance2024.bannedDataCategories] });
  });

  it('health and medical names are refused under every profile (protected characteristics); ordinary names that hold the words are not', () => {
    for (const jurisdiction of [euCcd2, cnConsumerFinance2024]) {
      const issues = issuesOf(() => trainFromCsv(csv([...HEALTH, ...ORDINARY]), { ...options, jurisdiction }));
      expect(issues.map((i) => i.path.join('.'))).toEqual(HEALTH.map((c) => `columns.${c}`));
      expect(() => trainFromCsv(csv(ORDINARY), { ...options, jurisdiction })).not.toThrow();
    }
  });

  it('law: under eu-ccd2 a name train takes never reads as social-media data, and every one it refuses for it does', () => {
    const word = fc.constantFrom(
      'follower',
      'followers',
      'fans',
      'weibo',
      'likes',
      'income',
      'months',
      'ratio',
      'healthy',
      'count',
      'rating',
      'tier',
      'platform',
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom('_', '', '-'), (words, sep) => {
        const name = words.join(sep);
        if (name === 'income' || name === 'y') return;
        const issues = issuesOf(() => trainFromCsv(csv([name]), { ...options, jurisdiction: euCcd2 })).filter((i) => i.code === 'banned_data_category');
        // Read as words split at the separator; run together, only the words long enough never to be part of another.
        const social = (sep === '' ? [name] : words).some((w) => SOCIAL_WORDS.has(w)) || /follower|weibo/.test(name);
        expect(issues.length > 0, name).toBe(social);
      }),
      { seed: 20261203, numRuns: 150 },
    );
  });

  it('a jurisdiction that is not a profile is refused naming it', () => {
    expect(
      issuesOf(() => trainFromCsv(csv([]), { ...options, jurisdiction: { id: 'eu-ccd2' } as never })).map((i) => i.path[0] === 'options' && i.path[1]),
    ).toContain('jurisdiction');
  });
});

describe('creditlift train --jurisdiction, and the card', () => {
  const data = join(work, 'social.csv');
  writeFileSync(data, csv(['weibo_followers', 'douyin_fans']));
  const run = (out: string, extra: readonly string[]) => {
    const err: string[] = [];
    const code = runTrainCommand(['--data', data, '--target', 'y', '--positive', '1', '--rounds', '3', '--out', join(work, out), ...extra], {
      stdout: () => undefined,
      stderr: (t) => void err.push(t),
    });
    return { code, err: err.join('') };
  };

  it('--jurisdiction eu-ccd2 refuses both columns (exit 1), nothing written; an unknown id is a usage error (exit 2)', () => {
    const r = run('eu', ['--jurisdiction', 'eu-ccd2']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('"weibo_followers" reads as social-media data');
    expect(r.err).toContain('"douyin_fans" reads as social-media data');
    expect(() => readFileSync(join(work, 'eu', 'model.onnx'))).toThrow();
    const bad = run('bad', ['--jurisdiction', 'eu']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--jurisdiction');
    expect(bad.err).toContain('cn-consumer-finance-2024, eu-ccd2');
  });

  it('the card lists the banned-data check as done, under which profile', () => {
    const ok = run('eu-ok', ['--jurisdiction', 'eu-ccd2', '--exclude', 'weibo_followers,douyin_fans']);
    expect(ok.code).toBe(0);
    const card = renderTrainedModelCard(readModelFolder(join(work, 'eu-ok')));
    expect(card).toContain(
      '- Banned data: checked under `eu-ccd2`, which bans social media, health, religion, genetic, biometric, protected characteristic: `train` refused every column whose name reads as one of them (done: no feature of this model does).',
    );
    const cn = run('cn', []);
    expect(cn.code).toBe(0);
    const cnCard = renderTrainedModelCard(readModelFolder(join(work, 'cn')));
    expect(cnCard).toContain(
      '- Banned data: checked under `cn-consumer-finance-2024`, which does not ban social-media data: a column named for it is not refused',
    );
    expect(cnCard).toContain('**`weibo_followers` (by `weibo`), `douyin_fans` (by `fans`)** read as social-media data');
  });
});
