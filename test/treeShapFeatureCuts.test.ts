import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binOf, binSplit, featureCuts } from '../src/explain/treeShap/featureCuts.js';
import { SignSplitHow, signSplit } from '../src/explain/treeShap/signSplit.js';
import { goesTrue } from '../src/explain/treeShap/splitDecision.js';
import { NodeMode } from '../src/model/treeEnsemble.js';

const SPECIAL = [
  0,
  -0,
  1.401298464324817e-45,
  -1.401298464324817e-45,
  1.1754943508222875e-38,
  3.4028234663852886e38,
  -3.4028234663852886e38,
  Infinity,
  -Infinity,
  0.1,
  -0.5,
  1,
];
const float32 = fc.oneof(
  fc.constantFrom(...SPECIAL.map(Math.fround)),
  fc.float({ noNaN: true }).map(Math.fround),
  fc.float({ min: Math.fround(-2), max: Math.fround(2), noNaN: true }),
);
const split = fc.record({ mode: fc.integer({ min: NodeMode.BRANCH_LEQ, max: NodeMode.BRANCH_NEQ }), threshold: float32, missingTrue: fc.boolean() });

/** One feature's splits in bin form, decided the way `treeShapBlock` decides them. */
function binDecide(splits: { mode: number; threshold: number; missingTrue: boolean }[], k: number, x: number): number | undefined {
  const s = splits[k] as (typeof splits)[number];
  const form = signSplit(s.mode, s.threshold);
  if (form.how === SignSplitHow.GENERIC) return undefined;
  const sign = splits.map((t) => signSplit(t.mode, t.threshold)).filter((f) => f.how !== SignSplitHow.GENERIC);
  const cuts = featureCuts(
    1,
    sign.map((f) => ({ feature: 0, cut: f.cut })),
  );
  const nanTrue = s.missingTrue || s.mode === NodeMode.BRANCH_NEQ ? 1 : 0;
  const { column, cutIndex } = binSplit(cuts, 0, form.cut, form.how, nanTrue);
  const nCuts = cuts.cuts.length;
  const bin = x !== x ? (column === 1 ? nCuts : 0) : binOf(cuts, 0, x);
  return ((cutIndex - bin) >>> 31) ^ 1 ^ form.how;
}

describe('split decisions as bin comparisons', () => {
  it("decide exactly as goesTrue (the runtime) for every sign-testable mode, threshold and value, with the feature's other cuts around, NaN included", () => {
    fc.assert(
      fc.property(
        fc.array(split, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.oneof(float32, fc.constant(Number.NaN)),
        fc.integer({ min: -1, max: 1 }),
        (splits, pick, value, nudge) => {
          const k = pick % splits.length;
          const s = splits[k] as (typeof splits)[number];
          // Values one float32 step from the threshold, where strict and non-strict modes differ.
          const x =
            nudge === 0 || !Number.isFinite(value)
              ? value
              : Math.fround(s.threshold + nudge * Math.max(Math.abs(s.threshold) * 2 ** -23, 1.401298464324817e-45));
          const decided = binDecide(splits, k, x);
          if (decided !== undefined) expect(decided).toBe(goesTrue(s.mode, x, s.threshold, s.missingTrue ? 1 : 0) ? 1 : 0);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('bins never fall as the value rises, and stay within 0 .. number of cuts', () => {
    fc.assert(
      fc.property(fc.array(float32.filter(Number.isFinite), { maxLength: 20 }), float32, float32, (raw, a, b) => {
        const cuts = featureCuts(
          1,
          raw.map((cut) => ({ feature: 0, cut: cut === 0 ? 0 : cut })),
        );
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(binOf(cuts, 0, lo)).toBeLessThanOrEqual(binOf(cuts, 0, hi));
        for (const v of [lo, hi]) {
          expect(binOf(cuts, 0, v)).toBeGreaterThanOrEqual(0);
          expect(binOf(cuts, 0, v)).toBeLessThanOrEqual(cuts.cuts.length);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
