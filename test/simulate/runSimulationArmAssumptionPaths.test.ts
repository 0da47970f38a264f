// A fault in an arm's `armAssumptions` is named where the caller wrote it: under the arm
// (`baseline.armAssumptions.A.lgd`), in runSimulation's own error. Before, the run handed the arms'
// assumptions to its accumulator, whose check named them at `options.armAssumptions.baseline.A.lgd`
// under `createSimulationAccumulator`: a path and a call the caller never wrote.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import * as root from '../../src/index.js';

const assumptions = () => root.portfolioAssumptions(root.defaultPolicy);

async function refusal(options: unknown): Promise<{ subject: string; issues: string[] }> {
  try {
    await root.runSimulation(options as never);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    const v = e as ValidationError;
    return { subject: v.subject, issues: v.issues.map((i) => `${i.path.join('.')}:${i.code}`) };
  }
  throw new Error('runSimulation took the options');
}

const arm = (armAssumptions: unknown) => ({ decide: async () => [], assumptions: assumptions(), armAssumptions });

describe('runSimulation names a bad armAssumptions under its arm', () => {
  it('an arm’s out-of-range lgd is at baseline.armAssumptions.A.lgd, in runSimulation options', async () => {
    expect(await refusal({ records: [], baseline: arm({ A: { lgd: 7, utilisation: 0.5 } }), candidate: arm(undefined) })).toEqual({
      subject: 'runSimulation options',
      issues: ['baseline.armAssumptions.A.lgd:out_of_range'],
    });
  });

  it('each side at its own path, every fault at once, beside the other options’ faults', async () => {
    expect(await refusal({ records: [], baseline: arm('lgd'), candidate: arm({ B: { lgd: 0.5 }, C: 3 }), inFlight: 0 })).toEqual({
      subject: 'runSimulation options',
      issues: [
        'baseline.armAssumptions:invalid_type',
        'candidate.armAssumptions.B.utilisation:out_of_range',
        'candidate.armAssumptions.C:invalid_type',
        'inFlight:out_of_range',
      ],
    });
  });

  it('a getter in an arm’s assumptions is read once and unreadable_input at its path', async () => {
    let reads = 0;
    const a = Object.defineProperty({ utilisation: 0.5 }, 'lgd', {
      enumerable: true,
      get() {
        reads += 1;
        throw new Error('getter');
      },
    });
    expect(await refusal({ records: [], baseline: arm(undefined), candidate: arm({ A: a }) })).toEqual({
      subject: 'runSimulation options',
      issues: ['candidate.armAssumptions.A.lgd:unreadable_input'],
    });
    expect(reads).toBe(1);
  });

  it('good arm assumptions still reach the summary', async () => {
    const result = await root.runSimulation({ records: [], baseline: arm({ A: { lgd: 0.5, utilisation: 0.4 } }) as never, candidate: arm(undefined) as never });
    expect(result.summary.assumptions.arms?.baseline?.A).toEqual({ lgd: 0.5, utilisation: 0.4 });
  });
});
