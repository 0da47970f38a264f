import type { CertificateScale } from './certificateKindSpec.js';
import { DEFAULT_MIN_USEFUL_VALUE, isOnGrid, scaleValueOf } from './certificateKindSpec.js';

/**
 * Where a score or level sits on a kind's scale: a value in [0, 1] and whether it reaches the
 * kind's useful level (`usefulFrom`, else a value of {@link DEFAULT_MIN_USEFUL_VALUE}), or why it
 * is not on scale.
 */
export type ScaleReading =
  | { readonly ok: true; readonly value: number; readonly useful: boolean }
  | { readonly ok: false; readonly reason: 'score_off_scale' | 'score_scale_ambiguous' | 'level_unknown' | 'reading_not_on_scale' };

/** A score, a level, the day it was issued and, for a kind with two scales, which one the score is on. */
export interface ScaleInput {
  readonly score?: number | undefined;
  readonly level?: string | undefined;
  readonly issueDate?: string | undefined;
  readonly scoreScale?: 'main' | 'alternate' | undefined;
}

/**
 * Reads a score or level against a kind's scale. Numeric scales need a finite score within
 * [min, max] on the step grid, or, for a result issued since the kind's alternate scale began, on
 * that scale. A score on both (a TOEFL of 5 issued since 2026-01-21: band 5, or 5 of 120) is read on
 * the one `scoreScale` names and is `score_scale_ambiguous` without it: never guessed (it read as
 * a band, so a total of 6 counted as the top band). Levelled scales need a known level id;
 * pass/fail kinds read 1. A result is `useful` when it reaches the lowest result that counts: the
 * scale's `usefulFrom` (a score on the scale it was read on, or a level whose value it reaches),
 * else a value of {@link DEFAULT_MIN_USEFUL_VALUE}; one that does not is refused on upload
 * (`result_below_useful_level`). A score on a levelled or pass/fail kind, a level on a scored or pass/fail
 * kind, or a `scoreScale` on a kind not graded by score, is `reading_not_on_scale`.
 *
 * @example readScale(defaultCatalog.get('ielts')!.scale, { score: 6.5 }) // { ok: true, value: 0.722..., useful: true }
 */
export function readScale(scale: CertificateScale, reading: ScaleInput): ScaleReading {
  // A reading the scale does not grade by (a score for a levelled kind, a level for a scored one,
  // either for a pass/fail kind) would otherwise be dropped without a word, and the item read on
  // the other field alone: the item is refused for it instead.
  const scored = reading.score !== undefined || reading.scoreScale !== undefined;
  const levelled = reading.level !== undefined;
  if ((scored && scale.type !== 'numeric') || (levelled && scale.type !== 'levels')) return { ok: false, reason: 'reading_not_on_scale' };
  switch (scale.type) {
    case 'none':
      return { ok: true, value: 1, useful: true };
    case 'levels': {
      const level = reading.level === undefined ? undefined : scale.levels.find((l) => l.id === reading.level);
      if (level === undefined) return { ok: false, reason: 'level_unknown' };
      const from = scale.usefulFrom === undefined ? undefined : scale.levels.find((l) => l.id === scale.usefulFrom);
      return { ok: true, value: level.value, useful: usefulValue(level.value, from?.value) };
    }
    case 'numeric': {
      const s = reading.score;
      if (s === undefined || !Number.isFinite(s)) return { ok: false, reason: 'score_off_scale' };
      const alt = scale.alternate;
      // ISO dates compare as strings. The alternate scale exists only for results issued since it began.
      const onAlternate =
        alt !== undefined &&
        reading.issueDate !== undefined &&
        reading.issueDate >= alt.since &&
        s >= alt.min &&
        s <= alt.max &&
        (alt.step === undefined || isOnGrid(s, alt.min, alt.step));
      const onMain = s >= scale.min && s <= scale.max && (scale.step === undefined || isOnGrid(s, scale.min, scale.step));
      const which = reading.scoreScale ?? (onAlternate && onMain ? 'ambiguous' : onAlternate ? 'alternate' : 'main');
      if (which === 'ambiguous') return { ok: false, reason: 'score_scale_ambiguous' };
      if (which === 'alternate') {
        if (!onAlternate || alt === undefined) return { ok: false, reason: 'score_off_scale' };
        const value = scaleValueOf(s, alt.zeroAt ?? alt.min, alt.fullAt ?? alt.max, 'linear');
        return { ok: true, value, useful: usefulScore(s, value, alt.usefulFrom) };
      }
      if (!onMain) return { ok: false, reason: 'score_off_scale' };
      const value = scaleValueOf(s, scale.zeroAt ?? scale.min, scale.fullAt ?? scale.max, scale.curve);
      return { ok: true, value, useful: usefulScore(s, value, scale.usefulFrom) };
    }
  }
}

// A result valued 0 never counts, whatever the catalog says (a usefulFrom is validated above 0).
function usefulValue(value: number, from: number | undefined): boolean {
  return value > 0 && value >= (from ?? DEFAULT_MIN_USEFUL_VALUE);
}

// Compared as scores, not values: the pass line is a score the issuer prints (CET 425).
function usefulScore(score: number, value: number, from: number | undefined): boolean {
  return value > 0 && (from === undefined ? value >= DEFAULT_MIN_USEFUL_VALUE : score >= from);
}
