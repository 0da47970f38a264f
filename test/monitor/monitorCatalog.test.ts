// F2 (adopt): a lender with its own certificate kinds builds its monitor baseline with its catalog;
// monitorApplicants took no catalog and decided every upload of those kinds unknown_kind, so the
// lender's own holdout against its own baseline showed act-band drift (cert_gig PSI 0.40). The
// monitor now takes the catalog the decisions use, the baseline records it, and a run with another
// catalog (or none) is refused by name.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_HASH } from '../../src/catalog/catalogHash.js';
import { resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { loadModel, type LoadedModel } from '../../src/model/loadModel.js';
import { buildMonitorBaseline } from '../../src/monitor/buildMonitorBaseline.js';
import { parseMonitorBaseline, type MonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { monitorApplicants, monitorDecisions, type MonitorRecordError } from '../../src/monitor/runMonitor.js';
import { createScorer } from '../../src/decision/createScorer.js';
import type { TextLine } from '../../src/cli/score/splitLines.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { lenderGigKinds } from '../helpers/lenderGigCatalog.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// A holdout where every second applicant uploads the lender's driver rating (valid under its catalog).
const holdout: Applicant[] = generatePopulation({ size: 240, seed: 7, asOf: '2026-11-01' }).map((r, i) =>
  i % 2 === 1 || r.applicant.birthDate > '2005-01-01'
    ? r.applicant
    : {
        ...r.applicant,
        evidence: [
          ...r.applicant.evidence,
          {
            kind: 'swiftride_driver_rating',
            issuer: 'SwiftRide',
            credentialId: `SR-${r.applicant.id}`,
            holder: { idHash: r.applicant.identity.idHash },
            issueDate: r.applicant.asOf,
            score: 4.6 + (i % 5) * 0.08,
            verification: { method: 'platform_api', confidence: 0.95 },
            documentHash: sha256(`${r.applicant.id}:sr`),
          },
        ],
      },
);
const uploads = holdout.filter((a) => a.evidence.some((e) => e.kind === 'swiftride_driver_rating')).length;
const records = holdout.map((value, i) => ({ line: i + 1, ok: true as const, value }));
const catalog = resolveCatalog(lenderGigKinds);

let model: LoadedModel;
let lenderBaseline: MonitorBaseline;
let defaultBaseline: MonitorBaseline;
beforeAll(async () => {
  model = await loadModel(defaultModelPath());
  lenderBaseline = await buildMonitorBaseline({ model, applicants: holdout, catalog, source: 'holdout' });
  defaultBaseline = await buildMonitorBaseline({ model, applicants: holdout, source: 'holdout' });
});
afterAll(async () => model?.close());

describe('monitorApplicants({ catalog }) and the baseline it is held to', () => {
  it('the lender holdout against its own baseline, both on its catalog, is stable in every feature and says nothing of unknown kinds', async () => {
    expect(uploads).toBeGreaterThan(50);
    const r = await monitorApplicants({ records, baseline: lenderBaseline, period: 'month', model, catalog: lenderGigKinds });
    expect(r.errors).toBe(0);
    expect(r.summary.features?.length).toBeGreaterThan(10);
    for (const f of r.summary.features ?? []) expect(f.index ?? 0, f.name).toBeLessThan(1e-9);
    expect(r.summary.flagged.filter((f) => f.kind === 'feature')).toEqual([]);
    expect(r.unknownKinds).toEqual([]);
    expect(r.warnings.join(' ')).not.toMatch(/unknown_kind/);
  });

  it('the baseline records a catalog other than the default (hash and own kinds); the default catalog is not recorded', () => {
    expect(lenderBaseline.catalog).toEqual({
      sha256: expect.not.stringMatching(DEFAULT_CATALOG_HASH),
      ownKinds: ['swiftride_driver_rating', 'dash_courier_reviews'],
    });
    expect(defaultBaseline.catalog).toBeUndefined();
    // Read back from JSON as the CLI reads it.
    expect(parseMonitorBaseline(JSON.parse(JSON.stringify(lenderBaseline))).catalog).toEqual(lenderBaseline.catalog);
  });

  it('a run on another catalog than the baseline was built with is refused by name (catalog_mismatch at catalog), either way round', async () => {
    for (const [baseline, run] of [
      [lenderBaseline, {}],
      [defaultBaseline, { catalog }],
    ] as const) {
      const e = await monitorApplicants({ records, baseline, period: 'month', model, ...run }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues).toEqual([
        expect.objectContaining({ path: ['catalog'], code: 'catalog_mismatch', message: expect.stringMatching(/"swiftride_driver_rating"/) }),
      ]);
    }
  });

  it('without the lender catalog on either side the uploads are counted, by kind, in unknownKinds and a warning', async () => {
    const r = await monitorApplicants({ records, baseline: defaultBaseline, period: 'month', model });
    expect(r.unknownKinds).toEqual([{ kind: 'swiftride_driver_rating', uploads }]);
    expect(r.warnings.some((w) => w.startsWith(`${uploads} certificate upload(s) are of kinds the certificate catalog does not know`))).toBe(true);
  });

  it('a malformed catalog is refused (catalog_invalid) before any record is read', async () => {
    const e = await monitorApplicants({
      records,
      baseline: defaultBaseline,
      period: 'month',
      model,
      catalog: [{ ...lenderGigKinds[0]!, signalWeight: 2 }],
    }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'catalog_invalid' });
  });
});

// findings15-gig #3: monitor --decisions never compared the decisions' catalog (audit.catalogHash)
// with the baseline's: the same book scored with another catalog came out as act-band drift (PSI
// 1.451, 7 figures flagged, exit 4) instead of being refused as the --applicants run is.
describe('monitorDecisions and the baseline catalog', () => {
  async function* linesOf(decisions: readonly unknown[]): AsyncIterable<TextLine> {
    let line = 0;
    for (const d of decisions) yield { line: ++line, text: JSON.stringify(d), truncated: false };
  }
  const decisionsWith = async (options: { readonly catalog?: typeof catalog }) => {
    const scorer = await createScorer({ ...options, model, suggestionsPerDecision: 0 });
    try {
      return (await scorer.decideBatch(holdout.slice(0, 24))).map((r) => {
        if (!r.ok) throw r.error;
        return r.decision;
      });
    } finally {
      await scorer.close();
    }
  };

  it("decisions of the baseline's catalog are measured; each of another is a record error naming both (catalog_mismatch) and a warning counts them, either way round", async () => {
    const lender = await decisionsWith({ catalog });
    const byDefault = await decisionsWith({});
    const same = await monitorDecisions({ lines: linesOf(lender), baseline: lenderBaseline, period: 'month' });
    expect(same.errors).toBe(0);
    expect(same.summary.observations).toBe(lender.length);
    for (const [decisions, baseline, named] of [
      [byDefault, lenderBaseline, /made with the default certificate catalog .*"swiftride_driver_rating"/],
      [lender, defaultBaseline, new RegExp(`made with certificate catalog ${catalogHashOf(lender).slice(0, 12)}.*the default certificate catalog`)],
    ] as const) {
      const errors: MonitorRecordError[] = [];
      // The other catalog's decisions after one of the baseline's own: only that one is measured.
      const own = baseline === lenderBaseline ? lender[0] : byDefault[0];
      const r = await monitorDecisions({ lines: linesOf([own, ...decisions]), baseline, period: 'month', onError: (e) => void errors.push(e) });
      expect(r.summary.observations).toBe(1);
      expect(r.errors).toBe(decisions.length);
      expect(errors[0]).toEqual({ line: 2, error: { code: 'catalog_mismatch', message: expect.stringMatching(named) } });
      expect(r.warnings.find((w) => w.startsWith(`${decisions.length} decision(s) were made with`))).toMatch(/not measured/);
    }
  });
});

function catalogHashOf(decisions: readonly { readonly audit: { readonly catalogHash: string } }[]): string {
  return decisions[0]!.audit.catalogHash;
}
