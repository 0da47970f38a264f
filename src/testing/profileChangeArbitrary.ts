import { z } from 'zod';
import { refuseArguments, schemaIssues, typeNameOf } from '../errors/argumentIssues.js';
import { readOptionsOrRefuse } from '../errors/readOptions.js';
import { parseApplicant } from '../schema/parseApplicant.js';
import fc from 'fast-check';
import type { Applicant } from '../schema/applicant.js';
import { shiftIsoDate } from './_internals/isoDates.js';
import { FEN_PER_RMB } from './_internals/money.js';

/**
 * How a customer's profile moved between two decisions, as data that prints and shrinks well.
 * Every field's neutral value (1, 0, false) leaves the profile as it was.
 */
export interface ProfileChange {
  /** Monthly income multiplied by this (0.3: lost most of it; 1.5: a raise). */
  readonly incomeFactor: number;
  /** Change in other lenders' consumer-credit balances, RMB. */
  readonly otherBalanceChangeRmb: number;
  /** Change in the lines THIS lender grants the borrower on its other products (`platform.otherLinesLimit`), RMB: these count against the per-borrower caps. */
  readonly otherLinesChangeRmb: number;
  /** Change in monthly repayments to other lenders, RMB. */
  readonly otherRepaymentChangeRmb: number;
  /** Essential monthly spending multiplied by this. */
  readonly essentialsFactor: number;
  /** Now days past due on some account (0: none). */
  readonly daysPastDue: number;
  /** New delinquencies on file. */
  readonly newDelinquencies: number;
  /** Days between the two decisions. */
  readonly daysLater: number;
}

/** Options of {@link profileChangeArbitrary}. */
export interface ProfileChangeArbitraryOptions {
  /** Only worsening changes, only improving ones, or both mixed with unchanged fields (default). */
  readonly direction?: 'worse' | 'better' | 'any';
}

/**
 * Profile changes between a decision and a reassessment, worsening and improving: income lost or
 * raised, other debt taken on or repaid, other lines with this lender opened (often up to the
 * 200,000 RMB per-borrower cap) or closed, living
 * costs up or down, new arrears and delinquencies, and time passing. Apply one with
 * {@link applyProfileChange}.
 *
 * @example
 * fc.record({ applicant: applicantArbitrary(), change: profileChangeArbitrary() })
 *   .map(({ applicant, change }) => applyProfileChange(applicant, change));
 */
export function profileChangeArbitrary(given: ProfileChangeArbitraryOptions = {}): fc.Arbitrary<ProfileChange> {
  // Read once into a plain copy: a getter or Proxy (or an unknown option) is refused by name.
  const options = readOptionsOrRefuse(given, ['direction'], 'profileChangeArbitrary options') ?? {};
  refuseArguments('profileChangeArbitrary options', [
    [undefined, 'worse', 'better', 'any'].includes(options.direction)
      ? undefined
      : { path: ['direction'], code: 'invalid_value', message: "direction must be 'worse', 'better' or 'any'", received: typeNameOf(options.direction) },
  ]);
  const direction = options.direction ?? 'any';
  const factor = (low: number, high: number) => fc.integer({ min: Math.round(low * 100), max: Math.round(high * 100) }).map((p) => p / 100);
  const worse = direction === 'worse';
  const better = direction === 'better';
  // Worsening draws never leave a field neutral by choice, so nearly every draw moves the profile.
  const pick = <T>(neutral: T, down: fc.Arbitrary<T>, up: fc.Arbitrary<T>) => (worse ? down : better ? up : fc.oneof(fc.constant(neutral), down, up));
  return fc.record({
    incomeFactor: pick(1, factor(0.3, 1), factor(1, 1.6)),
    otherBalanceChangeRmb: pick(
      0,
      fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 100_000, max: 220_000 })),
      fc.integer({ min: -50_000, max: 0 }),
    ),
    otherLinesChangeRmb: pick(
      0,
      fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 100_000, max: 220_000 })),
      fc.integer({ min: -50_000, max: 0 }),
    ),
    otherRepaymentChangeRmb: pick(0, fc.integer({ min: 0, max: 6_000 }), fc.integer({ min: -2_000, max: 0 })),
    essentialsFactor: pick(1, factor(1, 1.6), factor(0.7, 1)),
    daysPastDue: better ? fc.constant(0) : fc.oneof({ arbitrary: fc.constant(0), weight: 5 }, { arbitrary: fc.integer({ min: 1, max: 90 }), weight: 1 }),
    newDelinquencies: better ? fc.constant(0) : fc.oneof({ arbitrary: fc.constant(0), weight: 5 }, { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 }),
    daysLater: fc.integer({ min: 0, max: 120 }),
  });
}

/**
 * The applicant after a {@link ProfileChange}: still a valid applicant (money stays integer fen >= 0).
 *
 * @throws ValidationError listing every fault of `applicant` (as `parseApplicant` reads it); or
 *   (subject `applyProfileChange`) naming each field of `change` that is not a number in its range
 */
export function applyProfileChange(applicant: Applicant, change: ProfileChange): Applicant {
  refuseArguments('applyProfileChange', [schemaIssues(['change'], change, ProfileChangeShape)]);
  return changedProfile(parseApplicant(applicant), change);
}

const Finite = z.number().finite();
const Whole = z.number().int().min(0);
const ProfileChangeShape = z.object({
  incomeFactor: Finite.min(0),
  otherBalanceChangeRmb: Finite,
  otherLinesChangeRmb: Finite,
  otherRepaymentChangeRmb: Finite,
  essentialsFactor: Finite.min(0),
  daysPastDue: Whole,
  newDelinquencies: Whole,
  daysLater: Whole.max(36_500),
}) satisfies z.ZodType<ProfileChange>;

/** {@link applyProfileChange} of an applicant and change the kit drew (unchecked: once per property run). */
export function changedProfile(applicant: Applicant, change: ProfileChange): Applicant {
  const b = applicant.bureau;
  const fenOf = (rmb: number) => rmb * FEN_PER_RMB;
  const delinquencies = b.delinquencies24m === undefined && change.newDelinquencies === 0 ? undefined : (b.delinquencies24m ?? 0) + change.newDelinquencies;
  return {
    ...applicant,
    asOf: shiftIsoDate(applicant.asOf, change.daysLater),
    income: { ...applicant.income, monthlyNet: Math.max(0, Math.round(applicant.income.monthlyNet * change.incomeFactor)) },
    bureau: {
      ...b,
      // Arrears and delinquencies are bureau facts: they put the applicant on file.
      hasFile: b.hasFile || change.daysPastDue > 0 || change.newDelinquencies > 0 || change.otherBalanceChangeRmb > 0,
      currentDaysPastDue: change.daysPastDue,
      ...(delinquencies === undefined ? {} : { delinquencies24m: delinquencies }),
      otherConsumerCreditBalance: Math.max(0, b.otherConsumerCreditBalance + fenOf(change.otherBalanceChangeRmb)),
      otherMonthlyDebtService: Math.max(0, b.otherMonthlyDebtService + fenOf(change.otherRepaymentChangeRmb)),
    },
    platform: {
      ...applicant.platform,
      ...(applicant.platform.otherLinesLimit === undefined && change.otherLinesChangeRmb <= 0
        ? {}
        : { otherLinesLimit: Math.max(0, (applicant.platform.otherLinesLimit ?? 0) + fenOf(change.otherLinesChangeRmb)) }),
    },
    household: {
      ...applicant.household,
      monthlyEssentialSpending: Math.max(0, Math.round(applicant.household.monthlyEssentialSpending * change.essentialsFactor)),
    },
  };
}
