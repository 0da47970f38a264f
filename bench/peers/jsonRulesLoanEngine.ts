import { Engine, type NestedCondition, Rule } from 'json-rules-engine';
import { type LoanFacts, limitOf, loanRules } from './loanTable.js';

/** {@link loanRules} in `json-rules-engine`: one rule per row, first hit by priority. */
export interface JsonRulesLoanEngine {
  limit(facts: LoanFacts): Promise<number>;
}

/** Builds the engine; each rule stops the run when it fires, so the highest-priority match wins as in the table. */
export function openJsonRulesLoanEngine(): JsonRulesLoanEngine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  loanRules.forEach((r, i) => {
    const w = r.when;
    const all: NestedCondition[] = [];
    if (w.daysPastDueAbove !== undefined) all.push({ fact: 'daysPastDue', operator: 'greaterThan', value: w.daysPastDueAbove });
    if (w.incomeBelow !== undefined) all.push({ fact: 'income', operator: 'lessThan', value: w.incomeBelow });
    if (w.incomeAbove !== undefined) all.push({ fact: 'income', operator: 'greaterThan', value: w.incomeAbove });
    if (w.incomeAtMost !== undefined) all.push({ fact: 'income', operator: 'lessThanInclusive', value: w.incomeAtMost });
    if (w.dtiAbove !== undefined) all.push({ fact: 'dti', operator: 'greaterThan', value: w.dtiAbove });
    if (w.grade !== undefined) all.push({ fact: 'grade', operator: 'equal', value: w.grade });
    engine.addRule(
      new Rule({
        name: r.id,
        // Higher runs first; distinct priorities keep the table's order.
        priority: loanRules.length - i,
        conditions: { all },
        event: { type: 'limit', params: { multiple: r.multiple } },
        onSuccess: () => {
          engine.stop();
        },
      }),
    );
  });
  return {
    async limit(facts) {
      const { events } = await engine.run({ ...facts });
      const first = events[0];
      if (first === undefined) return 0;
      return limitOf(facts.income, (first.params as { multiple: number }).multiple);
    },
  };
}
