import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvidenceAssessment } from '../src/evidence/evidenceAssessment.js';
import { createFeatureEncoder, defaultFeatureColumns, featureDefinitions } from '../src/features/index.js';
import { baseApplicant } from './helpers/baseApplicant.js';

const encoder = createFeatureEncoder(defaultFeatureColumns());
const col = (name: string) => encoder.names.indexOf(name);
function encode(applicant = baseApplicant(), evidence: EvidenceAssessment[] = []): Float32Array {
  const out = new Float32Array(encoder.width);
  encoder.encode({ applicant, evidence }, out);
  return out;
}
const accepted = (category: EvidenceAssessment['category'], strength: number, index = 0): EvidenceAssessment => ({
  index,
  kind: 'ielts',
  category,
  status: 'accepted',
  reasons: [],
  strength,
  scaleValue: undefined,
  credentialId: `c${index}`,
});
const categories = ['professional', 'language', 'honour', 'gig'] as const;
const assessmentArb = fc
  .record({
    category: fc.constantFrom(...categories),
    strength: fc.double({ min: 0, max: 1, noNaN: true }),
    accepted: fc.boolean(),
  })
  .map(
    ({ category, strength, accepted: ok }): EvidenceAssessment => ({
      index: 0,
      kind: 'k',
      category,
      status: ok ? 'accepted' : 'rejected',
      reasons: ok ? [] : ['expired'],
      strength: ok ? strength : 0,
      scaleValue: undefined,
      credentialId: 'x',
    }),
  );

describe('feature engineering', () => {
  it('documents every feature with meaning, unit, sources and a monotone direction', () => {
    for (const d of featureDefinitions) {
      expect(d.description.length).toBeGreaterThan(5);
      expect(d.unit.length).toBeGreaterThan(0);
      expect(d.sources.length).toBeGreaterThan(0);
      expect([-1, 0, 1]).toContain(d.monotone);
    }
    expect(new Set(featureDefinitions.map((d) => d.name)).size).toBe(featureDefinitions.length);
  });

  it('computes dates relative to asOf and money in RMB', () => {
    const row = encode();
    expect(row[col('age_years')]).toBeCloseTo(27 + 5 / 12, 5);
    expect(row[col('employment_tenure_months')]).toBe(32);
    expect(row[col('income_rmb')]).toBe(6000);
    expect(row[col('debt_service_ratio')]).toBeCloseTo(50_000 / 600_000, 6);
  });

  it('turns absent values into NaN: thin file, never billed, no start date', () => {
    const a = baseApplicant({
      bureau: { hasFile: false },
      platform: { accountAgeMonths: 2, transactions3m: 0, transactionAmount3m: 0 },
      employment: { type: 'gig', industry: 'transport_logistics' },
    });
    const row = encode(a);
    for (const name of [
      'bureau_enquiries_6m',
      'bureau_delinquencies_24m',
      'platform_on_time_rate',
      'platform_utilization',
      'platform_average_use_rmb',
      'employment_tenure_months',
    ]) {
      expect(row[col(name)], name).toBeNaN();
    }
    expect(row[col('bureau_has_file')]).toBe(0);
  });

  it('follows the manifest column order and its category codes; unknown categories become NaN', () => {
    const custom = createFeatureEncoder({
      features: [
        { name: 'industry', kind: 'categorical', categories: ['construction', 'manufacturing'], monotone: 0 },
        { name: 'income_rmb', kind: 'numeric', monotone: -1 },
        { name: 'region', kind: 'categorical', categories: ['east'], monotone: 0 },
      ],
    });
    const out = new Float32Array(3);
    custom.encode({ applicant: baseApplicant(), evidence: [] }, out);
    expect([...out.slice(0, 2)]).toEqual([1, 6000]);
    expect(out[2]).toBeNaN();
  });

  it('rejects a model that needs a feature creditlift does not compute', () => {
    expect(() => createFeatureEncoder({ features: [{ name: 'favourite_colour', kind: 'numeric', monotone: 0 }] })).toThrow(/favourite_colour/);
  });

  it('law: adding an accepted certificate never moves a certificate feature against the applicant', () => {
    fc.assert(
      fc.property(
        fc.array(assessmentArb, { maxLength: 8 }),
        fc.constantFrom(...categories),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (existing, category, strength) => {
          const before = encode(undefined, existing);
          const after = encode(undefined, [...existing, accepted(category, strength, existing.length)]);
          for (const d of featureDefinitions.filter((f) => f.factor === 'certificates')) {
            const j = col(d.name);
            // monotone -1 features lower risk as they grow: they may only grow.
            expect(after[j]!).toBeGreaterThanOrEqual(before[j]!);
          }
        },
      ),
    );
  });

  it('law: more income never moves an income-linked feature towards more risk', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 1, max: 5_000_000 }), (income, raise) => {
        const lo = encode(baseApplicant({ income: { monthlyNet: income, source: 'payroll' } }));
        const hi = encode(baseApplicant({ income: { monthlyNet: income + raise, source: 'payroll' } }));
        for (const d of featureDefinitions) {
          if (!d.sources.includes('income.monthlyNet') || d.monotone === 0) continue;
          const j = col(d.name);
          if (d.monotone === -1) expect(hi[j]!).toBeGreaterThanOrEqual(lo[j]!);
          else expect(hi[j]!).toBeLessThanOrEqual(lo[j]!);
        }
      }),
    );
  });

  it('is deterministic: same input, same bytes', () => {
    const ev = [accepted('language', 0.7), accepted('gig', 0.4, 1)];
    expect(Buffer.from(encode(undefined, ev).buffer)).toEqual(Buffer.from(encode(undefined, ev).buffer));
  });
});
