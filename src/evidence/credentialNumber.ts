/**
 * A certificate's registration number as one string however it was typed: width and case folded
 * (NFKC, upper case), and the spaces and separators people type inconsistently removed (hyphens and
 * dashes, slashes, dots, middle dots, underscores, commas, colons). `JS-JXJ-2025-0042`,
 * `js jxj 2025 0042` and `ＪＳ／ＪＸＪ／２０２５／００４２` are one number: a second upload of it is a
 * duplicate, and it gets one keyed reference. Letters and digits are kept, so two numbers that
 * differ in one are never merged.
 */
export function normalizedCredentialNumber(credentialId: string): string {
  return credentialId
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212/\\.\u00b7\u30fb\u2022_,:]/g, '');
}
