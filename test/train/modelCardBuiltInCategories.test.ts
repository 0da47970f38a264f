// The card of a model trained on `creditlift featurize` output, the README's one training path:
// `train` codes categories in the order it meets them, never in a built-in feature's own order, and
// a book may hold only some of a feature's categories (no students). The card compared the two
// lists whole, so it said of `employment_type`, `industry` and `region` "the data's own column: the
// built-in feature of this name is of other categories, so it is not what this column holds",
// while the scorer computes exactly those features for that model (it checks only that every
// category the model codes is one the feature produces).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrainCommand } from '../../src/train/commands/trainCommand.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-card-categories-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Every region (the built-in feature's order is east, central, west, northeast; train codes its
// own), and three of the six employment types (not farmer, student, other).
const regions = ['west', 'east', 'central', 'northeast'];
const types = ['gig', 'salaried', 'self_employed'];

function rowsCsv(employmentTypes: readonly string[]): string {
  const lines = ['region,employment_type,income_rmb,defaulted'];
  for (let i = 0; i < 80; i++) {
    const income = 3000 + ((i * 37) % 80) * 100;
    lines.push(`${regions[i % 4]},${employmentTypes[i % employmentTypes.length]},${income},${income < 5000 && i % 3 !== 0 ? 1 : 0}`);
  }
  return `${lines.join('\n')}\n`;
}

function cardOf(name: string, csv: string): string {
  const data = join(work, `${name}.csv`);
  writeFileSync(data, csv);
  const out = join(work, name);
  const err: string[] = [];
  const code = runTrainCommand(['--data', data, '--target', 'defaulted', '--positive', '1', '--rounds', '5', '--out', out], {
    stdout: () => {},
    stderr: (t) => void err.push(t),
  });
  expect(code, err.join('')).toBe(0);
  return readFileSync(join(out, 'MODEL_CARD.md'), 'utf8');
}

const rowOf = (card: string, feature: string): string => {
  const row = card.split('\n').find((l) => l.includes(`| \`${feature}\` |`));
  expect(row, feature).toBeDefined();
  return row as string;
};

describe('the model card of a model coding built-in categories in its own order', () => {
  let card: string;
  beforeAll(() => {
    card = cardOf('featurized', rowsCsv(types));
  });

  it('names region, coded in another order than the built-in feature, as the built-in feature', () => {
    const row = rowOf(card, 'region');
    const order = /code order: ((?:`\w+`(?:, )?)+) \|/.exec(row)?.[1];
    expect(order, 'not the built-in order east, central, west, northeast').not.toBe('`east`, `central`, `west`, `northeast`');
    expect(order?.split(', ').sort()).toEqual(['`central`', '`east`', '`northeast`', '`west`']);
    expect(row).toContain('built-in: ');
    expect(row).toContain('from `residence.region`');
    expect(row).not.toContain("the data's own column");
  });

  it('names employment_type, holding some of the built-in categories, as the built-in feature, and the categories it never learned', () => {
    const row = rowOf(card, 'employment_type');
    expect(row).toContain('built-in: ');
    expect(row).not.toContain("the data's own column");
    expect(row).toContain('built-in categories the model never learned, scored as missing: `farmer`, `student`, `other`');
  });

  it('says nothing of unlearned categories where the model codes every one', () => {
    expect(rowOf(card, 'region')).not.toContain('never learned');
  });

  it('still says a column coding a category the built-in feature never produces is not the built-in feature', () => {
    const own = cardOf('own', rowsCsv(['gig', 'salaried', 'retired']));
    const row = rowOf(own, 'employment_type');
    expect(row).toContain("the data's own column: the built-in feature of this name is of other categories (it never produces `retired`)");
    expect(row).not.toContain('built-in: ');
  });
});
