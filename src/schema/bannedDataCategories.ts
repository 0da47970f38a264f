import { z } from 'zod';
import { DataCategory } from './dataCategory.js';

/** Most categories one list may ban: more than DataCategory holds, so a list over it repeats one. */
const MAX_BANNED_CATEGORIES = 20;

/**
 * A list of data categories banned from use: a policy's `jurisdiction.bannedDataCategories` and
 * assessEvidence's `bannedDataCategories` option, checked by this one schema so that the same
 * mistake gets the same issue in both. Each entry must be a known category, spelt as listed
 * (`helth` or `Health` would ban nothing while the lender believes health data is banned), and
 * each once: a category listed twice stands where another was meant.
 */
export const BannedDataCategories = z
  .array(DataCategory)
  .max(MAX_BANNED_CATEGORIES)
  .superRefine((categories, ctx) => {
    const first = new Map<string, number>();
    categories.forEach((c, i) => {
      const at = first.get(c);
      if (at === undefined) first.set(c, i);
      else ctx.addIssue({ code: 'custom', path: [i], message: `duplicate data category "${c}" (also at index ${at})` });
    });
  });
