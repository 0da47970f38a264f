import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelTextWidth } from '../../../src/report/charts/chartFrame.js';
import { distinctLabels } from '../../../src/report/charts/distinctLabels.js';
import { policyReasons } from '../../../src/policy/policyReasons.js';

const CERTIFICATE_REASONS = (['evidence_expired', 'evidence_not_in_update', 'evidence_no_longer_accepted'] as const).map((c) => policyReasons[c].en);

describe('distinctLabels', () => {
  it('the three "A certificate that counted at your last decision ..." reasons stay three labels, however narrow the room', () => {
    for (const room of [120, 200, 300, 388]) {
      const shown = distinctLabels(CERTIFICATE_REASONS, room);
      expect(new Set(shown).size, `room ${room}: ${shown.join(' | ')}`).toBe(3);
      for (const s of shown) expect(labelTextWidth(s), s).toBeLessThanOrEqual(room);
    }
  });

  it('a label that fits is shown whole; one that does not ends or breaks with an ellipsis', () => {
    expect(distinctLabels(['grade A', 'grade B'], 200)).toEqual(['grade A', 'grade B']);
    const [cut] = distinctLabels(['x'.repeat(100)], 140);
    expect(cut).toContain('\u2026');
  });

  it('labels differing only in the middle, or one the prefix of another, are told apart', () => {
    const middle = [`${'a'.repeat(60)}1${'b'.repeat(60)}`, `${'a'.repeat(60)}2${'b'.repeat(60)}`];
    expect(new Set(distinctLabels(middle, 150)).size).toBe(2);
    const prefix = ['W'.repeat(400), `${'W'.repeat(400)}X`, `${'W'.repeat(200)}`];
    expect(new Set(distinctLabels(prefix, 200)).size).toBe(3);
  });

  it('law: distinct labels get distinct shown labels, equal labels equal ones, and each fits its room', () => {
    const piece = fc.constantFrom('A certificate that counted ', 'at your last decision ', 'x', '证书', '\u202e', ' ', 'W'.repeat(30));
    const label = fc.array(piece, { minLength: 0, maxLength: 12 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 12 }), fc.integer({ min: 100, max: 400 }), (labels, room) => {
        const shown = distinctLabels(labels, room);
        expect(shown).toHaveLength(labels.length);
        for (let i = 0; i < labels.length; i++) {
          expect(labelTextWidth(shown[i]!), shown[i]).toBeLessThanOrEqual(room);
          for (let j = 0; j < i; j++) expect(shown[i] === shown[j], `${labels[i]} / ${labels[j]}`).toBe(labels[i] === labels[j]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
