import { z } from 'zod';
import { typeIssue } from '../errors/argumentIssues.js';
import { readOptions, readRequiredOptions } from '../errors/readOptions.js';
import type { ValidationIssue } from '../errors/validationError.js';
import { builtInProfileIssues } from '../policy/builtInProfileIssues.js';
import { JurisdictionProfile } from '../policy/jurisdictionProfile.js';

/**
 * Schemas of the plain data the trainer's public functions take (a parsed CSV, fitted
 * encodings), and a check for their option objects: called from JavaScript with anything else
 * they threw node's TypeErrors from deep inside.
 */

/** A parsed CSV as `parseCsv` returns it: a header of names, and rows of as many cells. */
export const CsvTableShape = z
  .object({ header: z.array(z.string()), rows: z.array(z.array(z.string())), lines: z.array(z.number().int().min(1)).optional() })
  .superRefine((t, ctx) => {
    const bad = t.rows.findIndex((r) => r.length !== t.header.length);
    if (bad >= 0) ctx.addIssue({ code: 'custom', path: ['rows', bad], message: `row ${bad} has ${t.rows[bad]?.length} cells, the header ${t.header.length}` });
    if (t.lines !== undefined && t.lines.length !== t.rows.length)
      ctx.addIssue({ code: 'custom', path: ['lines'], message: `lines has ${t.lines.length} entries, one per row wanted (${t.rows.length})` });
  });

/** One column's encoding, as `fitTabularEncoding` fits it. */
export const FeatureEncodingShape = z.object({
  name: z.string(),
  kind: z.enum(['numeric', 'categorical']),
  categories: z.array(z.string()).optional(),
});

/** What an option's value must be: a kind `typeIssue` knows, or a test with what it says. */
export type OptionRule = Parameters<typeof typeIssue>[2] | { readonly test: (v: unknown) => boolean; readonly what: string };

/** One option's rule: what its value must be, what that is in words, and whether it must be given. */
export type OptionRuleEntry = readonly [OptionRule, string, 'required'?];

/** A whole number from 1. */
export const WHOLE_FROM_ONE: OptionRule = { test: (v) => Number.isSafeInteger(v) && (v as number) >= 1, what: 'a whole number >= 1' };

/** A Uint32Array (of row indices). */
export const ROW_INDICES: OptionRule = { test: (v) => v instanceof Uint32Array, what: 'a Uint32Array of row indices' };

/**
 * An options object read once into a plain copy (see readOptions), which the call then uses, and
 * its issues: not an object (`optional` lets it be left out), a key not in `rules`, an option whose
 * read throws (a getter, a Proxy: `unreadable_input`), a required key missing, or a value not as
 * its rule says. Paths under `at`.
 */
export function readRuledOptions<T>(
  options: T,
  rules: Readonly<Record<string, OptionRuleEntry>>,
  at: readonly (string | number)[] = [],
  optional = false,
): { readonly value: T; readonly issues: ValidationIssue[] } {
  const read = optional ? readOptions(options, Object.keys(rules), at) : readRequiredOptions(options, Object.keys(rules), at);
  if (read.value === undefined) return { value: read.value as T, issues: read.issues };
  const o = read.value;
  const issues = [...read.issues];
  // An option whose read threw is named once, as unreadable, not again as missing.
  const unreadable = new Set(read.issues.filter((i) => i.code === 'unreadable_input').map((i) => i.path[at.length]));
  for (const [key, [rule, what, required]] of Object.entries(rules)) {
    if (unreadable.has(key)) continue;
    const v = o[key];
    if (v === undefined && required === undefined) continue;
    if (typeof rule === 'string') {
      const issue = typeIssue([...at, key], v, rule, what);
      if (issue !== undefined) issues.push(issue);
    } else if (!rule.test(v)) {
      issues.push({ path: [...at, key], code: v === undefined ? 'invalid_type' : 'invalid_value', message: `${key} must be ${what}` });
    }
  }
  return { value: o as T, issues };
}

/**
 * The rules of the options that say how a table's columns are read: `fitTabularEncoding` takes
 * these, and `trainFromCsv` passes them on to it (one table, so their words cannot drift apart).
 */
export const TABLE_READING_RULES = {
  target: ['string', 'the name of the outcome column', 'required'],
  positive: ['string', 'the positive (bad) outcome value', 'required'],
  exclude: ['strings', 'an array of column names'],
  categorical: ['strings', 'an array of column names'],
  naTokens: ['strings', 'an array of missing-value tokens'],
  maxCategoryShare: [{ test: (v) => typeof v === 'number' && v > 0 && v <= 1, what: 'a share above 0, at most 1' }, 'a share'],
  jurisdiction: [
    {
      test: (v) => JurisdictionProfile.safeParse(v).success && builtInProfileIssues(v as JurisdictionProfile).length === 0,
      what: 'a jurisdiction profile, as a policy holds one (cnConsumerFinance2024, euCcd2 or your own with its own id)',
    },
    'the jurisdiction the model will score under',
  ],
} as const satisfies Readonly<Record<string, OptionRuleEntry>>;
