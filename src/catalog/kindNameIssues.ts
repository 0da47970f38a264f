import { protectedNameIssues, type ProtectedNameIssue } from '../text/protectedCharacteristic.js';
import { socialMediaCategoryIssues, type SocialMediaCategoryIssue } from '../text/socialMediaName.js';

/**
 * The name rules of one certificate kind, at paths within it. An accepted upload raises the
 * applicant's certificate features, so a kind carries what its name says into the model: one whose
 * id or display name (English or Chinese) names a protected characteristic (`marriage_certificate`,
 * `Disability certificate`, `健康证`, `religious_cleric_card`) is refused
 * (`protected_characteristic`), whatever `dataCategory` it declares. One that reads as social-media
 * data (`weibo_followers`, `粉丝数`) must declare `dataCategory: 'social_media'`: without it the kind
 * would count as `certificates`, which no profile bans (`missing_data_category`; another declared
 * category is `data_category_mismatch`).
 */
export function kindNameIssues(spec: {
  readonly id: string;
  readonly names: { readonly en: string; readonly zhHans: string };
  readonly dataCategory?: string | undefined;
}): (ProtectedNameIssue | SocialMediaCategoryIssue)[] {
  const names = [
    { text: spec.id, path: ['id'], where: 'its id' },
    { text: spec.names.en, path: ['names', 'en'], where: 'names.en' },
    { text: spec.names.zhHans, path: ['names', 'zhHans'], where: 'names.zhHans' },
  ];
  return [
    ...protectedNameIssues(
      names.map((n) => n.text),
      (i) => [...(names[i]?.path ?? [])],
      `certificate kind "${spec.id}":`,
      ', and no certificate of it may count',
    ),
    ...socialMediaCategoryIssues(names, spec.dataCategory, ['dataCategory'], `certificate kind "${spec.id}"`),
  ];
}
