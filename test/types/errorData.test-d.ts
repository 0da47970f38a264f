// Type-level tests: checked by `tsc -p tsconfig.json` in `npm test` (never run, only compiled).
import { describe, expectTypeOf, it } from 'vitest';
import {
  type BatchResult,
  type BatchResultJson,
  type CreditliftErrorData,
  type DecisionErrorData,
  type PriorInvalidError,
  type ProblemDetails,
  toProblemDetails,
  type ValidationErrorData,
} from '../../src/index.js';

describe('errors and batch records', () => {
  it("PriorInvalidError's code is its literal", () => {
    expectTypeOf<PriorInvalidError['code']>().toEqualTypeOf<'prior_invalid'>();
  });

  it('toProblemDetails takes an error as data: a batch record error, a toJSON() value', () => {
    const r = {} as BatchResult;
    if (!r.ok) expectTypeOf(toProblemDetails(r.error)).toEqualTypeOf<ProblemDetails>();
    expectTypeOf<DecisionErrorData | CreditliftErrorData | ValidationErrorData>().toExtend<Parameters<typeof toProblemDetails>[0]>();
  });

  it('an ok BatchResultJson record always carries apr, previousLimit and highestPlanCost', () => {
    type Ok = Extract<BatchResultJson, { ok: true }>;
    expectTypeOf<Ok['apr']>().toEqualTypeOf<number>();
    expectTypeOf<Ok['previousLimit']>().toEqualTypeOf<number>();
    expectTypeOf<Ok['highestPlanCost']>().toEqualTypeOf<number | null>();
  });
});
