// A lender's model risk team reviews the card of the model `creditlift train` made on the lender's
// data: before, the folder held model.onnx, manifest.json and training-report.json and no card, and
// the only card creditlift rendered was the default model's (synthetic data, 120,000 applicants).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runModelCommand } from '../../src/cli/modelCommand.js';
import { sha256Hex } from '../../src/hashing/sha256Hex.js';
import { ModelManifest } from '../../src/model/manifest.js';
import { runTrainCommand } from '../../src/train/commands/trainCommand.js';
import { TrainingReport } from '../../src/train/commands/trainingReport.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { cardDirection, cardNumber, cardPercent } from '../../src/train/modelCard/cardNumbers.js';
import type { ModelFolder } from '../../src/train/modelCard/modelFolder.js';
import { readModelFolder } from '../../src/train/modelCard/readModelFolder.js';
import { renderTrainedModelCard } from '../../src/train/modelCard/renderTrainedModelCard.js';
import { ENGINE_VERSION } from '../../src/version.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'train', 'loans.csv');
const work = mkdtempSync(join(tmpdir(), 'creditlift-card-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

function train(dir: string, extra: readonly string[]): string {
  const out = join(work, dir);
  const c = capture();
  const code = runTrainCommand(
    ['--data', fixture, '--target', 'defaulted', '--positive', 'yes', '--exclude', 'applicant_id', '--rounds', '20', '--seed', '7', '--out', out, ...extra],
    c.io,
  );
  expect(c.err.join(''), 'training raised no warning on the fixture').toBe('');
  expect(code).toBe(0);
  return out;
}

function printedCard(dir: string): { code: number; out: string; err: string } {
  const c = capture();
  const code = runModelCommand(['card', dir], c.io);
  return { code, out: c.out.join(''), err: c.err.join('') };
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('creditlift train writes a model card; creditlift model card prints it', () => {
  let dir: string;
  let card: string;
  let manifest: ModelManifest;
  let report: TrainingReport;
  beforeAll(() => {
    dir = train('held-out', ['--validation-fraction', '0.25', '--monotone', 'debt_ratio:+1,months_employed:-1', '--trained-on', '2026-11-30']);
    card = readFileSync(join(dir, 'MODEL_CARD.md'), 'utf8');
    manifest = ModelManifest.parse(readJson(join(dir, 'manifest.json')));
    report = TrainingReport.parse(readJson(join(dir, 'training-report.json')));
  });

  it('prints, for the folder, the card train wrote, byte for byte', () => {
    const printed = printedCard(dir);
    expect(printed).toEqual({ code: 0, out: card, err: '' });
  });

  it('the report holds true facts of the data: digest, class balance by use, the target both ways', () => {
    const table = parseCsv(readFileSync(fixture, 'utf8'));
    const target = table.header.indexOf('defaulted');
    const positives = table.rows.filter((r) => r[target] === 'yes').length;
    expect(positives).toBeGreaterThan(0);
    expect(report.data?.sha256).toBe(sha256Hex(readFileSync(fixture)));
    expect(report.model?.sha256).toBe(sha256Hex(readFileSync(join(dir, 'model.onnx'))));
    expect(report.target).toEqual({ column: 'defaulted', positive: 'yes', negative: 'no' });
    expect(report.rows).toEqual({ total: 400, train: 300, holdout: 100, finalModel: 300 });
    expect(report.positives?.total).toBe(positives);
    expect(report.positives!.train + report.positives!.holdout).toBe(positives);
    expect(report.positives?.finalModel).toBe(report.positives?.train);
    expect(report.columns).toEqual({ excluded: ['applicant_id'], naTokens: ['NA', 'NaN', 'null', 'N/A'] });
    expect(report.engine).toEqual({ name: 'creditlift', version: ENGINE_VERSION });
    expect(report.trainedOn).toBe('2026-11-30');
    // The calibration covers the holdout: its rows, and its positives by each bin's observed rate.
    const bins = report.calibration!;
    expect(bins).toHaveLength(10);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(100);
    expect(Math.round(bins.reduce((s, b) => s + b.count * b.observedRate, 0))).toBe(report.positives?.holdout);
  });

  it("states the model's file, digest, versions and the data's facts as the folder records them", () => {
    const bytes = readFileSync(join(dir, 'model.onnx'));
    expect(card).toContain(`# Model card: \`${manifest.name}\` \`${manifest.version}\``);
    expect(card).toContain(`- File: \`model.onnx\` (${bytes.length} bytes), SHA-256 \`${sha256Hex(bytes)}\``);
    expect(card).toContain(`- Trees: ${manifest.metrics!.trees}\n`);
    expect(card).toContain(`- Trained by: creditlift \`${ENGINE_VERSION}\`\n`);
    expect(card).toContain(`Rendered by creditlift ${ENGINE_VERSION} `);
    expect(card).toContain(`- Training data: SHA-256 \`${report.data!.sha256}\``);
    expect(card).toContain('- Date of training: 2026-11-30\n');
    expect(card).toContain(
      '- Target: column `defaulted`; label 1, the outcome whose probability the model gives, where the cell is `yes`; label 0 where it is `no`\n',
    );
    expect(card).toContain('- Columns left out (`--exclude`): `applicant_id`\n');
    for (const [label, key] of [
      ['all rows of the file', 'total'],
      ['training split', 'train'],
      ['holdout', 'holdout'],
      ['rows the final model learned on', 'finalModel'],
    ] as const) {
      const n = report.rows[key];
      const p = report.positives![key];
      expect(card).toContain(`| ${label} | ${n} | ${p} | ${cardPercent(p / n)} |`);
    }
    expect(card).toContain(`- Holdout: 100 rows, a share of 0.25 of the rows drawn at random (seed 7) from the same file`);
    expect(card).toContain('Training raised no warning about the data.');
  });

  it('lists every feature with its type, monotone constraint, training range and missing share from the manifest', () => {
    expect(manifest.features.map((f) => f.monotone)).toEqual([0, 1, -1, 0, 0]);
    manifest.features.forEach((f, j) => {
      const type =
        f.kind === 'numeric' ? 'numeric' : `categorical, ${f.categories!.length} categories in code order: ${f.categories!.map((c) => `\`${c}\``).join(', ')}`;
      const range = `${cardNumber(f.trainingRange!.min, 2)} to ${cardNumber(f.trainingRange!.max, 2)}`;
      expect(card).toContain(`| ${j} | \`${f.name}\` | ${type} | ${cardDirection(f.monotone)} | ${range} | ${cardPercent(f.missingShare!)} |`);
    });
    expect(card).toContain('2 of 5 features carry a monotone constraint.');
  });

  it("holds every hyper-parameter, and the holdout's AUC, KS, Brier, log-loss and calibration as recorded", () => {
    for (const [k, v] of Object.entries(manifest.params)) expect(card).toContain(`| ${k} | ${v === null ? 'none' : String(v)} |`);
    const m = manifest.metrics!;
    expect(m.holdoutRows).toBe(100);
    expect(card).toContain(`On the 100 holdout rows, ${report.positives!.holdout} of them label 1:`);
    expect(card).toContain(`| AUC | ${m.holdoutAuc!.toFixed(4)} |`);
    expect(card).toContain(`| KS | ${m.holdoutKs!.toFixed(4)} |`);
    expect(card).toContain(`| Brier score | ${m.holdoutBrier!.toFixed(5)} |`);
    expect(card).toContain(`| Log-loss | ${m.holdoutLogLoss!.toFixed(5)} |`);
    for (const b of report.calibration!)
      expect(card).toContain(
        `| ${b.bin} | ${b.count} | ${cardPercent(b.minPredicted, 2)} to ${cardPercent(b.maxPredicted, 2)} | ${cardPercent(b.meanPredicted, 2)} | ${cardPercent(b.observedRate, 2)} |`,
      );
    expect(card).toContain('- Its holdout figures rest on');
  });

  it("states the protected-characteristic and banned-data rules, and finds none in this model's names", () => {
    expect(card).toContain('refuses a data column whose name reads as a protected characteristic');
    expect(card).toContain("Read again over this model's 5 feature names by the same rule: none reads as a protected characteristic.");
    expect(card).toContain('no feature is named for social-media data.');
  });

  it("is not the default model's card, and says nothing of synthetic data", () => {
    expect(card).not.toMatch(/synthetic/i);
    expect(card).not.toContain('Generated by `npm run train`');
    expect(card).not.toContain("creditlift's shipped default model");
  });
});

describe('a fact the folder does not hold is written as unknown, never filled in', () => {
  it('a report written before creditlift recorded the facts, and no manifest.json: each such fact unknown', () => {
    const dir = train('old-report', ['--validation-fraction', '0.25']);
    const full = TrainingReport.parse(readJson(join(dir, 'training-report.json')));
    // What train wrote before the card: warnings, rows and rounds only.
    writeFileSync(join(dir, 'training-report.json'), JSON.stringify({ warnings: full.warnings, rows: full.rows, rounds: full.rounds }));
    rmSync(join(dir, 'manifest.json'));
    const { code, out } = printedCard(dir);
    expect(code).toBe(0);
    const unknown = 'unknown (training-report.json does not record it)';
    expect(out).toContain(`- Training data: ${unknown}\n`);
    expect(out).toContain(`- Date of training: not recorded (\`creditlift train --trained-on YYYY-MM-DD\` records it; training reads no clock)\n`);
    expect(out).toContain(`- Trained by: ${unknown}\n`);
    expect(out).toContain('label 0 where it is the other value (which one is unknown: training-report.json does not record it)');
    expect(out).toContain(`- Columns left out (\`--exclude\`): ${unknown}\n`);
    expect(out).toContain(`| all rows of the file | 400 | unknown | unknown |`);
    expect(out).toContain(`Class balance: ${unknown}.`);
    expect(out).toContain('Not known: training-report.json does not record it.');
    expect(out).toContain("present, but it does not name the model it was written with (written before creditlift recorded that): read as this model's");
    expect(out).toContain('- `manifest.json`: absent; the manifest inside `model.onnx` is read');
    // The metrics the manifest holds are still stated.
    const m = readModelFolder(dir).manifest.metrics!;
    expect(out).toContain(`| AUC | ${m.holdoutAuc!.toFixed(4)} |`);
  });

  it('no training report at all: the report facts unknown, the manifest facts stated', () => {
    const dir = train('no-report', ['--validation-fraction', '0.25']);
    rmSync(join(dir, 'training-report.json'));
    const { code, out } = printedCard(dir);
    expect(code).toBe(0);
    expect(out).toContain('- Training data: unknown (the model folder has no training-report.json)\n');
    expect(out).toContain(
      'Rows and class balance: unknown (the model folder has no training-report.json) (the manifest records 300 training rows and 100 holdout rows).',
    );
    expect(out).toContain('- `training-report.json`: absent');
    expect(out).toContain('Not known: the model folder has no training-report.json.');
  });

  it('no holdout: the card says the model was not validated, and states no metric', () => {
    const dir = train('no-holdout', []);
    const { out } = printedCard(dir);
    expect(out).toContain('- Holdout: none. Every row trained the model, and no row measured it');
    expect(out).toContain('None: no row was held out, so the model was not validated and has no AUC, KS or log-loss.');
    expect(out).toContain('None: there is no holdout to measure it on.');
    expect(out).not.toContain('| AUC |');
    expect(out).toContain('- Nothing: no row was held out');
  });

  it('--refit: the metrics are said to be those of the model early stopping chose the rounds with', () => {
    const dir = train('refit', ['--early-stopping', '5', '--refit']);
    const { out } = printedCard(dir);
    expect(out).toContain(
      'These figures, and the calibration below, are of the model early stopping chose the rounds with. The final model was refit on every row (400)',
    );
    expect(out).toContain('| rows the final model learned on | 400 |');
  });
});

describe('a folder whose files belong to another model is refused, naming the file', () => {
  it('a training report written with another model.onnx (exit 1, model_mismatch)', () => {
    const a = train('mix-a', ['--validation-fraction', '0.25']);
    const b = train('mix-b', ['--validation-fraction', '0.25', '--seed', '8']);
    cpSync(join(b, 'training-report.json'), join(a, 'training-report.json'));
    const printed = printedCard(a);
    expect(printed.code).toBe(1);
    expect(printed.out).toBe('');
    expect(printed.err).toContain('training-report.json');
    const e = validationErrorOf(() => readModelFolder(a));
    expect(e.issues).toEqual([expect.objectContaining({ path: ['training-report.json', 'model', 'sha256'], code: 'model_mismatch' })]);
  });

  it('a manifest.json edited after training (a monotone direction changed)', () => {
    const dir = train('edited', ['--validation-fraction', '0.25']);
    const manifest = readJson(join(dir, 'manifest.json')) as { features: { monotone: number }[] };
    manifest.features[1]!.monotone = 1;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const e = validationErrorOf(() => readModelFolder(dir));
    expect(e.issues).toEqual([expect.objectContaining({ path: ['manifest.json'], code: 'model_mismatch' })]);
  });

  it('renderTrainedModelCard refuses a report naming another SHA-256 given in code too', () => {
    const folder = readModelFolder(train('in-code', ['--validation-fraction', '0.25']));
    const other: ModelFolder = { ...folder, report: { ...folder.report!, model: { sha256: '0'.repeat(64) } } };
    const e = validationErrorOf(() => renderTrainedModelCard(other));
    expect(e.issues).toEqual([expect.objectContaining({ path: ['folder', 'report', 'model', 'sha256'], code: 'model_mismatch' })]);
  });
});

describe('names from the folder are written as themselves: rules read, markdown kept', () => {
  it('a feature named for a protected characteristic or social-media data is named in the card', () => {
    const folder = readModelFolder(train('names', ['--validation-fraction', '0.25']));
    const features = folder.manifest.features.map((f, j) => (j === 0 ? { ...f, name: 'religion_code' } : j === 1 ? { ...f, name: 'weibo_followers' } : f));
    const card = renderTrainedModelCard({ ...folder, manifest: { ...folder.manifest, features } });
    // loadModel refuses such a model (test/model/protectedModelFeatureNames.test.ts): the card says so.
    expect(card).toContain(
      '**`religion_code` reads as religion**: loadModel and createScorer refuse this model (`protected_characteristic`); retrain without it.',
    );
    expect(card).toContain('**`weibo_followers` (by `weibo`)** read as social-media data.');
  });

  it('a name holding a table bar, markup or an escape sequence keeps its table row whole and its characters shown', () => {
    const folder = readModelFolder(train('markup', ['--validation-fraction', '0.25']));
    const features = folder.manifest.features.map((f, j) => (j === 0 ? { ...f, name: 'a|b*`c`\u001b[2J' } : f));
    const card = renderTrainedModelCard({ ...folder, manifest: { ...folder.manifest, features } });
    const row = card.split('\n').find((l) => l.startsWith('| 0 | '))!;
    expect(row).toContain('``a\\|b*`c`\\u{1b}[2J``');
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(9);
    expect(card).not.toContain('\u001b');
  });
});

describe('a folder model import wrote', () => {
  it('is carded as imported: no creditlift training facts claimed, ranges said to come from the spec or background', () => {
    const xgb = join(import.meta.dirname, '..', 'fixtures', 'xgboost');
    const dir = join(work, 'imported');
    const c = capture();
    const code = runModelCommand(
      [
        'import',
        '--onnx',
        join(xgb, 'monotone_classifier.onnx'),
        '--features',
        join(xgb, 'monotone_spec.json'),
        '--background',
        join(xgb, 'background.csv'),
        '--out',
        dir,
      ],
      c.io,
    );
    expect(code).toBe(0);
    const { code: printed, out } = printedCard(dir);
    expect(printed).toBe(0);
    expect(out).toContain('- Trainer: imported with `creditlift model import` from `makeXgboostFixtures.py`: not trained by creditlift');
    expect(out).toContain('drawn from the background sample given to `model import`');
    expect(out).toContain('- Values outside the ranges above may never have been seen in training');
    expect(out).not.toContain('over the rows the final model learned on');
    expect(out).toContain('| AUC | not recorded in the manifest |');
  });
});

describe('model card on the command line', () => {
  it('needs exactly one folder (exit 2 otherwise)', () => {
    for (const argv of [['card'], ['card', 'a', 'b']]) {
      const c = capture();
      expect(runModelCommand(argv, c.io), argv.join(' ')).toBe(2);
      expect(c.out.join('')).toBe('');
    }
  });
});

describe('the default model', () => {
  it('model card on models/default says it is the shipped model and points to its own card, which stays as shipped', () => {
    const folder = join(import.meta.dirname, '..', '..', 'models', 'default');
    const shipped = readFileSync(join(folder, 'MODEL_CARD.md'));
    const { code, out } = printedCard(folder);
    expect(code).toBe(0);
    expect(out).toContain("**This is creditlift's shipped default model**");
    expect(out).toContain('`models/default/MODEL_CARD.md`');
    expect(out).toContain('- Training data: unknown (the model folder has no training-report.json)');
    expect(readFileSync(join(folder, 'MODEL_CARD.md')).equals(shipped)).toBe(true);
  });
});
