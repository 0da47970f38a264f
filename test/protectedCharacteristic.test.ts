import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors/validationError.js';
import { featureDefinitions } from '../src/features/featureDefinitions.js';
import { fitTabularEncoding } from '../src/train/dataset/tabularEncoding.js';
import { parseCsv } from '../src/train/dataset/parseCsv.js';
import { protectedCharacteristicOf } from '../src/train/dataset/protectedCharacteristic.js';

describe('protectedCharacteristicOf: the trainer refuses protected characteristics by normalised name and synonym', () => {
  it.each([
    ['sex_male', 'sex'],
    ['gender.F', 'sex'],
    ['Personal.Female.Single', 'sex'],
    ['is_woman', 'sex'],
    ['MaritalStatus', 'marital_status'],
    ['maritalstatus', 'marital_status'],
    ['spouse_income', 'marital_status'],
    ['religion_code', 'religion'],
    ['Ethnicity', 'ethnicity'],
    ['race', 'ethnicity'],
    ['nation', 'nationality'],
    ['Nationality', 'nationality'],
    ['hukou_type', 'nationality'],
    ['is_pregnant', 'pregnancy'],
    ['disease_history', 'health'],
    ['HealthStatus', 'health'],
    ['bloodType', 'biometric'],
    ['DNA_marker', 'genetic'],
    ['SexualOrientation', 'sexual_orientation'],
    ['性别', 'sex'],
    ['婚姻状况', 'marital_status'],
    ['民族', 'ethnicity'],
    ['血型', 'biometric'],
  ])('%s -> %s', (name, expected) => {
    expect(protectedCharacteristicOf(name)).toBe(expected);
  });

  it('passes every built-in feature and ordinary columns (no false alarms on "national", "international", "financial health")', () => {
    for (const f of featureDefinitions) expect(protectedCharacteristicOf(f.name), f.name).toBeNull();
    for (const name of [
      'applicant_id',
      'monthly_income',
      'debt_ratio',
      'months_employed',
      'occupation',
      'defaulted',
      'cert_national_scholarship',
      'international_student',
      'financial_health_score',
      'manufacturing_share',
    ]) {
      expect(protectedCharacteristicOf(name), name).toBeNull();
    }
  });

  it('refuses such a column in training data with a typed error naming it and the characteristic; --exclude overrides', () => {
    const t = parseCsv('sex_male,Personal.Female.Single,income,bad\n1,0,1,1\n0,1,2,0\n1,0,3,0\n0,0,4,1\n');
    let err: unknown;
    try {
      fitTabularEncoding(t, { target: 'bad', positive: '1' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const issues = (err as ValidationError).issues;
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['protected_characteristic', 'columns.sex_male'],
      ['protected_characteristic', 'columns.Personal.Female.Single'],
    ]);
    expect(issues[0]?.message).toContain('(sex)');
    const ok = fitTabularEncoding(t, { target: 'bad', positive: '1', exclude: ['sex_male', 'Personal.Female.Single'] });
    expect(ok.encodings.map((e) => e.name)).toEqual(['income']);
  });
});
