import { z } from 'zod';
import { credentialNumberIssue, hasLetterOrDigit } from '../text/credentialNumber.js';
import { CREDENTIAL_ID_CHARACTERS_PATTERN } from './credentialIdPattern.js';
import { CONTROL, LONE_SURROGATE, nameText } from './nameText.js';
import { IsoDate, Sha256Hex, Share } from './primitives.js';

// The credentialId rules as JSON Schema patterns (Unicode regular expressions, as ajv reads them by
// default), so a service validating with the JSON Schemas refuses what decide refuses: no control
// character and no lone surrogate; every character one decide takes (no letter or digit of another
// script: a Cyrillic look-alike is refused by both); and at least one character that is not a
// separator, control, format, private-use or unassigned character or punctuation. The last is a
// little looser than decide (a symbol alone, '©', passes it), as decide counts the letters and digits
// NFKD makes ('\u3371' is 'hPa', '©' none): the schema never refuses a number decide takes.
const CREDENTIAL_ID_PATTERNS = [{ pattern: '^[^\\p{Cc}\\p{Cs}]*$' }, { pattern: CREDENTIAL_ID_CHARACTERS_PATTERN }, { pattern: '[^\\p{Z}\\p{C}\\p{P}]' }];

/**
 * How a certificate was verified, strongest first. The assessment maps each method to a base
 * strength; `self_declared` evidence is never accepted on its own.
 */
export const VerificationMethod = z.enum([
  'issuer_api', // queried the issuer's registry online (e.g. CHSI, exam board API)
  'government_registry', // a national qualification registry
  'platform_api', // a gig platform's signed rating/follower feed
  'document_ocr', // uploaded image read by OCR plus forgery checks
  'manual_review', // a human reviewer checked the document
  'self_declared', // the user typed it in; nothing checked
]);
/** How a certificate was verified. */
export type VerificationMethod = z.infer<typeof VerificationMethod>;

/** Whose certificate it is: the issuer's record of the holder, compared with the applicant's identity. */
export const CertificateHolder = z
  .strictObject({
    name: nameText('holder.name', 100, 'person').optional(),
    idHash: Sha256Hex.optional().describe('SHA-256 of the holder national ID, as the lender hashes it'),
  })
  .refine((h) => h.name !== undefined || h.idHash !== undefined, { message: 'holder needs a name or an idHash' })
  // The same rule in the JSON Schemas: the object allows only name and idHash, so one key is one of them.
  .meta({ minProperties: 1 });

/**
 * One piece of certificate evidence a user uploaded: a qualification, a language test, a
 * scholarship, or a gig-platform signal. `kind` names an entry of the certificate catalog;
 * whether it is known is decided at assessment (so a lender's catalog can add kinds), not here.
 */
export const CertificateEvidence = z.strictObject({
  kind: z.string().min(1).max(64).describe('Catalog kind, e.g. "ielts", "teacher_qualification"'),
  issuer: nameText('issuer', 200, 'issuer'),
  credentialId: z
    .string()
    .min(1)
    .max(128)
    // Hashed into the keyed credentialRef: a lone surrogate would be replaced there (two numbers,
    // one reference), and a control character is no part of a number anyone typed.
    .refine((t) => !LONE_SURROGATE.test(t), 'credentialId must be well-formed text (a lone UTF-16 surrogate is not a character)')
    .refine((t) => !CONTROL.test(t), 'credentialId must not contain control characters')
    .refine(hasLetterOrDigit, 'credentialId must contain a letter or a digit')
    // A look-alike letter of another script would make the same certificate a new one (no
    // duplicate_credential, no fraud flag): refused by name, never folded quietly.
    .check((ctx) => {
      // Past the length limit the max rule refuses it already; no scan of a 10 MB string.
      const message = ctx.value.length <= 128 ? credentialNumberIssue(ctx.value) : undefined;
      if (message !== undefined) ctx.issues.push({ code: 'custom', input: ctx.value, message, params: { creditliftCode: 'invalid_format' } });
    })
    .meta({
      allOf: CREDENTIAL_ID_PATTERNS,
      description:
        "The registration number as printed on the certificate. Its letters and digits are A-Z, 0-9 or Chinese characters once width, case and accents are folded: a Cyrillic or Greek look-alike of a Latin letter, another script's digit, kana or Hangul is refused (here as by decide). Compared for duplicates with width, case, accents, spaces, separators and invisible characters folded and traditional Chinese characters read as simplified. One rule is looser here than in decide: a number whose only characters besides spaces and punctuation are symbols ('©') passes this schema and is refused by decide, which needs a letter or digit",
    }),
  holder: CertificateHolder,
  issueDate: IsoDate,
  expiryDate: IsoDate.optional(),
  score: z.number().finite().optional().describe("Numeric score on the kind's scale (IELTS band, TOEFL total, rating...)"),
  level: z.string().min(1).max(64).optional().describe('Named level for levelled kinds (e.g. "level_3")'),
  scoreScale: z
    .enum(['main', 'alternate'])
    .optional()
    .describe(
      "Which of a scored kind's scales `score` is on: its main scale, or the second one its issuer reports since a date (TOEFL iBT: 'main' the 0-120 total, 'alternate' the 1-6 band since 2026-01-21). Needed when the score lies on both (a TOEFL of a whole 1 to 6 issued since then); otherwise told apart by value and date",
    ),
  verification: z.strictObject({
    method: VerificationMethod,
    confidence: Share.describe('Verifier confidence in [0, 1]'),
  }),
  documentHash: Sha256Hex.describe('SHA-256 of the uploaded document'),
});
/** One piece of certificate evidence. */
export type CertificateEvidence = z.infer<typeof CertificateEvidence>;
/** One certificate evidence item as a caller writes it (defaults optional). */
export type CertificateEvidenceInput = z.input<typeof CertificateEvidence>;

/** The most evidence items one applicant may carry; more is a clear error, never a slow path. */
export const MAX_EVIDENCE_ITEMS = 50;
