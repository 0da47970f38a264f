import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import * as health from '../../src/health/index.js';

// Every public entry point, called with whatever a careless JavaScript caller might send.
const entryPoints: Record<string, (x: unknown) => unknown> = {
  parseTransactions: (x) => health.parseTransactions(x),
  parseMonthlyBudget: (x) => health.parseMonthlyBudget(x),
  parseBill: (x) => health.parseBill(x),
  budgetProgress: (x) => health.budgetProgress(x as never),
  budgetReminders: (x) => health.budgetReminders(x as never),
  categoryBreakdown: (x) => health.categoryBreakdown(x as never),
  monthOverMonth: (x) => health.monthOverMonth(x as never, x as never),
  largestMerchants: (x) => health.largestMerchants(x as never),
  detectRecurring: (x) => health.detectRecurring(x as never),
  analyzeBills: (x) => health.analyzeBills(x as never),
  budgetHistory: (x) => health.budgetHistory(x as never),
  overBudgetStreak: (x) => health.overBudgetStreak(x as never, x as never),
  recommendLowerLimit: (x) => health.recommendLowerLimit(x as never),
  healthSummary: (x) => health.healthSummary(x as never),
};

const nearlyValid = fc.record(
  {
    budget: fc.oneof(fc.anything(), fc.record({ overall: fc.integer(), categories: fc.dictionary(fc.string(), fc.integer()) })),
    transactions: fc.oneof(
      fc.anything(),
      fc.array(
        fc.record(
          { id: fc.oneof(fc.string(), fc.constant('a')), time: fc.string(), amount: fc.integer(), merchant: fc.string(), category: fc.string() },
          { requiredKeys: [] },
        ),
      ),
    ),
    asOf: fc.oneof(fc.string(), fc.constant('2024-05-10')),
    month: fc.oneof(fc.string(), fc.constant('2024-05')),
    state: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('bad input', () => {
  for (const [name, call] of Object.entries(entryPoints)) {
    it(`law: ${name} answers bad input with a ValidationError listing the fields, never a crash`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), nearlyValid), (input) => {
          try {
            call(input);
          } catch (e) {
            expect(e).toBeInstanceOf(ValidationError);
            expect((e as ValidationError).issues.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});
