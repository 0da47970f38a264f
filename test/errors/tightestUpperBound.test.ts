// A number past several upper bounds of its field is said once, by the tightest bound. Found from
// outside (F83): `income.monthlyNet: 1e300` was refused "expected int to be <=9007199254740991"
// (`.int()`'s safe-integer bound, which aborts before the field's own 10^12), and a month count of
// 1e300 got three too_big issues: 2^53, a Count's 1,000,000 and the field's own 600.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationIssuesFromZod } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { safeParseApplicant } from '../../src/schema/parseApplicant.js';
import { MAX_MONEY_FEN } from '../../src/schema/primitives.js';

const base = () => structuredClone(exampleApplicants[0]!.applicant) as unknown as { income: Record<string, unknown>; platform: Record<string, unknown> };
const issuesWith = (set: (a: ReturnType<typeof base>) => void) => {
  const a = base();
  set(a);
  const r = safeParseApplicant(a);
  return r.ok ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('a number past its field’s bound is one issue, naming the field’s bound', () => {
  it.each([2e12, 2 ** 53, 1e300])('money: income.monthlyNet %d', (v) => {
    expect(issuesWith((a) => (a.income.monthlyNet = v))).toEqual([
      `income.monthlyNet: at most ${MAX_MONEY_FEN} fen (10,000,000,000 RMB); an amount above it is taken for a data error (another unit, a sentinel)`,
    ]);
  });

  it.each([601, 2e12, 1e300])('a count with a bound of its own: platform.accountAgeMonths %d', (v) => {
    expect(issuesWith((a) => (a.platform.accountAgeMonths = v))).toEqual(['platform.accountAgeMonths: Too big: expected number to be <=600']);
  });

  it('law: over any chain of upper bounds, one issue per path, at the smallest bound; other issues kept', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 4 }),
        fc.oneof(fc.integer({ min: 1_000_001, max: 2 ** 31 }), fc.constantFrom(2e12, 2 ** 53, 2 ** 60, 1e300)),
        (bounds, v) => {
          const schema = bounds.reduce((s, b) => s.max(b), z.number().int());
          const r = z.object({ n: schema, s: z.string() }).safeParse({ n: v, s: 1 });
          const issues = r.success ? [] : validationIssuesFromZod(r.error);
          expect(issues.filter((i) => i.path[0] === 'n').map((i) => i.message)).toEqual([`Too big: expected number to be <=${Math.min(...bounds)}`]);
          expect(issues.filter((i) => i.path[0] === 's')).toHaveLength(1);
        },
      ),
      { seed: 2026, numRuns: 50 },
    );
  });
});
