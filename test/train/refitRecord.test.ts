// findings (traingaps 2): `train --early-stopping 10 --refit --rounds 200` wrote the refit run's settings
// as the model's: manifest params `rounds: 17, earlyStoppingRounds: null` (the 200 asked and the patience
// of 10 gone), the report `rounds: { picked: 17, refit: true }` (not that early stopping chose them, nor
// how many rounds it ran), and the card's table "earlyStoppingRounds | none" under a model whose rounds
// early stopping chose; without early stopping, `--refit` printed "after the holdout picked 300 rounds",
// though nothing was picked. Now the manifest keeps the settings given and adds `refitRounds`, the report
// says how the rounds were chosen, and the card says both: chosen by early stopping on which holdout,
// then refit on every row with that many.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTrainCommand, trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { readModelFolder } from '../../src/train/modelCard/readModelFolder.js';
import { renderTrainedModelCard } from '../../src/train/modelCard/renderTrainedModelCard.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'train', 'loans.csv');
const text = readFileSync(fixture, 'utf8');
const work = mkdtempSync(join(tmpdir(), 'creditlift-refit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const base = { target: 'defaulted', positive: 'yes', exclude: ['applicant_id'] } as const;

function trainCli(dir: string, extra: readonly string[]): { dir: string; out: string } {
  const out: string[] = [];
  const at = join(work, dir);
  const code = runTrainCommand(
    [
      '--data',
      fixture,
      '--target',
      'defaulted',
      '--positive',
      'yes',
      '--exclude',
      'applicant_id',
      '--seed',
      '7',
      '--learning-rate',
      '0.3',
      '--out',
      at,
      ...extra,
    ],
    { stdout: (t) => void out.push(t), stderr: () => undefined },
  );
  expect(code).toBe(0);
  return { dir: at, out: out.join('') };
}

describe('early stopping then --refit: the manifest, report and card say both', () => {
  it('the manifest keeps the settings given (rounds asked, patience) and records the refit rounds', () => {
    const stopped = trainFromCsv(text, { ...base, params: { rounds: 200, earlyStoppingRounds: 5, learningRate: 0.3, seed: 7 } });
    const refit = trainFromCsv(text, { ...base, refit: true, params: { rounds: 200, earlyStoppingRounds: 5, learningRate: 0.3, seed: 7 } });
    const picked = stopped.model.bestIteration;
    expect(picked).toBeLessThan(200);
    expect(refit.manifest.params).toMatchObject({ rounds: 200, earlyStoppingRounds: 5, validationFraction: 0.2, seed: 7, refit: true, refitRounds: picked });
    expect(refit.report.rounds).toEqual({ picked, refit: true, asked: 200, run: stopped.model.log.length, earlyStoppingRounds: 5 });
    expect(stopped.report.rounds).toEqual({ picked, refit: false, asked: 200, run: stopped.model.log.length, earlyStoppingRounds: 5 });
    expect(refit.model.ensemble.trees).toHaveLength(picked);
  });

  it('the card says the rounds were chosen by early stopping on which holdout, then refit on every row', () => {
    const { dir, out } = trainCli('es-refit', ['--rounds', '200', '--early-stopping', '5', '--refit']);
    const report = JSON.parse(readFileSync(join(dir, 'training-report.json'), 'utf8'));
    const { picked, run } = report.rounds;
    const card = renderTrainedModelCard(readModelFolder(dir));
    expect(card).toContain('| earlyStoppingRounds | 5 |');
    expect(card).toContain(`| refitRounds | ${picked} |`);
    expect(card).toContain(
      `Rounds: chosen by early stopping (stop after 5 rounds without a lower log-loss on the 80-row holdout, a share of 0.2 drawn with seed 7): it ran ${run} of at most 200 rounds and chose ${picked}. The final model was then refit on every row (400) with ${picked} rounds and no early stopping (\`--refit\`).`,
    );
    expect(card).toContain('These figures, and the calibration below, are of the model early stopping chose the rounds with.');
    expect(out).toContain(`(early stopping chose ${picked} rounds on the holdout, then refit on every row)`);
  });

  it('--refit without early stopping says the rounds were fixed, never "picked"', () => {
    const { dir, out } = trainCli('fixed-refit', ['--rounds', '12', '--validation-fraction', '0.25', '--refit']);
    const card = renderTrainedModelCard(readModelFolder(dir));
    expect(card).toContain(
      'Rounds: 12, as given (no early stopping). The model measured on the 100-row holdout trained them on the training split; the final model was then refit on every row (400) with the same 12 (`--refit`).',
    );
    expect(card).toContain('These figures, and the calibration below, are of the model trained on the training split with the same settings.');
    expect(card).not.toMatch(/picked|chose/);
    expect(out).toContain('(refit on every row with the 12 rounds given, after measuring on the holdout)');
  });

  it('law: picked <= run <= asked, run stops patience rounds past picked unless it reached asked, and the refit has picked trees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 3, max: 40 }), fc.integer({ min: 0, max: 5 }), (patience, rounds, seed) => {
        const r = trainFromCsv(text, { ...base, refit: true, params: { rounds, earlyStoppingRounds: patience, learningRate: 0.5, seed } });
        const { picked, run, asked } = r.report.rounds as { picked: number; run: number; asked: number };
        expect(asked).toBe(rounds);
        expect(picked).toBeLessThanOrEqual(run);
        expect(run).toBeLessThanOrEqual(asked);
        if (run < asked) expect(run - picked).toBe(patience);
        expect(r.model.ensemble.trees).toHaveLength(picked);
        expect(r.manifest.params.refitRounds).toBe(picked);
        expect(r.manifest.metrics?.trees).toBe(picked);
      }),
      { seed: 20261202, numRuns: 12 },
    );
  });
});
