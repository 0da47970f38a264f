/**
 * Text shown to a customer, in English and Simplified Chinese side by side. Every string the
 * health module produces for a person carries both, so a caller never falls back to one language.
 */
export interface LocalizedText {
  readonly en: string;
  readonly zhHans: string;
}
