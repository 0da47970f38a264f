// A rules-only loan decision table "in the spirit of" creditlift's default policy, for the peer
// engines (issue 20): the policy's risk grade (A-E, from the model's PD, taken from creditlift's own
// decision so every engine sees the same grade), its debt-service bands by income and its income
// multiples by grade, with no model, no explanation, no affordability arithmetic and no audit. It is
// what a lender could run in a plain rules engine; creditlift's decision does all of that and more,
// so the comparison flatters the peers, which is the conservative direction for a target.

/** One applicant's facts, as the table reads them. */
export interface LoanFacts {
  /** Monthly net income, fen. */
  readonly income: number;
  /** Other monthly debt service over monthly net income. */
  readonly dti: number;
  /** Risk grade, 'A' (best) to 'E'. */
  readonly grade: string;
  /** Days past due today on any account. */
  readonly daysPastDue: number;
}

/** One row of the table: a decline when `multiple` is 0, else a limit of `multiple` months of income. */
export interface LoanRule {
  readonly id: string;
  /** Inclusive-exclusive bounds on the facts; an absent bound matches anything. */
  readonly when: {
    readonly daysPastDueAbove?: number;
    readonly incomeBelow?: number;
    /** (lower, upper] band of income, fen. */
    readonly incomeAbove?: number;
    readonly incomeAtMost?: number;
    readonly dtiAbove?: number;
    readonly grade?: string;
  };
  readonly multiple: number;
}

/** Largest line any rule grants, fen (200,000 RMB). */
export const LIMIT_CAP = 20_000_000;
/** Limits are rounded down to whole 100 RMB. */
export const LIMIT_STEP = 10_000;

const dsrBands = [
  { above: 0, atMost: 300_000, maxDsr: 0.3 },
  { above: 300_000, atMost: 800_000, maxDsr: 0.4 },
  { above: 800_000, atMost: 2_000_000, maxDsr: 0.45 },
  { above: 2_000_000, atMost: undefined, maxDsr: 0.5 },
] as const;

/** The table, first hit wins: declines first, then one row per grade. */
export const loanRules: readonly LoanRule[] = [
  { id: 'delinquent', when: { daysPastDueAbove: 0 }, multiple: 0 },
  { id: 'income-too-low', when: { incomeBelow: 100_000 }, multiple: 0 },
  ...dsrBands.map((b) => ({
    id: `dsr-over-${b.maxDsr}`,
    when: { incomeAbove: b.above, ...(b.atMost === undefined ? {} : { incomeAtMost: b.atMost }), dtiAbove: b.maxDsr },
    multiple: 0,
  })),
  ...(
    [
      ['A', 3],
      ['B', 2.5],
      ['C', 2],
      ['D', 1.5],
      ['E', 1],
    ] as const
  ).map(([grade, multiple]) => ({ id: `grade-${grade}`, when: { grade }, multiple })),
];

/** The limit a rule's multiple gives (fen): income times the multiple, rounded down to the step, capped. */
export function limitOf(income: number, multiple: number): number {
  return Math.min(Math.floor((income * multiple) / LIMIT_STEP) * LIMIT_STEP, LIMIT_CAP);
}

/** Plain-JavaScript reading of {@link loanRules}: the answer both peers must agree with. */
export function referenceLimit(f: LoanFacts): number {
  for (const r of loanRules) {
    const w = r.when;
    if (w.daysPastDueAbove !== undefined && !(f.daysPastDue > w.daysPastDueAbove)) continue;
    if (w.incomeBelow !== undefined && !(f.income < w.incomeBelow)) continue;
    if (w.incomeAbove !== undefined && !(f.income > w.incomeAbove)) continue;
    if (w.incomeAtMost !== undefined && !(f.income <= w.incomeAtMost)) continue;
    if (w.dtiAbove !== undefined && !(f.dti > w.dtiAbove)) continue;
    if (w.grade !== undefined && f.grade !== w.grade) continue;
    return limitOf(f.income, r.multiple);
  }
  return 0;
}
