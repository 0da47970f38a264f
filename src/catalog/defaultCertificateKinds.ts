import { deepFreeze } from '../common/deepFreeze.js';
import type { CertificateKindSpecInput } from './certificateKindSpec.js';

// Assumptions of ours, written down once so they can be argued with (every figure here is data a
// lender can override through `resolveCatalog`):
// - Qualifications and scholarships never expire, but their signal fades. Half-lives:
//   120 months for licensed professions (a decade of career keeps most of the signal), 60 months
//   for entry-level certificates (securities practitioner, computer rank), 36 months for
//   scholarships (a student-era signal that is overtaken by a work record within a few years).
// - IELTS, TOEFL and Duolingo results are valid 24 months (the issuers' own rule); CET and TEM
//   reports carry no issuer expiry, so they fade instead (36 and 60 months).
// - Gig-platform figures are snapshots of a moving number: valid 3 months, then re-fetch.
// - A card's own expiry date arrives as the evidence's `expiryDate` and is checked there; a kind
//   with a fixed term says so too (a tour-guide card is issued for 3 years), so an upload
//   without an expiry date does not count forever.
// - A result counts from a useful level (scale.usefulFrom), below which it is refused: the issuer's
//   own pass line where there is one (CET-4/6: 425); for the other language tests the issuers'
//   published alignment to CEFR B1, the first "independent user" level (IELTS 4.0, TOEFL iBT total
//   42 or band 3, Duolingo 60); for gig figures the platforms' own thresholds or ours (1,000
//   followers, which platforms have used to open creator features; a 4.5 driver rating and a 95%
//   positive-review rate, ours). One grid step above no signal (a CET-6 of 221) counted in full in
//   the accepted-certificate count and bought half of what a strong result does.
// - signalWeight ranks kinds within a category by how hard they are to obtain (a CPA above a
//   junior accountant); the scale value then places the holder within the kind.

const PRO_HALF_LIFE = 120;
const ENTRY_HALF_LIFE = 60;
const HONOUR_HALF_LIFE = 36;
const GIG_VALID_MONTHS = 3;

const registryOrDocument = ['issuer_api', 'government_registry', 'document_ocr', 'manual_review'] as const;
const examBoard = ['issuer_api', 'document_ocr', 'manual_review'] as const;
const platformFeed = ['platform_api'] as const;

function professional(
  id: string,
  en: string,
  zhHans: string,
  signalWeight: number,
  minHolderAgeAtIssue: number,
  fadeHalfLifeMonths = PRO_HALF_LIFE,
): CertificateKindSpecInput {
  return {
    id,
    category: 'professional',
    names: { en, zhHans },
    scale: { type: 'none' },
    validity: { fadeHalfLifeMonths },
    minHolderAgeAtIssue,
    signalWeight,
    verificationMethods: [...registryOrDocument],
  };
}

/** The oldest plausible age at which a student is awarded a scholarship (a doctoral student included). */
const SCHOLARSHIP_MAX_HOLDER_AGE = 35;

function scholarship(id: string, en: string, zhHans: string, signalWeight: number, minHolderAgeAtIssue: number): CertificateKindSpecInput {
  return {
    id,
    category: 'honour',
    names: { en, zhHans },
    scale: { type: 'none' },
    validity: { fadeHalfLifeMonths: HONOUR_HALF_LIFE },
    minHolderAgeAtIssue,
    // Scholarships are awarded to students: 35 covers doctoral students, so no genuine award is refused.
    maxHolderAgeAtIssue: SCHOLARSHIP_MAX_HOLDER_AGE,
    signalWeight,
    verificationMethods: [...registryOrDocument],
  };
}

/**
 * The default certificate catalog, as data. Kind ids are a public contract: features and
 * what-if suggestions refer to them, so they are never renamed.
 */
export const defaultCertificateKinds: readonly CertificateKindSpecInput[] = deepFreeze([
  // Professional. Minimum ages: the youngest a candidate can sit and be certified (final-year
  // students may sit the legal and CPA exams; physicians, pharmacists and constructors need a
  // degree first; the computer rank exam has no age limit and is taken by school children).
  professional('teacher_qualification', 'Teacher qualification certificate', '教师资格证', 0.8, 18),
  { ...professional('tour_guide_licence', 'Tour guide licence', '导游证', 0.6, 18), validity: { expiresAfterMonths: 36, fadeHalfLifeMonths: PRO_HALF_LIFE } },
  professional('junior_accountant', 'Junior accountant qualification', '初级会计专业技术资格', 0.6, 16),
  professional('intermediate_accountant', 'Intermediate accountant qualification', '中级会计专业技术资格', 0.8, 22),
  professional('cpa', 'Certified public accountant (CPA)', '注册会计师', 1.0, 20),
  professional('legal_professional', 'Legal professional qualification', '法律职业资格', 1.0, 20),
  professional('physician', 'Licensed physician qualification', '执业医师资格', 1.0, 22),
  professional('nurse', 'Licensed nurse qualification', '护士执业资格', 0.8, 18),
  professional('pharmacist', 'Licensed pharmacist qualification', '执业药师', 0.9, 22),
  professional('constructor', 'Constructor (builder) qualification', '建造师', 0.9, 22),
  professional('securities_practitioner', 'Securities practitioner qualification', '证券从业资格', 0.5, 18, ENTRY_HALF_LIFE),
  {
    id: 'national_computer_rank',
    category: 'professional',
    names: { en: 'National Computer Rank Examination', zhHans: '全国计算机等级考试' },
    // NCRE ranks 1 to 4; rank 4 is the most advanced.
    scale: {
      type: 'levels',
      levels: [
        { id: 'level_1', names: { en: 'Rank 1', zhHans: '一级' }, value: 0.25 },
        { id: 'level_2', names: { en: 'Rank 2', zhHans: '二级' }, value: 0.5 },
        { id: 'level_3', names: { en: 'Rank 3', zhHans: '三级' }, value: 0.75 },
        { id: 'level_4', names: { en: 'Rank 4', zhHans: '四级' }, value: 1 },
      ],
      typical: 'level_2',
    },
    validity: { fadeHalfLifeMonths: ENTRY_HALF_LIFE },
    minHolderAgeAtIssue: 10,
    signalWeight: 0.5,
    verificationMethods: [...examBoard],
  },

  // Language.
  {
    id: 'toefl_ibt',
    category: 'language',
    names: { en: 'TOEFL iBT', zhHans: '托福网考' },
    // Totals 0-120; since 2026-01-21 ETS reports a 1-6 score in half bands as well (both appear on
    // reports for a while). A score issued since then that is on the band grid (1 to 6) is a band;
    // anything above 6 is a total. Both map linearly to one strength: band 1 and total 0 carry no
    // signal, band 6 and total 120 full (our assumption: band 4.5 = 0.70 beside 86/120 = 0.72).
    // Useful from CEFR B1: total 42, band 3.
    scale: {
      type: 'numeric',
      min: 0,
      max: 120,
      step: 1,
      typical: 90,
      usefulFrom: 42,
      alternate: { since: '2026-01-21', min: 1, max: 6, step: 0.5, usefulFrom: 3 },
    },
    validity: { expiresAfterMonths: 24 },
    minHolderAgeAtIssue: 12,
    signalWeight: 0.9,
    verificationMethods: [...examBoard],
  },
  {
    id: 'ielts',
    category: 'language',
    names: { en: 'IELTS', zhHans: '雅思' },
    // Useful from band 4.0 (CEFR B1).
    scale: { type: 'numeric', min: 0, max: 9, step: 0.5, typical: 6.5, usefulFrom: 4 },
    validity: { expiresAfterMonths: 24 },
    minHolderAgeAtIssue: 12,
    signalWeight: 0.9,
    verificationMethods: [...examBoard],
  },
  {
    id: 'duolingo',
    category: 'language',
    names: { en: 'Duolingo English Test', zhHans: '多邻国英语测试' },
    // Useful from 60 (CEFR B1).
    scale: { type: 'numeric', min: 10, max: 160, step: 5, typical: 110, usefulFrom: 60 },
    validity: { expiresAfterMonths: 24 },
    minHolderAgeAtIssue: 12,
    signalWeight: 0.7,
    verificationMethods: [...examBoard],
  },
  {
    id: 'cet4',
    category: 'language',
    names: { en: 'College English Test Band 4 (CET-4)', zhHans: '大学英语四级' },
    // Whole points out of 710; 0 is what an absent candidate gets, and score reports have been
    // issued from 220 up, so the signal starts at 220. 425 is the national pass line: a result
    // below it is a fail and does not count.
    scale: { type: 'numeric', min: 0, max: 710, step: 1, typical: 480, zeroAt: 220, usefulFrom: 425 },
    validity: { fadeHalfLifeMonths: 36 },
    minHolderAgeAtIssue: 16,
    signalWeight: 0.5,
    verificationMethods: [...examBoard],
  },
  {
    id: 'cet6',
    category: 'language',
    names: { en: 'College English Test Band 6 (CET-6)', zhHans: '大学英语六级' },
    scale: { type: 'numeric', min: 0, max: 710, step: 1, typical: 460, zeroAt: 220, usefulFrom: 425 },
    validity: { fadeHalfLifeMonths: 36 },
    minHolderAgeAtIssue: 16,
    signalWeight: 0.7,
    verificationMethods: [...examBoard],
  },
  {
    id: 'tem8',
    category: 'language',
    names: { en: 'Test for English Majors Band 8 (TEM-8)', zhHans: '英语专业八级' },
    // Reported as a grade: below 60 fail, 60-69 pass, 70-79 good, 80+ excellent.
    scale: {
      type: 'levels',
      levels: [
        { id: 'fail', names: { en: 'Fail', zhHans: '不合格' }, value: 0 },
        { id: 'pass', names: { en: 'Pass', zhHans: '合格' }, value: 0.6 },
        { id: 'good', names: { en: 'Good', zhHans: '良好' }, value: 0.8 },
        { id: 'excellent', names: { en: 'Excellent', zhHans: '优秀' }, value: 1 },
      ],
      typical: 'pass',
    },
    validity: { fadeHalfLifeMonths: 60 },
    minHolderAgeAtIssue: 19,
    signalWeight: 0.8,
    verificationMethods: [...examBoard],
  },

  // Honour. Secondary-vocational national scholarships reach students of 15.
  scholarship('school_scholarship', 'School scholarship', '校级奖学金', 0.5, 15),
  scholarship('provincial_scholarship', 'Provincial government scholarship', '省级政府奖学金', 0.7, 15),
  scholarship('national_scholarship', 'National scholarship', '国家奖学金', 0.9, 15),

  // Gig. Platform figures are only trusted straight from the platform's signed feed.
  {
    id: 'ride_hailing_rating',
    category: 'gig',
    names: { en: 'Ride-hailing driver rating', zhHans: '网约车司机评分' },
    // Ratings crowd near 5 and platforms offboard drivers in the low 4s, so 4.0 carries no signal;
    // a rating counts from 4.5 (our assumption: half way from there to the top).
    scale: { type: 'numeric', min: 1, max: 5, step: 0.01, typical: 4.9, zeroAt: 4, usefulFrom: 4.5 },
    validity: { expiresAfterMonths: GIG_VALID_MONTHS },
    // A ride-hailing permit needs three years of driving on a licence first available at 18.
    minHolderAgeAtIssue: 21,
    signalWeight: 0.6,
    verificationMethods: [...platformFeed],
  },
  {
    id: 'courier_rating',
    category: 'gig',
    names: { en: 'Courier positive-review rate', zhHans: '快递员好评率' },
    // Percent of reviews that are positive (0-100, as platforms display it); 90% or below carries
    // no signal, and a rate counts from 95% (our assumption).
    scale: { type: 'numeric', min: 0, max: 100, step: 0.01, typical: 98.5, zeroAt: 90, usefulFrom: 95 },
    validity: { expiresAfterMonths: GIG_VALID_MONTHS },
    minHolderAgeAtIssue: 16,
    signalWeight: 0.6,
    verificationMethods: [...platformFeed],
  },
  {
    id: 'creator_followers',
    category: 'gig',
    names: { en: 'Content creator followers', zhHans: '内容创作者粉丝数' },
    // A count spanning orders of magnitude: log scale, full signal at a million followers; counts
    // from 1,000 (a threshold platforms have used to open creator features).
    scale: { type: 'numeric', min: 0, max: 10_000_000_000, step: 1, typical: 5000, fullAt: 1_000_000, curve: 'log', usefulFrom: 1000 },
    validity: { expiresAfterMonths: GIG_VALID_MONTHS },
    minHolderAgeAtIssue: 14,
    signalWeight: 0.4,
    verificationMethods: [...platformFeed],
    // A follower count is social-media data: rejected under a profile that bans it (EU CCD2).
    dataCategory: 'social_media',
  },
  {
    id: 'vocational_skill_level',
    category: 'gig',
    names: { en: 'Vocational skill level certificate', zhHans: '职业技能等级证书' },
    // China's five levels count downwards: level 1 (senior technician) is the highest.
    scale: {
      type: 'levels',
      levels: [
        { id: 'level_1', names: { en: 'Level 1: senior technician', zhHans: '一级/高级技师' }, value: 1 },
        { id: 'level_2', names: { en: 'Level 2: technician', zhHans: '二级/技师' }, value: 0.85 },
        { id: 'level_3', names: { en: 'Level 3: senior worker', zhHans: '三级/高级工' }, value: 0.7 },
        { id: 'level_4', names: { en: 'Level 4: intermediate worker', zhHans: '四级/中级工' }, value: 0.5 },
        { id: 'level_5', names: { en: 'Level 5: junior worker', zhHans: '五级/初级工' }, value: 0.35 },
      ],
      typical: 'level_4',
    },
    validity: { fadeHalfLifeMonths: PRO_HALF_LIFE },
    minHolderAgeAtIssue: 16,
    signalWeight: 0.8,
    verificationMethods: [...registryOrDocument],
  },
]);
