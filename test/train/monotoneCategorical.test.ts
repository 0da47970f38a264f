// findings19-adoption F1: a monotone direction on a categorical column was taken silently by train,
// model import and defineFeatureSet. After one typo cell ("1,177") an income column became 975
// categories in text order, the lender's `income_rmb:-1` constrained those codes, income's effect
// was flattened (PD 0.0894 at every income), and the manifest still claimed "PD never rises with income".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { builtInFeatures, defineFeatureSet } from '../../src/features/featureSet.js';
import { ManifestFeatures } from '../../src/model/manifest.js';
import { trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { bureauScoreFeature } from '../helpers/lenderBureauScore.js';

/** A small book: income in RMB, a region, a default flag that falls with income. */
function book(incomeCell: (i: number) => string): string {
  const rows = ['income_rmb,region,defaulted'];
  for (let i = 0; i < 60; i++) rows.push(`${incomeCell(i)},${['east', 'west', 'central'][i % 3]},${i % 4 === 0 || (i < 20 && i % 2 === 1) ? 1 : 0}`);
  return `${rows.join('\n')}\n`;
}
const income = (i: number) => String(2000 + i * 150);
const issuesOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => `${i.path.join('.')} ${i.code}`);
    throw e;
  }
  return [];
};
const train = (csv: string, monotone: string) => () => trainFromCsv(csv, { target: 'defaulted', positive: '1', monotone, params: { rounds: 5 } });

describe('a monotone direction needs an ordered column', () => {
  it('train refuses a direction on a categorical column, naming it; 0 and numeric columns are taken', () => {
    expect(issuesOf(train(book(income), 'region:-1'))).toEqual(['monotone.region monotone_on_categorical']);
    expect(issuesOf(train(book(income), 'region:0,income_rmb:-1'))).toEqual([]);
  });

  it('an income column turned categorical by one typo cell is refused with the reason it became categorical', () => {
    const csv = book((i) => (i === 7 ? '"1,177"' : income(i)));
    let message = '';
    try {
      train(csv, 'income_rmb:-1')();
    } catch (e) {
      message = (e as ValidationError).issues[0]?.message ?? '';
    }
    expect(message).toContain('income_rmb');
    expect(message).toContain('1,177');
  });

  it('a manifest claiming a direction over category codes is refused (model import, loadModel)', () => {
    const feature = { name: 'region', kind: 'categorical', categories: ['east', 'west'], monotone: 1 };
    const parsed = ManifestFeatures.safeParse([feature]);
    expect(parsed.success).toBe(false);
    expect(ManifestFeatures.safeParse([{ ...feature, monotone: 0 }]).success).toBe(true);
  });

  it('law: defineFeatureSet refuses a categorical lender feature with any direction but 0, at its monotone (seeded)', () => {
    fc.assert(
      fc.property(fc.constantFrom<-1 | 0 | 1>(-1, 0, 1), (monotone) => {
        const declare = () =>
          defineFeatureSet({
            attributes: {},
            features: [
              ...builtInFeatures,
              { ...bureauScoreFeature, name: 'bureau_band', kind: 'categorical', categories: ['low', 'high'], monotone, compute: () => 'low' },
            ],
          });
        const found = issuesOf(declare);
        expect(found.some((i) => i.endsWith('.monotone monotone_on_categorical'))).toBe(monotone !== 0);
      }),
      { seed: 19, numRuns: 12 },
    );
  });
});
