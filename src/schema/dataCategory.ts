import { z } from 'zod';

/**
 * The category of personal data a model input or a policy rule draws on. Every feature declares
 * one, so a jurisdiction profile can ban categories (EU CCD2 Art. 18(3): social-media and health
 * data; China's credit-reporting regulation Art. 14: religion, genes, fingerprints, blood type,
 * disease and medical history) and a model using one is refused at load.
 *
 * The applicant schema has no field for the banned categories; they exist here so that a
 * custom feature, a custom model or imported data can be checked by name.
 */
export const DataCategory = z.enum([
  'age',
  'identity',
  'income',
  'employment',
  'residence',
  'household',
  'credit_bureau',
  'platform_behaviour',
  'certificates',
  'social_media',
  'health',
  'religion',
  'genetic',
  'biometric',
  'protected_characteristic',
]);
/** The category of personal data a model input or a policy rule draws on. */
export type DataCategory = z.infer<typeof DataCategory>;

/** Both-language names of each data category, for notices. */
export const dataCategoryNames: Readonly<Record<DataCategory, { readonly en: string; readonly zhHans: string }>> = {
  age: { en: 'Age', zhHans: '年龄' },
  identity: { en: 'Identity (for matching only)', zhHans: '身份信息（仅用于核验）' },
  income: { en: 'Income and its source', zhHans: '收入及其来源' },
  employment: { en: 'Employment', zhHans: '就业情况' },
  residence: { en: 'Place of residence (city tier, region)', zhHans: '居住地（城市等级、地区）' },
  household: { en: 'Household and living costs', zhHans: '家庭情况与生活开支' },
  credit_bureau: { en: 'Credit-bureau record', zhHans: '征信记录' },
  platform_behaviour: { en: 'Use and repayment of this credit line', zhHans: '本额度的使用与还款情况' },
  certificates: { en: 'Certificates you uploaded', zhHans: '您上传的证书' },
  social_media: { en: 'Social-media data', zhHans: '社交媒体数据' },
  health: { en: 'Health data', zhHans: '健康数据' },
  religion: { en: 'Religion', zhHans: '宗教信仰' },
  genetic: { en: 'Genetic data', zhHans: '基因信息' },
  biometric: { en: 'Biometric data (fingerprints, blood type)', zhHans: '生物识别信息（指纹、血型）' },
  protected_characteristic: { en: 'Protected characteristic (sex, ethnicity, marital status...)', zhHans: '受保护特征（性别、民族、婚姻状况等）' },
};
