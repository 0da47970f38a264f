// Nested option objects are read once, as the options holding them are (readOptions): a getter that
// throws or a revoked Proxy inside `armAssumptions`, `averageCostAlertAbove`, a simulation arm, a
// portfolio's assumptions, `cardScoreBaseline` or an import's `background` is a ValidationError
// with `unreadable_input` at its nested path, and a getter is read once, so the check and the use
// see one value. Before, each of these escaped as the caller's raw Error or node's TypeError, and a
// getter was read by the check and again by the use (a valid 0.5 checked, a 7 used).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { readOptions } from '../../src/errors/readOptions.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import * as root from '../../src/index.js';
import * as train from '../../src/train/index.js';

const assumptions = () => root.portfolioAssumptions(root.defaultPolicy);

function throwing(key: string, base: object = {}): { value: object; reads: () => number } {
  let reads = 0;
  const value = Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get() {
      reads += 1;
      throw new Error('getter');
    },
  });
  return { value, reads: () => reads };
}

/** `key` answers `first` on its first read and `later` on every read after it. */
function shifting(key: string, first: unknown, later: unknown, base: object = {}): { value: object; reads: () => number } {
  let reads = 0;
  const value = Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get() {
      reads += 1;
      return reads === 1 ? first : later;
    },
  });
  return { value, reads: () => reads };
}

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

async function thrown(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** The issues of a ValidationError as `path:code`, or the error itself when it is something else. */
function issuesOf(e: unknown): string[] {
  expect(e, e instanceof Error && !(e instanceof ValidationError) ? `${e.constructor.name}: ${e.message}` : undefined).toBeInstanceOf(ValidationError);
  return (e as ValidationError).issues.map((i) => `${i.path.join('.')}:${i.code}`);
}

describe('createSimulationAccumulator reads its nested options once', () => {
  const accumulate = (options: unknown, sides: unknown = { baseline: assumptions(), candidate: assumptions() }) =>
    thrown(() => root.createSimulationAccumulator(sides as never, options as never));

  it('a throwing getter in an arm’s assumptions is unreadable_input at its nested path, read once', async () => {
    const lgd = throwing('lgd', { utilisation: 0.5 });
    expect(issuesOf(await accumulate({ armAssumptions: { baseline: { A: lgd.value } } }))).toEqual(['options.armAssumptions.baseline.A.lgd:unreadable_input']);
    expect(lgd.reads()).toBe(1);
    const side = throwing('candidate');
    expect(issuesOf(await accumulate({ armAssumptions: side.value }))).toEqual(['options.armAssumptions.candidate:unreadable_input']);
    expect(side.reads()).toBe(1);
    const arm = throwing('B');
    expect(issuesOf(await accumulate({ armAssumptions: { baseline: arm.value } }))).toEqual(['options.armAssumptions.baseline.B:unreadable_input']);
    expect(arm.reads()).toBe(1);
  });

  it('a revoked Proxy at each level is unreadable_input at its path', async () => {
    expect(issuesOf(await accumulate({ armAssumptions: revoked() }))).toEqual(['options.armAssumptions:unreadable_input']);
    expect(issuesOf(await accumulate({ armAssumptions: { candidate: revoked() } }))).toEqual(['options.armAssumptions.candidate:unreadable_input']);
    expect(issuesOf(await accumulate({ armAssumptions: { candidate: { A: revoked() } } }))).toEqual(['options.armAssumptions.candidate.A:unreadable_input']);
    expect(issuesOf(await accumulate({ averageCostAlertAbove: revoked() }))).toEqual(['options.averageCostAlertAbove:unreadable_input']);
    expect(issuesOf(await accumulate(undefined, { baseline: revoked(), candidate: assumptions() }))).toEqual(['assumptions.baseline:unreadable_input']);
  });

  it('a getter answering differently on each read is read once: the summary holds the value checked', async () => {
    const lgd = shifting('lgd', 0.5, 7, { utilisation: 0.4 });
    const acc = root.createSimulationAccumulator(
      { baseline: assumptions(), candidate: assumptions() },
      { armAssumptions: { candidate: { A: lgd.value as never } } },
    );
    expect(acc.finish().assumptions.arms?.candidate?.A).toEqual({ lgd: 0.5, utilisation: 0.4 });
    expect(lgd.reads()).toBe(1);
    const alert = shifting('baseline', 0.3, 'x', { candidate: 0.2 });
    const summary = root
      .createSimulationAccumulator({ baseline: assumptions(), candidate: assumptions() }, { averageCostAlertAbove: alert.value as never })
      .finish();
    expect(summary.averageCostAlert.baseline.alertAbove).toBe(0.3);
    expect(alert.reads()).toBe(1);
    const side = shifting('utilisation', 0.6, -1, { lgd: 0.45 });
    expect(root.createSimulationAccumulator({ baseline: side.value as never, candidate: assumptions() }).finish().assumptions.baseline).toEqual({
      lgd: 0.45,
      utilisation: 0.6,
    });
    expect(side.reads()).toBe(1);
  });

  it('a throwing averageCostAlertAbove side and an unknown armAssumptions side are named', async () => {
    const alert = throwing('candidate', { baseline: 0.2 });
    expect(issuesOf(await accumulate({ averageCostAlertAbove: alert.value }))).toEqual(['options.averageCostAlertAbove.candidate:unreadable_input']);
    expect(alert.reads()).toBe(1);
    // A misspelt side used to be ignored: its arms counted with the side's own assumptions.
    expect(issuesOf(await accumulate({ armAssumptions: { candiate: { A: assumptions() } } }))).toEqual(['options.armAssumptions.candiate:unrecognized_key']);
  });
});

describe('runSimulation reads each arm once', () => {
  const run = (baseline: unknown) =>
    thrown(() =>
      root.runSimulation({
        records: [],
        baseline: baseline as never,
        candidate: { decide: async () => [], assumptions: assumptions() },
      }),
    );

  it('a throwing getter in an arm, or in its assumptions, is unreadable_input at its path, read once', async () => {
    const decide = throwing('decide', { assumptions: assumptions() });
    expect(issuesOf(await run(decide.value))).toEqual(['baseline.decide:unreadable_input']);
    expect(decide.reads()).toBe(1);
    const lgd = throwing('lgd', { utilisation: 0.5 });
    expect(issuesOf(await run({ decide: async () => [], assumptions: lgd.value }))).toEqual(['baseline.assumptions.lgd:unreadable_input']);
    expect(lgd.reads()).toBe(1);
    expect(issuesOf(await run(revoked()))).toEqual(['baseline:unreadable_input']);
    // The arms' assumptions are named under the arm, where the caller wrote them.
    expect(issuesOf(await run({ decide: async () => [], assumptions: assumptions(), armAssumptions: revoked() }))).toEqual([
      'baseline.armAssumptions:unreadable_input',
    ]);
  });

  it('an arm’s shifting getters are read once: the summary holds the values checked', async () => {
    const arms = shifting('armAssumptions', { A: { lgd: 0.5, utilisation: 0.4 } }, undefined, { decide: async () => [], assumptions: assumptions() });
    const alert = shifting('averageCostAlertAbove', 0.3, 'x', { decide: async () => [], assumptions: assumptions() });
    const result = await root.runSimulation({ records: [], baseline: arms.value as never, candidate: alert.value as never });
    expect(result.summary.assumptions.arms?.baseline?.A).toEqual({ lgd: 0.5, utilisation: 0.4 });
    expect(result.summary.averageCostAlert.candidate.alertAbove).toBe(0.3);
    expect(arms.reads()).toBe(1);
    expect(alert.reads()).toBe(1);
  });
});

describe('buildMonitorBaseline reads cardScoreBaseline once', () => {
  let model: root.LoadedModel;
  beforeAll(async () => {
    model = await root.loadModel(root.defaultModelPath());
  });
  afterAll(async () => model?.close());
  const card = () => JSON.parse(readFileSync(root.defaultMonitorBaselinePath(), 'utf8')).score as { edges: number[]; shares: number[] };
  const build = (cardScoreBaseline: unknown) =>
    root.buildMonitorBaseline({ model, applicants: [exampleApplicants[0]!.applicant as never], cardScoreBaseline: cardScoreBaseline as never, source: 'test' });

  it('a throwing edges getter and a revoked Proxy are unreadable_input at their paths', async () => {
    const edges = throwing('edges', { shares: card().shares.slice(0, 10) });
    expect(issuesOf(await thrown(() => build(edges.value)))).toEqual(['cardScoreBaseline.edges:unreadable_input']);
    expect(edges.reads()).toBe(1);
    expect(issuesOf(await thrown(() => build(revoked())))).toEqual(['cardScoreBaseline:unreadable_input']);
  });

  it('shifting edges are read once: the baseline holds the edges checked', async () => {
    const { edges, shares } = card();
    const given = shifting('edges', edges, 'not numbers', { shares: shares.slice(0, -1), count: 3 });
    const built = await build(given.value);
    expect(built.score).toEqual({ kind: 'numeric', edges, shares: [...shares.slice(0, -1), 0] });
    expect(given.reads()).toBe(1);
  });
});

describe('importOnnxModel reads its background matrix once', () => {
  it('a throwing data getter is unreadable_input at options.background.data, read once', async () => {
    const data = throwing('data', { nRows: 1 });
    const e = await thrown(() => train.importOnnxModel(new Uint8Array(0), { spec: { features: [] }, background: data.value } as never));
    expect(issuesOf(e)).toContain('options.background.data:unreadable_input');
    expect(data.reads()).toBe(1);
    expect(issuesOf(await thrown(() => train.importOnnxModel(new Uint8Array(0), { spec: { features: [] }, background: revoked() } as never)))).toContain(
      'options.background:unreadable_input',
    );
  });
});

describe('readOptions lists the keys once', () => {
  it("a Proxy's ownKeys trap runs once, and the copy holds the keys checked", () => {
    let listed = 0;
    const options = new Proxy(
      { signal: 1, bogus: 2 },
      {
        ownKeys(target) {
          listed += 1;
          // Second listing hides the unknown key: checked against the first, copied from the first.
          return listed === 1 ? Reflect.ownKeys(target) : ['signal'];
        },
      },
    );
    const read = readOptions(options, ['signal']);
    expect(listed).toBe(1);
    expect(read.issues.map((i) => `${i.path.join('.')}:${i.code}`)).toEqual(['bogus:unrecognized_key']);
    expect(read.value).toEqual({ signal: 1 });
  });
});
