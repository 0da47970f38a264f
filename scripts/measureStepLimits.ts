/**
 * Measures what the default policy's step limits do on a synthetic population:
 * `npx tsx scripts/measureStepLimits.ts`. For the default numbers, the previous ones and none at
 * all, it counts first decisions on an existing line that a step limit held, and applicants with
 * an accepted certificate whose limit the certificate raised. The figures in defaultPolicy.ts and
 * models/default/POPULATION.md section 8 come from this script (deterministic: fixed seed).
 */
import { createScorer } from '../src/decision/createScorer.js';
import { defaultPolicy } from '../src/policy/defaultPolicy.js';
import type { PolicyOverrides } from '../src/policy/resolvePolicy.js';
import { generatePopulation } from '../src/train/synthetic/generatePopulation.js';

const variants: Record<string, PolicyOverrides> = {
  default: {},
  'previous (0.5 x, 2,000 RMB, 10,000 RMB / 30 days, 2 rises)': {
    stepLimits: { perStepRatio: 0.5, perStepAmount: 200_000, windowDays: 30, windowMaxIncrease: 1_000_000, windowMaxCount: 2 },
  },
  'no step limits': { stepLimits: { perStepRatio: 100, perStepAmount: 100_000_000, windowDays: 30, windowMaxIncrease: 100_000_000, windowMaxCount: 1000 } },
};

async function main(): Promise<void> {
  const rows = generatePopulation({ size: 3000, seed: 7, asOf: '2026-11-01' });
  process.stdout.write(`default step limits: ${JSON.stringify(defaultPolicy.stepLimits)}\n3,000 synthetic applicants, seed 7, asOf 2026-11-01\n`);
  for (const [name, policy] of Object.entries(variants)) {
    const scorer = await createScorer({ policyOverrides: policy, suggestionsPerDecision: 0 });
    try {
      let withLine = 0,
        stepHeld = 0,
        withCertificate = 0,
        gaining = 0;
      for (const r of await scorer.decideBatch(rows.map((x) => x.applicant))) {
        if (!r.ok) continue;
        const d = r.decision;
        if (d.previousLimit > 0) withLine++;
        if (d.bindingConstraint === 'step_limit') stepHeld++;
        if (d.certificateImpacts.length > 0) {
          withCertificate++;
          if (d.certificateImpacts.some((c) => c.limitGain > 0)) gaining++;
        }
      }
      process.stdout.write(
        `${name}: step limit held ${stepHeld} of ${withLine} first decisions on a line; a certificate raised the limit of ${gaining} of ${withCertificate} applicants with one accepted\n`,
      );
    } finally {
      await scorer.close();
    }
  }
}

void main();
