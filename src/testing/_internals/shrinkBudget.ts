import fc from 'fast-check';

/**
 * How long the kit spends shrinking a failure end to end (the scorer and pool parts), from the
 * first failure, in milliseconds. Each run there is a dozen or more real decisions, 0.1 to 0.3 s:
 * unbounded, shrinking took 12 to 84 s (100 to 470 shrinks), past the README example's 60 s test
 * timeout, so a lender saw a timeout instead of the violation. A budget in runs bounds no time (a
 * run costs 10 ms on one law, 300 ms on another) and stopped some laws before their first shrink;
 * one in time keeps what each law shrank in it. The policy part, microseconds a run, shrinks fully.
 */
export const SCORER_SHRINK_BUDGET_MS = 20_000;

/** A property whose shrinking stops after a time budget, and whether it stopped there. */
export interface BudgetedProperty<T> {
  readonly property: fc.IRawProperty<[T]>;
  /** True once a shrink candidate went untried for the budget: the counterexample may shrink further. */
  readonly cutShort: () => boolean;
}

/**
 * `property`, its shrinking bounded: from its first failure it runs shrink candidates for at most
 * `budgetMs` (`now` is the clock), then passes every later one untried, so fast-check keeps the
 * smallest failure found so far and stops. Its path still replays that failure exactly; the same
 * seed run again may shrink further or less far, as the machine allows. A first failure that
 * `notACounterexample` says is no counterexample (a refusal the run options caused) is not shrunk.
 */
export function withShrinkBudget<T>(
  property: fc.IRawProperty<[T]>,
  budgetMs: number,
  now: () => number = Date.now,
  notACounterexample: (error: unknown) => boolean = () => false,
): BudgetedProperty<T> {
  let failedAt: number | undefined;
  let cut = false;
  const seen = <R>(outcome: R): R => {
    if (failedAt === undefined && outcome !== null && !fc.PreconditionFailure.isFailure(outcome)) {
      // A failure that is not about this input (the run options are at fault) has nothing to shrink
      // towards: spend none of the budget on it.
      failedAt = notACounterexample((outcome as { error?: unknown }).error) ? now() - budgetMs : now();
    }
    return outcome;
  };
  const run = (value: [T], ...rest: unknown[]) => {
    if (failedAt !== undefined && now() - failedAt >= budgetMs) {
      cut = true;
      return property.isAsync() ? Promise.resolve(null) : null;
    }
    // fast-check 3 passes a second argument (whether to skip its hooks): handed on as given.
    const outcome = (property.run as (v: [T], ...r: unknown[]) => unknown)(value, ...rest);
    return outcome instanceof Promise ? outcome.then(seen) : seen(outcome);
  };
  const budgeted = {
    isAsync: () => property.isAsync(),
    generate: (mrng, runId) => property.generate(mrng, runId),
    shrink: (value) => property.shrink(value),
    run,
    // fast-check before 3.4 has no hooks.
    runBeforeEach: () => property.runBeforeEach?.(),
    runAfterEach: () => property.runAfterEach?.(),
  } as fc.IRawProperty<[T]>;
  return { property: budgeted, cutShort: () => cut };
}
