// A challenger's `policyOverrides` were merged into the default policy, not the champion's: a lender
// whose champion capped every line at 10,000 RMB (`lenderCapPerBorrower`) and tried a challenger with a
// different pricing margin, live, had the challenger's arm grant the teacher 17,600 RMB: the lender's own
// cap was gone from the arm, beside a change that was only about price. A challenger is the champion with
// the changes it names: its overrides now change the champion's policy; a complete `policy` still replaces it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer, type ScorerOptions } from '../../src/decision/createScorer.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { policyHash } from '../../src/policy/policyHash.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

const teacher = exampleFor('salaried_teacher').applicant as ApplicantInput;
const championOverrides = { limits: { lenderCapPerBorrower: 1_000_000 } } as const;
const margin = { pricing: { margin: 0.04 } } as const;

let scorers: Scorer[] = [];
const open = async (options: ScorerOptions) => {
  const s = await createScorer({ suggestionsPerDecision: 0, ...options });
  scorers.push(s);
  return s;
};
afterAll(async () => {
  await Promise.all(scorers.map((s) => s.close()));
  scorers = [];
});

let uncapped: number;
beforeAll(async () => {
  uncapped = (await (await open({})).decide(teacher)).limit;
});

describe("a challenger's policyOverrides change the champion's policy", () => {
  it("live: the arm keeps the champion's lender cap and takes its own margin", async () => {
    expect(uncapped).toBeGreaterThan(1_000_000);
    const scorer = await open({
      policyOverrides: championOverrides,
      challengers: [{ name: 'margin', policyOverrides: margin, share: 1 }],
      challengerMode: 'live',
    });
    const d = await scorer.decide(teacher);
    expect(d.audit.arm).toBe('margin');
    expect([d.limit, d.bindingConstraint]).toEqual([1_000_000, 'lender_cap']);
    expect(d.audit.policyHash).toBe(policyHash(resolvePolicy(margin, resolvePolicy(championOverrides))));
  });

  it("so too over a champion's complete policy", async () => {
    const policy = resolvePolicy(championOverrides, defaultPolicy);
    const scorer = await open({ policy, challengers: [{ name: 'margin', policyOverrides: margin, share: 1 }], challengerMode: 'live' });
    const d = await scorer.decide(teacher);
    expect([d.audit.arm, d.limit]).toEqual(['margin', 1_000_000]);
    expect(d.audit.policyHash).toBe(policyHash(resolvePolicy(margin, policy)));
  });

  it("shadow: the challenger's shadow decision is the champion's policy with its changes", async () => {
    const scorer = await open({ policyOverrides: championOverrides, challengers: [{ name: 'margin', policyOverrides: margin, share: 1 }] });
    const d = await scorer.decide(teacher);
    expect(d.shadow).toMatchObject({ arm: 'margin', limit: 1_000_000 });
  });

  it("a challenger's complete policy still replaces the champion's", async () => {
    const scorer = await open({
      policyOverrides: championOverrides,
      challengers: [{ name: 'own', policy: resolvePolicy(margin), share: 1 }],
      challengerMode: 'live',
    });
    const d = await scorer.decide(teacher);
    expect([d.audit.arm, d.limit]).toEqual(['own', uncapped]);
  });

  it("an override that breaks the champion's policy is refused under the challenger", async () => {
    const err = await open({
      policyOverrides: championOverrides,
      // Above the champion's 10,000 RMB cap, so under it no line could be granted.
      challengers: [{ name: 'min', policyOverrides: { limits: { productMin: 1_500_000 } }, share: 1 }],
    }).catch((e: unknown) => e);
    expect((err as { issues?: { path: (string | number)[] }[] }).issues?.map((i) => i.path.join('.'))).toContain(
      'challengers.0.policyOverrides.limits.lenderCapPerBorrower',
    );
  });
});
