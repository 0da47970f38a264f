import { createHmac } from 'node:crypto';

/** The arm an applicant falls in when no challenger takes them. */
export const CHAMPION_ARM = 'champion';

/**
 * Key of the assignment hash when the lender sets none. Assignment is stable either way; a
 * lender's own secret key also keeps anyone from choosing an id that lands in a given arm.
 */
export const DEFAULT_ASSIGNMENT_KEY = 'creditlift-champion-challenger/1';

/**
 * A number in [0, 1) that depends only on the key and the applicant id: HMAC-SHA256, first 48
 * bits. The same id gets the same number in every process, on every machine, after every restart.
 */
export function assignmentPoint(applicantId: string, key: string = DEFAULT_ASSIGNMENT_KEY): number {
  const mac = createHmac('sha256', key).update(applicantId, 'utf8').digest();
  return mac.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * The arm an applicant is in: challengers take consecutive slices of [0, 1) by their shares, in
 * the order given; the rest is the champion's. Changing one challenger's share moves only the
 * applicants at the slice boundaries that moved.
 *
 * @example
 * assignArm('app-42', [{ name: 'tight-dsr', share: 0.1 }]); // "champion" for about 90% of ids
 */
export function assignArm(
  applicantId: string,
  arms: readonly { readonly name: string; readonly share: number }[],
  key: string = DEFAULT_ASSIGNMENT_KEY,
): string {
  const u = assignmentPoint(applicantId, key);
  let upTo = 0;
  for (const arm of arms) {
    upTo += arm.share;
    if (u < upTo) return arm.name;
  }
  return CHAMPION_ARM;
}
