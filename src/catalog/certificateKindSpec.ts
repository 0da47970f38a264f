import { z } from 'zod';
import { VerificationMethod } from '../schema/certificateEvidence.js';
import { DataCategory } from '../schema/dataCategory.js';
import { IsoDate } from '../schema/primitives.js';
import type { DeepReadonly } from '../common/deepReadonly.js';
import { decimalUnits, shortestDecimal } from '../common/shortestDecimal.js';
import { kindNameIssues } from './kindNameIssues.js';
import { levelValueIssues } from './levelValueIssues.js';

/** A display name in English and Simplified Chinese, side by side. */
export const LocalizedName = z.strictObject({
  en: z.string().min(1).max(120),
  zhHans: z.string().min(1).max(120),
});
/** A display name in English and Simplified Chinese. */
export type LocalizedName = DeepReadonly<z.infer<typeof LocalizedName>>;

/** Category of a certificate kind; features are built per category. */
export const CertificateCategory = z.enum(['professional', 'language', 'honour', 'gig']);
/** Category of a certificate kind. */
export type CertificateCategory = z.infer<typeof CertificateCategory>;

const finite = z.number().finite();

/**
 * A second reporting scale an issuer introduced on a date (TOEFL iBT's 1-6 bands since
 * 2026-01-21 beside the 0-120 total). A score issued on or after `since` that lies on this
 * scale's range and grid is read on it; otherwise on the kind's main scale. Both map to the same
 * [0, 1] strength, so a result counts the same whichever scale reports it.
 */
export const AlternateScale = z.strictObject({
  // A calendar date, not only its pattern: '2026-02-30' compared as a string read real scores on
  // the wrong scale without a word.
  since: IsoDate.describe('First issue date reported on this scale'),
  min: finite,
  max: finite,
  step: finite.positive().optional(),
  zeroAt: finite.optional().describe('Score that carries no signal (value 0); default min'),
  fullAt: finite.optional().describe('Score that carries full signal (value 1); default max'),
  usefulFrom: finite
    .optional()
    .describe(
      'Lowest score on this scale that counts (a pass line); a score below it is refused (result_below_useful_level). Default: the score valued DEFAULT_MIN_USEFUL_VALUE',
    ),
});
/** A second reporting scale of a numeric kind. */
export type AlternateScale = DeepReadonly<z.infer<typeof AlternateScale>>;

/**
 * A numeric score scale (IELTS band, TOEFL total, platform rating...). `min`/`max`/`step` are the
 * issuer's reporting rules and decide what is on scale. The score maps to a value in [0, 1]:
 * 0 at `zeroAt` (default `min`) and 1 at `fullAt` (default `max`), clamped between; `curve: 'log'`
 * maps log10(1 + score) instead, for counts that span orders of magnitude (followers).
 */
export const NumericScale = z.strictObject({
  type: z.literal('numeric'),
  min: finite,
  max: finite,
  step: finite.positive().optional(),
  typical: finite.describe('A typical score, used for what-if suggestions'),
  zeroAt: finite.optional().describe('Score that carries no signal (value 0); default min'),
  fullAt: finite.optional().describe('Score that carries full signal (value 1); default max'),
  curve: z.enum(['linear', 'log']).optional(),
  usefulFrom: finite
    .optional()
    .describe(
      'Lowest score that counts (a pass line, a level that shows useful ability), in (zeroAt, fullAt], on the grid, at most typical; a score below it is refused (result_below_useful_level). Default: the score valued DEFAULT_MIN_USEFUL_VALUE',
    ),
  alternate: AlternateScale.optional().describe('A second reporting scale in use since a date (told apart by value and issue date)'),
});
/** A numeric score scale. */
export type NumericScale = DeepReadonly<z.infer<typeof NumericScale>>;

/** One named level of a levelled kind, with its value in [0, 1] (higher is a stronger signal). */
export const ScaleLevel = z.strictObject({
  id: z.string().min(1).max(64),
  names: LocalizedName,
  value: z.number().min(0).max(1),
});
/** One named level of a levelled kind. */
export type ScaleLevel = DeepReadonly<z.infer<typeof ScaleLevel>>;

/** A scale of named levels (TEM-8 grades, computer rank, vocational skill level). */
export const LevelledScale = z.strictObject({
  type: z.literal('levels'),
  levels: z.array(ScaleLevel).min(1).max(50),
  typical: z.string().min(1).max(64).describe('Id of a typical level, used for what-if suggestions'),
  usefulFrom: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe(
      'Id of the lowest level that counts (valued above 0, at most typical); a level valued below it is refused (result_below_useful_level). Default: levels valued DEFAULT_MIN_USEFUL_VALUE or more count',
    ),
});
/** A scale of named levels. */
export type LevelledScale = DeepReadonly<z.infer<typeof LevelledScale>>;

/** No scale: a pass/fail qualification that either is held (value 1) or is not. */
export const NoScale = z.strictObject({ type: z.literal('none') });
/** No scale: a pass/fail qualification. */
export type NoScale = DeepReadonly<z.infer<typeof NoScale>>;

/** How a kind is scored. */
export const CertificateScale = z.discriminatedUnion('type', [NumericScale, LevelledScale, NoScale]);
/** How a kind is scored. */
export type CertificateScale = DeepReadonly<z.infer<typeof CertificateScale>>;

/**
 * How long a kind counts. `expiresAfterMonths`: rejected as expired after that many months from
 * issue. `fadeHalfLifeMonths`: the strength halves every that many months since issue.
 */
export const CertificateValidity = z.strictObject({
  expiresAfterMonths: z.number().int().positive().max(1200).optional(),
  fadeHalfLifeMonths: z.number().positive().max(1200).optional(),
});
/** How long a kind counts. */
export type CertificateValidity = DeepReadonly<z.infer<typeof CertificateValidity>>;

/**
 * One kind of certificate evidence, as catalog data. A lender adds or overrides kinds by passing
 * objects of this shape to `resolveCatalog`, without touching code. Its id and display names must
 * not name a protected characteristic (`marriage_certificate`, `残疾证`: `protected_characteristic`),
 * nor may a level's id or names name a protected group (`male`, `已婚`: the same code at
 * `scale.levels.<i>`), and one that reads as social-media data must declare `dataCategory: 'social_media'`.
 */
export const CertificateKindSpec = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected a snake_case id of at most 64 characters'),
    category: CertificateCategory,
    names: LocalizedName,
    scale: CertificateScale,
    validity: CertificateValidity,
    minHolderAgeAtIssue: z.number().int().min(0).max(100).describe('Youngest plausible holder age, in whole years, on the issue date'),
    maxHolderAgeAtIssue: z
      .number()
      .int()
      .min(0)
      .max(120)
      .optional()
      .describe(
        'Oldest plausible holder age, in whole years, on the issue date (scholarships: students); an upload issued later is refused and the kind is never suggested to someone older today. Default: no maximum',
      ),
    signalWeight: z.number().gt(0).max(1).describe('How strong a signal the kind is at the top of its scale, in (0, 1]'),
    verificationMethods: z.array(VerificationMethod).min(1).max(6).describe('Methods accepted as proof of this kind'),
    dataCategory: DataCategory.optional().describe(
      'Category of personal data the kind draws on (default certificates); evidence of a category the jurisdiction bans is rejected. A kind whose id or names read as social-media data (followers, fans, 粉丝, Weibo) must declare social_media',
    ),
  })
  .superRefine((spec, ctx) => {
    const issue = (path: (string | number)[], message: string): void => {
      ctx.addIssue({ code: 'custom', path, message });
    };
    for (const named of [...kindNameIssues(spec), ...levelValueIssues(spec)])
      ctx.addIssue({ code: 'custom', path: named.path, message: named.message, params: { creditliftCode: named.code } });
    if (spec.maxHolderAgeAtIssue !== undefined && spec.maxHolderAgeAtIssue < spec.minHolderAgeAtIssue) {
      issue(['maxHolderAgeAtIssue'], 'maxHolderAgeAtIssue must be at least minHolderAgeAtIssue');
    }
    if (spec.verificationMethods.includes('self_declared')) {
      issue(['verificationMethods'], 'self_declared never counts on its own and cannot be an accepted method');
    }
    const scale = spec.scale;
    if (scale.type === 'numeric') {
      if (!(scale.min < scale.max)) issue(['scale', 'max'], 'max must exceed min');
      if (scale.typical < scale.min || scale.typical > scale.max) issue(['scale', 'typical'], 'typical must lie in [min, max]');
      else if (scale.step !== undefined && !isOnGrid(scale.typical, scale.min, scale.step)) issue(['scale', 'typical'], 'typical must be on the step grid');
      const lo = scale.zeroAt ?? scale.min;
      const hi = scale.fullAt ?? scale.max;
      if (lo < scale.min || lo >= scale.max) issue(['scale', 'zeroAt'], 'zeroAt must lie in [min, max)');
      if (hi <= lo || hi > scale.max) issue(['scale', 'fullAt'], 'fullAt must lie in (zeroAt, max]');
      if (scale.curve === 'log' && scale.min < 0) issue(['scale', 'min'], 'a log scale needs min >= 0');
      const from = scale.usefulFrom;
      const fromIssue = usefulFromIssue(from, lo, hi, scale.min, scale.step);
      if (fromIssue !== undefined) issue(['scale', 'usefulFrom'], fromIssue);
      // A typical result is what a what-if suggests: one below the useful level would be refused
      // on upload (result_below_useful_level), so the suggestion could never come true.
      else if (from !== undefined && scale.typical >= scale.min && scale.typical <= scale.max && scale.typical < from)
        issue(
          ['scale', 'usefulFrom'],
          `usefulFrom must be at most typical ${scale.typical} (a what-if of the typical result would be refused as below the useful level)`,
        );
      else if (
        from === undefined &&
        scale.typical >= scale.min &&
        scale.typical <= scale.max &&
        lo < hi &&
        !(scaleValueOf(scale.typical, lo, hi, scale.curve) >= DEFAULT_MIN_USEFUL_VALUE)
      )
        issue(
          ['scale', 'typical'],
          `typical must reach the useful level (valued ${DEFAULT_MIN_USEFUL_VALUE} or more without a usefulFrom; a result below it never counts)`,
        );
      const alt = scale.alternate;
      if (alt !== undefined) {
        if (!(alt.min < alt.max)) issue(['scale', 'alternate', 'max'], 'max must exceed min');
        const alo = alt.zeroAt ?? alt.min;
        const ahi = alt.fullAt ?? alt.max;
        if (alo < alt.min || alo >= alt.max) issue(['scale', 'alternate', 'zeroAt'], 'zeroAt must lie in [min, max)');
        if (ahi <= alo || ahi > alt.max) issue(['scale', 'alternate', 'fullAt'], 'fullAt must lie in (zeroAt, max]');
        const altFromIssue = usefulFromIssue(alt.usefulFrom, alo, ahi, alt.min, alt.step);
        if (altFromIssue !== undefined) issue(['scale', 'alternate', 'usefulFrom'], altFromIssue);
        if (scale.curve === 'log') issue(['scale', 'alternate'], 'an alternate scale needs a linear main scale');
        // A what-if upload is issued on the decision date: a typical score that lies on the
        // alternate scale too would be refused as ambiguous (score_scale_ambiguous), so the
        // suggestion could never come true.
        if (scale.typical >= alt.min && scale.typical <= alt.max)
          issue(
            ['scale', 'typical'],
            `typical must lie outside the alternate scale's range [${alt.min}, ${alt.max}] (a what-if of it would not say which scale it is on)`,
          );
      }
    } else if (scale.type === 'levels') {
      const seen = new Set<string>();
      scale.levels.forEach((level, i) => {
        if (seen.has(level.id)) issue(['scale', 'levels', i, 'id'], `duplicate level id "${level.id}"`);
        seen.add(level.id);
      });
      const typical = scale.levels.find((l) => l.id === scale.typical);
      if (typical === undefined) issue(['scale', 'typical'], `typical level "${scale.typical}" is not one of the levels`);
      const from = scale.usefulFrom === undefined ? undefined : scale.levels.find((l) => l.id === scale.usefulFrom);
      if (scale.usefulFrom !== undefined && from === undefined)
        issue(['scale', 'usefulFrom'], `usefulFrom level "${scale.usefulFrom}" is not one of the levels`);
      else if (from !== undefined && !(from.value > 0))
        issue(['scale', 'usefulFrom'], `usefulFrom level "${from.id}" is valued 0, and a result valued 0 never counts`);
      else if (from !== undefined && typical !== undefined && typical.value < from.value)
        issue(
          ['scale', 'usefulFrom'],
          `usefulFrom level "${from.id}" (valued ${from.value}) lies above typical level "${typical.id}" (valued ${typical.value}): a what-if of the typical result would be refused as below the useful level`,
        );
      else if (from === undefined && typical !== undefined && !(typical.value >= DEFAULT_MIN_USEFUL_VALUE))
        issue(
          ['scale', 'typical'],
          `typical level "${scale.typical}" is valued ${typical.value}, below the useful level (${DEFAULT_MIN_USEFUL_VALUE} without a usefulFrom), and a result below it never counts`,
        );
    }
  });
/** One kind of certificate evidence, validated (what the catalog holds). */
export type CertificateKindSpec = DeepReadonly<z.infer<typeof CertificateKindSpec>>;

/**
 * The scale value from which a result counts when its kind sets no `usefulFrom`: a result in the
 * bottom tenth of its scale's signal range (a CET-6 of 221, 1 follower, a 4.01 driver rating)
 * shows too little to raise a limit, yet counted in full in the accepted-certificate count.
 */
export const DEFAULT_MIN_USEFUL_VALUE = 0.1;

/** Where a score lies between the scale's no-signal and full-signal scores, in [0, 1] (as readScale maps it). */
export function scaleValueOf(score: number, zeroAt: number, fullAt: number, curve: 'linear' | 'log' | undefined): number {
  const f = curve === 'log' ? (x: number) => Math.log10(1 + x) : (x: number) => x;
  const lo = f(zeroAt);
  const hi = f(fullAt);
  return Math.min(1, Math.max(0, (f(score) - lo) / (hi - lo)));
}

// A useful level must be a score a result can have that carries signal: above the no-signal score,
// at most the full-signal one, and on the grid (the lowest score that counts is a score).
function usefulFromIssue(from: number | undefined, zeroAt: number, fullAt: number, min: number, step: number | undefined): string | undefined {
  if (from === undefined) return undefined;
  if (!(from > zeroAt && from <= fullAt)) return `usefulFrom must lie in (zeroAt, fullAt] = (${zeroAt}, ${fullAt}]: a result valued 0 never counts`;
  if (step !== undefined && !isOnGrid(from, min, step)) return 'usefulFrom must be on the step grid (it is the lowest score that counts)';
  return undefined;
}

/** The category of personal data a kind draws on: its own, or `certificates` (the default every rule reads the same). */
export function kindDataCategory(spec: Pick<CertificateKindSpec, 'dataCategory'>): DataCategory {
  return spec.dataCategory ?? 'certificates';
}
/** One kind of certificate evidence, as a lender writes it. */
export type CertificateKindSpecInput = DeepReadonly<z.input<typeof CertificateKindSpec>>;

/**
 * True when `score` is the grid point `min + k * step` for a whole k, exactly: the three are read
 * as the decimals they were written as (their shortest text, "91.37", "90", "0.01") and the
 * difference is divided in whole numbers. A score is on the grid when it is the double nearest a
 * grid point, and off it otherwise, however far from 0 the scale starts (a tolerance relative to
 * the step count, used before, fell below the rounding of `score - min`, which is relative to
 * `min`, and refused 200 of the 1,001 two-decimal scores on 90..100 step 0.01). False for a score,
 * min or step that is not finite, or a step that is not positive.
 *
 * @example isOnGrid(91.37, 90, 0.01) // true
 * @example isOnGrid(91.375, 90, 0.01) // false
 */
export function isOnGrid(score: number, min: number, step: number): boolean {
  if (!Number.isFinite(score) || !Number.isFinite(min) || !Number.isFinite(step) || !(step > 0)) return false;
  const s = shortestDecimal(score);
  const m = shortestDecimal(min);
  const t = shortestDecimal(step);
  const exponent = Math.min(s.exponent, m.exponent, t.exponent);
  const lo = decimalUnits(m, exponent);
  const unit = decimalUnits(t, exponent);
  const offset = decimalUnits(s, exponent) - lo;
  const rest = ((offset % unit) + unit) % unit;
  if (rest === 0n) return true;
  // The score's shortest text is not a grid point, but the double may still be the one nearest a
  // grid point whose own decimal has more digits than a double keeps (a grid of 0.5 at 1e20): the
  // grid points either side of it are the only candidates.
  const below = lo + offset - rest;
  return Number(`${below}e${exponent}`) === score || Number(`${below + unit}e${exponent}`) === score;
}
