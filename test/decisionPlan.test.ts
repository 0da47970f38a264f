import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../src/catalog/resolveCatalog.js';
import { planDecision } from '../src/decision/decisionPlan.js';
import { appendedScenario } from '../src/decision/whatIfScenarios.js';
import type { EngineContext } from '../src/decision/engineContext.js';
import { defaultPolicy } from '../src/policy/defaultPolicy.js';
import { hypotheticalEvidence, WHAT_IF_CONFIDENCE } from '../src/decision/hypotheticalEvidence.js';
import { assessEvidence } from '../src/evidence/assessEvidence.js';
import type { EvidenceAssessment } from '../src/evidence/evidenceAssessment.js';
import type { Applicant } from '../src/schema/applicant.js';
import { applicantArbitrary, certificateEvidenceArbitrary } from '../src/testing/index.js';

const ctx = { catalog: defaultCatalog, minConfidence: 0.6, policy: defaultPolicy } as unknown as EngineContext;
const withoutIndex = (items: readonly EvidenceAssessment[]) => items.map(({ index: _index, ...rest }) => rest);
const reassess = (a: Applicant) => withoutIndex(assessEvidence({ ...a, evidence: a.evidence }).items);

const applicantWithCopies = applicantArbitrary({ maxEvidence: 3 }).chain((a) =>
  a.evidence.length === 0
    ? fc.constant(a)
    : fc
        .array(certificateEvidenceArbitrary({ applicant: a, validity: 'any' }), { maxLength: 2 })
        .map((extra) => ({ ...a, evidence: [...a.evidence, ...extra] }))
        .chain(withRelabelledCopies),
);

/**
 * Appends up to one relabelled copy: an earlier item's issuer and number filed under another kind
 * with a new document (a copy by issuer), then possibly that copy's kind and number from another
 * issuer (a copy of the copy, by kind, which matches the original by neither key).
 */
function withRelabelledCopies(a: Applicant): fc.Arbitrary<Applicant> {
  const kinds = [...defaultCatalog.keys()];
  return fc.array(fc.record({ of: fc.nat(), kind: fc.constantFrom(...kinds), hop: fc.boolean(), doc: fc.nat() }), { maxLength: 1 }).map((copies) => {
    const evidence = [...a.evidence];
    for (const { of, kind, hop, doc } of copies) {
      const original = evidence[of % evidence.length]!;
      const copy = { ...original, kind, documentHash: createHash('sha256').update(`relabel-${doc}-${evidence.length}`).digest('hex') };
      evidence.push(copy);
      if (hop)
        evidence.push({ ...copy, issuer: `${copy.issuer} (other)`, documentHash: createHash('sha256').update(`hop-${doc}-${evidence.length}`).digest('hex') });
    }
    return { ...a, evidence };
  });
}

describe('decision plan counterfactuals', () => {
  it('law: every derived scenario equals assessing the changed evidence from scratch', () => {
    fc.assert(
      fc.property(applicantWithCopies, (applicant) => {
        const plan = planDecision(ctx, applicant, { suggestions: true, limitHistory: [], newEvidenceFrom: Math.min(1, applicant.evidence.length) });
        for (const { item, scenario } of plan.without) {
          // Exactly that item is gone: a later copy of it is assessed on its own (findings15-explain F1).
          const kept = applicant.evidence.filter((_, i) => i !== item.index);
          expect(withoutIndex(scenario.report.items)).toEqual(reassess({ ...applicant, evidence: kept }));
          // Each item keeps its position in applicant.evidence.
          expect(scenario.report.items.map((i) => i.index)).toEqual(applicant.evidence.map((_, i) => i).filter((i) => i !== item.index));
        }
        for (const whatIf of plan.whatIf) {
          const scenario = appendedScenario(plan.main, whatIf);
          const hypo = hypotheticalEvidence(applicant, whatIf.spec, defaultCatalog, WHAT_IF_CONFIDENCE)!;
          expect(withoutIndex(scenario.report.items)).toEqual(reassess({ ...applicant, evidence: [...applicant.evidence, hypo.evidence] }));
          // The what-if summary is appended to the main one (and the assessment cached): the same as from scratch.
          const fromScratch = assessEvidence({ ...applicant, evidence: [...applicant.evidence, hypo.evidence] });
          expect(scenario.report.summary).toEqual(fromScratch.summary);
          // The flag the policy reads, carried on the what-if itself (its scenario is built only on demand).
          expect(whatIf.duplicateDetected).toBe(fromScratch.summary.duplicateDetected);
          expect(whatIf.added).toEqual(scenario.report.items.at(-1));
        }
        plan.steps.forEach((s, k) => {
          expect(withoutIndex(s.report.items)).toEqual(reassess({ ...applicant, evidence: applicant.evidence.slice(0, plan.newEvidenceFrom + k) }));
        });
      }),
      { numRuns: 150 },
    );
  });
});
