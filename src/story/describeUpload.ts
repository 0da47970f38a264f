import { evidenceReasons, type BilingualText, type Decision } from '../index.js';
import { constraintText } from './bilingual.js';

/** What one uploaded certificate did to a line, and why, in numbers and in both languages. */
export interface UploadEffect {
  readonly kind: string;
  readonly status: 'accepted' | 'rejected' | 'unknown';
  /** The line before the upload and after the reassessment, fen. */
  readonly from: number;
  readonly to: number;
  /** What the certificate itself added, fen (the movement's share for this item). */
  readonly certificateGain: number;
  /** What re-deciding without any new evidence moved (other data, the line on file), fen. */
  readonly redecisionGain: number;
  /** PD without the certificate minus PD with it, in the reassessed decision; null when it did not count. */
  readonly pdReduction: number | null;
  readonly stepLimited: boolean;
  /** Why it moved the limit, or why not. */
  readonly why: BilingualText;
}

const pp = (x: number) => (x * 100).toFixed(2);

/**
 * Explains a reassessment after one certificate was uploaded: from, to, what the certificate added
 * and why (or why not). Reads only the two decisions; fields a newer Decision adds are ignored, and
 * a missing movement is read as "nothing moved".
 *
 * @param first the decision before the upload
 * @param next `scorer.reassess(first, { applicant, evidence: [certificate] })`
 */
export function describeUpload(first: Decision, next: Decision): UploadEffect {
  const movement = next.movement;
  const item = movement?.byEvidence.at(-1);
  const index = item?.index ?? next.evidence.length - 1;
  const assessed = next.evidence.find((e) => e.index === index);
  const impact = next.certificateImpacts.find((c) => c.index === index);
  const from = movement?.from ?? first.limit;
  const to = next.limit;
  const certificateGain = item?.limitGain ?? 0;
  const redecisionGain = (movement?.withoutNewEvidence ?? from) - from;
  const pdReduction = impact?.pdReduction ?? null;
  const stepLimited = movement?.stepLimited === true;
  const base = {
    kind: item?.kind ?? assessed?.kind ?? '',
    status: assessed?.status ?? ('unknown' as const),
    from,
    to,
    certificateGain,
    redecisionGain,
    pdReduction,
    stepLimited,
  };
  return { ...base, why: whyText(next, assessed?.status, assessed?.reasons ?? [], certificateGain, pdReduction, stepLimited) };
}

function whyText(
  next: Decision,
  status: string | undefined,
  rejectedFor: readonly string[],
  gain: number,
  pdReduction: number | null,
  stepLimited: boolean,
): BilingualText {
  if (status === 'rejected') {
    const reason = evidenceReasons[rejectedFor[0] as keyof typeof evidenceReasons] ?? { en: rejectedFor[0] ?? 'rejected', zhHans: rejectedFor[0] ?? '未通过' };
    return { en: `Not counted: ${reason.en}`, zhHans: `未计入：${reason.zhHans}` };
  }
  const set = constraintText(next.bindingConstraint);
  if (gain > 0) {
    const risk = pdReduction !== null && pdReduction > 0 ? `It lowered the estimated risk of default by ${pp(pdReduction)} points` : 'It counted';
    const riskZh = pdReduction !== null && pdReduction > 0 ? `它使预估违约风险降低了${pp(pdReduction)}个百分点` : '证书已计入';
    const how =
      next.bindingConstraint === 'risk'
        ? { en: 'your limit is set by your risk grade and income, so lower risk raises it', zhHans: '您的额度由风险等级和收入决定，风险降低即提高额度' }
        : { en: `lower risk lowered the price, and your limit is set by ${set.en}`, zhHans: `风险降低使价格下降，而您的额度由${set.zhHans}决定` };
    return {
      en: `${risk}; ${how.en}${stepLimited ? ' (part of the rise waits for the next step)' : ''}.`,
      zhHans: `${riskZh}；${how.zhHans}${stepLimited ? '（部分提额需等待下次评估）' : ''}。`,
    };
  }
  if (next.outcome === 'decline') {
    const first = next.reasons[0];
    return {
      en: `The application is declined${first ? ` (${first.en})` : ''}; a certificate cannot change that until the reason is resolved.`,
      zhHans: `申请未通过${first ? `（${first.zhHans}）` : ''}；在解决该原因之前，证书无法改变结果。`,
    };
  }
  if (pdReduction === null || pdReduction <= 0) {
    return { en: 'The model gives this certificate no weight for a profile like yours.', zhHans: '对于您这样的情况，模型未因该证书降低风险评估。' };
  }
  if (stepLimited) {
    return {
      en: 'It lowered the estimated risk, but increases are limited per step; it can count at the next step.',
      zhHans: '证书降低了风险评估，但单次提额幅度有限，可在下次评估时计入。',
    };
  }
  return {
    en: `It lowered the estimated risk of default by ${pp(pdReduction)} points, but your limit is set by ${set.en}, which a certificate does not change.`,
    zhHans: `它使预估违约风险降低了${pp(pdReduction)}个百分点，但您的额度由${set.zhHans}决定，证书无法改变这一点。`,
  };
}
