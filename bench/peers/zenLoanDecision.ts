import { LIMIT_CAP, LIMIT_STEP, type LoanFacts, loanRules } from './loanTable.js';

/** {@link loanRules} as one GoRules JDM decision table (hit policy "first"), run by `@gorules/zen-engine`. */
export interface ZenLoanDecision {
  limit(facts: LoanFacts): Promise<number>;
  dispose(): void;
}

const cell = (parts: readonly string[]) => parts.join(', ');

/**
 * Builds the JDM graph (input -> table -> output) and opens it in a zen engine. The package is
 * imported here, not at the top, so a platform without its native binary reports that instead of
 * failing the whole bench.
 */
export async function openZenLoanDecision(): Promise<ZenLoanDecision> {
  const { ZenEngine } = await import('@gorules/zen-engine');
  const rules = loanRules.map((r) => {
    const w = r.when;
    const income: string[] = [];
    if (w.incomeBelow !== undefined) income.push(`< ${w.incomeBelow}`);
    // zen's unary tests: an interval for a band, a comparison for an open end.
    if (w.incomeAbove !== undefined) income.push(w.incomeAtMost === undefined ? `> ${w.incomeAbove}` : `(${w.incomeAbove}..${w.incomeAtMost}]`);
    return {
      _id: r.id,
      dpd: w.daysPastDueAbove === undefined ? '' : `> ${w.daysPastDueAbove}`,
      income: cell(income),
      dti: w.dtiAbove === undefined ? '' : `> ${w.dtiAbove}`,
      grade: w.grade === undefined ? '' : `"${w.grade}"`,
      limit: r.multiple === 0 ? '0' : `min([floor(income * ${r.multiple} / ${LIMIT_STEP}) * ${LIMIT_STEP}, ${LIMIT_CAP}])`,
    };
  });
  const content = {
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      { id: 'in', type: 'inputNode', name: 'applicant', position: { x: 0, y: 0 } },
      {
        id: 'table',
        type: 'decisionTableNode',
        name: 'loan limit',
        position: { x: 200, y: 0 },
        content: {
          hitPolicy: 'first',
          inputs: [
            { id: 'dpd', name: 'days past due', field: 'daysPastDue' },
            { id: 'income', name: 'income', field: 'income' },
            { id: 'dti', name: 'dti', field: 'dti' },
            { id: 'grade', name: 'grade', field: 'grade' },
          ],
          outputs: [{ id: 'limit', name: 'limit', field: 'limit' }],
          rules,
        },
      },
      { id: 'out', type: 'outputNode', name: 'decision', position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'e1', sourceId: 'in', targetId: 'table', type: 'edge' },
      { id: 'e2', sourceId: 'table', targetId: 'out', type: 'edge' },
    ],
  };
  const engine = new ZenEngine();
  const decision = engine.createDecision(content);
  return {
    async limit(facts) {
      const response = await decision.evaluate(facts);
      const limit = (response.result as { limit?: unknown }).limit;
      if (typeof limit !== 'number') throw new Error(`zen-engine returned no numeric limit for ${JSON.stringify(facts)}`);
      return limit;
    },
    dispose: () => engine.dispose(),
  };
}
