import { columnWords } from './protectedCharacteristic.js';

/**
 * Reading a name (a certificate kind's id or display name, a lender feature's name or source) as
 * social-media data: EU CCD2 Art. 18(3) bans it for creditworthiness, and the ban is enforced by
 * the name's declared `dataCategory`, so a kind or feature that reads as social-media data must
 * declare `social_media` rather than fall to the default `certificates` (or be declared something
 * else) and slip past the ban.
 *
 * The list is kept to words that name the data itself (follower and fan counts, subscribers,
 * likes) and to networks that are nothing else: a platform that also runs payments or shops
 * (Douyin Pay, WeChat Pay) would make a payment feature read as social media.
 */

// Words (and words written together) that name social-media data.
const WORDS = new Set([
  'follower',
  'followers',
  'fans',
  'fanbase',
  'subscribers',
  'likes',
  'influencer',
  'influencers',
  'socialmedia',
  'socialnetwork',
  'weibo',
  'twitter',
  'instagram',
  'facebook',
]);
// Found inside a run-together word too (`weibofollowers`, `creatorfollowercount`): long enough never to be part of another word.
const INSIDE_WORDS = ['follower', 'socialmedia', 'socialnetwork', 'weibo', 'twitter', 'instagram', 'facebook', 'influencer'];
// Chinese terms, matched as substrings: 粉丝 (fans, followers), 关注者 (followers), 点赞 (likes), 微博 (Weibo), 社交媒体 (social media).
const CHINESE = ['粉丝', '关注者', '点赞', '微博', '社交媒体', '社交网络'];

/**
 * The word or term by which `name` reads as social-media data, or `null`.
 *
 * @example socialMediaTermOf('weibo_followers') // 'weibo'
 * @example socialMediaTermOf('Content creator followers') // 'followers'
 * @example socialMediaTermOf('内容创作者粉丝数') // '粉丝'
 * @example socialMediaTermOf('ride_hailing_rating') // null
 */
export function socialMediaTermOf(name: string): string | null {
  const text = name.normalize('NFKC');
  for (const term of CHINESE) if (text.includes(term)) return term;
  const words = columnWords(text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (WORDS.has(w)) return w;
    const next = words[i + 1];
    if (next !== undefined && WORDS.has(w + next)) return w + next;
    const inside = INSIDE_WORDS.find((t) => w.includes(t));
    if (inside !== undefined) return inside;
  }
  return null;
}

/** A name read as social-media data, where it sits. */
export interface NamedAt {
  readonly text: string;
  /** Where the name is, said in messages (`its id`, `names.en`, `sources.0`). */
  readonly where: string;
}

/** The issue when a kind or feature whose names read as social-media data does not declare `social_media`. */
export interface SocialMediaCategoryIssue {
  readonly path: (string | number)[];
  readonly code: 'missing_data_category' | 'data_category_mismatch';
  readonly message: string;
}

/**
 * One issue at `categoryPath` when any of `names` reads as social-media data and `declared` (the
 * data category the kind or feature declares, if any) is not `social_media`; none otherwise.
 *
 * @param what how messages name the thing (`kind "weibo_followers"`)
 */
export function socialMediaCategoryIssues(
  names: readonly NamedAt[],
  declared: string | undefined,
  categoryPath: (string | number)[],
  what: string,
): SocialMediaCategoryIssue[] {
  if (declared === 'social_media') return [];
  for (const { text, where } of names) {
    const term = socialMediaTermOf(text);
    if (term === null) continue;
    const read = `${what} reads as social-media data ("${term}" in ${where}), which EU CCD2 bans for creditworthiness`;
    return [
      declared === undefined
        ? {
            path: categoryPath,
            code: 'missing_data_category',
            message: `${read}: declare dataCategory "social_media" (with none it would count as "certificates")`,
          }
        : { path: categoryPath, code: 'data_category_mismatch', message: `${read}: declare dataCategory "social_media", not "${declared}"` },
    ];
  }
  return [];
}
