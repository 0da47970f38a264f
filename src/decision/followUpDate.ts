import type { ValidationIssue } from '../errors/validationError.js';
import { birthDateImplausibleOn, MAX_AGE_YEARS } from '../schema/applicantRules.js';
import { IsoDate } from '../schema/primitives.js';
import type { Decision } from './decision.js';

/**
 * The fault of a follow-up (review, contest, reduction) dated before the decision it follows, or
 * undefined when it is not: nobody answers or lowers a decision before it was made, and a ledger
 * entry dated earlier would leave the step-limit window early. ISO dates compare as strings.
 *
 * @param why what the date would mean, added to the message ("a line is not lowered before ...")
 */
export function beforePriorIssue(asOf: string, prior: Decision, why?: string): ValidationIssue | undefined {
  if (asOf >= prior.asOf) return undefined;
  return {
    path: ['asOf'],
    code: 'out_of_range',
    message: `${asOf} is before the date of decision ${prior.audit.decisionId} (${prior.asOf})${why === undefined ? '' : `: ${why}`}`,
  };
}

/**
 * The fault of a follow-up (review, contest, reduction) dated where `decide` refuses the applicant
 * as more than {@link MAX_AGE_YEARS} years old (`birth_date_implausible`, see
 * birthDateImplausibleOn), or undefined. The decision carries no birth date (no personal data), so
 * the rule is applied to `birthDate` when the caller gives the applicant (a review's or contest's
 * `applicant` option), and otherwise to the prior's own date, by which the applicant was born: a
 * date more than 120 years after it is refused for any applicant. Accepted, such a date (2126 for
 * 2026) became the line's date, and every later decision of the line was refused (the reassessment
 * as dated before its prior, or its profile as implausible; a fresh decide for its ledger entry).
 *
 * @param birthDate the applicant's `birthDate` as given, read only when it is a valid ISO date
 */
export function implausibleDateIssue(asOf: string, prior: Decision, birthDate?: unknown): ValidationIssue | undefined {
  const born = IsoDate.safeParse(birthDate);
  if (born.success) {
    if (!birthDateImplausibleOn(born.data, asOf)) return undefined;
    return {
      path: ['asOf'],
      code: 'out_of_range',
      message: `${asOf} is more than ${MAX_AGE_YEARS} years after the applicant's birthDate (${born.data}): decide refuses the applicant on that date (birth_date_implausible), so no decision of the line could follow; is the year mistyped?`,
    };
  }
  if (!birthDateImplausibleOn(prior.asOf, asOf)) return undefined;
  return {
    path: ['asOf'],
    code: 'out_of_range',
    message: `${asOf} is more than ${MAX_AGE_YEARS} years after decision ${prior.audit.decisionId} (${prior.asOf}), by which the applicant was born: decide refuses any applicant on that date (birth_date_implausible), so no decision of the line could follow; is the year mistyped?`,
  };
}

/**
 * Every fault of a follow-up's date: before its prior (see beforePriorIssue, `why` added to its
 * message), or where decide refuses the applicant (see implausibleDateIssue).
 */
export function followUpDateIssues(asOf: string, prior: Decision, birthDate?: unknown, why?: string): ValidationIssue[] {
  return [beforePriorIssue(asOf, prior, why), implausibleDateIssue(asOf, prior, birthDate)].filter((i): i is ValidationIssue => i !== undefined);
}
