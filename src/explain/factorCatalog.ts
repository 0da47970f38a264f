import { deepFreeze } from '../common/deepFreeze.js';
import type { FeatureFactor } from '../features/featureDefinitions.js';

/** Text in both languages the product speaks, side by side so neither drifts from the other. */
export interface BilingualText {
  readonly en: string;
  readonly zhHans: string;
}

/** What a person is told about one explanation factor. */
export interface FactorEntry {
  readonly label: BilingualText;
  /** Said when the factor pushed the risk up (so the limit down). */
  readonly raisesRisk: BilingualText;
  /** Said when the factor pushed the risk down. */
  readonly lowersRisk: BilingualText;
}

/** Every model factor's bilingual wording, as data. */
// Frozen: its labels go into every decision as they are, so a caller editing one decision's label
// must not be able to rewrite every later decision's.
export const factorCatalog: Readonly<Record<FeatureFactor, FactorEntry>> = deepFreeze({
  income: {
    label: { en: 'Income and its verification', zhHans: '收入及其核验' },
    // Said whether or not a limit was requested, and for either part of the factor (the level, or how far it was verified).
    raisesRisk: { en: 'Monthly income is low or not fully verified', zhHans: '月收入偏低或核验不充分' },
    lowersRisk: { en: 'Verified income supports a higher limit', zhHans: '经核验的收入支持更高额度' },
  },
  stability: {
    label: { en: 'Employment and contribution stability', zhHans: '就业与社保公积金缴纳稳定性' },
    raisesRisk: { en: 'Short employment or social-insurance / housing-fund history', zhHans: '工作年限或社保、公积金缴纳时间较短' },
    lowersRisk: { en: 'Stable employment and contribution history', zhHans: '就业及缴纳记录稳定' },
  },
  debt_burden: {
    label: { en: 'Existing debt burden', zhHans: '现有负债水平' },
    raisesRisk: { en: 'Existing debt repayments or balances are high relative to income', zhHans: '现有债务还款或余额占收入比例较高' },
    lowersRisk: { en: 'Little existing debt relative to income', zhHans: '现有负债占收入比例较低' },
  },
  credit_history: {
    label: { en: 'Credit history', zhHans: '信用记录' },
    raisesRisk: { en: 'Recent delinquencies, arrears or many credit enquiries', zhHans: '近期有逾期、欠款或征信查询次数较多' },
    lowersRisk: { en: 'Clean credit history', zhHans: '信用记录良好' },
  },
  platform_behaviour: {
    label: { en: 'Repayment and usage on this platform', zhHans: '本平台还款与使用情况' },
    raisesRisk: { en: 'Repayment or usage pattern on this platform', zhHans: '在本平台的还款或使用情况' },
    lowersRisk: { en: 'Good repayment record on this platform', zhHans: '在本平台还款记录良好' },
  },
  household: {
    label: { en: 'Household commitments', zhHans: '家庭必要支出' },
    raisesRisk: { en: 'Essential spending is high relative to income', zhHans: '必要支出占收入比例较高' },
    lowersRisk: { en: 'Essential spending is modest relative to income', zhHans: '必要支出占收入比例适中' },
  },
  certificates: {
    label: { en: 'Verified certificates', zhHans: '已核验的证书' },
    raisesRisk: { en: 'Few verified certificates or skills on file', zhHans: '已核验的证书或技能较少' },
    lowersRisk: { en: 'Verified certificates add to creditworthiness', zhHans: '已核验的证书提升了信用评估' },
  },
  profile: {
    label: { en: 'Age and place of residence', zhHans: '年龄与居住地' },
    raisesRisk: { en: 'Age and residence profile', zhHans: '年龄与居住地情况' },
    lowersRisk: { en: 'Age and residence profile', zhHans: '年龄与居住地情况' },
  },
});
