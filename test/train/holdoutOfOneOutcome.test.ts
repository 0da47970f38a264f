// A seeded holdout whose rows all hold one outcome cannot measure AUC or KS: `train` left both out of
// its summary and training-report.json without a word. Now it is a `holdout_one_outcome` warning
// naming the outcome held and the ways out, on stderr, in the report and in the summary line; with
// early stopping it also says the rounds were picked by log-loss on that one outcome alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTrainCommand, trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { holdoutSplit } from '../../src/train/gbdt/holdoutSplit.js';

// Seed 0 holds out 8 of 40 rows; the bad outcome ("1") only on rows trained on, so the holdout is all "0".
const held = new Set(holdoutSplit(40, 0.2, 0).validRows);
const csv = `x,y\n${Array.from({ length: 40 }, (_, i) => `${i % 7},${!held.has(i) && i % 3 === 0 ? 1 : 0}`).join('\n')}\n`;
const work = mkdtempSync(join(tmpdir(), 'creditlift-holdout-one-outcome-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a holdout of one outcome is a warning, not silently missing AUC and KS', () => {
  it('trainFromCsv: the report warns, naming the outcome held, and holds no AUC or KS', () => {
    const { report, manifest } = trainFromCsv(csv, { target: 'y', positive: '1', params: { rounds: 2 }, validationFraction: 0.2 });
    expect(report.warnings.filter((w) => w.code === 'holdout_one_outcome')).toEqual([
      {
        code: 'holdout_one_outcome',
        column: 'y',
        message:
          'the holdout (validationFraction 0.2, seed 0) holds only "0": all 8 of its rows have "y" = "0", so its AUC and KS cannot be measured and are left out; give another --seed, a larger --validation-fraction, or more rows of "1"',
      },
    ]);
    expect(manifest.metrics?.holdoutAuc).toBeUndefined();
    expect(manifest.metrics?.holdoutLogLoss).toBeTypeOf('number');
  });

  it('with early stopping the warning also says the rounds were picked on that one outcome alone', () => {
    const { report } = trainFromCsv(csv, { target: 'y', positive: '1', params: { rounds: 4, earlyStoppingRounds: 2 }, validationFraction: 0.2 });
    const warning = report.warnings.find((w) => w.code === 'holdout_one_outcome');
    expect(warning?.message).toContain(
      `; early stopping picked ${report.rounds.picked} rounds by the log-loss of these "0" rows alone, which rewards pushing every prediction toward "0", not telling the outcomes apart`,
    );
  });

  it('a holdout of both outcomes is not warned of', () => {
    const both = `x,y\n${Array.from({ length: 40 }, (_, i) => `${i % 7},${i % 3 === 0 ? 1 : 0}`).join('\n')}\n`;
    const { report, manifest } = trainFromCsv(both, { target: 'y', positive: '1', params: { rounds: 2 }, validationFraction: 0.2 });
    expect(report.warnings.map((w) => w.code)).not.toContain('holdout_one_outcome');
    expect(manifest.metrics?.holdoutAuc).toBeTypeOf('number');
  });

  it('train: the warning on stderr and in training-report.json, and the summary says AUC and KS were not measured', async () => {
    const { writeFileSync } = await import('node:fs');
    const data = join(work, 'data.csv');
    writeFileSync(data, csv);
    const out: string[] = [];
    const err: string[] = [];
    const code = runTrainCommand(
      ['--data', data, '--target', 'y', '--positive', '1', '--rounds', '2', '--validation-fraction', '0.2', '--out', join(work, 'm')],
      {
        stdout: (t) => void out.push(t),
        stderr: (t) => void err.push(t),
      },
    );
    expect(code).toBe(0);
    expect(err.join('')).toContain('warning (holdout_one_outcome): the holdout (validationFraction 0.2, seed 0) holds only "0"');
    expect(out.join('')).toMatch(/holdout \(8 rows\): AUC and KS not measured \(every row is "0"\), log-loss \d\.\d{4}/);
    const report = JSON.parse(readFileSync(join(work, 'm', 'training-report.json'), 'utf8')) as { warnings: { code: string }[] };
    expect(report.warnings.map((w) => w.code)).toContain('holdout_one_outcome');
  });
});
