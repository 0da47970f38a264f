import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTrainCommand, trainFromCsv } from '../src/train/commands/trainCommand.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-hygiene-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** 200 rows: income numeric with every missing-value token, a code column, an id column. */
function csv(missingToken: (i: number) => string): string {
  const lines = ['id,income,tier,y'];
  for (let i = 0; i < 200; i++) {
    const income = i % 10 === 0 ? missingToken(i) : String(3000 + ((i * 37) % 900) * 10);
    lines.push(`row${i},${income},${i % 3 === 0 ? 'a' : 'b'},${(i * 7) % 5 === 0 ? 1 : 0}`);
  }
  return `${lines.join('\n')}\n`;
}
const tokens = ['NA', 'NaN', 'null', 'N/A', '', 'na', 'NULL', 'n/a'];

describe('trainer input hygiene', () => {
  it('NA, NaN, null, N/A (any case) and empty cells are missing: the column stays numeric', () => {
    const r = trainFromCsv(
      csv((i) => tokens[(i / 10) % tokens.length]!),
      { target: 'y', positive: '1', exclude: ['id'], params: { rounds: 5 } },
    );
    const income = r.manifest.features.find((f) => f.name === 'income')!;
    expect(income.kind).toBe('numeric');
    expect(income.missingShare).toBeCloseTo(0.1, 10);
    expect(r.report.warnings.filter((w) => w.column === 'income')).toEqual([]);
  });

  it('--na replaces the tokens; an unlisted token makes the column categorical with a warning naming it', () => {
    const text = csv(() => '-999x');
    const plain = trainFromCsv(text, { target: 'y', positive: '1', exclude: ['id'], params: { rounds: 5 } });
    expect(plain.manifest.features.find((f) => f.name === 'income')!.kind).toBe('categorical');
    const w = plain.report.warnings.find((x) => x.column === 'income' && x.code === 'numeric_looking_categorical');
    expect(w?.message).toMatch(/180 of 200 values are numbers.*"-999x"/);
    const fixed = trainFromCsv(text, { target: 'y', positive: '1', exclude: ['id'], naTokens: ['-999x'], params: { rounds: 5 } });
    expect(fixed.manifest.features.find((f) => f.name === 'income')!.kind).toBe('numeric');
  });

  it('a column with nearly one category per row is warned about as high-cardinality', () => {
    const r = trainFromCsv(
      csv(() => ''),
      { target: 'y', positive: '1', params: { rounds: 5 } },
    );
    expect(r.report.warnings).toContainEqual(expect.objectContaining({ code: 'high_cardinality_categorical', column: 'id' }));
    expect(r.report.warnings.some((w) => w.column === 'tier')).toBe(false);
  });

  it('without early stopping no row is held out unless asked', () => {
    const r = trainFromCsv(
      csv(() => ''),
      { target: 'y', positive: '1', exclude: ['id'], params: { rounds: 5 } },
    );
    expect(r.manifest.metrics).toMatchObject({ trainRows: 200, holdoutRows: 0 });
    expect(r.report.rows).toEqual({ total: 200, train: 200, holdout: 0, finalModel: 200 });
    const asked = trainFromCsv(
      csv(() => ''),
      { target: 'y', positive: '1', exclude: ['id'], validationFraction: 0.25, params: { rounds: 5 } },
    );
    expect(asked.manifest.metrics).toMatchObject({ trainRows: 150, holdoutRows: 50 });
  });

  it('--refit trains the final model on every row with the rounds early stopping picked', () => {
    const opts = { target: 'y', positive: '1', exclude: ['id'], params: { rounds: 200, earlyStoppingRounds: 3, learningRate: 0.3 } } as const;
    const stopped = trainFromCsv(
      csv(() => ''),
      opts,
    );
    expect(stopped.report.rows).toMatchObject({ train: 160, holdout: 40, finalModel: 160 });
    const refit = trainFromCsv(
      csv(() => ''),
      { ...opts, refit: true },
    );
    expect(refit.report.rounds).toEqual({
      picked: stopped.model.bestIteration,
      refit: true,
      asked: 200,
      run: stopped.model.log.length,
      earlyStoppingRounds: 3,
    });
    expect(refit.model.ensemble.trees).toHaveLength(stopped.model.bestIteration);
    expect(refit.report.rows.finalModel).toBe(200);
    expect(refit.manifest.params.refit).toBe(true);
    expect(refit.manifest.metrics?.holdoutLogLoss).toBe(stopped.manifest.metrics?.holdoutLogLoss);
    expect(() =>
      trainFromCsv(
        csv(() => ''),
        { ...opts, validationFraction: 0 },
      ),
    ).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'holdout_required' })] }));
  });

  it('the command prints each warning and writes training-report.json', () => {
    const data = join(work, 'd.csv');
    writeFileSync(
      data,
      csv(() => 'missing'),
    );
    const out: string[] = [];
    const err: string[] = [];
    const code = runTrainCommand(['--data', data, '--target', 'y', '--positive', '1', '--rounds', '5', '--out', join(work, 'm')], {
      stdout: (t) => void out.push(t),
      stderr: (t) => void err.push(t),
    });
    expect(code).toBe(0);
    expect(err.join('')).toMatch(/warning \(numeric_looking_categorical\): "income"/);
    expect(err.join('')).toMatch(/warning \(high_cardinality_categorical\): "id"/);
    const report = JSON.parse(readFileSync(join(work, 'm', 'training-report.json'), 'utf8')) as { warnings: unknown[] };
    expect(report.warnings.length).toBe(err.join('').match(/^warning/gm)!.length);
  });
});
