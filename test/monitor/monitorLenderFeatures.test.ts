import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { MONITOR_USAGE, runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { featureDefinitions, type FeatureDefinition } from '../../src/features/featureDefinitions.js';
import { FeatureMismatchError } from '../../src/features/featureMismatchError.js';
import type { FeatureSet } from '../../src/features/featureSet.js';
import { loadFeatureSetModule } from '../../src/features/loadFeatureSetModule.js';
import { parseFeatureApplicant } from '../../src/features/parseFeatureApplicant.js';
import { loadModel, type LoadedModel } from '../../src/model/loadModel.js';
import { buildMonitorBaseline } from '../../src/monitor/buildMonitorBaseline.js';
import { parseMonitorBaseline, type MonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { checkMonitorFeatureSet, monitorFeatureSetOf } from '../../src/monitor/monitorFeatureSet.js';
import { monitorApplicants } from '../../src/monitor/runMonitor.js';
import { trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { captureIo } from '../cli/fakeDecider.js';
import { monthsOnBookFeaturesModule } from '../helpers/monthsOnBookFeatures.js';

// README "Your own features and attributes" then "Monitoring": a model trained on the lender's own
// feature (months_on_book, from an applicant attribute) is monitored like the default one, from
// the library and from the command line, against a baseline that records the feature set it was
// built on. Inside the repository, so the module's imports (zod, src/) resolve as in a lender's project.
const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'monitor-features-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const moduleText = monthsOnBookFeaturesModule();
// The same declaration, another computation: months capped at 24 (what a changed helper does to a feature).
const cappedText = moduleText.replace(
  'compute: (ctx) => ctx.applicant.attributes.months_on_book,',
  'compute: (ctx) => Math.min(24, ctx.applicant.attributes.months_on_book),',
);
// The same computation grouped into another explanation factor.
const otherFactorText = moduleText.replace("factor: 'platform_behaviour'", "factor: 'stability'");
// The same computation and factor, declared from another data category.
const otherCategoryText = moduleText.replace("dataCategory: 'lender_internal'", "dataCategory: 'credit_bureau'");

// Months on book carry the latent risk (plus noise), so the model reads and uses them.
const rows = generatePopulation({ size: 800, seed: 31, asOf: '2026-11-01' });
const monthsOf = (latent: number, i: number) => Math.max(0, Math.min(240, Math.round(60 - 15 * latent + ((i * 7919) % 41) - 20)));
const applicants = rows.map((r, i) => ({ ...r.applicant, attributes: { months_on_book: monthsOf(r.latentLogOdds, i) } }));
const holdout = applicants.slice(0, 400);
// Customers far newer to the lender: months_on_book drifts, nothing else does.
const newcomers = holdout.map((a) => ({ ...a, attributes: { months_on_book: Math.floor(a.attributes.months_on_book / 6) } }));
const records = (xs: readonly unknown[]): InputRecord[] => xs.map((value, i) => ({ line: i + 1, ok: true, value }));
const ndjson = (xs: readonly unknown[]) => `${xs.map((x) => JSON.stringify(x)).join('\n')}\n`;

let features: FeatureSet;
let model: LoadedModel;
let baseline: MonitorBaseline;
beforeAll(async () => {
  writeFileSync(file('features.ts'), moduleText);
  writeFileSync(file('capped.ts'), cappedText);
  writeFileSync(file('otherFactor.ts'), otherFactorText);
  writeFileSync(file('otherCategory.ts'), otherCategoryText);
  features = (await loadFeatureSetModule(file('features.ts'))).features;
  const outcomes = parseCsv(['id,defaulted', ...rows.map((r) => `${r.applicant.id},${r.defaulted12m ? 1 : 0}`)].join('\n'));
  const book = featurizeBook(applicants, outcomes, { idColumn: 'id', target: 'defaulted', features });
  const monotone = book.trainArgs[book.trainArgs.indexOf('--monotone') + 1]!;
  const trained = trainFromCsv(book.csv, { target: 'defaulted', positive: '1', monotone, params: { rounds: 20, learningRate: 0.3 } });
  writeFileSync(file('model.onnx'), trained.onnx);
  writeFileSync(file('holdout.ndjson'), ndjson(holdout));
  writeFileSync(file('newcomers.ndjson'), ndjson(newcomers));
  writeFileSync(file('bare.ndjson'), ndjson(holdout.map(({ attributes: _, ...a }) => a)));
  model = await loadModel(trained.onnx);
  expect(model.manifest.features.map((f) => f.name)).toContain('months_on_book');
  baseline = await buildMonitorBaseline({
    model,
    applicants: holdout.map((a) => parseFeatureApplicant(a, features)),
    features,
    source: 'holdout',
  });
}, 60_000);
afterAll(async () => model?.close());

const errorOf = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('monitoring a model trained on the lender’s own features (library)', () => {
  it('the baseline records the lender feature it was built on, and bins it', () => {
    expect(baseline.featureSet).toEqual({
      lenderFeatures: [
        {
          name: 'months_on_book',
          kind: 'numeric',
          factor: 'platform_behaviour',
          computeSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          declarationSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      ],
    });
    expect(baseline.features.map((f) => f.name)).toContain('months_on_book');
    // It survives JSON and its own schema.
    expect(parseMonitorBaseline(JSON.parse(JSON.stringify(baseline)))).toEqual(baseline);
  });

  it('law: the holdout against its own baseline is stable everywhere, factors included (the lender feature’s contribution lands in its own factor)', async () => {
    const { summary, errors } = await monitorApplicants({ records: records(holdout), baseline, period: 'month', model, features });
    expect(errors).toBe(0);
    expect(summary.observations).toBe(holdout.length);
    // Features and score exactly; factors up to contributions rounded in decisions at a bin edge.
    for (const f of [summary.score, ...summary.features!]) expect(f.index, `${f.kind} ${f.name}`).toBe(0);
    for (const f of summary.factors!) expect(f.index, `factor ${f.name}`).toBeLessThan(0.01);
    expect(summary.features!.map((f) => f.name)).toContain('months_on_book');
  });

  it('customers newer to the lender put months_on_book in the act band', async () => {
    const { summary, errors } = await monitorApplicants({ records: records(newcomers), baseline, period: 'month', model, features });
    expect(errors).toBe(0);
    expect(summary.features!.find((f) => f.name === 'months_on_book')?.band).toBe('act');
    expect(summary.flagged.map((f) => f.name)).toContain('months_on_book');
  });

  it('a baseline written before declarations were fingerprinted is refused when read, saying to build it again', () => {
    const old = JSON.parse(JSON.stringify(baseline)) as { featureSet: { lenderFeatures: Record<string, unknown>[] } };
    delete old.featureSet.lenderFeatures[0]!.declarationSha256;
    let e: unknown;
    try {
      parseMonitorBaseline(old);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues).toEqual([
      expect.objectContaining({ path: ['featureSet', 'lenderFeatures', 0, 'declarationSha256'], message: expect.stringContaining('build it again') }),
    ]);
  });

  it('a run on another computation of the feature, another factor or another declaration is refused naming the feature and what differs', async () => {
    for (const [module, field] of [
      ['capped.ts', 'computeSha256'],
      ['otherFactor.ts', 'factor'],
      ['otherCategory.ts', 'declarationSha256'],
    ] as const) {
      const other = (await loadFeatureSetModule(file(module))).features;
      const e = await errorOf(monitorApplicants({ records: records(holdout), baseline, period: 'month', model, features: other }));
      expect(e, module).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues).toEqual([
        expect.objectContaining({
          path: ['featureSet', 'lenderFeatures', 0, field],
          code: 'feature_set_mismatch',
          message: expect.stringContaining('months_on_book'),
        }),
      ]);
    }
  });

  it('a baseline that records no lender features (built on the built-in ones) is refused for a run that reads one', async () => {
    const { featureSet: _, ...builtInOnly } = baseline;
    const e = await errorOf(monitorApplicants({ records: records(holdout), baseline: builtInOnly, period: 'month', model, features }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues).toEqual([
      expect.objectContaining({ path: ['featureSet'], code: 'feature_set_mismatch', message: expect.stringContaining('months_on_book') }),
    ]);
  });

  it('without the feature set the model is refused as before (model_shape_mismatch), and so is the baseline', async () => {
    expect(await errorOf(monitorApplicants({ records: records(holdout), baseline, period: 'month', model }))).toBeInstanceOf(FeatureMismatchError);
    const e = await errorOf(buildMonitorBaseline({ model, applicants: [], source: 'x' }));
    expect(e).toBeInstanceOf(FeatureMismatchError);
  });

  it('an unknown option is refused, not ignored (a misspelt feature set would monitor another model)', async () => {
    const m = await errorOf(monitorApplicants({ records: records(holdout), baseline, period: 'month', model, featureSet: features } as never));
    expect((m as ValidationError).issues).toEqual([expect.objectContaining({ path: ['featureSet'], code: 'unrecognized_key' })]);
    const b = await errorOf(buildMonitorBaseline({ model, applicants: [], source: 'x', featureSet: features } as never));
    expect((b as ValidationError).issues).toEqual([expect.objectContaining({ path: ['featureSet'], code: 'unrecognized_key' })]);
  });
});

describe('what a baseline records of a feature set', () => {
  const builtIns = featureDefinitions as readonly FeatureDefinition<never>[];
  const twin = builtIns.map((d) => ({ ...d }));

  it('built-in features, or their twins from another copy of the package, record nothing', () => {
    expect(monitorFeatureSetOf(builtIns)).toBeUndefined();
    expect(monitorFeatureSetOf(twin)).toBeUndefined();
    expect(() => checkMonitorFeatureSet(undefined, twin)).not.toThrow();
  });

  it('a built-in name grouped into another factor is the lender’s own, and refused against a built-in baseline', () => {
    const regrouped = twin.map((d, i) => (i === 0 ? { ...d, factor: d.factor === 'profile' ? ('income' as const) : ('profile' as const) } : d));
    expect(monitorFeatureSetOf(regrouped)?.lenderFeatures.map((f) => f.name)).toEqual([builtIns[0]!.name]);
    expect(() => checkMonitorFeatureSet(undefined, regrouped)).toThrow(ValidationError);
    // And the other way round: a baseline that measured it as the lender's, a run on the built-in.
    const e = (() => {
      try {
        checkMonitorFeatureSet(monitorFeatureSetOf(regrouped), builtIns);
      } catch (x) {
        return x as ValidationError;
      }
    })();
    expect(e?.issues).toEqual([expect.objectContaining({ path: ['featureSet', 'lenderFeatures', 0], code: 'feature_set_mismatch' })]);
  });
});

describe('creditlift monitor --features MODULE', () => {
  it('--write-baseline then a run on the same module: the baseline records the feature set, the holdout is stable', async () => {
    const w = captureIo();
    const code = await runMonitorCommand(
      ['--write-baseline', file('b.json'), '--applicants', file('holdout.ndjson'), '--model', file('model.onnx'), '--features', file('features.ts')],
      w.io,
    );
    expect(w.err()).toBe('');
    expect(code).toBe(0);
    const written = parseMonitorBaseline(JSON.parse(readFileSync(file('b.json'), 'utf8')));
    expect(written.featureSet).toEqual(baseline.featureSet);
    const c = captureIo();
    const run = ['--applicants', file('holdout.ndjson'), '--model', file('model.onnx'), '--baseline', file('b.json'), '--out', file('m.json')];
    expect(await runMonitorCommand([...run, '--features', file('features.ts')], c.io)).toBe(0);
    expect(c.err()).toBe('');
    const json = JSON.parse(readFileSync(file('m.json'), 'utf8')) as { errors: number; worstBand: string; features: { name: string }[] };
    expect(json.errors).toBe(0);
    expect(json.worstBand).toBe('stable');
    expect(json.features.map((f) => f.name)).toContain('months_on_book');
  });

  it('the drifted file exits 4 naming months_on_book', async () => {
    const c = captureIo();
    const code = await runMonitorCommand(
      [
        '--applicants',
        file('newcomers.ndjson'),
        '--model',
        file('model.onnx'),
        '--baseline',
        file('b.json'),
        '--out',
        file('n.json'),
        '--features',
        file('features.ts'),
      ],
      c.io,
    );
    expect(code).toBe(4);
    expect(c.out()).toMatch(/act\s+feature months_on_book/);
  });

  it('a run on another module is refused (exit 1, feature_set_mismatch naming the feature); without the module the model is refused', async () => {
    const run = ['--applicants', file('holdout.ndjson'), '--model', file('model.onnx'), '--baseline', file('b.json'), '--out', file('x.json')];
    const other = captureIo();
    expect(await runMonitorCommand([...run, '--features', file('capped.ts')], other.io)).toBe(1);
    expect(other.err()).toMatch(/featureSet\.lenderFeatures\.0\.computeSha256: "months_on_book" is computed otherwise/);
    const declared = captureIo();
    expect(await runMonitorCommand([...run, '--features', file('otherCategory.ts')], declared.io)).toBe(1);
    expect(declared.err()).toMatch(/featureSet\.lenderFeatures\.0\.declarationSha256: "months_on_book" is declared otherwise/);
    const none = captureIo();
    expect(await runMonitorCommand(run, none.io)).toBe(1);
    expect(none.err()).toMatch(/model_shape_mismatch/);
  });

  it('--write-baseline without the module refuses the attribute; applicants without it are refused under the module', async () => {
    const w = captureIo();
    expect(await runMonitorCommand(['--write-baseline', file('b2.json'), '--applicants', file('holdout.ndjson'), '--model', file('model.onnx')], w.io)).toBe(1);
    expect(w.err()).toMatch(/attributes/);
    const bare = captureIo();
    const code = await runMonitorCommand(
      ['--write-baseline', file('b3.json'), '--applicants', file('bare.ndjson'), '--model', file('model.onnx'), '--features', file('features.ts')],
      bare.io,
    );
    expect(code).toBe(1);
    expect(bare.err()).toMatch(/attributes\.months_on_book/);
  });

  it('--features applies to --applicants only; unknown options are still refused; --help names it', async () => {
    const c = captureIo();
    expect(await runMonitorCommand(['--decisions', file('holdout.ndjson'), '--features', file('features.ts'), '--out', file('d.json')], c.io)).toBe(2);
    expect(c.err()).toMatch(/--features/);
    const u = captureIo();
    expect(await runMonitorCommand(['--applicants', file('holdout.ndjson'), '--feature', file('features.ts'), '--out', file('d.json')], u.io)).toBe(2);
    expect(MONITOR_USAGE).toMatch(/--features MODULE/);
  });
});
