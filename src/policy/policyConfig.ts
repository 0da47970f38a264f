import { z } from 'zod';
import { BoundedFen, Fen } from '../schema/primitives.js';
import { builtInProfileIssues, builtInProfileWithId } from './builtInProfileIssues.js';
import { dailyRateGrid, dailyRateTextOf, NANOS, type DailyRateGrid } from './dailyRateGrid.js';
import { JurisdictionProfile } from './jurisdictionProfile.js';
import { DAYS_PER_YEAR, instalmentCost, revolvingCost } from './planCosts.js';
import type { DeepReadonly } from '../common/deepReadonly.js';
import { yuanDigits } from '../common/yuanDigits.js';

/**
 * The Chinese legal ceiling on the comprehensive cost of consumer credit (24%), the default
 * profile's `aprCap`. A policy's cap in force is `min(pricing.aprCap, jurisdiction.aprCap)`.
 */
export const MAX_APR = 0.24;

/**
 * The Chinese regulatory ceiling on the unsecured credit line one consumer-finance company grants
 * one borrower, over its own products: 200,000 RMB in fen (the default profile's figure).
 */
export const REGULATORY_CAP_PER_BORROWER_FEN = 20_000_000;

/** Number of city tiers the applicant schema knows (1 = first tier ... 5 = county / rural). */
export const CITY_TIERS = 5;

const Rate = z.number().finite().min(0).max(1);
const PositiveFen = Fen.min(1);
const Days = z.number().int().min(0).max(100_000);

/** True when a rate is a whole number of basis points (tolerating float noise such as 0.0730000001). */
function isWholeBasisPoints(rate: number): boolean {
  return Math.abs(rate * 10_000 - Math.round(rate * 10_000)) < 1e-6;
}

/** One risk grade: PDs up to and including `maxPd` fall in it (after the previous grade's `maxPd`). */
export const GradeBand = z.strictObject({
  grade: z.string().min(1).max(16).describe('Grade label, e.g. "A"'),
  maxPd: Rate.describe('Upper PD bound of the grade, inclusive'),
  incomeMultiple: z.number().finite().min(0).max(100).describe('Risk-based limit = effective monthly income x this'),
});
/** One risk grade band. */
export type GradeBand = DeepReadonly<z.infer<typeof GradeBand>>;

/** One debt-service-ratio band: effective incomes up to `incomeUpTo` fen (inclusive) get `maxDsr`. */
export const DsrBand = z.strictObject({
  incomeUpTo: Fen.nullable().describe('Inclusive upper bound on effective monthly income, fen; null = no bound (last band)'),
  maxDsr: Rate.describe('Maximum (all monthly debt service) / (effective monthly income)'),
});
/** One debt-service-ratio band. */
export type DsrBand = DeepReadonly<z.infer<typeof DsrBand>>;

const PolicyConfigShape = z.strictObject({
  name: z.string().min(1).max(100).describe('Human name of the policy, for the audit'),
  version: z.string().min(1).max(50),
  age: z.strictObject({
    min: z.number().int().min(18).max(120).describe('Youngest age in whole years; never below 18 (legal capacity)'),
    max: z.number().int().min(18).max(120).describe('Oldest age in whole years, inclusive'),
  }),
  knockouts: z.strictObject({
    maxCurrentDaysPastDue: Days.describe('Decline when days past due today exceed this'),
    maxDelinquencies24m: z.number().int().min(0).describe('Decline when delinquent accounts in 24 months exceed this'),
    maxEnquiries6m: z.number().int().min(0).describe('Decline when hard enquiries in 6 months exceed this'),
    declinePdAbove: Rate.describe('Decline when PD exceeds this'),
  }),
  refer: z.strictObject({
    pdAbove: Rate.describe('Refer when PD exceeds this (and does not exceed the decline cut-off)'),
    selfDeclaredIncomeAbove: Fen.describe('Refer when self-declared monthly net income exceeds this, fen'),
    duplicateEvidence: z.enum(['refer', 'decline']).describe('What a duplicate-certificate fraud flag does'),
  }),
  grades: z.array(GradeBand).min(1).max(26).describe('Ascending by maxPd; the last has maxPd = 1'),
  pricing: z.strictObject({
    costOfFunds: Rate,
    lgd: Rate.describe('Loss given default; expected loss = PD x LGD'),
    operatingCost: Rate,
    margin: Rate,
    aprFloor: Rate.refine(isWholeBasisPoints, 'expected a whole number of basis points'),
    aprCap: Rate.refine(isWholeBasisPoints, 'expected a whole number of basis points').describe(
      "The lender's ceiling on the comprehensive cost; the cap in force is the lower of this and jurisdiction.aprCap. The default's 24% is China's: switching jurisdiction does not change it, so set your own (a profile without a cap, as eu-ccd2, leaves this the only one)",
    ),
    dailyRateStep: z
      .number()
      .finite()
      .min(1e-9)
      .max(1e-4)
      .refine((v) => Math.abs(v * 1e9 - Math.round(v * 1e9)) < 1e-6, 'expected a whole number of billionths')
      .describe('The product bills by a daily rate on this grid (0.000001 = 0.0001% a day); daily x 365 is the APR'),
    averageCostAlertAbove: Rate.describe(
      "Portfolio reports (score, report, simulate) flag the average comprehensive cost of new lines above this: limit-weighted, each new line at the dearest plan it offers, every fee included. China's guidance: 20% from 2026. Not set by the jurisdiction profile: set your own jurisdiction's figure",
    ),
  }),
  fees: z
    .strictObject({
      oneOffRate: Rate.max(0.5).describe(
        'One-off fee at drawdown on every plan, share of the principal. On the revolving line it is measured on a drawdown repaid at the first monthly bill (the shortest repayment billed, where a fixed fee costs most a year), so it must fit under the cap that way: at a 24% cap and the 7.3% floor at most about 1.36%. A drawdown repaid sooner than a whole cycle costs more a year than the disclosed figure',
      ),
      monthlyRate: Rate.max(0.1).describe('Periodic fee every month on every plan, share of the principal'),
      instalmentPlans: z
        .array(
          z.strictObject({
            months: z.number().int().min(2).max(60).describe('Number of equal monthly instalments'),
            feeRate: Rate.describe('Plan fee as a share of the principal, paid in equal parts with the instalments'),
          }),
        )
        .max(24)
        .describe("Instalment plans offered on a drawn amount; each one's comprehensive cost (IRR) must stay under the cap"),
    })
    .describe('Every fee the customer can be charged; all count in the comprehensive cost'),
  jurisdiction: JurisdictionProfile.describe('The rules the policy runs under (caps, banned data); see jurisdictionProfiles'),
  students: z
    .strictObject({
      withoutSecondRepaymentSource: z
        .enum(['refer', 'decline', 'allow'])
        .describe('Student applicants without a declared guardian / second repayment source are referred, declined, or treated like anyone else'),
    })
    .describe("College-student lending rule (2021 regulators' notice on campus lending)"),
  affordability: z.strictObject({
    termMonths: z.number().int().min(1).max(120).describe('The line is tested as if repaid over this many months'),
    incomeHaircut: z
      .strictObject({
        payroll: Rate.max(0.99),
        tax_record: Rate.max(0.99),
        bank_statement: Rate.max(0.99),
        self_declared: Rate.max(0.99),
      })
      .describe('Share taken off monthly net income by income source'),
    minEffectiveMonthlyIncome: PositiveFen.describe('Income-level check: effective income at least this, fen'),
    dsrBands: z.array(DsrBand).min(1).max(20).describe('Ascending by incomeUpTo; maxDsr non-decreasing; last unbounded'),
    minEssentialsPerPerson: BoundedFen.describe(
      'Least monthly essential spending assumed per household member (applicant and dependants), fen; declared essentials below it are raised to it',
    ),
    residualFloorByCityTier: z.array(Fen).length(CITY_TIERS).describe('Minimum monthly residual income for city tiers 1..5, fen; non-increasing'),
  }),
  limits: z.strictObject({
    productMin: BoundedFen.min(1).describe('Smallest limit the product offers, fen'),
    productMax: BoundedFen.min(1).describe('Largest limit the product offers, fen; at most 10^12 (MAX_MONEY_FEN), as a line on file is'),
    lenderCapPerBorrower: Fen.nullable().describe(
      "The lender's own cap on all its unsecured lines to one borrower (this line and the borrower's other lines with this lender), fen; null = none. Named as the lender's, never as regulation",
    ),
    roundingStep: PositiveFen.max(10_000_000).describe('Limits are rounded down to a multiple of this, fen'),
    belowMinimum: z.enum(['decline', 'refer']).describe('Outcome when the limit falls below productMin'),
  }),
  stepLimits: z.strictObject({
    perStepRatio: z.number().finite().min(0).max(100).describe('Per reassessment: increase at most prior x this ...'),
    perStepAmount: Fen.describe('... or this many fen, whichever is greater'),
    windowDays: z.number().int().min(1).max(3660).describe('Rolling window for the period caps, days'),
    windowMaxIncrease: Fen.describe('Sum of increases within the window at most this, fen'),
    windowMaxCount: z.number().int().min(0).max(1000).describe('At most this many increases within the window'),
  }),
  portfolio: z
    .strictObject({
      utilisation: Rate.describe('Share of a granted limit expected to be drawn: exposure at default = limit x this (simulation default 0.5)'),
    })
    .optional()
    .describe('Portfolio assumptions for policy simulation (expected loss and income); never used to decide'),
});

type PolicyConfigShape = DeepReadonly<z.infer<typeof PolicyConfigShape>>;

/**
 * Cross-field rules a lender's numbers must obey. They keep the policy's laws true: ascending
 * grades with non-increasing multiples keep the limit non-increasing in PD; non-decreasing DSR
 * maxima keep the capacity non-decreasing in income.
 */
function checkCrossFields(p: PolicyConfigShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string): void => {
    ctx.addIssue({ code: 'custom', path, message });
  };
  // zod runs this refinement on figures that failed only a range check (too small, too big, not a
  // whole number), so nothing may be computed from one already refused: a plan of 10^9 months would
  // build a billion-payment cash flow, a daily-rate step under a billionth loop the grid search for
  // ever, a negative one throw comprehensiveCost's own error in place of the policy's.
  const refusedPaths = (ctx.issues ?? []).map((i) => i.path ?? []);
  const refused = (...paths: (readonly (string | number)[])[]): boolean => paths.some((path) => refusedPaths.some((r) => path.every((key, j) => r[j] === key)));
  if (p.age.min > p.age.max) issue(['age', 'max'], 'age.max must be at least age.min');
  if (p.refer.pdAbove > p.knockouts.declinePdAbove) {
    issue(['refer', 'pdAbove'], 'refer.pdAbove must not exceed knockouts.declinePdAbove');
  }
  const names = new Set<string>();
  p.grades.forEach((g, i) => {
    if (names.has(g.grade)) issue(['grades', i, 'grade'], `duplicate grade "${g.grade}"`);
    names.add(g.grade);
    const prev = p.grades[i - 1];
    if (prev !== undefined && !(g.maxPd > prev.maxPd)) issue(['grades', i, 'maxPd'], 'grade maxPd must be strictly ascending');
    if (prev !== undefined && g.incomeMultiple > prev.incomeMultiple) {
      issue(['grades', i, 'incomeMultiple'], 'incomeMultiple must not rise as grades worsen');
    }
  });
  const lastGrade = p.grades[p.grades.length - 1];
  if (lastGrade !== undefined && lastGrade.maxPd !== 1) {
    issue(['grades', p.grades.length - 1, 'maxPd'], 'the last grade must cover PD up to 1');
  }
  for (const { path, message } of builtInProfileIssues(p.jurisdiction)) issue(['jurisdiction', ...path], message);
  if (p.pricing.aprFloor > p.pricing.aprCap) issue(['pricing', 'aprFloor'], 'aprFloor must not exceed aprCap');
  // The lender's caps are held to the law the id names, not to an edited copy of it (refused above),
  // so a cap raised in both places is named in both.
  checkPrices({ ...p, jurisdiction: builtInProfileWithId(p.jurisdiction.id) ?? p.jurisdiction }, issue, refused);
  const bands = p.affordability.dsrBands;
  bands.forEach((b, i) => {
    const prev = bands[i - 1];
    const isLast = i === bands.length - 1;
    if (isLast && b.incomeUpTo !== null) issue(['affordability', 'dsrBands', i, 'incomeUpTo'], 'the last DSR band must be unbounded (null)');
    if (!isLast && b.incomeUpTo === null) issue(['affordability', 'dsrBands', i, 'incomeUpTo'], 'only the last DSR band may be unbounded');
    if (prev !== undefined) {
      if (prev.incomeUpTo !== null && b.incomeUpTo !== null && !(b.incomeUpTo > prev.incomeUpTo)) {
        issue(['affordability', 'dsrBands', i, 'incomeUpTo'], 'DSR bands must be strictly ascending by incomeUpTo');
      }
      if (b.maxDsr < prev.maxDsr) issue(['affordability', 'dsrBands', i, 'maxDsr'], 'maxDsr must not fall as income rises');
    }
  });
  const floors = p.affordability.residualFloorByCityTier;
  floors.forEach((f, i) => {
    const prev = floors[i - 1];
    if (prev !== undefined && f > prev) {
      issue(['affordability', 'residualFloorByCityTier', i], 'residual floors must not rise from tier 1 to tier 5');
    }
  });
  if (p.limits.productMin > p.limits.productMax) issue(['limits', 'productMin'], 'productMin must not exceed productMax');
  if (p.limits.productMin % p.limits.roundingStep !== 0) {
    issue(['limits', 'productMin'], 'productMin must be a multiple of roundingStep');
  }
  // A per-borrower cap below the smallest line the product offers leaves room for no line at all:
  // every applicant declined or referred. Almost always a cap written in RMB where fen are meant.
  const min = p.limits.productMin;
  const rmb = (fen: number) => `${fen.toLocaleString('en-US')} fen (${Number.isInteger(fen) ? yuanDigits(fen) : fen / 100} RMB)`;
  const lenderCap = p.limits.lenderCapPerBorrower;
  if (lenderCap !== null && lenderCap < min)
    issue(
      ['limits', 'lenderCapPerBorrower'],
      `lenderCapPerBorrower ${rmb(lenderCap)} is below limits.productMin ${rmb(min)}: no line could ever be granted (money is in fen: 30,000 RMB is 3_000_000)`,
    );
  // An edited copy of a built-in profile is refused field by field already, and held to the law its id names.
  const lawCap = (builtInProfileWithId(p.jurisdiction.id) ?? p.jurisdiction).perBorrowerCreditLineCap;
  if (lawCap !== null && lawCap < min)
    issue(
      ['jurisdiction', 'perBorrowerCreditLineCap'],
      `the jurisdiction's per-borrower cap ${rmb(lawCap)} is below limits.productMin ${rmb(min)}: no line could ever be granted`,
    );
}

/** The cap in force on the comprehensive cost: the lender's, or the jurisdiction's when lower. */
export function aprCapInForce(p: Pick<PolicyConfigShape, 'pricing' | 'jurisdiction'>): number {
  return p.jurisdiction.aprCap === null ? p.pricing.aprCap : Math.min(p.pricing.aprCap, p.jurisdiction.aprCap);
}

const NO_FEES = { oneOffRate: 0, monthlyRate: 0 } as const;

const pctText = (r: number): string => `${(r * 100).toFixed(4).replace(/0+$/, '').replace(/\.$/, '')}%`;

/**
 * Why a one-off fee is refused, with the figures: what a drawdown repaid at the first monthly bill
 * costs at the cheapest daily rate the line bills (the floor's), and the largest fee that fits.
 */
function oneOffFeeAboveCap(p: PolicyConfigShape, feeFree: DailyRateGrid, cap: number): string {
  const floorDaily = (feeFree.floorSteps * feeFree.stepNanos) / NANOS;
  const cost = revolvingCost(floorDaily, p.fees).nominalApr;
  // (bill + 1) / (1 - f) <= 1 + cap / 12 at the floor's bill, solved for f.
  const bill = (floorDaily * DAYS_PER_YEAR) / 12 + p.fees.monthlyRate;
  const most = Math.max(0, 1 - (1 + bill) / (1 + cap / 12));
  return (
    `revolving plan: with a one-off fee of ${pctText(p.fees.oneOffRate)}, a drawdown repaid at the first monthly bill costs ${pctText(cost)} a year ` +
    `(IRR, every fee included) even at the floor's ${dailyRateTextOf(feeFree.floorSteps, feeFree)} a day, above the ${pctText(cap)} cap; ` +
    `at most ${pctText(Math.floor(most * 1e6) / 1e6)} fits`
  );
}

/**
 * Why a monthly fee is refused, with the figures: what a drawdown repaid at the first monthly bill
 * costs with it (and no one-off fee) at the floor's daily rate, and the largest monthly fee that fits.
 */
function monthlyFeeAboveCap(p: PolicyConfigShape, feeFree: DailyRateGrid, cap: number): string {
  const floorDaily = (feeFree.floorSteps * feeFree.stepNanos) / NANOS;
  const cost = revolvingCost(floorDaily, { oneOffRate: 0, monthlyRate: p.fees.monthlyRate }).nominalApr;
  // 12 x (floor's bill + monthly) <= cap, solved for the monthly fee.
  const most = Math.max(0, (cap - floorDaily * DAYS_PER_YEAR) / 12);
  return (
    `revolving plan: with a monthly fee of ${pctText(p.fees.monthlyRate)}, a drawdown repaid at the first monthly bill costs ${pctText(cost)} a year ` +
    `(IRR, every fee included) even at the floor's ${dailyRateTextOf(feeFree.floorSteps, feeFree)} a day, above the ${pctText(cap)} cap; ` +
    `at most ${pctText(Math.floor(most * 1e6) / 1e6)} fits${p.fees.oneOffRate > 0 ? ' without a one-off fee' : ''}`
  );
}

/**
 * Prices must be billable under the cap in force: the revolving line needs a daily rate on the
 * grid between floor and cap with fees included (on a drawdown repaid at the first monthly bill), and every instalment plan's comprehensive cost
 * (the IRR of its flows) must stay at or under the cap. A plan that breaks it is named.
 */
function checkPrices(
  p: PolicyConfigShape,
  issue: (path: (string | number)[], message: string) => void,
  refused: (...paths: (readonly (string | number)[])[]) => boolean,
): void {
  const cap = aprCapInForce(p);
  // Each cost below is worked out only from figures the schema accepted (see checkCrossFields).
  const capRefused = refused(['pricing', 'aprCap'], ['jurisdiction', 'aprCap']);
  const feesRefused = refused(['fees', 'oneOffRate'], ['fees', 'monthlyRate']);
  if (p.jurisdiction.aprCap !== null && p.pricing.aprCap > p.jurisdiction.aprCap) {
    // Said how to fix: the default's 24% stays in place through a switch to a stricter profile.
    issue(
      ['pricing', 'aprCap'],
      `aprCap ${pctText(p.pricing.aprCap)} is above the ${p.jurisdiction.id} ceiling of ${pctText(p.jurisdiction.aprCap)}: set pricing.aprCap to at most ${pctText(p.jurisdiction.aprCap)} (a jurisdiction profile does not change it)`,
    );
  }
  const gridReadable = !capRefused && !feesRefused && !refused(['pricing', 'dailyRateStep'], ['pricing', 'aprFloor']);
  const grid = gridReadable ? dailyRateGrid(p.pricing.dailyRateStep, p.pricing.aprFloor, cap, p.fees) : undefined;
  if (grid !== undefined && grid.capSteps < grid.floorSteps) {
    // Blame the field at fault: the floor when even without fees its first billable daily rate
    // is above the cap (its aprFloor > aprCap case is already named), else the fees.
    const feeFree = dailyRateGrid(p.pricing.dailyRateStep, p.pricing.aprFloor, cap, NO_FEES);
    const withoutOneOff = dailyRateGrid(p.pricing.dailyRateStep, p.pricing.aprFloor, cap, { oneOffRate: 0, monthlyRate: p.fees.monthlyRate });
    if (p.fees.oneOffRate > 0 && withoutOneOff.capSteps >= withoutOneOff.floorSteps) {
      issue(['fees', 'oneOffRate'], oneOffFeeAboveCap(p, feeFree, cap));
    } else if (feeFree.capSteps >= feeFree.floorSteps) {
      // Without fees the floor fits and without the one-off fee it does not: the monthly fee alone leaves no room.
      issue(['fees', 'monthlyRate'], monthlyFeeAboveCap(p, feeFree, cap));
    } else if (p.pricing.aprFloor <= p.pricing.aprCap) {
      issue(
        ['pricing', 'aprFloor'],
        `the floor's daily rate rounds up to ${dailyRateTextOf(feeFree.floorSteps, feeFree)} on the ${pctText(p.pricing.dailyRateStep)} grid, ${pctText((feeFree.floorSteps * feeFree.stepNanos * DAYS_PER_YEAR) / NANOS)} a year: above the ${pctText(cap)} cap`,
      );
    }
  }
  const months = new Set<number>();
  p.fees.instalmentPlans.forEach((plan, i) => {
    if (months.has(plan.months)) issue(['fees', 'instalmentPlans', i, 'months'], `duplicate ${plan.months}-month plan`);
    months.add(plan.months);
    if (capRefused || feesRefused || refused(['fees', 'instalmentPlans', i])) return;
    const cost = instalmentCost(plan, p.fees);
    if (cost.nominalApr > cap) {
      issue(
        ['fees', 'instalmentPlans', i],
        `${plan.months}-month instalment plan: comprehensive cost ${pctText(cost.nominalApr)} (IRR, fees included) exceeds the ${pctText(cap)} cap`,
      );
    }
  });
  if (
    p.limits.lenderCapPerBorrower !== null &&
    p.jurisdiction.perBorrowerCreditLineCap !== null &&
    p.limits.lenderCapPerBorrower > p.jurisdiction.perBorrowerCreditLineCap
  ) {
    issue(['limits', 'lenderCapPerBorrower'], "the lender's own cap must not exceed the jurisdiction's per-borrower cap (it would never bind)");
  }
}

/**
 * A lender's credit policy as data: knock-outs, refer rules, grades, pricing, affordability,
 * limit caps and reassessment step limits. Every number is here so a lender changes numbers,
 * never code. Build one with {@link resolvePolicy}; {@link defaultPolicy} is the starting point.
 */
export const PolicyConfig = PolicyConfigShape.superRefine(checkCrossFields);
/** A validated credit policy. */
export type PolicyConfig = DeepReadonly<z.infer<typeof PolicyConfig>>;
