import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CertificateKindSpecInput } from '../../src/catalog/certificateKindSpec.js';
import { defaultCatalog, resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { ValidationError } from '../../src/errors/validationError.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { applicantArbitrary, certificateEvidenceArbitrary } from '../../src/testing/index.js';

const forklift: CertificateKindSpecInput = {
  id: 'forklift_licence',
  category: 'professional',
  names: { en: 'Forklift licence', zhHans: '叉车证' },
  scale: { type: 'none' },
  validity: { fadeHalfLifeMonths: 120 },
  minHolderAgeAtIssue: 18,
  signalWeight: 0.9,
  verificationMethods: ['government_registry'],
};

const refusalOf = (build: () => unknown): ValidationError => {
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
};
const at = (e: ValidationError) => e.issues.map((i) => `${i.path.join('.')}:${i.code}`);

const holder = fc.sample(applicantArbitrary({ segment: 'factory_worker', maxEvidence: 0 }), { numRuns: 1, seed: 3 })[0] as Applicant;

describe('the catalog option of the arbitraries takes what createScorer takes, and refuses anything else by name', () => {
  it('applicantArbitrary refuses a catalog that is no catalog at `catalog`, never drawing applicants without evidence', () => {
    for (const bad of [{}, 'default', 42, null, new Set(['cet4'])]) {
      expect(at(refusalOf(() => applicantArbitrary({ catalog: bad as never })))).toEqual(['catalog:invalid_type']);
    }
  });

  it('applicantArbitrary draws a lender kind given as the array of specs createScorer accepts', () => {
    const drawn = fc.sample(applicantArbitrary({ catalog: [forklift] as never, maxEvidence: 2 }), { numRuns: 200, seed: 5 });
    const kinds = new Set(drawn.flatMap((a) => a.evidence.map((e) => e.kind)));
    expect(drawn.filter((a) => a.evidence.length > 0).length).toBeGreaterThan(100);
    expect(kinds.has('forklift_licence')).toBe(true);
    // The built-in kinds the array leaves alone are kept, as resolveCatalog keeps them.
    expect([...kinds].some((k) => defaultCatalog.has(k))).toBe(true);
  });

  it('an empty array is the default catalog (resolveCatalog([])), so applicants still hold evidence', () => {
    const drawn = fc.sample(applicantArbitrary({ catalog: [] as never }), { numRuns: 200, seed: 5 });
    expect(drawn.filter((a) => a.evidence.length > 0).length).toBeGreaterThan(100);
  });

  it('a malformed kind in the array, or a hand-built Map keyed wrong, is refused under `catalog`', () => {
    const broken = refusalOf(() => applicantArbitrary({ catalog: [{ ...forklift, signalWeight: 'high' }] as never }));
    expect(broken.issues.every((i) => i.path[0] === 'catalog')).toBe(true);
    expect(broken.issues.map((i) => i.path.join('.'))).toContain('catalog.0.signalWeight');
    const misKeyed = new Map([['cet', defaultCatalog.get('cet4')]]);
    expect(at(refusalOf(() => applicantArbitrary({ catalog: misKeyed as never })))[0]).toMatch(/^catalog\.0\.id:/);
  });

  it('certificateEvidenceArbitrary refuses a catalog that is no catalog at `catalog` (no raw TypeError), and takes the array', () => {
    expect(at(refusalOf(() => certificateEvidenceArbitrary({ applicant: holder, catalog: {} as never, kind: 'cet4' })))).toEqual(['catalog:invalid_type']);
    expect(at(refusalOf(() => certificateEvidenceArbitrary({ applicant: holder, catalog: {} as never })))).toEqual(['catalog:invalid_type']);
    const drawn = fc.sample(certificateEvidenceArbitrary({ applicant: holder, catalog: [forklift] as never, kind: 'forklift_licence' }), {
      numRuns: 5,
      seed: 1,
    });
    expect(drawn.map((e) => e.kind)).toEqual(Array(5).fill('forklift_licence'));
  });

  it('a resolved catalog is drawn from as before: its own kinds are told from the built-in ones by identity', () => {
    const catalog = resolveCatalog([forklift]);
    const drawn = fc.sample(certificateEvidenceArbitrary({ applicant: holder, catalog }), { numRuns: 200, seed: 9 });
    const own = drawn.filter((e) => e.kind === 'forklift_licence').length;
    // Own kinds are drawn as often as all the built-in ones together: about half, not 1 in 25.
    expect(own).toBeGreaterThan(60);
    expect(own).toBeLessThan(140);
  });
});
