import type { z } from 'zod';
import { addCalendarMonths } from '../dates/addCalendarMonths.js';
import { type CalendarDate, calendarDateOf } from '../dates/calendarDate.js';
import type { ValidationIssueCode } from '../errors/validationIssueCode.js';
import { compileFastParse, NOT_SURE } from './compileFastParse.js';
import { IsoDate } from './primitives.js';

/** Nobody applying for credit was born more than this many years before the decision date. */
export const MAX_AGE_YEARS = 120;

/** The one rule of the applicant's age: born more than {@link MAX_AGE_YEARS} years before `asOf`. */
function bornTooLongBefore(birth: CalendarDate, asOf: CalendarDate): boolean {
  return birth < addCalendarMonths(asOf, -12 * MAX_AGE_YEARS);
}

/**
 * Whether `decide` refuses an applicant born on `birthDate` on `asOf` as more than
 * {@link MAX_AGE_YEARS} years old (`birth_date_implausible`): the rule a follow-up's date is held
 * to, so no review, contest or reduction is dated where no decision of the line can follow it.
 * Both are valid ISO dates (`YYYY-MM-DD`).
 *
 * @example birthDateImplausibleOn('2003-05-01', '2126-11-01') // true
 */
export function birthDateImplausibleOn(birthDate: string, asOf: string): boolean {
  return bornTooLongBefore(calendarDateOf(birthDate), calendarDateOf(asOf));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// The IsoDate schema compiled: a valid date is known without a zod parse (and its result object);
// anything the compiled test is not sure of is asked of zod.
const quickIsoDate = compileFastParse(IsoDate);

function isIsoDate(v: unknown): v is string {
  // IsoDate is a string schema without coercion: zod refuses anything else before any check.
  if (typeof v !== 'string') return false;
  if (quickIsoDate.ok && quickIsoDate.parse(v) !== NOT_SURE) return true;
  return IsoDate.safeParse(v).success;
}

/**
 * A valid ISO date at `obj[key]` as a calendar date, or undefined; other fields' problems are the
 * schema's to report. Calendar dates (src/dates, each property-tested equal to date-fns) rather than
 * date-fns on local midnights: a midnight the server's time zone skipped (Asia/Shanghai in the
 * 1940s) moved date-fns' answers with the TZ setting.
 */
function dateAt(obj: unknown, key: string): CalendarDate | undefined {
  if (!isRecord(obj)) return undefined;
  const v = obj[key];
  return isIsoDate(v) ? calendarDateOf(v) : undefined;
}

type Report = (path: readonly (string | number)[], code: ValidationIssueCode, message: string) => void;

/**
 * Rules that relate two fields of an applicant. They read the value defensively, each only where
 * its own fields are readable, so they run even when other fields are wrong and are reported
 * together with the schema's issues rather than after them.
 */
export function checkApplicantRules(value: unknown, report: Report): void {
  if (!isRecord(value)) return;
  const asOf = dateAt(value, 'asOf');
  const birth = dateAt(value, 'birthDate');
  const start = dateAt(value.employment, 'startDate');
  if (asOf !== undefined && birth !== undefined) {
    if (birth > asOf) report(['birthDate'], 'birth_date_after_as_of', 'birthDate is after asOf');
    else if (bornTooLongBefore(birth, asOf)) report(['birthDate'], 'birth_date_implausible', `birthDate is more than ${MAX_AGE_YEARS} years before asOf`);
  }
  if (start !== undefined) {
    if (asOf !== undefined && start > asOf) report(['employment', 'startDate'], 'employment_start_after_as_of', 'employment.startDate is after asOf');
    if (birth !== undefined && start < birth) report(['employment', 'startDate'], 'employment_start_before_birth', 'employment.startDate is before birthDate');
  }
  if (Array.isArray(value.evidence)) {
    value.evidence.forEach((item: unknown, i) => {
      const issued = dateAt(item, 'issueDate');
      const expires = dateAt(item, 'expiryDate');
      if (issued !== undefined && expires !== undefined && expires < issued)
        report(['evidence', i, 'expiryDate'], 'expiry_before_issue', 'expiryDate is before issueDate');
    });
  }
}

/**
 * {@link checkApplicantRules} as a zod refinement on the `Applicant` schema, so `Applicant.safeParse`
 * refuses what `parseApplicant` refuses. Each issue is a zod `custom` issue whose
 * `params.creditliftCode` carries the stable code (`ValidationError` reports that code).
 */
export function applicantRulesRefinement(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  checkApplicantRules(value, (path, code, message) => ctx.addIssue({ code: 'custom', path: [...path], message, params: { creditliftCode: code } }));
}
