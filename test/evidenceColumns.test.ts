import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../src/catalog/resolveCatalog.js';
import { defaultPolicy } from '../src/policy/defaultPolicy.js';
import { encodePlan, planDecision, planRowCount, type Scenario } from '../src/decision/decisionPlan.js';
import type { EngineContext } from '../src/decision/engineContext.js';
import { appendedScenario } from '../src/decision/whatIfScenarios.js';
import { createFeatureEncoder, defaultFeatureColumns } from '../src/features/featureEncoder.js';
import { applicantArbitrary } from '../src/testing/index.js';

const encoder = createFeatureEncoder(defaultFeatureColumns());
const ctx = { catalog: defaultCatalog, minConfidence: 0.6, policy: defaultPolicy } as unknown as EngineContext;
const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('counterfactual rows patch only the evidence columns', () => {
  it('law: every row of a plan equals encoding its scenario in full, bit for bit', () => {
    fc.assert(
      fc.property(applicantArbitrary({ maxEvidence: 4 }), (applicant) => {
        const plan = planDecision(ctx, applicant, { suggestions: true, limitHistory: [], newEvidenceFrom: Math.min(1, applicant.evidence.length) });
        const n = planRowCount(plan);
        const rows = new Float32Array((n + 1) * encoder.width).fill(7);
        encodePlan(plan, encoder, rows, 1);
        const scenarios: Scenario[] = [
          plan.main,
          ...plan.without.map((x) => x.scenario),
          ...plan.whatIf.map((x) => appendedScenario(plan.main, x)),
          ...plan.steps,
        ];
        const full = new Float32Array(n * encoder.width);
        scenarios.forEach((s, k) => encoder.encode({ applicant: s.applicant, evidence: s.report.items }, full, k * encoder.width));
        expect(bits(rows.subarray(encoder.width))).toEqual(bits(full));
      }),
      { numRuns: 100 },
    );
  });
});
