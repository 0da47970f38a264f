import { Applicant } from './applicant.js';
import { compileFastParse, type FastParseCompilation } from './compileFastParse.js';

let compiled: FastParseCompilation | undefined;

/**
 * The {@link Applicant} schema compiled once (on first use) by {@link compileFastParse}: the path a
 * valid applicant takes through `parseApplicant`, or why the schema refused to compile (then zod
 * alone parses). test/schema/applicantFastParse.test.ts proves it agrees with the zod path.
 *
 * @example if (!applicantFastParse().ok) console.warn('parseApplicant runs on zod alone');
 */
export function applicantFastParse(): FastParseCompilation {
  compiled ??= compileFastParse(Applicant);
  return compiled;
}
