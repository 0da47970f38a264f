import { deepFreeze } from '../common/deepFreeze.js';
import type { LocalizedName } from '../catalog/certificateKindSpec.js';
import type { EvidenceReasonCode } from './evidenceAssessment.js';

/**
 * Every evidence reason code in the order the assessment lists them, with its explanation in
 * English and Simplified Chinese, for screens and letters.
 */
export const evidenceReasons: Readonly<Record<EvidenceReasonCode, LocalizedName>> = deepFreeze({
  unknown_kind: { en: 'This kind of certificate is not recognised.', zhHans: '暂不支持该类证书。' },
  expired: { en: 'The certificate has expired.', zhHans: '证书已过有效期。' },
  issued_in_future: { en: 'The issue date is after the assessment date.', zhHans: '发证日期晚于评估日期。' },
  issued_before_plausible_age: {
    en: 'The holder would have been too young to obtain this certificate on its issue date.',
    zhHans: '按发证日期计算,持证人当时年龄低于该证书的最低可能年龄。',
  },
  issued_after_plausible_age: {
    en: 'The holder would have been older than anyone awarded this certificate on its issue date.',
    zhHans: '按发证日期计算,持证人当时年龄高于该证书的最高可能年龄。',
  },
  score_off_scale: { en: "The score is not a possible result on this certificate's scale.", zhHans: '分数不在该证书的有效分数范围内。' },
  score_scale_ambiguous: {
    en: 'This score is possible on both of the scales this certificate reports on (for example a TOEFL band or total); say which scale it is on.',
    zhHans: '该分数在此证书的两种计分方式下都可能出现（例如托福分段成绩或总分），请注明所用的计分方式。',
  },
  level_unknown: { en: 'The level is not one this certificate awards.', zhHans: '该证书没有此等级。' },
  reading_not_on_scale: {
    en: 'A score was given for a certificate graded by level, or a level for one graded by score; give the result it is graded by.',
    zhHans: '提交的成绩形式与该证书不符(按等级评定的证书填写了分数,或按分数评定的证书填写了等级),请按证书的评定方式填写。',
  },
  duplicate_document: { en: 'The same document was already submitted.', zhHans: '同一份文件已提交过。' },
  duplicate_credential: { en: 'The same certificate number was already submitted.', zhHans: '同一证书编号已提交过。' },
  holder_mismatch: { en: "The certificate holder does not match the applicant's identity.", zhHans: '持证人与申请人身份不一致。' },
  holder_unverified: {
    en: 'The certificate names its holder only by name, and we have no name on file to compare it with; link it to your ID number or add your name.',
    zhHans: '证书仅以姓名标明持证人，而我们没有您的姓名可供核对；请关联您的身份证号或补充您的姓名。',
  },
  low_verification_confidence: { en: 'The certificate could not be verified with enough confidence.', zhHans: '证书核验可信度不足。' },
  self_declared_only: {
    en: 'Self-declared information cannot count on its own; please upload or link the certificate.',
    zhHans: '仅自行填报的信息不能单独计入,请上传或授权核验证书。',
  },
  verification_method_not_accepted: { en: 'This certificate cannot be verified this way.', zhHans: '该证书不支持此核验方式。' },
  banned_data_category: {
    en: 'This kind of information may not be used for a credit decision where you live.',
    zhHans: '根据适用的法规，此类信息不得用于授信决定。',
  },
  result_below_useful_level: {
    en: 'This result is below the lowest level that counts for this certificate (a fail, a score under the pass line, or one that shows too little), so it cannot raise your limit.',
    zhHans: '该成绩未达到此类证书可计入的最低水平（未通过、低于及格线，或分数过低不足以说明能力），因此不能提高您的额度。',
  },
});

/** Every evidence reason code, in listing order. */
export const evidenceReasonCodes: readonly EvidenceReasonCode[] = Object.freeze(Object.keys(evidenceReasons) as EvidenceReasonCode[]);
