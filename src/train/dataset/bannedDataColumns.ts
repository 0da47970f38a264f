import type { ValidationIssue } from '../../errors/validationError.js';
import type { JurisdictionProfile } from '../../policy/jurisdictionProfile.js';
import type { DataCategory } from '../../schema/dataCategory.js';
import { socialMediaTermOf } from '../../text/socialMediaName.js';

/**
 * The data categories a training column's name is read for, with the reader: only those no other
 * rule covers. Health, religion, genetic and biometric names (`health_score`, `medical_history`,
 * `blood_group`) are protected characteristics, refused under every profile; social-media data is
 * banned by some profiles only (EU CCD2 Art. 18(3)), so its names are refused where the profile bans it.
 */
const NAME_READERS: Partial<Record<DataCategory, { readonly what: string; readonly read: (name: string) => string | null }>> = {
  social_media: { what: 'social-media data', read: socialMediaTermOf },
};

/**
 * A `banned_data_category` issue at `columns.<name>` for each feature column whose name reads as data
 * `jurisdiction` bans (`follower_count`, `weibo_followers`, `douyin_fans`, `粉丝数` under `eu-ccd2`):
 * trained into a model, the scorer would score with banned data. None when the profile bans none of
 * the categories read by name. There is no way to say a column is not what its name reads as: leave
 * it out (`--exclude`), or rename it for what it holds.
 */
export function bannedDataColumnIssues(names: readonly string[], jurisdiction: JurisdictionProfile): ValidationIssue[] {
  const readers = jurisdiction.bannedDataCategories.flatMap((c) => NAME_READERS[c] ?? []);
  const issues: ValidationIssue[] = [];
  for (const name of names) {
    for (const { what, read } of readers) {
      const term = read(name);
      if (term === null) continue;
      issues.push({
        path: ['columns', name],
        code: 'banned_data_category',
        message: `"${name}" reads as ${what} ("${term}"), which the ${jurisdiction.id} profile bans for creditworthiness; leave it out with --exclude ${name}`,
      });
      break;
    }
  }
  return issues;
}
