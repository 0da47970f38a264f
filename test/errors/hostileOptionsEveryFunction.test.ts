// Every public function taking an options object reads it once, into a plain copy, as decide does
// (readOptions): a getter that throws, a revoked Proxy and a Proxy whose keys cannot be listed are a
// ValidationError with `unreadable_input` naming the option (or the options' root), never the
// caller's raw Error or node's TypeError, and a getter is read at most once. Before, requestReduction,
// recordReview and recordContest let a throwing getter escape raw; loadModel, verifyDecision,
// adverseActionNotice, the simulation, monitor, report, train and testing functions let the getter's
// Error or a revoked Proxy's TypeError escape.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import * as root from '../../src/index.js';
import * as testing from '../../src/testing/index.js';
import * as train from '../../src/train/index.js';

const applicant = exampleApplicants[0]!.applicant;

let scorer: Scorer;
let prior: Decision;
let baseline: unknown;
let model: root.LoadedModel;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
  prior = await scorer.decide(applicant);
  model = await root.loadModel(root.defaultModelPath());
  baseline = root.parseMonitorBaseline(JSON.parse(readFileSync(root.defaultMonitorBaselinePath(), 'utf8')));
});
afterAll(async () => Promise.all([scorer?.close(), model?.close()]));

const assumptions = () => root.portfolioAssumptions(root.defaultPolicy);
const table = () => train.parseCsv('id,x,y\na,1,0\nb,2,1\n');

/** Each public function with an options argument: a key it reads, and a call with the options put in. */
const CALLS: readonly { name: string; key: string; call: (o: unknown) => unknown }[] = [
  { name: 'createScorer', key: 'policyOverrides', call: (o) => root.createScorer(o as never) },
  { name: 'createScorerPool', key: 'workers', call: (o) => root.createScorerPool(o as never) },
  { name: 'scorer.decide', key: 'signal', call: (o) => scorer.decide(applicant, o as never) },
  { name: 'scorer.reassess', key: 'signal', call: (o) => scorer.reassess(prior, { applicant, evidence: [] }, o as never) },
  { name: 'scorer.suggest', key: 'top', call: (o) => scorer.suggest(applicant, o as never) },
  { name: 'scorer.requestReduction', key: 'asOf', call: (o) => scorer.requestReduction(prior, 100_000, o as never) },
  {
    name: 'scorer.recordReview',
    key: 'applicant',
    call: (o) => scorer.recordReview(prior, { reviewerRole: 'credit_officer', outcome: 'approve', limit: prior.limit, note: 'checked' }, o as never),
  },
  { name: 'scorer.recordReview (a bad review too)', key: 'applicant', call: (o) => scorer.recordReview(prior, {} as never, o as never) },
  { name: 'scorer.recordContest', key: 'applicant', call: (o) => scorer.recordContest(prior, { statement: 'my income is higher' } as never, o as never) },
  { name: 'loadModel', key: 'expectedSha256', call: (o) => root.loadModel(root.defaultModelPath(), o as never) },
  { name: 'verifyDecision', key: 'signingKey', call: (o) => root.verifyDecision(prior, o as never) },
  { name: 'adverseActionNotice', key: 'roundingStep', call: (o) => root.adverseActionNotice(prior, o as never) },
  { name: 'toProblemDetails', key: 'instance', call: (o) => root.toProblemDetails(new Error('x'), o as never) },
  { name: 'assessEvidence', key: 'minConfidence', call: (o) => root.assessEvidence(applicant as never, o as never) },
  { name: 'simulateBook', key: 'book', call: (o) => root.simulateBook(o as never) },
  { name: 'runSimulation', key: 'records', call: (o) => root.runSimulation(o as never) },
  {
    name: 'createSimulationAccumulator',
    key: 'mode',
    call: (o) => root.createSimulationAccumulator({ baseline: assumptions(), candidate: assumptions() }, o as never),
  },
  { name: 'buildMonitorBaseline', key: 'model', call: (o) => root.buildMonitorBaseline(o as never) },
  { name: 'monitorApplicants', key: 'records', call: (o) => root.monitorApplicants(o as never) },
  { name: 'monitorDecisions', key: 'lines', call: (o) => root.monitorDecisions(o as never) },
  { name: 'createMonitorAccumulator', key: 'period', call: (o) => root.createMonitorAccumulator(baseline as never, o as never) },
  { name: 'buildMonitorHtml', key: 'title', call: (o) => root.buildMonitorHtml({} as never, o as never) },
  { name: 'buildSimulationHtml', key: 'title', call: (o) => root.buildSimulationHtml({} as never, o as never) },
  { name: 'train.trainDefaultModel', key: 'seed', call: (o) => train.trainDefaultModel(o as never) },
  { name: 'train.trainFromCsv', key: 'target', call: (o) => train.trainFromCsv('id,x,y\na,1,0\n', o as never) },
  { name: 'train.trainGbdt (params)', key: 'rounds', call: (o) => train.trainGbdt({} as never, o as never) },
  { name: 'train.trainGbdt (options)', key: 'validation', call: (o) => train.trainGbdt({} as never, {}, o as never) },
  { name: 'train.resolveGbdtParams', key: 'rounds', call: (o) => train.resolveGbdtParams(o as never) },
  { name: 'train.featurizeBook', key: 'target', call: (o) => train.featurizeBook([applicant], table(), o as never) },
  { name: 'train.fitTabularEncoding', key: 'target', call: (o) => train.fitTabularEncoding(table(), o as never) },
  { name: 'train.encodeTable', key: 'naTokens', call: (o) => train.encodeTable(table(), [], o as never) },
  { name: 'train.parseCsv', key: 'maxRecordLines', call: (o) => train.parseCsv('a\n1\n', o as never) },
  { name: 'train.importOnnxModel', key: 'spec', call: (o) => train.importOnnxModel(new Uint8Array(0), o as never) },
  { name: 'train.generatePopulation', key: 'size', call: (o) => train.generatePopulation(o as never) },
  { name: 'train.iteratePopulation', key: 'size', call: (o) => train.iteratePopulation(o as never) },
  { name: 'testing.applicantArbitrary', key: 'asOf', call: (o) => testing.applicantArbitrary(o as never) },
  { name: 'testing.certificateEvidenceArbitrary', key: 'applicant', call: (o) => testing.certificateEvidenceArbitrary(o as never) },
  { name: 'testing.profileChangeArbitrary', key: 'direction', call: (o) => testing.profileChangeArbitrary(o as never) },
  { name: 'testing.arbitraryTreeEnsemble', key: 'maxDepth', call: (o) => testing.arbitraryTreeEnsemble(o as never) },
  { name: 'testing.mutateScorer', key: 'minBatch', call: (o) => testing.mutateScorer(scorer, (d) => d, o as never) },
  { name: 'testing.assertCreditLaws', key: 'numRuns', call: (o) => testing.assertCreditLaws(o as never) },
];

/** Options whose `key` getter throws the caller's own Error, counting its reads. */
function throwingGetter(key: string): { options: object; reads: () => number } {
  let reads = 0;
  const options = Object.defineProperty({}, key, {
    enumerable: true,
    get() {
      reads += 1;
      throw new Error('getter');
    },
  });
  return { options, reads: () => reads };
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** A Proxy whose keys cannot be listed; reading a property through it throws too. */
function unlistableProxy(): object {
  const fail = () => {
    throw new Error('trap');
  };
  return new Proxy({}, { ownKeys: fail, has: fail, get: fail, getOwnPropertyDescriptor: fail });
}

async function settle(run: () => unknown): Promise<unknown> {
  try {
    const r = run();
    const v = r instanceof Promise ? await r : r;
    if (typeof v === 'object' && v !== null && typeof (v as { close?: unknown }).close === 'function') await (v as { close: () => unknown }).close();
    return { resolved: v };
  } catch (e) {
    return e;
  }
}

/** The refusal every call must give: a ValidationError with an `unreadable_input` issue whose path ends at `key` (or at the options' root). */
function expectUnreadable(e: unknown, key: string | undefined): void {
  expect(e, e instanceof Error && !(e instanceof ValidationError) ? `${e.constructor.name}: ${e.message}` : undefined).toBeInstanceOf(ValidationError);
  const unreadable = (e as ValidationError).issues.filter((i) => i.code === 'unreadable_input');
  expect(unreadable.length, JSON.stringify((e as ValidationError).issues)).toBeGreaterThan(0);
  if (key !== undefined) expect(unreadable.map((i) => i.path[i.path.length - 1])).toContain(key);
}

describe('hostile options on every public function taking options', () => {
  for (const { name, key, call } of CALLS) {
    it(`${name}: a throwing ${key} getter is unreadable_input at ${key}, read once`, async () => {
      const { options, reads } = throwingGetter(key);
      expectUnreadable(await settle(() => call(options)), key);
      expect(reads()).toBeLessThanOrEqual(1);
    });
    it(`${name}: a revoked Proxy and a Proxy that cannot list its keys are unreadable_input`, async () => {
      expectUnreadable(await settle(() => call(revokedProxy())), undefined);
      expectUnreadable(await settle(() => call(unlistableProxy())), undefined);
    });
  }
});

describe("an unreadable option is named with the call's other faults, in one error", () => {
  it('recordReview: a bad review and an unreadable applicant come together (subject "ReviewInput and review options")', async () => {
    const e = await settle(() => scorer.recordReview(prior, { outcome: 'maybe' } as never, throwingGetter('applicant').options as never));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).subject).toBe('ReviewInput and review options');
    const paths = (e as ValidationError).issues.map((i) => `${i.path.join('.')}:${i.code}`);
    expect(paths).toContain('applicant:unreadable_input');
    expect(paths.some((p) => p.startsWith('outcome:'))).toBe(true);
  });

  it('requestReduction: an unreadable asOf and an unknown key come together', async () => {
    const options = Object.defineProperty({ bogus: 1 }, 'asOf', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    const e = await settle(() => scorer.requestReduction(prior, 100_000, options as never));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues.map((i) => `${i.path.join('.')}:${i.code}`).sort()).toEqual(['asOf:unreadable_input', 'bogus:unrecognized_key']);
  });
});
