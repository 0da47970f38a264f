import { resolvePolicyOptions, type ScorerOptions } from '../decision/createScorer.js';
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SCORER_OPTION_KEYS } from '../decision/checkOptionKeys.js';
import type { KeyOptions } from '../decision/scorerKeys.js';
import { everyKeyOf } from '../errors/argumentIssues.js';
import { readOptions, readRequiredOptions } from '../errors/readOptions.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { InputRecord } from '../cli/score/inputRecord.js';
import { createScorerPool, type ScorerPool } from '../parallel/createScorerPool.js';
import type { Challenger } from '../decision/challengers/championChallenger.js';
import { challengerPolicyOptions } from '../decision/challengers/challengerPolicy.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import { portfolioAssumptions, type PortfolioAssumptions } from './portfolioEconomics.js';
import { runSimulation, type RunSimulationOptions, type SimulationProvenance, type SimulationResult, type SimulationSide } from './runSimulation.js';
import { ENGINE_VERSION } from '../version.js';
import { isBookIterable, sharedSimulationOptionIssues, wholeNumberIssues } from './simulationOptionIssues.js';
import { simulationModeIssues } from './simulationPaths.js';
import { workerExecArgvIssues } from '../parallel/workerExecArgv.js';
import { workerNodeOptions } from '../parallel/workerNodeOptions.js';

/** Options of {@link simulateBook}. */
export interface SimulateBookOptions extends Pick<RunSimulationOptions, 'mode' | 'outcomes' | 'onFlip' | 'onError' | 'onChunk' | 'signal' | 'chunkSize'> {
  /** Applicants (raw values, validated by the scorers) or input records read from a file. */
  readonly book: AsyncIterable<unknown> | Iterable<unknown>;
  /** `true` when `book` yields {@link InputRecord}s (line numbers and unreadable lines) rather than raw applicants. */
  readonly bookIsRecords?: boolean;
  /**
   * The policy and/or model in force today. Default: the embedded model and the default policy.
   * Copied to worker processes, so plain data: a model as a path or bytes, not a loaded model.
   */
  readonly baseline?: ScorerOptions;
  /** The policy and/or model proposed. Default: the embedded model and the default policy. */
  readonly candidate?: ScorerOptions;
  /** Worker processes per arm (default 1). Each arm runs its own pool, so the two decide side by side. */
  readonly workers?: number;
  /**
   * Path of an ES module exporting the lender's feature set (`defineFeatureSet(...)`, as default or
   * `features`), for both arms: the applicants' `attributes` are validated by it and the models may
   * read its features. A module, not the set itself, because feature sets hold functions and every
   * worker imports it (as `createScorerPool({ featuresModule })`). One set serves both arms: a
   * model reads any subset of it. Default: the built-in features.
   */
  readonly featuresModule?: string;
  /**
   * Node flags for both arms' worker processes, after the pool's own (as
   * `createScorerPool({ workerExecArgv })`), e.g. `['--max-semi-space-size=2']` to bound their heaps.
   */
  readonly workerExecArgv?: readonly string[];
}

/**
 * Replays a book of applicants under a baseline and a candidate (each a policy and/or a model) on
 * pools of worker processes in one streaming pass: see {@link runSimulation} for what comes back.
 * By default each side decides every record afresh (`decide`: a full re-underwriting, so an
 * existing line may be lowered or closed); `mode: 'reassess'` reassesses each record's prior on
 * both sides instead (the interactive path: a line is held for review, never lowered
 * automatically): the decision the book stores with the record (`bookIsRecords`, an input record's
 * `prior`), its seal verified under the baseline's keys (`signingKey`, `verificationKeys`,
 * `personalDataKey`), or where it carries none, the record decided under the baseline. The
 * summary's `paths`, `priors` and `lineActions` say which ran and what it did to the lines.
 * What-if suggestions are switched off on both sides: a simulation needs the decisions, not the
 * advice, and they would cost most of the time.
 *
 * @throws ValidationError naming every bad option, before any worker starts: an unknown key, `book`
 *   not an (async) iterable, `outcomes` not a Map of id to true/false (each bad entry named), `chunkSize`
 *   or `workers` not a whole number in range, a callback that is not a function, `signal` not an
 *   AbortSignal, a `featuresModule` with no file at its path, an unknown key in `baseline` or
 *   `candidate`; whatever creating a pool or {@link runSimulation} throws (a backtest book repeating
 *   an id its outcomes name is refused after the pass, naming the id and its lines)
 * @example
 * const { summary } = await simulateBook({ book: applicants, candidate: { policyOverrides: { affordability: { dsrBands } } } });
 * summary.swapSet.counts.approve.decline; // approved today, declined under the candidate
 * // A book whose applicants carry your own attributes, on models reading your own features:
 * await simulateBook({ book, baseline: { model: 'today.onnx' }, candidate: { model: 'next.onnx' }, featuresModule: './features.js' });
 */
export async function simulateBook(given: SimulateBookOptions): Promise<SimulationResult> {
  // Every bad option at once, before any worker starts (runSimulation checks its own again), in
  // the plain copy the run then uses.
  const { value: options, issues: optionIssues } = await readSimulateBookOptions(given);
  if (optionIssues.length > 0 || options === undefined) throw new ValidationError('simulateBook options', optionIssues);
  const baselineOptions = options.baseline ?? {};
  const candidateOptions = options.candidate ?? {};
  // Resolved here too (the workers resolve their own copy) for the money assumptions, and so a bad
  // policy fails before any worker starts.
  const baselinePolicy = resolvePolicyOptions(baselineOptions);
  const candidatePolicy = resolvePolicyOptions(candidateOptions);
  const workers = options.workers ?? 1;
  const pools: ScorerPool[] = [];
  try {
    const shared = {
      workers,
      ...(options.featuresModule === undefined ? {} : { featuresModule: options.featuresModule }),
      ...(options.workerExecArgv === undefined ? {} : { workerExecArgv: options.workerExecArgv }),
    };
    pools.push(await createScorerPool({ ...shared, scorer: { ...baselineOptions, suggestionsPerDecision: 0 } }));
    pools.push(await createScorerPool({ ...shared, scorer: { ...candidateOptions, suggestionsPerDecision: 0 } }));
    const [b, c] = pools as [ScorerPool, ScorerPool];
    const side = (pool: ScorerPool): SimulationSide => ({
      model: { id: pool.model.id, sha256: pool.model.sha256 },
      policyHash: pool.policyHash,
      catalogHash: pool.catalogHash,
    });
    const provenance: SimulationProvenance = { engineVersion: ENGINE_VERSION, baseline: side(b), candidate: side(c) };
    const result = await runSimulation({
      records: options.bookIsRecords === true ? (options.book as AsyncIterable<InputRecord>) : asRecords(options.book),
      baseline: {
        decide: (r, h) => b.safeDecideBatch(r, h === undefined ? undefined : { limitHistories: h }),
        reassess: (items) => b.safeReassessBatch(items),
        assumptions: portfolioAssumptions(baselinePolicy),
        averageCostAlertAbove: baselinePolicy.pricing.averageCostAlertAbove,
        ...liveArmAssumptions(baselineOptions, baselinePolicy),
      },
      candidate: {
        decide: (r, h) => c.safeDecideBatch(r, h === undefined ? undefined : { limitHistories: h }),
        reassess: (items) => c.safeReassessBatch(items),
        assumptions: portfolioAssumptions(candidatePolicy),
        averageCostAlertAbove: candidatePolicy.pricing.averageCostAlertAbove,
        ...liveArmAssumptions(candidateOptions, candidatePolicy),
      },
      inFlight: workers + 1,
      // The decisions on file were sealed by the scorer in force: the baseline's keys verify them.
      ...lenderKeys(baselineOptions),
      ...pick(options),
    });
    return { ...result, provenance };
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
}

/**
 * For a side deciding champion/challenger live, each challenger arm's money assumptions from its
 * own policy (complete, or its overrides of the champion's; the champion's when it sets none, as the
 * scorer builds the arm), so its decisions are counted under the LGD and utilisation they were priced and limited
 * under. In shadow mode the champion decides everyone: nothing to add.
 */
function liveArmAssumptions(options: ScorerOptions, champion: PolicyConfig): { armAssumptions?: Record<string, PortfolioAssumptions> } {
  if (options.challengers === undefined || options.challengerMode !== 'live') return {};
  const own = (c: Challenger): PolicyConfig => resolvePolicyOptions(challengerPolicyOptions(c, champion));
  return { armAssumptions: Object.fromEntries(options.challengers.map((c) => [c.name, portfolioAssumptions(own(c))])) };
}

/** A side's key options, as `runSimulation`'s `priorKeys`; nothing when it has none. */
function lenderKeys(options: ScorerOptions): { priorKeys?: KeyOptions } {
  const keys: { -readonly [K in keyof KeyOptions]: KeyOptions[K] } = {};
  if (options.signingKey !== undefined) keys.signingKey = options.signingKey;
  if (options.personalDataKey !== undefined) keys.personalDataKey = options.personalDataKey;
  if (options.verificationKeys !== undefined) keys.verificationKeys = options.verificationKeys;
  return Object.keys(keys).length === 0 ? {} : { priorKeys: keys };
}

/** The options {@link simulateBook} reads. */
const SIMULATE_BOOK_OPTION_KEYS = everyKeyOf<SimulateBookOptions>()([
  'book',
  'bookIsRecords',
  'baseline',
  'candidate',
  'workers',
  'featuresModule',
  'workerExecArgv',
  'mode',
  'outcomes',
  'onFlip',
  'onError',
  'onChunk',
  'signal',
  'chunkSize',
]);

/** The scorer options a side takes: `features` cannot reach worker processes (`featuresModule` does). */
const SIDE_OPTION_KEYS = SCORER_OPTION_KEYS.filter((k) => k !== 'features');

/**
 * The options read once into a plain copy (each side's scorer options a plain copy too), and every
 * fault of them: a getter or Proxy is `unreadable_input` at its option, never thrown raw.
 */
async function readSimulateBookOptions(
  given: SimulateBookOptions,
): Promise<{ readonly value: SimulateBookOptions | undefined; readonly issues: ValidationIssue[] }> {
  const read = readRequiredOptions(given, SIMULATE_BOOK_OPTION_KEYS);
  if (read.value === undefined) return { value: undefined, issues: read.issues };
  const issues = [...read.issues];
  let o = read.value as unknown as SimulateBookOptions;
  if (!isBookIterable(o.book))
    issues.push({
      path: ['book'],
      code: 'invalid_type',
      message: 'book must be an iterable or async iterable of applicants (or of input records, with bookIsRecords)',
      expected: 'iterable',
    });
  if (o.bookIsRecords !== undefined && typeof o.bookIsRecords !== 'boolean')
    issues.push({ path: ['bookIsRecords'], code: 'invalid_type', message: 'bookIsRecords must be true or false', expected: 'boolean' });
  for (const side of ['baseline', 'candidate'] as const) {
    if (o[side] === undefined) continue;
    const sideRead = readOptions(o[side], SIDE_OPTION_KEYS, [side], (k) =>
      k === 'features' ? 'a feature set holds functions, which cannot reach worker processes: give featuresModule (its module path) instead' : undefined,
    );
    issues.push(...sideRead.issues);
    if (sideRead.value !== undefined) o = { ...o, [side]: sideRead.value };
  }
  issues.push(...simulationModeIssues(o.mode), ...wholeNumberIssues(o.workers, 'workers', 1, 256), ...sharedSimulationOptionIssues(o));
  const flags: unknown = o.workerExecArgv;
  // The pool's own rule, so a flag and its value (['--import', 'tsx']) pass here as they do there.
  if (flags !== undefined) issues.push(...workerExecArgvIssues(flags, workerNodeOptions(process.env.NODE_OPTIONS).value));
  if (o.featuresModule !== undefined) {
    if (typeof o.featuresModule !== 'string' || o.featuresModule === '') {
      issues.push({ path: ['featuresModule'], code: 'invalid_type', message: 'featuresModule must be the path of a module', expected: 'string' });
    } else {
      // The workers import it from this path: a missing file failed there as an internal error.
      const path = resolve(o.featuresModule);
      await access(path).catch(() =>
        issues.push({ path: ['featuresModule'], code: 'unreadable_input', message: `no module can be read at ${path.slice(-200)}` }),
      );
    }
  }
  return { value: o, issues };
}

function pick(o: SimulateBookOptions): Partial<RunSimulationOptions> {
  const out: { -readonly [K in keyof RunSimulationOptions]?: RunSimulationOptions[K] } = {};
  if (o.mode !== undefined) out.mode = o.mode;
  if (o.outcomes !== undefined) out.outcomes = o.outcomes;
  if (o.onFlip !== undefined) out.onFlip = o.onFlip;
  if (o.onError !== undefined) out.onError = o.onError;
  if (o.onChunk !== undefined) out.onChunk = o.onChunk;
  if (o.signal !== undefined) out.signal = o.signal;
  if (o.chunkSize !== undefined) out.chunkSize = o.chunkSize;
  return out;
}

async function* asRecords(book: AsyncIterable<unknown> | Iterable<unknown>): AsyncGenerator<InputRecord> {
  let line = 0;
  for await (const value of book) yield { line: ++line, ok: true, value };
}
