// Type-level tests: checked by `tsc -p tsconfig.json` in `npm test` (never run, only compiled).
// What creditlift deep-freezes at run time is deep-readonly in its type, so the compiler refuses
// the write the runtime refuses; input types take readonly values, as `decide` does at run time.
import { describe, expectTypeOf, it } from 'vitest';
import { exampleFor, exampleUploadStep } from '../../src/examples/index.js';
import {
  type ApplicantInput,
  type CertificateEvidenceInput,
  type DeepReadonly,
  type PolicyConfig,
  type Scorer,
  defaultCatalog,
  defaultCertificateKinds,
  defaultPolicy,
  euCcd2,
  jurisdictionProfiles,
  policyReasons,
  resolveCatalog,
  resolvePolicy,
} from '../../src/index.js';

declare const scorer: Scorer;

describe('frozen values are typed read-only all the way down', () => {
  it('the default policy and a scorer policy refuse writes at any depth', () => {
    // @ts-expect-error: defaultPolicy is deep-frozen
    defaultPolicy.age.min = 21;
    // @ts-expect-error: its arrays too
    defaultPolicy.grades.push({ grade: 'Z', maxPd: 1, incomeMultiple: 1 });
    // @ts-expect-error: and the objects in them
    defaultPolicy.grades[0]!.maxPd = 0.5;
    // @ts-expect-error: a scorer's policy is deep-frozen
    scorer.policy.age.max = 99;
    // @ts-expect-error: its jurisdiction's lists too
    scorer.policy.jurisdiction.bannedDataCategories.pop();
    expectTypeOf(defaultPolicy).toEqualTypeOf<PolicyConfig>();
    expectTypeOf(defaultPolicy).toExtend<DeepReadonly<PolicyConfig>>();
  });

  it('catalog kinds refuse writes, from a scorer, the default catalog and the default list', () => {
    // @ts-expect-error: certificate kinds are deep-frozen
    scorer.certificateKinds[0]!.names.en = 'x';
    const ielts = defaultCatalog.get('ielts')!;
    // @ts-expect-error: a catalog's kinds too
    ielts.validity.expiresAfterMonths = 1;
    // @ts-expect-error: and the default list
    defaultCertificateKinds[0]!.names.en = 'x';
    // @ts-expect-error: a catalog is a ReadonlyMap
    defaultCatalog.delete('ielts');
  });

  it('shared reason texts and jurisdiction profiles refuse writes', () => {
    // @ts-expect-error: reason texts are deep-frozen
    policyReasons.limit_risk_grade.en = 'x';
    // @ts-expect-error: profiles too
    euCcd2.sources.push('x');
    // @ts-expect-error: and the profiles table
    jurisdictionProfiles['eu-ccd2']!.aprCap = 1;
  });

  it('example applicants refuse writes; a structured clone assigns to the writable input type', () => {
    const example = exampleFor('new_graduate');
    // @ts-expect-error: example applicants are deep-frozen
    example.applicant.income.monthlyNet = 1;
    // @ts-expect-error: their evidence too
    example.applicant.evidence![0]!.score = 9;
    const { before } = exampleUploadStep(example);
    // @ts-expect-error: the step's applicant too
    before.income.monthlyNet = 1;
    const editable: ApplicantInput = structuredClone(example.applicant);
    editable.income.monthlyNet = 1;
    editable.evidence = [...(editable.evidence ?? [])];
  });

  it('a frozen policy or kind is accepted back where a policy or kind is taken', () => {
    void resolvePolicy({ grades: defaultPolicy.grades, jurisdiction: euCcd2 }, defaultPolicy);
    void resolveCatalog([{ ...defaultCatalog.get('ielts')!, validity: { expiresAfterMonths: 36 } }]);
    void resolveCatalog(defaultCertificateKinds);
  });
});

describe('input types take readonly values, as decide does at run time', () => {
  it('an as-const applicant and a deep-readonly DTO are accepted by decide, suggest and decideBatch', () => {
    const asConst = {
      id: 'a1',
      asOf: '2026-11-01',
      birthDate: '2000-01-01',
      identity: { idHash: 'a'.repeat(64) },
      employment: { type: 'salaried', industry: 'finance' },
      income: { monthlyNet: 650_000, source: 'payroll' },
      socialInsuranceMonths: 12,
      housingFundMonths: 12,
      residence: { cityTier: 2, region: 'east' },
      bureau: { hasFile: false, currentDaysPastDue: 0, otherConsumerCreditBalance: 0, otherMonthlyDebtService: 0 },
      platform: { accountAgeMonths: 12, transactions3m: 10, transactionAmount3m: 100_000, currentLimit: 0, currentBalance: 0 },
      household: { monthlyEssentialSpending: 200_000, dependants: 0 },
      evidence: [],
    } as const;
    void scorer.decide(asConst);
    void scorer.suggest(asConst);
    void scorer.decideBatch([asConst, exampleFor('gig_driver').applicant]);
    const dto = {} as DeepReadonly<ApplicantInput>;
    void scorer.decide(dto);
    void scorer.decide(exampleFor('new_graduate').applicant);
    const evidence = {} as DeepReadonly<CertificateEvidenceInput>;
    void scorer.decide({ ...asConst, evidence: [evidence] as const });
    expectTypeOf<ApplicantInput['evidence']>().toEqualTypeOf<readonly CertificateEvidenceInput[] | undefined>();
  });
});
