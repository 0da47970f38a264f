import type { CertificateKindSpecInput } from '../../src/catalog/certificateKindSpec.js';

/**
 * A lender's own certificate kind of health data: daily steps from a wearable, declared `health`,
 * so banned under cn-consumer-finance-2024 as under eu-ccd2 (its name says nothing protected).
 */
export const lenderHealthKind: CertificateKindSpecInput = {
  id: 'wearable_daily_steps',
  category: 'gig',
  names: { en: 'Wearable daily steps', zhHans: '可穿戴设备日均步数' },
  scale: { type: 'numeric', min: 0, max: 50_000, step: 1, typical: 8000, usefulFrom: 3000 },
  validity: { expiresAfterMonths: 12 },
  minHolderAgeAtIssue: 16,
  signalWeight: 0.5,
  verificationMethods: ['platform_api'],
  dataCategory: 'health',
};
