// One order for every held line's reasons (heldLineFirst: decide and reassess through finishDecision,
// reductions through reduceLine), and the hold and a lapse that moved the limit kept among the four
// principal reasons (owedWithin).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heldLineFirst, lapseMovedLimit, owedWithin } from '../../src/decision/heldLineFirst.js';
import { LIMIT_SETTING_REASONS, policyReasons, type PolicyReasonCode } from '../../src/policy/policyReasons.js';

const HELD: PolicyReasonCode = 'line_held_for_review';
const isLimit = (c: string) => LIMIT_SETTING_REASONS.has(c as PolicyReasonCode);
const codes = Object.keys(policyReasons) as PolicyReasonCode[];
const causes = codes.filter((c) => !isLimit(c));
const limits = codes.filter((c) => isLimit(c) && c !== HELD && c !== 'customer_reduction');
const followers: PolicyReasonCode[] = ['evidence_expired', 'evidence_not_in_update', 'evidence_no_longer_accepted'];
const SETTINGS = { seed: 46, numRuns: 300 };

/** Distinct codes in a drawn order, the hold among them or not. */
const listArbitrary = fc.uniqueArray(fc.constantFrom(...codes), { maxLength: 8 });

describe('heldLineFirst', () => {
  it('law: the hold is named once, before every limit, followed at once by what follows it; nothing lost, nothing else reordered', () => {
    fc.assert(
      fc.property(listArbitrary, fc.uniqueArray(fc.constantFrom(...followers), { maxLength: 2 }), (items, following) => {
        const out = heldLineFirst(items, (c) => c, HELD, following, isLimit);
        const at = out.indexOf(HELD);
        expect(out.filter((c) => c === HELD)).toHaveLength(1);
        expect(out.slice(0, at).some((c) => c !== 'customer_reduction' && isLimit(c))).toBe(false);
        const added = following.filter((f) => !items.includes(f));
        expect(out.slice(at + 1, at + 1 + added.length)).toEqual(added);
        expect(new Set(out)).toEqual(new Set([...items, HELD, ...following]));
        const others = (l: readonly PolicyReasonCode[]) => l.filter((c) => c !== HELD && !added.includes(c));
        expect(others(out)).toEqual(others(items));
      }),
      SETTINGS,
    );
  });

  it('law: a hold already ahead of every limit stays where it is (a held prior keeps its order)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...causes), { maxLength: 4 }),
        fc.uniqueArray(fc.constantFrom(...limits), { maxLength: 3 }),
        fc.nat(),
        (before, after, k) => {
          const head = [...before.slice(0, k % (before.length + 1)), HELD, ...before.slice(k % (before.length + 1))];
          const items = [...head, ...after];
          expect(heldLineFirst(items, (c) => c, HELD, [], isLimit)).toEqual(items);
        },
      ),
      SETTINGS,
    );
  });

  it('law: on decide and reassess (no hold carried) the order is the one they gave before it was shared: the hold (when held) and what follows it, just before the first limit', () => {
    // The splice finishDecision did itself until this function served it too: decisions keep their bytes.
    const before = (items: readonly string[], held: boolean, following: readonly string[]) => {
      const out = [...items];
      const first = out.findIndex(isLimit);
      out.splice(first === -1 ? out.length : first, 0, ...(held ? [HELD] : []), ...following);
      return out;
    };
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...codes.filter((c) => c !== HELD && c !== 'customer_reduction' && !followers.includes(c))), { maxLength: 8 }),
        fc.uniqueArray(fc.constantFrom(...followers), { maxLength: 3 }),
        fc.boolean(),
        (items, following, held) => {
          expect(heldLineFirst(items, (c) => c, held ? HELD : null, following, isLimit)).toEqual(before(items, held, following));
        },
      ),
      SETTINGS,
    );
  });

  it('a line not held: what follows goes just before the first limit, a hold carried is left where it is', () => {
    expect(heldLineFirst(['current_past_due', 'limit_risk_grade'], (c) => c, null, ['evidence_expired'], isLimit)).toEqual([
      'current_past_due',
      'evidence_expired',
      'limit_risk_grade',
    ]);
    expect(heldLineFirst(['limit_risk_grade', HELD], (c) => c, null, [], isLimit)).toEqual(['limit_risk_grade', HELD]);
  });

  it('the knock-outs of a held reassessment, then the hold and the lapsed certificate, then the cap', () => {
    expect(heldLineFirst(['current_past_due', 'limit_risk_grade', 'too_many_enquiries'], (c) => c, HELD, ['evidence_expired'], isLimit)).toEqual([
      'current_past_due',
      HELD,
      'evidence_expired',
      'limit_risk_grade',
      'too_many_enquiries',
    ]);
  });
});

const blind: PolicyReasonCode[] = ['age_below_minimum', 'age_above_maximum', 'current_past_due', 'too_many_delinquencies', 'too_many_enquiries'];

describe('owedWithin', () => {
  it('law: the hold, and the first lapse where it moved the limit, are among the first four; the rest keep their order, the causes first; a list whose owed reasons are already there is unchanged', () => {
    fc.assert(
      fc.property(listArbitrary, fc.integer({ min: 2, max: 4 }), fc.uniqueArray(fc.constantFrom(...codes), { maxLength: 3 }), (items, room, more) => {
        const policyCodes = [...items, ...more];
        const out = owedWithin(items, (c) => c, room, policyCodes);
        expect([...out].sort()).toEqual([...items].sort());
        const lapse = items.find((c) => followers.includes(c));
        const owed = [...(items.includes(HELD) ? [HELD] : []), ...(lapse !== undefined && lapseMovedLimit(policyCodes) ? [lapse] : [])];
        for (const c of owed) expect(out.indexOf(c), `${c} in ${out.join(', ')}`).toBeLessThan(room);
        // Nothing else moves against its own kind: the owed keep their order, and so does everything else.
        expect(out.filter((c) => owed.includes(c))).toEqual(items.filter((c) => owed.includes(c)));
        expect(out.filter((c) => !owed.includes(c))).toEqual(items.filter((c) => !owed.includes(c)));
        // The causes ahead take the places the owed leave: what comes first is never pushed behind what came after it.
        const head = out.slice(0, room).filter((c) => !owed.includes(c));
        expect(head).toEqual(items.filter((c) => !owed.includes(c)).slice(0, head.length));
        if (owed.every((c) => items.indexOf(c) < room)) expect(out).toEqual(items);
      }),
      SETTINGS,
    );
  });

  it('law: a lapse moved the limit unless a knock-out no certificate moves applies; it names a lapse or it moved nothing', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...codes), { maxLength: 8 }), (policyCodes) => {
        const lapsed = policyCodes.some((c) => followers.includes(c));
        expect(lapseMovedLimit(policyCodes)).toBe(lapsed && !policyCodes.some((c) => blind.includes(c)));
      }),
      SETTINGS,
    );
  });

  it('her request and three knock-outs ahead of the hold: the hold takes the fourth place', () => {
    const given = ['customer_reduction', 'current_past_due', 'too_many_delinquencies', 'pd_in_refer_band', HELD, 'limit_risk_grade'];
    expect(owedWithin(given, (c) => c, 4, given).slice(0, 4)).toEqual(['customer_reduction', 'current_past_due', 'too_many_delinquencies', HELD]);
  });

  it('the refer band, a student, a self-declared income, then the hold and the expired IELTS: the hold and the expiry take the last two places', () => {
    const given = ['pd_in_refer_band', 'student_without_second_source', 'self_declared_income_high', HELD, 'evidence_expired'];
    expect(owedWithin(given, (c) => c, 4, given)).toEqual([
      'pd_in_refer_band',
      'student_without_second_source',
      HELD,
      'evidence_expired',
      'self_declared_income_high',
    ]);
  });

  it('an account past due: the knock-outs decided whatever the evidence, the lapse waits behind them', () => {
    const given = ['current_past_due', 'pd_in_refer_band', 'student_without_second_source', HELD, 'evidence_expired'];
    expect(owedWithin(given, (c) => c, 4, given)).toEqual(['current_past_due', 'pd_in_refer_band', 'student_without_second_source', HELD, 'evidence_expired']);
  });
});
