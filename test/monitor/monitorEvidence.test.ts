// The monitor measures feature drift on the row the model scored: the evidence assessed as the
// decision assessed it (the scorer's catalog, minimum confidence and the policy's banned data
// categories). Under eu-ccd2 a creator follower count is rejected (banned_data_category) before it
// reaches a feature, so it must not show up as an accepted gig certificate in the monitor either.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { loadModel, type LoadedModel } from '../../src/model/loadModel.js';
import { parseMonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { monitorApplicants } from '../../src/monitor/runMonitor.js';
import { euCcd2 } from '../../src/policy/jurisdictionProfile.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { creatorFollowersUpload } from '../helpers/creatorFollowersUpload.js';

const baseline = parseMonitorBaseline(JSON.parse(readFileSync(join(defaultModelPath(), '..', 'monitorBaseline.json'), 'utf8')));
const people: Applicant[] = generatePopulation({ size: 60, seed: 42, asOf: '2026-11-01' }).map((r) => ({
  ...r.applicant,
  employment: { ...r.applicant.employment, type: 'gig' },
  evidence: [],
}));
const creators = people.map((a) => ({
  ...a,
  evidence: [creatorFollowersUpload(a)],
}));
const records = (xs: readonly Applicant[]) => xs.map((value, i) => ({ line: i + 1, ok: true as const, value }));
const sharesOf = (r: Awaited<ReturnType<typeof monitorApplicants>>, name: string) => r.summary.features!.find((f) => f.name === name)!.actual;

let model: LoadedModel;
beforeAll(async () => {
  model = await loadModel(defaultModelPath());
});
afterAll(async () => model?.close());

describe('monitor: evidence assessed as the decision assessed it', () => {
  it('under eu-ccd2 a banned creator follower count is measured as the model saw it: no certificate at all', async () => {
    const eu = { jurisdiction: euCcd2 };
    const [withBanned, without] = await Promise.all([
      monitorApplicants({ records: records(creators), baseline, period: 'month', model, policyOverrides: eu }),
      monitorApplicants({ records: records(people), baseline, period: 'month', model, policyOverrides: eu }),
    ]);
    expect(withBanned.errors).toBe(0);
    for (const name of ['cert_gig', 'cert_accepted_count']) expect(sharesOf(withBanned, name), name).toEqual(sharesOf(without, name));
    // Every figure: the certificate never reached a feature, so the monitor sees the same rows.
    expect(withBanned.summary.features).toEqual(without.summary.features);
    expect(withBanned.summary.flagged).toEqual(without.summary.flagged);
  });

  it('under the default policy the same certificate is accepted and measured (the test above can fail)', async () => {
    const [withCert, without] = await Promise.all([
      monitorApplicants({ records: records(creators), baseline, period: 'month', model }),
      monitorApplicants({ records: records(people), baseline, period: 'month', model }),
    ]);
    expect(sharesOf(withCert, 'cert_accepted_count')).not.toEqual(sharesOf(without, 'cert_accepted_count'));
  });
});
