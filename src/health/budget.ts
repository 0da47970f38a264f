import { z } from 'zod';
import { PositiveFen } from './money.js';
import { SpendingCategory } from './category.js';
import { issueCode, parseWith } from './validate.js';

const CategoryBudgets = z.partialRecord(SpendingCategory, PositiveFen);

/**
 * Category budgets, refusing a `"__proto__"` key (an own key, as JSON.parse writes it) as
 * `unrecognized_key` like any other key that is not a category: zod's record skips that key, so
 * without this it vanished from the budget without a word.
 */
const CategoryBudgetsNoProto = z.preprocess<unknown, typeof CategoryBudgets, z.input<typeof CategoryBudgets>>((value, ctx) => {
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
    ctx.addIssue({ code: 'unrecognized_keys', keys: ['__proto__'], path: [], message: 'Unrecognized key: "__proto__"' });
  }
  return value;
}, CategoryBudgets);

/**
 * A monthly spending budget, overall and optionally per category, in integer fen. The same budget
 * applies to every month until the customer changes it. Each amount is at least 1 fen so that
 * "share used" is always defined; a category budget above the overall one is refused as a typo.
 * Categories without a budget count toward the overall budget only.
 */
export const MonthlyBudget = z
  .strictObject({
    overall: PositiveFen.describe('Monthly budget for all spending, fen'),
    categories: CategoryBudgetsNoProto.default({}).describe('Monthly budget per category, fen'),
  })
  .superRefine((b, ctx) => {
    for (const [category, amount] of Object.entries(b.categories)) {
      if (amount !== undefined && amount > b.overall) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', category],
          message: `The ${category} budget is larger than the overall budget`,
          ...issueCode('category_budget_exceeds_overall'),
        });
      }
    }
  });
/** A validated monthly budget. */
export type MonthlyBudget = z.infer<typeof MonthlyBudget>;
/** A monthly budget as a caller writes it (`categories` optional). */
export type MonthlyBudgetInput = z.input<typeof MonthlyBudget>;

/** Validates a monthly budget; throws a ValidationError naming every bad field. */
export function parseMonthlyBudget(input: unknown): MonthlyBudget {
  return parseWith(MonthlyBudget, 'MonthlyBudget', input);
}
