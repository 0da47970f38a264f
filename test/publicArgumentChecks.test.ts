import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors/validationError.js';
import { createMonitorAccumulator } from '../src/monitor/monitorAccumulator.js';
import { parseMonitorBaseline } from '../src/monitor/monitorBaseline.js';
import { comprehensiveCost } from '../src/policy/comprehensiveCost.js';
import { defaultPolicy } from '../src/policy/defaultPolicy.js';
import { policyHash, policyHashOf } from '../src/policy/policyHash.js';
import { PolicyInvalidError } from '../src/policy/policyInvalidError.js';
import { dailyRateText } from '../src/policy/pricing.js';
import { readOutcomes } from '../src/simulate/readOutcomes.js';
import { runPredictCommand } from '../src/train/commands/predictCommand.js';
import { runTrainCommand } from '../src/train/commands/trainCommand.js';
import { trainDefaultModel } from '../src/train/defaultModel/trainDefaultModel.js';
import { holdoutSplit } from '../src/train/gbdt/holdoutSplit.js';

/** The ValidationError `fn` throws (the test fails when it throws anything else or nothing). */
function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError, got a result');
}

describe('arguments that were read as other arguments are refused, naming them', () => {
  it('trainDefaultModel(42) is refused before anything is drawn (it trained the shipped model as if given no options)', () => {
    const started = performance.now();
    for (const bad of [42, 'x', [], null, { populationSize: 'all' }, { sede: 1 }]) {
      const e = refusal(() => trainDefaultModel(bad as never));
      expect(e.subject).toBe('TrainDefaultModelOptions');
    }
    expect(refusal(() => trainDefaultModel({ sede: 1 } as never)).issues[0]).toMatchObject({ path: ['sede'], code: 'unrecognized_key' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("readOutcomes refuses a format other than 'ndjson' or 'csv' (any other was read as ndjson)", () => {
    const e = refusal(() => readOutcomes('{"id":"a","defaulted":true}\n', 'json' as never));
    expect(e.subject).toBe('readOutcomes');
    expect(e.issues.map((i) => i.path)).toEqual([['format']]);
  });

  it("holdoutSplit refuses rows, a fraction or a seed that is not a number ('x' rows were none)", () => {
    expect(refusal(() => holdoutSplit('x' as never, 0.2, 1)).issues.map((i) => i.path)).toEqual([['nRows']]);
    expect(refusal(() => holdoutSplit(10, 2, 1)).issues.map((i) => i.path)).toEqual([['fraction']]);
    expect(refusal(() => holdoutSplit(10, 0.2, 'x' as never)).issues.map((i) => i.path)).toEqual([['seed']]);
    expect(holdoutSplit(10, 0.2, 1).validRows.length).toBe(2);
  });

  it('comprehensiveCost and dailyRateText refuse with a ValidationError naming the field (they threw a RangeError)', () => {
    expect(refusal(() => comprehensiveCost({ received: 0, payments: [1] })).issues.map((i) => i.path)).toEqual([['flows', 'received']]);
    expect(refusal(() => comprehensiveCost(null as never)).issues.map((i) => i.path)).toContainEqual(['flows']);
    expect(refusal(() => dailyRateText(0.0006575)).issues[0]).toMatchObject({ path: ['dailyRate'], code: 'not_multiple_of' });
    expect(refusal(() => dailyRateText(0.0002, 0)).issues[0]).toMatchObject({ path: ['step'], code: 'out_of_range' });
  });

  it('a command runner refuses argv that is not an array of strings, and io without stdout and stderr', async () => {
    expect(refusal(() => runTrainCommand(null as never)).issues.map((i) => i.path)).toEqual([['argv']]);
    await expect(runPredictCommand(['--help'], null as never)).rejects.toMatchObject({ subject: 'runPredictCommand', issues: [{ path: ['io'] }] });
    // What argv says is still an exit code, never thrown.
    const err: string[] = [];
    expect(runTrainCommand(['--nonsense'], { stdout: () => {}, stderr: (t) => err.push(t) })).toBe(2);
  });

  it('policyHash refuses what is not a policy; the hash of a policy is unchanged', () => {
    expect(() => policyHash({} as never)).toThrow(PolicyInvalidError);
    expect(policyHash(defaultPolicy)).toBe(policyHashOf(defaultPolicy));
    expect(policyHash(defaultPolicy)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('createMonitorAccumulator refuses a period it cannot label, and a baseline parseMonitorBaseline would refuse', () => {
    const baseline = parseMonitorBaseline({
      format: 'creditlift.monitorBaseline/1',
      modelId: 'm@1',
      source: 'test',
      count: 10,
      score: { kind: 'numeric', edges: [0.5], shares: [0.5, 0.5, 0] },
      features: [],
      factors: [],
    });
    expect(refusal(() => createMonitorAccumulator(baseline, { period: 'day' as never })).issues.map((i) => i.path)).toEqual([['period']]);
    const e = refusal(() => createMonitorAccumulator({ ...baseline, score: { kind: 'numeric', edges: [0.5], shares: [1] } }, { period: 'month' }));
    expect(e.subject).toBe('MonitorBaseline');
    expect(e.issues.map((i) => i.path)).toEqual([['score', 'shares']]);
  });
});
