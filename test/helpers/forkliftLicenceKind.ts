import type { CertificateKindSpecInput } from '../../src/catalog/certificateKindSpec.js';

/** A lender's own levelled kind whose bottom level is valued 0 (a provisional licence carries no signal). */
export const forkliftLicenceKind: CertificateKindSpecInput = {
  id: 'forklift_licence',
  category: 'gig',
  names: { en: 'Forklift licence', zhHans: '叉车证' },
  scale: {
    type: 'levels',
    levels: [
      { id: 'provisional', names: { en: 'Provisional', zhHans: '临时' }, value: 0 },
      { id: 'full', names: { en: 'Full', zhHans: '正式' }, value: 1 },
    ],
    typical: 'full',
  },
  validity: {},
  minHolderAgeAtIssue: 18,
  signalWeight: 0.5,
  verificationMethods: ['issuer_api'],
};
