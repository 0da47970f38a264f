// The scorer refuses a model whose features use data the policy's jurisdiction bans (China's
// credit-reporting regulation Art. 14: religion, genes, fingerprints, blood type, medical history;
// protected characteristics everywhere) and rejects a certificate of a banned kind at assessment.
// A monitor baseline is measured on the same columns, so building one applies the same rules, and
// the monitor refuses a baseline that names a protected characteristic as a column.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { createScorer } from '../../src/decision/createScorer.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { ValidationError } from '../../src/errors/validationError.js';
import type { FeatureDefinition } from '../../src/features/featureDefinitions.js';
import { builtInFeatures, defineFeatureSet, type FeatureSet } from '../../src/features/featureSet.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { loadModel, type LoadedModel } from '../../src/model/loadModel.js';
import { buildMonitorBaseline } from '../../src/monitor/buildMonitorBaseline.js';
import { createMonitorAccumulator } from '../../src/monitor/monitorAccumulator.js';
import { parseMonitorBaseline, type MonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { monitorApplicants, monitorDecisions } from '../../src/monitor/runMonitor.js';
import { euCcd2 } from '../../src/policy/jurisdictionProfile.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { captureIo } from '../cli/fakeDecider.js';
import { creatorFollowersUpload } from '../helpers/creatorFollowersUpload.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'monitor-banned-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const people: Applicant[] = generatePopulation({ size: 60, seed: 42, asOf: '2026-11-01' }).map((r) => ({
  ...r.applicant,
  employment: { ...r.applicant.employment, type: 'gig' },
  evidence: [],
}));
// Every other one with a creator follower count: social-media data, banned under eu-ccd2 (rejected
// at assessment), allowed under cn. Half, so that accepting it moves the bins (all or none would bin alike).
const creators = people.map((a, i) => ({
  ...a,
  evidence: i % 2 === 1 ? [] : [creatorFollowersUpload(a)],
}));

// The default model reads `dependants`; a lender declaring it as their own feature, drawn from
// another data category, is what the scorer's check reads.
const dependantsAs = (dataCategory: string): FeatureSet => {
  const builtIn = builtInFeatures.find((d) => d.name === 'dependants') as FeatureDefinition;
  const own: FeatureDefinition = {
    ...builtIn,
    dataCategory,
    reasons: { raisesRisk: { en: 'a', zhHans: '甲' }, lowersRisk: { en: 'b', zhHans: '乙' } },
  };
  return defineFeatureSet({ features: builtInFeatures.map((d) => (d === builtIn ? own : d)) });
};

const errorOf = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

let model: LoadedModel;
beforeAll(async () => {
  model = await loadModel(defaultModelPath());
});
afterAll(async () => model?.close());

describe('buildMonitorBaseline applies the scorer’s banned data categories', () => {
  it.each(['health', 'religion', 'genetic', 'biometric', 'protected_characteristic'])(
    'a feature drawn from %s data is refused (banned_data_category naming the column), as the scorer refuses it',
    async (category) => {
      const features = dependantsAs(category);
      const scorerError = await errorOf(createScorer({ model, features }));
      expect(scorerError).toBeInstanceOf(CreditliftError);
      expect((scorerError as CreditliftError).code).toBe('banned_data_category');
      const e = await errorOf(buildMonitorBaseline({ model, applicants: people, features, source: 'holdout' }));
      expect(e).toBeInstanceOf(CreditliftError);
      expect((e as CreditliftError).code).toBe('banned_data_category');
      expect((e as CreditliftError).message).toContain(`dependants (${category})`);
    },
  );

  it('the policy decides the bans: social-media data builds under the default (cn) profile, and is refused under eu-ccd2', async () => {
    const features = dependantsAs('social_media');
    await expect(buildMonitorBaseline({ model, applicants: people, features, source: 'holdout' })).resolves.toMatchObject({ count: people.length });
    const e = await errorOf(buildMonitorBaseline({ model, applicants: people, features, source: 'holdout', policyOverrides: { jurisdiction: euCcd2 } }));
    expect((e as CreditliftError).code).toBe('banned_data_category');
    expect((e as CreditliftError).message).toContain('dependants (social_media)');
  });

  it('law: under eu-ccd2 the creators against their own baseline are stable: the banned certificate is rejected in the baseline as in the decisions', async () => {
    const eu = { jurisdiction: euCcd2 };
    const baseline = await buildMonitorBaseline({ model, applicants: creators, source: 'creators', policyOverrides: eu });
    // The certificate never reached a feature: the baseline is the one of the same people without it.
    const without = await buildMonitorBaseline({ model, applicants: people, source: 'creators', policyOverrides: eu });
    expect(baseline.features).toEqual(without.features);
    // And under the default (cn) policy it is accepted and binned: the check above can fail.
    const cn = await buildMonitorBaseline({ model, applicants: creators, source: 'creators' });
    expect(cn.features).not.toEqual(without.features);
    const { summary, errors } = await monitorApplicants({
      records: creators.map((value, i) => ({ line: i + 1, ok: true as const, value })),
      baseline,
      period: 'month',
      model,
      policyOverrides: eu,
    });
    expect(errors).toBe(0);
    for (const f of summary.features!) expect(f.index, f.name).toBe(0);
  });

  it('policy and policyOverrides together are refused, as the scorer refuses them', async () => {
    const { defaultPolicy } = await import('../../src/policy/defaultPolicy.js');
    const e = await errorOf(buildMonitorBaseline({ model, applicants: people, source: 'x', policy: defaultPolicy, policyOverrides: {} }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues).toEqual([expect.objectContaining({ path: ['policyOverrides'] })]);
  });
});

describe('the monitor refuses a baseline naming a protected characteristic as a column', () => {
  const hand: MonitorBaseline = {
    format: 'creditlift.monitorBaseline/1',
    modelId: 'm@1',
    source: 'hand-written',
    count: 10,
    score: { kind: 'numeric', edges: [0.05], shares: [0.5, 0.5, 0] },
    features: [
      { name: 'income_rmb', kind: 'numeric', edges: [5000], shares: [0.5, 0.5, 0] },
      { name: 'gender_code', kind: 'categorical', categories: ['f', 'm'], shares: [0.5, 0.5, 0] },
    ],
    factors: [],
  };

  it('parseMonitorBaseline names the column (protected_characteristic at features.1.name)', () => {
    let e: unknown;
    try {
      parseMonitorBaseline(JSON.parse(JSON.stringify(hand)));
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues).toEqual([
      expect.objectContaining({ path: ['features', 1, 'name'], code: 'protected_characteristic', message: expect.stringContaining('"gender_code"') }),
    ]);
  });

  it('createMonitorAccumulator and monitorDecisions (a baseline passed as an object) refuse it too', async () => {
    expect(() => createMonitorAccumulator(hand, { period: 'month' })).toThrow(ValidationError);
    const e = await errorOf(
      monitorDecisions({
        lines: (async function* () {})(),
        baseline: hand,
        period: 'month',
      }),
    );
    expect(e).toBeInstanceOf(ValidationError);
  });
});

describe('creditlift monitor --write-baseline', () => {
  it('reads --policy: under eu-ccd2 the creators’ baseline is the library’s (the banned certificate rejected)', async () => {
    writeFileSync(file('creators.ndjson'), `${creators.map((a) => JSON.stringify(a)).join('\n')}\n`);
    writeFileSync(file('eu.json'), JSON.stringify({ jurisdiction: euCcd2 }));
    const c = captureIo();
    const code = await runMonitorCommand(['--write-baseline', file('b.json'), '--applicants', file('creators.ndjson'), '--policy', file('eu.json')], c.io);
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const written = parseMonitorBaseline(JSON.parse(readFileSync(file('b.json'), 'utf8')));
    const library = await buildMonitorBaseline({ model, applicants: creators, source: 'creators.ndjson', policyOverrides: { jurisdiction: euCcd2 } });
    expect(written.features).toEqual(library.features);
  });

  it('refuses the options a run reads and a baseline does not (--out, --html, --errors, --baseline, --period): usage, exit 2', async () => {
    for (const extra of [
      ['--out', file('x.json')],
      ['--html', file('x.html')],
      ['--errors', file('x.ndjson')],
      ['--baseline', file('b.json')],
      ['--period', 'week'],
    ]) {
      const c = captureIo();
      const code = await runMonitorCommand(['--write-baseline', file('y.json'), '--applicants', file('creators.ndjson'), ...extra], c.io);
      expect(code, extra[0]).toBe(2);
      expect(c.err(), extra[0]).toContain(extra[0]);
    }
  });
});
