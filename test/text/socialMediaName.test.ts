import { describe, expect, it } from 'vitest';
import { defaultCertificateKinds } from '../../src/catalog/defaultCertificateKinds.js';
import { featureDefinitions } from '../../src/features/featureDefinitions.js';
import { socialMediaTermOf } from '../../src/text/socialMediaName.js';

// Outside tester findings19-rules2026 #2(c): a lender kind weibo_followers with no dataCategory was
// counted as `certificates` under eu-ccd2, which bans social-media data. A name is read for
// social-media data so such a kind or feature must declare `social_media`.

describe('socialMediaTermOf: names that read as social-media data', () => {
  it.each([
    ['weibo_followers', 'weibo'],
    ['creator_followers', 'followers'],
    ['Content creator followers', 'followers'],
    ['creatorfollowercount', 'follower'],
    ['FanBase', 'fanbase'],
    ['fans_count', 'fans'],
    ['post_likes', 'likes'],
    ['social_media_score', 'socialmedia'],
    ['SocialNetworkRank', 'socialnetwork'],
    ['instagramReach', 'instagram'],
    ['微博粉丝数', '粉丝'],
    ['内容创作者粉丝数', '粉丝'],
    ['社交媒体活跃度', '社交媒体'],
  ])('%s -> %s', (name, term) => {
    expect(socialMediaTermOf(name)).toBe(term);
  });

  it('passes payment and platform names, every built-in feature and source, and every default kind but creator_followers', () => {
    for (const name of [
      'douyin_pay_uses',
      'wechat_pay_volume',
      'ride_hailing_rating',
      'courier_positive_reviews',
      'platform_uses_3m',
      'fanless_cooling',
      'fan_speed',
    ])
      expect(socialMediaTermOf(name), name).toBeNull();
    for (const f of featureDefinitions) for (const n of [f.name, ...f.sources]) expect(socialMediaTermOf(n), n).toBeNull();
    for (const k of defaultCertificateKinds) {
      const reads = [k.id, k.names.en, k.names.zhHans].some((n) => socialMediaTermOf(n) !== null);
      expect(reads, k.id).toBe(k.id === 'creator_followers');
    }
  });
});
