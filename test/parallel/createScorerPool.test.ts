import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashingWorkerEntry } from '../helpers/crashingWorkerEntry.js';
import { createScorer, type BatchResult, type Scorer } from '../../src/decision/createScorer.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { loadModel } from '../../src/model/loadModel.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { createScorerPool, type ScorerPool, workerGcFlags } from '../../src/parallel/createScorerPool.js';
import { applicantArbitrary } from '../../src/testing/applicantArbitrary.js';
import { iteratePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { FAIL_ID } from './fixtures/crashingScorerWorker.js';
import { loadFeatureSetModule } from '../../src/features/loadFeatureSetModule.js';
import { monthsOnBookFeaturesModule } from '../helpers/monthsOnBookFeatures.js';
import { bundledFeaturesModule } from '../helpers/bundledFeaturesModule.js';
import { WORKER_STARTS_ENV } from './fixtures/workerStarts.js';
import { scorerReassessBatch } from '../../src/decision/reassessBatch.js';
import type { Decision } from '../../src/decision/decision.js';

const crashingWorker = crashingWorkerEntry();
// Suggestions on, so the what-if rows travel through the workers too.
const scorerOptions = { suggestionsPerDecision: 2 } as const;

const synthetic = [...iteratePopulation({ size: 60, seed: 7, asOf: '2026-11-01' })].map((r) => r.applicant);
const examples = exampleApplicants.map((e) => e.applicant);
const invalid: unknown[] = [null, 42, 'applicant', {}, { ...examples[0], asOf: 'not a date' }, { ...examples[1], gender: 'f' }];
/** Valid and invalid records interleaved, so every chunk mixes both. */
const mixed: unknown[] = [...synthetic, ...examples].flatMap((a, i) => (i % 9 === 4 ? [invalid[i % invalid.length], a] : [a]));

const json = (results: readonly BatchResult[]) => JSON.stringify(results);
/** The run's worker, counted: each start is a line in the file named by WORKER_STARTS_ENV. */
const countedWorker = new URL('./fixtures/countedScorerWorker.mjs', import.meta.url);
// Node's default young generation, named: the flag must reach the workers and change nothing else.
const workerExecArgv = ['--max-semi-space-size=16'];

let scorer: Scorer;
let pool: ScorerPool;
let expected: BatchResult[];

beforeAll(async () => {
  [scorer, pool] = await Promise.all([createScorer(scorerOptions), createScorerPool({ workers: 2, chunkSize: 7, scorer: scorerOptions, workerExecArgv })]);
  expected = await scorer.safeDecideBatch(mixed);
});
afterAll(async () => {
  await Promise.all([scorer?.close(), pool?.close()]);
});

describe('createScorerPool: same results as the in-process scorer', () => {
  it('pooled decideBatch is byte-equal JSON to in-process decideBatch, across many chunks and both workers', async () => {
    expect(pool.size).toBe(2);
    const pooled = await pool.safeDecideBatch(mixed);
    expect(json(pooled)).toBe(json(expected));
  });

  it.runIf(process.platform === 'linux')("workerExecArgv reaches every worker process, after the pool's own GC flag when workers fill the cores", () => {
    expect(pool.workerPids()).toHaveLength(2);
    const ownFlags = workerGcFlags(2, availableParallelism());
    for (const pid of pool.workerPids()) {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      expect(argv).toContain(workerExecArgv[0]);
      expect(argv.includes('--single-threaded-gc')).toBe(ownFlags.length > 0);
      if (ownFlags.length > 0) expect(argv.indexOf('--single-threaded-gc')).toBeLessThan(argv.indexOf(workerExecArgv[0] as string));
    }
  });

  it('workers get --single-threaded-gc exactly when they are at least as many as the cores', () => {
    expect(workerGcFlags(2, 2)).toEqual(['--single-threaded-gc']);
    expect(workerGcFlags(3, 2)).toEqual(['--single-threaded-gc']);
    expect(workerGcFlags(1, 2)).toEqual([]);
    expect(workerGcFlags(7, 8)).toEqual([]);
  });

  it('decideBatchJson gives each decision as exactly its JSON text, with outcome and limit, and the same errors', async () => {
    const pooled = await pool.safeDecideBatchJson(mixed);
    expect(pooled).toHaveLength(expected.length);
    pooled.forEach((r, i) => {
      const want = expected[i]!;
      expect(r.index).toBe(i);
      if (r.ok && want.ok) {
        expect(r.decisionJson).toBe(JSON.stringify(want.decision));
        expect([r.outcome, r.limit]).toEqual([want.decision.outcome, want.decision.limit]);
      } else {
        expect(r.ok).toBe(want.ok);
        expect(JSON.stringify(r.ok ? null : r.error)).toBe(JSON.stringify(want.ok ? null : want.error));
      }
    });
  });

  it('order is kept: result i carries index i, and a bad record never loses its neighbours', async () => {
    const pooled = await pool.safeDecideBatch(mixed);
    expect(pooled).toHaveLength(mixed.length);
    pooled.forEach((r, i) => expect(r.index).toBe(i));
    const bad = pooled.filter((r) => !r.ok);
    expect(bad.length).toBeGreaterThan(0);
    for (const r of bad) expect(r.ok ? '' : r.error.code).toBe('validation_failed');
    expect(pooled.filter((r) => r.ok)).toHaveLength(synthetic.length + examples.length);
  });

  it('law: for any batch of valid and invalid records, pooled results equal in-process results', async () => {
    const record = fc.oneof(
      { weight: 3, arbitrary: applicantArbitrary() as fc.Arbitrary<unknown> },
      { weight: 1, arbitrary: fc.constantFrom(...invalid) },
      { weight: 1, arbitrary: fc.constantFrom(...examples) as fc.Arbitrary<unknown> },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 40 }), async (batch) => {
        const [pooled, local] = await Promise.all([pool.safeDecideBatch(batch), scorer.safeDecideBatch(batch)]);
        expect(json(pooled)).toBe(json(local));
      }),
      { numRuns: 12 },
    );
  });

  it('concurrent calls interleave on the workers yet each gets its own results in its own order', async () => {
    const a = mixed.slice(0, 40);
    const b = [...mixed].reverse().slice(0, 33);
    const [ra, rb, rc] = await Promise.all([pool.safeDecideBatch(a), pool.safeDecideBatch(b), pool.safeDecideBatch(a)]);
    expect(json(ra)).toBe(json(await scorer.safeDecideBatch(a)));
    expect(json(rb)).toBe(json(await scorer.safeDecideBatch(b)));
    expect(json(rc)).toBe(json(ra));
  });

  it('a record that cannot be structured-cloned gets the same result it would in process; its chunk-mates still decide', async () => {
    const batch: unknown[] = [examples[0], { ...examples[1], extra: () => 1 }, examples[2], { ...examples[3], id: Symbol('x') }];
    const pooled = await pool.safeDecideBatch(batch);
    expect(json(pooled)).toBe(json(await scorer.safeDecideBatch(batch)));
    expect(pooled[0]?.ok && pooled[2]?.ok).toBe(true);
  });

  it('law: a value cloning changes or refuses (class instance, function, symbol, throwing getter, revoked or live proxy, a cycle, Date, Map, boxed value), anywhere in a record, gets the in-process result', async () => {
    class Boxed {
      constructor(readonly inner: unknown) {}
    }
    const nameless = Object.create({}) as object;
    const odd = fc.constantFrom<() => unknown>(
      () => new Boxed(1),
      () => Object.assign(new Boxed(2), { monthlyNet: 500_000 }),
      () => nameless,
      () => () => 1,
      () => Symbol('x'),
      () => new Date('2026-01-01'),
      () => new Map([['a', 1]]),
      () => new Number(3),
      () => new Uint8Array(2),
      () => THROWS_TYPE_ERROR,
      () => THROWS_A_STRING,
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      },
      () => new Proxy({ monthlyNet: 500_000 }, {}),
      () => new Proxy([1, 2], {}),
      () => new Proxy({ inner: () => 1 }, {}),
      () => new Proxy({}, { getPrototypeOf: () => Array.prototype }),
      // Not values put at the path: the object there wrapped in a Proxy, or made to contain itself
      // next to a function (cloning refuses the function; the copy that replaces it must end).
      () => 'wrap',
      () => 'cycle',
    );
    // Put at a path as a getter that throws, not as a value.
    const THROWS_TYPE_ERROR = Symbol('getter throws a TypeError');
    const THROWS_A_STRING = Symbol('getter throws a string');
    const put = (at: Record<string | number, unknown>, key: string, value: unknown) => {
      if (value === 'wrap' || value === 'cycle') {
        const there = at[key];
        if (typeof there !== 'object' || there === null) at[key] = value === 'wrap' ? new Proxy({ there }, {}) : { self: at, fn: () => 1 };
        else if (value === 'wrap') at[key] = new Proxy(there, {});
        else Object.assign(there, { self: there, fn: () => 1 });
        return;
      }
      if (value !== THROWS_TYPE_ERROR && value !== THROWS_A_STRING) {
        at[key] = value;
        return;
      }
      Object.defineProperty(at, key, {
        get() {
          throw value === THROWS_TYPE_ERROR ? new TypeError('boom') : 'boom';
        },
        enumerable: true,
        configurable: true,
      });
    };
    // A random path into a valid record (each step picks a key or index of what is there), and the
    // odd value put there: at the root, on a required field, inside evidence, or as an extra key.
    const awkwardRecord = fc.tuple(applicantArbitrary(), fc.array(fc.nat(), { maxLength: 4 }), odd, fc.boolean()).map(([applicant, steps, make, extra]) => {
      const root = structuredClone(applicant) as unknown as Record<string | number, unknown>;
      if (steps.length === 0 && !extra) {
        const whole = make();
        if (whole === 'wrap') return new Proxy(root, {});
        if (whole === 'cycle') return Object.assign(root, { self: root, fn: () => 1 });
        return typeof whole === 'symbol' && (whole === THROWS_TYPE_ERROR || whole === THROWS_A_STRING) ? root : whole;
      }
      let at = root;
      for (const step of steps) {
        const keys = Object.keys(at);
        const next = at[keys[step % Math.max(1, keys.length)] as string];
        if (typeof next !== 'object' || next === null) break;
        at = next as Record<string | number, unknown>;
      }
      const keys = Object.keys(at);
      put(at, extra || keys.length === 0 ? 'extraField' : (keys[(steps[0] ?? 0) % keys.length] as string), make());
      return root;
    });
    await fc.assert(
      fc.asyncProperty(fc.array(awkwardRecord, { minLength: 1, maxLength: 30 }), async (batch) => {
        const [pooled, local] = await Promise.all([pool.safeDecideBatch(batch), scorer.safeDecideBatch(batch)]);
        expect(json(pooled)).toBe(json(local));
      }),
      { seed: 20_261_128, numRuns: 8 },
    );
  });

  it("a hole or an element whose getter throws is that record's own error, in process and pooled alike; the others decide", async () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what this test is about.
    const batch: unknown[] = [examples[0], , examples[1], examples[2]];
    Object.defineProperty(batch, 2, {
      get: () => {
        throw new Error('boom');
      },
      enumerable: true,
    });
    const local = await scorer.safeDecideBatch(batch);
    expect(local.map((r) => (r.ok ? 'ok' : r.error.issues?.[0]?.code))).toEqual(['ok', 'missing_element', 'unreadable_input', 'ok']);
    expect(json(await pool.safeDecideBatch(batch))).toBe(json(local));
  });

  it('createScorer with a model option that is neither a path, bytes nor a LoadedModel fails with model_load_failed', async () => {
    for (const model of [42, {}, ['x']]) {
      await expect(createScorer({ model: model as never })).rejects.toMatchObject({ code: 'model_load_failed' });
    }
    // null is no option value at all: named as every null option is.
    await expect(createScorer({ model: null as never })).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: ['model'] }] });
  });

  it('an AbortSignal cancels a pooled call as in process: aborted before, or while the workers hold it; the pool goes on', async () => {
    const before = new AbortController();
    before.abort(new Error('user left'));
    const local = await scorer.decideBatch(examples, { signal: before.signal }).catch((e: unknown) => e);
    const pooled = await pool.decideBatch(examples, { signal: before.signal }).catch((e: unknown) => e);
    expect(local).toMatchObject({ code: 'aborted' });
    expect(pooled).toMatchObject({ code: 'aborted', message: (local as Error).message });
    expect((pooled as Error).cause).toBe(before.signal.reason);
    // Aborted while its chunks are queued and in flight: the call rejects, nothing partial comes back.
    const during = new AbortController();
    const call = pool.decideBatch(mixed as ApplicantInput[], { signal: during.signal });
    during.abort();
    await expect(call).rejects.toMatchObject({ code: 'aborted' });
    // A signal that never fires changes nothing, and the pool decides the next call in full.
    const quiet = new AbortController();
    expect(json(await pool.safeDecideBatch(mixed, { signal: quiet.signal }))).toBe(json(await scorer.safeDecideBatch(mixed)));
  });

  it('limitHistories: each record keeps its own step-limit window, in process as one by one, pooled across chunks as in process', async () => {
    // Existing customers; every third has used up the window (three rises in the last 30 days).
    const book = [...synthetic.slice(0, 20), ...examples].map((a, i) => ({ ...a, platform: { ...a.platform, currentLimit: 300_000 + 10_000 * i } }));
    const usedUp = (a: { asOf: string; platform: { currentLimit?: number } }) =>
      [1, 2, 3].map((k) => ({
        asOf: new Date(Date.parse(a.asOf) - k * 86_400_000).toISOString().slice(0, 10),
        from: (a.platform.currentLimit ?? 0) - k * 10_000,
        to: (a.platform.currentLimit ?? 0) - (k - 1) * 10_000,
      }));
    const limitHistories = book.map((a, i) => (i % 3 === 0 ? usedUp(a) : undefined));
    const local = await scorer.decideBatch(book as ApplicantInput[], { limitHistories });
    const oneByOne = await Promise.all(book.map((a, i) => scorer.decide(a as ApplicantInput, { limitHistory: limitHistories[i] ?? [] })));
    expect(JSON.stringify(local.map((r) => (r.ok ? r.decision : r)))).toBe(JSON.stringify(oneByOne));
    // The ledgers matter: without them some of those lines would rise past the window.
    const without = await scorer.decideBatch(book as ApplicantInput[]);
    expect(JSON.stringify(without)).not.toBe(JSON.stringify(local));
    expect(json(await pool.decideBatch(book as ApplicantInput[], { limitHistories }))).toBe(json(local));
    // Lines closed (0 on file) a day after those rises: reopening is a step in the pool as in process
    // (findings10-chains F1), never more than the window leaves.
    const closed = book.map((a) => ({ ...a, platform: { ...a.platform, currentLimit: 0, currentBalance: 0 } }));
    const reopened = await scorer.decideBatch(closed as ApplicantInput[], { limitHistories });
    expect(json(await pool.decideBatch(closed as ApplicantInput[], { limitHistories }))).toBe(json(reopened));
    reopened.forEach((r, i) => {
      if (i % 3 === 0 && r.ok) expect(r.decision.limit).toBe(0);
    });
    // A list of the wrong length is refused as a whole, alike; a bad entry is that record's own error, alike.
    const short = await scorer.decideBatch(book as ApplicantInput[], { limitHistories: limitHistories.slice(1) }).catch((e: unknown) => e);
    expect(short).toMatchObject({ code: 'validation_failed', issues: [{ path: ['limitHistories'], code: 'invalid_length' }] });
    expect(await pool.decideBatch(book as ApplicantInput[], { limitHistories: limitHistories.slice(1) }).catch((e: unknown) => e)).toEqual(short);
    // Bad entries in the first chunk and in a later one (chunks of 7): each record's error is the one
    // deciding it alone with that ledger gives, wherever it travelled.
    const badLedger = [{ asOf: 'soon', from: -1, to: 0 }];
    const bad = limitHistories.map((h, i) => (i === 4 || i === 12 ? badLedger : h));
    const badLocal = await scorer.decideBatch(book as ApplicantInput[], { limitHistories: bad });
    const alone = await scorer.decide(book[4] as ApplicantInput, { limitHistory: badLedger }).catch((e: unknown) => e);
    for (const i of [4, 12]) {
      expect(badLocal[i]).toMatchObject({ ok: false, error: { code: 'validation_failed', subject: 'limitHistory' } });
      expect(badLocal[i]?.ok === false && badLocal[i].error.issues).toEqual((alone as { issues: unknown }).issues);
    }
    expect(badLocal.filter((r) => !r.ok)).toHaveLength(2);
    expect(json(await pool.decideBatch(book as ApplicantInput[], { limitHistories: bad }))).toBe(json(badLocal));
    // A record whose applicant and ledger are both at fault (a raise dated after it): one error naming both, pooled as in process.
    const broken = book.map((a, i) => (i === 9 ? { ...a, birthDate: '2003-02-30' } : a));
    const both = limitHistories.map((h, i) => (i === 9 ? [{ asOf: '2999-01-01', from: 1, to: 2 }] : h));
    const bothLocal = await scorer.decideBatch(broken as ApplicantInput[], { limitHistories: both });
    expect(bothLocal[9]?.ok === false && bothLocal[9].error.issues?.map((i) => i.path.join('.'))).toEqual(['birthDate', 'limitHistory.0.asOf']);
    expect(json(await pool.decideBatch(broken as ApplicantInput[], { limitHistories: both }))).toBe(json(bothLocal));
  });

  it('a certificate uploaded again with its number in traditional characters (88號 for 88号) is a duplicate in the workers too (findings13-recheck N4)', async () => {
    const graduate = examples.find((a) => (a.evidence ?? []).length > 0)!;
    const upload = graduate.evidence![0]!;
    const twice = (copy: string): ApplicantInput => ({
      ...graduate,
      evidence: [
        { ...upload, credentialId: '苏人社〔2024〕88号' },
        { ...upload, credentialId: copy, documentHash: 'b'.repeat(64) },
      ],
    });
    const batch = ['苏人社〔2024〕88號', '蘇人社〔2024〕88號', '浙人社〔2024〕88号'].map(twice);
    const pooled = await pool.safeDecideBatch(batch);
    expect(json(pooled)).toBe(json(await scorer.safeDecideBatch(batch)));
    const reasons = pooled.map((r) => (r.ok ? r.decision.evidence[1]?.reasons.includes('duplicate_credential') : undefined));
    // Another province's number is another certificate: the fold never merges two numbers.
    expect(reasons).toEqual([true, true, false]);
  });

  it('safeReassessBatch is byte-equal JSON to reassessing each item in process, across chunks and both workers; a bad item is its own error', async () => {
    const book = synthetic.slice(0, 30);
    const priors = (await scorer.decideBatch(book)).map((r) => (r.ok ? r.decision : expect.unreachable(r.error.message)) as Decision);
    const items: unknown[] = priors.map((prior, i) => ({ prior, update: { applicant: book[i], evidence: [] } }));
    // Not an item, a prior changed after it was made, another applicant's prior, an update with no applicant.
    items.splice(3, 0, null);
    items.splice(9, 0, { prior: { ...priors[0], limit: (priors[0] as Decision).limit + 100 }, update: { applicant: book[0], evidence: [] } });
    items.splice(15, 0, { prior: priors[1], update: { applicant: book[2], evidence: [] } });
    items.splice(21, 0, { prior: priors[2], update: { evidence: [] } });
    const local = await scorerReassessBatch(scorer)(items as never);
    expect(local.filter((r) => !r.ok).map((r) => r.index)).toEqual([3, 9, 15, 21]);
    expect(local.filter((r) => r.ok)).toHaveLength(30);
    const pooled = await pool.safeReassessBatch(items);
    expect(json(pooled)).toBe(json(local));
    await expect(pool.safeReassessBatch('items' as never)).rejects.toMatchObject({ subject: 'reassessBatch input' });
  });

  // The count used to reach no pooled reassessment: a book decided with { suggestions: 0 } was reassessed with the scorer's 3.
  it('safeReassessBatch takes a per-call count of what-if previews: each result is what a scorer built with that count reassesses, in process and pooled', async () => {
    const book = synthetic.slice(0, 12);
    const priors = (await scorer.decideBatch(book, { suggestions: 0 })).map((r) => (r.ok ? r.decision : expect.unreachable(r.error.message)) as Decision);
    const items = priors.map((prior, i) => ({ prior, update: { applicant: book[i], evidence: [] } }));
    for (const suggestions of [0, 5]) {
      const built = await createScorer({ ...scorerOptions, suggestionsPerDecision: suggestions });
      try {
        const want = await scorerReassessBatch(built)(items);
        expect(want.every((r) => r.ok)).toBe(true);
        expect(json(await scorerReassessBatch(scorer)(items, { suggestions }))).toBe(json(want));
        expect(json(await pool.safeReassessBatch(items, { suggestions }))).toBe(json(want));
      } finally {
        await built.close();
      }
    }
    // Refused before any item, with the same error in process and pooled: a count out of range, and `onFile` (each line's own, not the batch's).
    for (const bad of [{ suggestions: 101 }, { onFile: {} }] as const) {
      const local = await scorerReassessBatch(scorer)(items, bad as never).catch((e: unknown) => e);
      const pooled = await pool.safeReassessBatch(items, bad as never).catch((e: unknown) => e);
      expect(local).toBeInstanceOf(ValidationError);
      expect(local).toMatchObject({ subject: 'reassessBatch options' });
      expect((pooled as ValidationError).issues).toEqual((local as ValidationError).issues);
    }
  });

  it('an empty batch gives no results', async () => {
    expect(await pool.safeDecideBatch([])).toEqual([]);
  });

  it('input that is not an array is a ValidationError, as in process', async () => {
    const err = await pool.safeDecideBatch('nope' as unknown as unknown[]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const local = await scorer.safeDecideBatch('nope' as unknown as unknown[]).catch((e: unknown) => e);
    expect((err as ValidationError).message).toBe((local as ValidationError).message);
  });

  it('an invalid limitHistory fails the whole call with the same ValidationError as in process', async () => {
    const opts = { limitHistory: [{ at: 'yesterday', from: -1 }] } as never;
    const err = await pool.safeDecideBatch(examples, opts).catch((e: unknown) => e);
    const local = await scorer.safeDecideBatch(examples, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(local).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toBe((local as ValidationError).message);
    expect((err as ValidationError).issues).toEqual((local as ValidationError).issues);
    // The pool is still usable afterwards.
    expect(json(await pool.safeDecideBatch(examples))).toBe(json(await scorer.safeDecideBatch(examples)));
  });

  // Last in this block: it closes the shared pool.
  it('close() lets a batch under way finish, then further calls are refused', async () => {
    const running = pool.safeDecideBatch(mixed);
    const closed = pool.close();
    expect(json(await running)).toBe(json(expected));
    await closed;
    await expect(pool.safeDecideBatch(examples)).rejects.toMatchObject({ code: 'scorer_closed' });
    await pool.close(); // idempotent
  });
});

describe('createScorerPool: options and start-up', () => {
  it('rejects invalid options with one ValidationError naming every field', async () => {
    const model = await loadModel(defaultModelPath());
    try {
      const err = await createScorerPool({ workers: 0, chunkSize: 1.5, workerExecArgv: ['oops'], scorer: { model } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fields).toEqual(['workers', 'chunkSize', 'workerExecArgv', 'scorer.model']);
    } finally {
      await model.close();
    }
  });

  it("a model that cannot load fails creation with the scorer's own error code", async () => {
    const err = await createScorerPool({ workers: 1, scorer: { model: '/nonexistent/model.onnx' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CreditliftError);
    expect((err as CreditliftError).code).toBe('model_load_failed');
  });
});

describe('createScorerPool: a featuresModule that cannot serve is refused before any worker starts', () => {
  const scratch = new URL('../../.tmp/', import.meta.url).pathname;
  const src = new URL('../../src/', import.meta.url).pathname;
  let dir: string;
  let starts: string;
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const startedWorkers = (): string[] => (existsSync(starts) ? readFileSync(starts, 'utf8').split('\n').filter(Boolean) : []);
  beforeAll(() => {
    mkdirSync(scratch, { recursive: true });
    dir = mkdtempSync(join(scratch, 'pool-bad-features-'));
    starts = join(dir, 'worker-starts.txt');
    process.env[WORKER_STARTS_ENV] = starts;
  });
  afterAll(() => {
    delete process.env[WORKER_STARTS_ENV];
    rmSync(dir, { recursive: true, force: true });
  });

  // Each module, and what the refusal must say about it. The pool used to start its workers, which
  // failed to import the module: a missing file came back as `internal_error` (ENOENT), a module
  // with no feature set as a ValidationError about `features`, neither naming the pool's option.
  const cases: readonly (readonly [string, () => string, RegExp])[] = [
    ['a path with no file', () => join(dir, 'missing.ts'), /no file/],
    ['a directory', () => dir, /not a file/],
    ['a module with no default or `features` export', () => write('noExport.ts', 'export const x = 1;\n'), /exports no feature set.*\bx\b/],
    [
      'a module exporting a bare array of features',
      () => write('bareArray.ts', `import { builtInFeatures } from '${src}features/index.js';\nexport default [...builtInFeatures];\n`),
      /an array.*defineFeatureSet/,
    ],
    [
      'a module exporting something shaped like a feature set that is not one',
      () => write('lookalike.ts', "export const features = { definitions: 'all', byName: {} };\n"),
      /not a defineFeatureSet\(\.\.\.\) result.*definitions/,
    ],
    [
      'a module whose defineFeatureSet refuses its declarations (a lender feature without reasons)',
      () =>
        write(
          'noReasons.ts',
          `import { builtInFeatures, defineFeatureSet } from '${src}features/index.js';
export default defineFeatureSet({ features: [...builtInFeatures, { name: 'tenure', description: 'Tenure', unit: 'months', sources: [], monotone: -1, factor: 'stability', kind: 'numeric', dataCategory: 'lender_internal', compute: () => 1 }] });
`,
        ),
      /features\.\d+\.reasons.*reason texts/,
    ],
    ['a module that throws as it loads', () => write('throws.ts', "throw new Error('lender config missing');\n"), /failed to load.*lender config missing/],
  ];
  for (const [what, pathOf, says] of cases) {
    it(`${what}: a ValidationError naming featuresModule, with the path and what is wrong; no worker started`, async () => {
      const path = pathOf();
      const err = await createScorerPool({ workers: 2, featuresModule: path, workerEntry: countedWorker }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fields).toEqual(['featuresModule']);
      const [issue] = (err as ValidationError).issues;
      expect(issue?.message).toContain(path);
      expect(issue?.message).toMatch(says);
      expect(startedWorkers()).toEqual([]);
    });
  }
  // That the same counted workers do start with a good module (so these checks can fail) is the
  // lender feature set's test below: its pool starts from them.
});

describe('createScorerPool: a worker that crashes, hangs, fails or is killed', () => {
  let crashy: ScorerPool;
  beforeAll(async () => {
    crashy = await createScorerPool({ workers: 2, chunkSize: 5, scorer: scorerOptions, workerEntry: crashingWorker, taskTimeoutMs: 5_000 });
  });
  afterAll(() => crashy?.close());

  // Exits, uncaught errors and hangs, and the long kill stress, are in test/deep/poolFaults.test.ts.
  for (const [how, id] of [['answers with a scorer failure', FAIL_ID]] as const) {
    it(`when a worker ${how}, only the record at fault gets worker_failed (after one retry); every other record decides as in process`, async () => {
      const batch: unknown[] = [...synthetic.slice(0, 20)];
      batch[12] = { ...(batch[12] as object), id };
      const pidsBefore = crashy.workerPids();
      const results = await crashy.safeDecideBatch(batch);
      results.forEach((r, i) => expect(r.index).toBe(i));
      const failed = results.filter((r) => !r.ok);
      expect(failed.map((r) => r.index)).toEqual([12]);
      expect(failed[0]?.ok === false && failed[0].error.code).toBe('worker_failed');
      expect(failed[0]?.ok === false && failed[0].error.message).toMatch(/twice/);
      const local = await scorer.safeDecideBatch(batch);
      expect(json(results.filter((r) => r.ok))).toBe(json(local.filter((_, i) => i !== 12)));
      if (id !== FAIL_ID) expect(crashy.workerPids()).not.toEqual(pidsBefore);
      // The pool still scores with its replaced workers.
      expect(json(await crashy.decideBatch(synthetic.slice(0, 20)))).toBe(json(await scorer.safeDecideBatch(synthetic.slice(0, 20))));
    });
  }

  it('a reassessment on a worker that fails is retried alone, and only the item at fault gets worker_failed', async () => {
    const book = synthetic.slice(0, 12);
    const priors = (await scorer.decideBatch(book)).map((r) => (r.ok ? r.decision : expect.unreachable(r.error.message)) as Decision);
    // The fixture fails a task holding an element whose id is FAIL_ID: the item carries it beside prior and update.
    const items = priors.map((prior, i) => ({ prior, update: { applicant: book[i], evidence: [] }, ...(i === 7 ? { id: FAIL_ID } : {}) }));
    const results = await crashy.safeReassessBatch(items);
    expect(results.filter((r) => !r.ok).map((r) => [r.index, !r.ok && r.error.code])).toEqual([[7, 'worker_failed']]);
    const local = await scorerReassessBatch(scorer)(items);
    expect(json(results.filter((r) => r.ok))).toBe(json(local.filter((_, i) => i !== 7)));
  });

  it('stress: a worker killed (SIGKILL) in the middle of a batch never takes this process down and loses no record', async () => {
    const batch = [...synthetic, ...synthetic];
    const local = json(await scorer.decideBatch(batch));
    for (let round = 0; round < 2; round++) {
      const running = crashy.decideBatch(batch);
      await new Promise((r) => setTimeout(r, 5 + round * 20));
      const [victim] = crashy.workerPids();
      if (victim !== undefined) process.kill(victim, 'SIGKILL');
      // Retried records decide on the other worker: the result is exactly the in-process one.
      expect(json(await running)).toBe(local);
    }
  });
});

// The taskTimeoutMs timing and the model file replaced under a running pool are in test/deep/poolFaults.test.ts
// (about 9 s of waiting on slow chunks and a worker restart, the npm test budget's largest single items).

describe('createScorerPool with a lender feature set: records cloning cannot carry', () => {
  const scratch = new URL('../../.tmp/', import.meta.url).pathname;
  let dir: string;
  let lenderPool: ScorerPool;
  let lenderScorer: Scorer;
  let starts: string;
  beforeAll(async () => {
    mkdirSync(scratch, { recursive: true });
    dir = mkdtempSync(join(scratch, 'pool-features-'));
    // Bundled to JavaScript: the worker starts plain node, not the source tree through tsx (loading a
    // TypeScript module in workers is test/features/typeScriptLoaderHint.test.ts's).
    const modulePath = await bundledFeaturesModule(dir, 'features', monthsOnBookFeaturesModule());
    // From the counted worker the refusals above hold never starts: the first test sees it start here.
    starts = join(dir, 'worker-starts.txt');
    process.env[WORKER_STARTS_ENV] = starts;
    try {
      [lenderPool, lenderScorer] = await Promise.all([
        createScorerPool({ workers: 1, featuresModule: modulePath, workerEntry: countedWorker, scorer: { suggestionsPerDecision: 0 } }),
        loadFeatureSetModule(modulePath).then(({ features }) => createScorer({ features, suggestionsPerDecision: 0 })),
      ]);
    } finally {
      delete process.env[WORKER_STARTS_ENV];
    }
  });
  afterAll(async () => {
    await Promise.all([lenderPool?.close(), lenderScorer?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('with a good module the counted workers do start (the refusals above, "no worker started", can fail)', () => {
    expect(readFileSync(starts, 'utf8').split('\n').filter(Boolean)).toEqual(lenderPool.workerPids().map(String));
  });

  it("a throwing getter, a function or a symbol next to the lender's attributes gets the in-process result (the pool used to parse such records with the built-in schema)", async () => {
    const withAttributes = (i: number) =>
      ({ ...structuredClone(examples[i % examples.length]), attributes: { months_on_book: 12 } }) as Record<string, unknown>;
    const getter = withAttributes(0);
    Object.defineProperty(getter.income as object, 'bonus', {
      get() {
        throw new TypeError('boom');
      },
      enumerable: true,
    });
    const fn = withAttributes(1);
    (fn.household as Record<string, unknown>).pet = () => 1;
    const sym = withAttributes(2);
    sym.id = Symbol('x');
    const batch: unknown[] = [withAttributes(3), getter, fn, sym, withAttributes(4)];
    const [pooled, local] = await Promise.all([lenderPool.safeDecideBatch(batch), lenderScorer.safeDecideBatch(batch)]);
    expect(json(pooled)).toBe(json(local));
    expect(local.map((r) => r.ok)).toEqual([true, false, false, false, true]);
    // Refused for what is wrong with them, never for the lender's attribute.
    for (const r of local) if (!r.ok) expect(JSON.stringify(r.error)).not.toContain('months_on_book');
  });

  it("a live Proxy (the whole record or a part holding the lender's attributes) and a root that cannot be read get the in-process result", async () => {
    const withAttributes = (i: number) =>
      ({ ...structuredClone(examples[i % examples.length]), attributes: { months_on_book: 12 } }) as Record<string, unknown>;
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const nested = withAttributes(1);
    nested.attributes = new Proxy({ months_on_book: 30 }, {});
    const nestedBad = withAttributes(2);
    nestedBad.household = new Proxy({ ...(nestedBad.household as object), pet: new Map() }, {});
    const trapThrows = new Proxy(withAttributes(3), {
      getPrototypeOf() {
        throw new RangeError('no prototype');
      },
    });
    const batch: unknown[] = [new Proxy(withAttributes(0), {}), nested, nestedBad, revoked, trapThrows, withAttributes(4)];
    const [pooled, local] = await Promise.all([lenderPool.safeDecideBatch(batch), lenderScorer.safeDecideBatch(batch)]);
    expect(json(pooled)).toBe(json(local));
    expect(local.map((r) => r.ok)).toEqual([true, true, false, false, false, true]);
    for (const r of local) if (!r.ok) expect(JSON.stringify(r.error)).not.toContain('months_on_book');
  });
});
