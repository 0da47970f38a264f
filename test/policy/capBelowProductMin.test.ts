// A per-borrower cap below the product's minimum leaves no room for any line: every applicant is
// declined or referred. A lender writing the cap in RMB instead of fen (30_000 meant as 30,000 RMB,
// read as 300 RMB) gets exactly that policy, so it is refused, naming both fields.
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { policyRefusal } from '../helpers/policyRefusal.js';

describe('a per-borrower cap below productMin is refused', () => {
  it("the lender's cap written in RMB (300 RMB < 500 RMB productMin) is refused at limits.lenderCapPerBorrower, naming productMin", () => {
    const err = policyRefusal({ limits: { lenderCapPerBorrower: 30_000 } });
    expect(err.fields).toEqual(['limits.lenderCapPerBorrower']);
    expect(err.issues[0]?.message).toMatch(/productMin/);
    expect(err.issues[0]?.message).toMatch(/300 RMB/);
  });

  it("the jurisdiction's cap below productMin is refused too", () => {
    // A lender's own profile (its own id): a built-in one edited is refused as an edited copy.
    const jurisdiction = { ...defaultPolicy.jurisdiction, id: 'acme-test-region', perBorrowerCreditLineCap: 40_000 };
    const err = policyRefusal({ jurisdiction, limits: { lenderCapPerBorrower: null } });
    const atCap = err.issues.filter((i) => i.path.join('.') === 'jurisdiction.perBorrowerCreditLineCap');
    expect(atCap.map((i) => i.message)).toEqual(expect.arrayContaining([expect.stringMatching(/below limits\.productMin/)]));
  });

  it('a cap at productMin is still a policy: one line of the minimum fits', () => {
    expect(resolvePolicy({ limits: { lenderCapPerBorrower: defaultPolicy.limits.productMin } }).limits.lenderCapPerBorrower).toBe(
      defaultPolicy.limits.productMin,
    );
  });
});
