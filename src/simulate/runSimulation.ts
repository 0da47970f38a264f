import type { BatchResult, ScorerOptions } from '../decision/createScorer.js';
import { toErrorData, type DecisionErrorData } from '../decision/toErrorData.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';
import { everyKeyOf } from '../errors/argumentIssues.js';
import { readKnownFields, readOptions, readRequiredOptions } from '../errors/readOptions.js';
import { readAssumptionsByArm } from './readAssumptionsByArm.js';
import type { ValidationIssue } from '../errors/validationError.js';
import { defaultPolicy } from '../policy/defaultPolicy.js';
import { parseApplicant } from '../schema/parseApplicant.js';
import { decidable, decidedRecordError, type InputRecord, type RecordToCheck, refusalWithFaults } from '../cli/score/inputRecord.js';
import type { LimitChange } from '../policy/stepLimit.js';
import { checkInputRecord } from './checkInputRecord.js';
import { segmentsOf, type BookSegments } from './bookSegments.js';
import { factsOf, type Outcome } from './decisionFacts.js';
import type { PortfolioAssumptions } from './portfolioEconomics.js';
import {
  createSimulationAccumulator,
  simulationSummaryMade,
  UNMATCHED_IDS_LISTED,
  type BacktestOutcomes,
  type SimulationSummary,
} from './simulationAccumulator.js';
import { isBookIterable, sharedSimulationOptionIssues, wholeNumberIssues } from './simulationOptionIssues.js';
import type { ReassessBatch, ReassessItem } from '../decision/reassessBatch.js';
import { simulationModeIssues, type SimulationMode } from './simulationPaths.js';
import type { AuditKeys } from '../decision/audit.js';
import type { Decision } from '../decision/decision.js';
import { PriorInvalidError } from '../decision/priorInvalidError.js';
import { keyIssues as lenderKeyIssues, type KeyOptions } from '../decision/scorerKeys.js';
import { builtInFields } from './builtInFields.js';
import type { PriorSource } from './priorSources.js';
import { checkStoredPrior, onFileWithoutPrior, type StoredPriorCheck, type StoredPriorRefusal } from './storedPrior.js';
import type { LineOnFile } from '../decision/priorOnFile.js';

/**
 * Decides a batch of raw records, one result per record in order (a scorer's or a pool's
 * `decideBatch`), each with its own ledger of recent raises when the book gave one.
 */
export type DecideBatch = (records: readonly unknown[], limitHistories?: readonly (readonly LimitChange[] | undefined)[]) => Promise<readonly BatchResult[]>;

/** One side of a simulation: how it decides (and, for `mode: 'reassess'`, reassesses) and the money assumptions of its policy. */
export interface SimulationArm {
  /**
   * Decides a batch afresh (`decide`: a full re-underwriting). In `reassess` mode the baseline's
   * makes each record's prior; the candidate's is not called.
   */
  readonly decide: DecideBatch;
  /**
   * Reassesses a batch of priors (`reassess`: the line on file protected), e.g.
   * `scorerReassessBatch(scorer)` or a pool's `safeReassessBatch`. Required by `mode: 'reassess'`.
   */
  readonly reassess?: ReassessBatch;
  readonly assumptions: PortfolioAssumptions;
  /**
   * The policy's `pricing.averageCostAlertAbove`: the side's average comprehensive cost of new
   * lines is flagged above it. Default: the default policy's (20%, the 2026 guidance).
   */
  readonly averageCostAlertAbove?: number;
  /**
   * When `decide` is a champion/challenger scorer deciding live: each challenger arm's own money
   * assumptions, by arm name. A decision naming a listed arm (`audit.arm`) is counted with them;
   * the champion's and any arm not listed with `assumptions`.
   */
  readonly armAssumptions?: Readonly<Record<string, PortfolioAssumptions>>;
}

/** A customer whose outcome differs between baseline and candidate: ids and outcomes only, nothing personal. */
export interface SimulationFlip {
  readonly line: number;
  readonly applicantId: string;
  readonly baseline: Outcome;
  readonly candidate: Outcome;
}

/** A record that is in no swap-set cell, and why: unreadable, or refused by one arm or both. */
export interface SimulationRecordError {
  readonly line: number;
  /**
   * Which side refused it: `input` when it could not be read at all; `prior` in `reassess` mode when
   * the decision stored with it was refused (`reason` says why), or, for a record carrying none, when
   * the baseline's `decide`, which makes the prior both sides reassess, refused it.
   */
  readonly arm: 'input' | 'prior' | 'baseline' | 'candidate' | 'both';
  /** For a record refused for the decision stored with it: which check it failed (`summary.priors.refused` counts them). */
  readonly reason?: StoredPriorRefusal;
  readonly error: DecisionErrorData;
}

/** Inputs of {@link runSimulation}. */
export interface RunSimulationOptions {
  /**
   * The book, as input records (line number and value, or why the line could not be read). An
   * element that is not a well-formed record is refused (in the errors stream, `data_invalid`,
   * naming each fault) and the others decided.
   */
  readonly records: AsyncIterable<InputRecord> | Iterable<InputRecord>;
  readonly baseline: SimulationArm;
  readonly candidate: SimulationArm;
  /**
   * How each record is replayed (default `decide`): `decide`, each side decides it afresh (a full
   * re-underwriting: an existing line may be lowered or closed); `reassess`, the baseline decides it
   * (the prior: the line as the policy in force leaves it) and each side reassesses that prior with
   * the record's applicant and no new evidence (the interactive path: a line above what may be
   * granted is held for review, never lowered automatically). The summary's `paths` says which ran.
   * A record carrying the customer's latest sealed decision (`prior`, as the lender stores it) is
   * reassessed from that instead, on both sides, once it is checked (see `priorKeys`); one whose
   * prior fails a check is refused (`arm: 'prior'`, with its `reason`), the others go on. A record's
   * `onFile` (the line on file now) goes in each side's reassessment item beside its prior, so a
   * prior it supersedes is that record's `prior_superseded`; an `onFile` without a prior is
   * `prior_missing`. `decide` mode does not read a `prior` or an `onFile`: it is counted
   * (`summary.priors.unread`), not refused.
   */
  readonly mode?: SimulationMode;
  /**
   * The keys the book's stored priors (`prior`) were sealed under: the lender's scorer's
   * `signingKey`, `verificationKeys` (signing keys before a rotation) and `personalDataKey`, as
   * `createScorer` takes them. Each prior's seal is verified under them (`verifyDecision`), and its
   * `audit.subjectHash` compared with the record's identity. Give both sides the same keys: each
   * side's `reassess` verifies the prior again. Default none (unsigned decisions, plain hashes).
   * `simulateBook` takes the baseline's.
   */
  readonly priorKeys?: Pick<ScorerOptions, 'signingKey' | 'personalDataKey' | 'verificationKeys'>;
  /** Realised 12-month defaults by applicant id, for the backtest. */
  readonly outcomes?: ReadonlyMap<string, boolean>;
  /** Records per decide call (default 256). */
  readonly chunkSize?: number;
  /** Chunks decided concurrently (default 2); the results are still taken in input order. */
  readonly inFlight?: number;
  /** Called for every flip, in input order; awaited (back-pressure for file writers). */
  readonly onFlip?: (flip: SimulationFlip) => void | Promise<void>;
  /** Called for every record in no cell, in input order; awaited. */
  readonly onError?: (error: SimulationRecordError) => void | Promise<void>;
  /** Called after each chunk with the records taken so far. */
  readonly onChunk?: (progress: { readonly records: number; readonly errors: number }) => void;
  /** When aborted, no new chunk starts (none at all when aborted before the call); the result is marked interrupted. */
  readonly signal?: AbortSignal;
}

/** What {@link runSimulation} returns. */
export interface SimulationResult {
  /**
   * Records taken from the book (unreadable lines included). Always `summary.decided + errors`.
   * Interrupted, the records of a chunk read but not yet started when the signal came are not taken.
   */
  readonly records: number;
  /** Records in the errors stream. */
  readonly errors: number;
  readonly summary: SimulationSummary;
  /** True when stopped by the signal before the book ran out. */
  readonly interrupted: boolean;
  /**
   * What each side decided with, as its decisions' audits record it, and the engine version: set by
   * `simulateBook` (its pools know them); absent from `runSimulation`, whose deciders are the caller's.
   */
  readonly provenance?: SimulationProvenance;
}

/**
 * What one side of a simulation decided with, as each of its decisions' audit records it
 * (`audit.modelId`, `audit.modelSha256`, `audit.policyHash`, `audit.catalogHash`). A side running
 * challengers names its champion's policy here; each arm's is in its decisions' audits.
 */
export interface SimulationSide {
  readonly model: { readonly id: string; readonly sha256: string };
  readonly policyHash: string;
  readonly catalogHash: string;
}

/** Which engine, models, policies and catalogs a simulation ran on, so a summary can be traced months later. */
export interface SimulationProvenance {
  /** The creditlift version that decided both sides (as each decision's `audit.engineVersion`). */
  readonly engineVersion: string;
  readonly baseline: SimulationSide;
  readonly candidate: SimulationSide;
}

interface Taken {
  readonly record: InputRecord;
  readonly segments?: BookSegments;
  readonly segmentError?: DecisionErrorData;
  /** In `reassess` mode: the prior both sides reassessed (stored with the record, or the baseline's decision), or why it was refused. */
  readonly prior?: BatchResult;
  readonly priorSource?: PriorSource;
  /** In `reassess` mode: why the decision stored with the record was refused (then nothing was decided). */
  readonly storedPriorRefused?: { readonly reason: StoredPriorRefusal; readonly error: DecisionErrorData };
  readonly baseline?: BatchResult;
  readonly candidate?: BatchResult;
}

/** One result per value of a chunk, for each side (and the priors, in `reassess` mode). */
interface ChunkResults {
  readonly prior?: readonly BatchResult[];
  readonly baseline: readonly BatchResult[];
  readonly candidate: readonly BatchResult[];
}

/**
 * Decides a book under a baseline and a candidate in one streaming pass and accumulates the swap
 * set, totals, segments, limit changes, binding constraints, fairness and (with outcomes) the
 * backtest. Nothing is lost: every record read ends in exactly one swap-set cell or in the errors
 * stream, and the function checks it before returning.
 *
 * The deciders are the judges of a record: deciders built on a lender's feature set
 * (`createScorer({ model, features })`) take its `attributes`, and the segments (built-in fields
 * only) are read with the attributes set aside, so a record both arms decided always reaches a cell.
 *
 * @throws ValidationError naming every bad option before anything is decided: an unknown key, `records`
 *   not an (async) iterable, an arm without a `decide` function or `assumptions`, `outcomes` not a Map
 *   of id to true/false (each bad entry named), `chunkSize` or `inFlight` not a whole number in range,
 *   a callback that is not a function, `signal` not an AbortSignal; whatever a decider throws (a
 *   runtime failure); after the pass, ValidationError (subject `backtest book`, `duplicate_id`) naming
 *   each id an outcome names that two or more records decided under both carry, with their lines (its
 *   one outcome would count once per record); CreditliftError `internal_error` if a decider returns
 *   the wrong number of results
 */
export async function runSimulation(given: RunSimulationOptions): Promise<SimulationResult> {
  const { value: o, issues: optionIssues } = readRunSimulationOptions(given);
  if (optionIssues.length > 0 || o === undefined) throw new ValidationError('runSimulation options', optionIssues);
  const priorKeys = lenderKeyIssues(o.priorKeys ?? {}, ['priorKeys'], true).keys;
  const chunkSize = o.chunkSize ?? 256;
  const inFlight = o.inFlight ?? 2;
  const mode = o.mode ?? 'decide';
  const defaultAlert = defaultPolicy.pricing.averageCostAlertAbove;
  const acc = createSimulationAccumulator(
    { baseline: o.baseline.assumptions, candidate: o.candidate.assumptions },
    {
      mode,
      averageCostAlertAbove: { baseline: o.baseline.averageCostAlertAbove ?? defaultAlert, candidate: o.candidate.averageCostAlertAbove ?? defaultAlert },
      ...(o.outcomes === undefined ? {} : { withOutcomes: true }),
      ...(o.baseline.armAssumptions === undefined && o.candidate.armAssumptions === undefined
        ? {}
        : {
            armAssumptions: {
              ...(o.baseline.armAssumptions === undefined ? {} : { baseline: o.baseline.armAssumptions }),
              ...(o.candidate.armAssumptions === undefined ? {} : { candidate: o.candidate.armAssumptions }),
            },
          }),
    },
  );
  const queue: Promise<Taken[]>[] = [];
  let chunk: InputRecord[] = [];
  let records = 0;
  let errors = 0;
  let interrupted = false;
  // Outcome ids that matched a record decided under both, with the lines of those records: the rest
  // are reported, not dropped, and an id on two lines is refused (its one outcome counted twice).
  const matchedOutcomes = new Map<string, number[]>();

  const launch = () => {
    const batch = chunk;
    chunk = [];
    const p =
      mode === 'decide' ? decideChunk(batch, decideValues(o.baseline, o.candidate)) : decideChunk(batch, reassessValues(o.baseline, o.candidate), priorKeys);
    // Keep a rejection from being reported as unhandled while earlier chunks are still awaited.
    p.catch(() => undefined);
    queue.push(p);
  };
  const take = async () => {
    for (const t of await (queue.shift() as Promise<Taken[]>)) {
      records++;
      // decide mode does not read a stored decision: counted, so the summary and the command can say so.
      if (mode === 'decide' && t.record.ok && (t.record.prior !== undefined || Object.hasOwn(t.record, 'onFile'))) acc.addUnreadPrior();
      const error = recordError(t);
      if (error !== undefined) {
        if (error.reason !== undefined) acc.addRefusedPrior(error.reason);
        errors++;
        await o.onError?.(error);
        continue;
      }
      const baseline = factsOf((t.baseline as Extract<BatchResult, { ok: true }>).decision);
      const candidate = factsOf((t.candidate as Extract<BatchResult, { ok: true }>).decision);
      const prior = t.prior?.ok === true ? factsOf(t.prior.decision) : undefined;
      const applicantId = (t.baseline as Extract<BatchResult, { ok: true }>).decision.applicantId;
      const defaulted = o.outcomes?.get(applicantId);
      if (defaulted !== undefined) {
        const lines = matchedOutcomes.get(applicantId);
        if (lines === undefined) matchedOutcomes.set(applicantId, [t.record.line]);
        else lines.push(t.record.line);
      }
      acc.add({
        segments: t.segments as BookSegments,
        baseline,
        candidate,
        ...(prior === undefined ? {} : { prior }),
        ...(t.priorSource === undefined ? {} : { priorSource: t.priorSource }),
        ...(defaulted === undefined ? {} : { defaulted }),
      });
      if (baseline.outcome !== candidate.outcome)
        await o.onFlip?.({ line: t.record.line, applicantId, baseline: baseline.outcome, candidate: candidate.outcome });
    }
    o.onChunk?.({ records, errors });
  };

  let position = 0;
  // The signal is read before any chunk starts (before the first one too, and before the last,
  // partial one): read only after a launch, an aborted simulation still decided a chunk. A run is
  // interrupted only when something is left undecided: a book whose last chunk was already under
  // way when the signal came finished whole (it once said interrupted with every record decided).
  const aborted = () => o.signal?.aborted === true;
  if (aborted()) interrupted = true;
  else {
    for await (const element of o.records) {
      // An element left to take: the run stops here, interrupted.
      if (aborted()) {
        interrupted = true;
        break;
      }
      // A malformed element is refused naming what is wrong (with its line, or its place in the book).
      chunk.push(checkInputRecord(element, ++position));
      if (chunk.length < chunkSize) continue;
      launch();
      while (queue.length >= inFlight) await take();
    }
  }
  if (!interrupted && chunk.length > 0) {
    if (aborted()) interrupted = true;
    else launch();
  }
  while (queue.length > 0) await take();
  const repeated = repeatedOutcomeIssues(matchedOutcomes);
  if (repeated.length > 0) throw new ValidationError('backtest book', repeated);
  const finished = acc.finish();
  const summary =
    o.outcomes === undefined || finished.backtest === null
      ? finished
      : simulationSummaryMade({ ...finished, backtest: { ...finished.backtest, outcomes: backtestOutcomes(o.outcomes, matchedOutcomes) } });
  if (summary.decided + errors !== records)
    throw new CreditliftError('internal_error', `simulation lost records: ${records} read, ${summary.decided} in cells, ${errors} errors`);
  return { records, errors, summary, interrupted };
}

/** Repeated ids an issue lists at most, and lines it names per id. */
const MAX_REPEATED_IDS = 50;
const MAX_LINES_NAMED = 10;

/**
 * One issue per outcome id that two or more records decided under both carry (a re-application): its
 * one outcome would count once per record, in a cell's `observed` and `defaults` alike (one default
 * among three people read as 2 in 4). Refused, as `featurize` refuses a repeated id.
 */
function repeatedOutcomeIssues(matched: ReadonlyMap<string, readonly number[]>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  let more = 0;
  for (const [id, lines] of matched) {
    if (lines.length < 2) continue;
    if (issues.length === MAX_REPEATED_IDS) {
      more++;
      continue;
    }
    const named = lines.slice(0, MAX_LINES_NAMED);
    const list = `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}${lines.length > named.length ? ` (and ${lines.length - named.length} more)` : ''}`;
    issues.push({
      path: ['book', lines[1] as number],
      code: 'duplicate_id',
      message: `line ${lines[1]}: id "${id.slice(0, 64)}" is on lines ${list}, and an outcome names it: a backtest counts one outcome once per customer, so keep one record per id`,
    });
  }
  if (more > 0) issues.push({ path: [], code: 'too_many_issues', message: `${more} more repeated id(s); the first ${MAX_REPEATED_IDS} are listed` });
  return issues;
}

function backtestOutcomes(outcomes: ReadonlyMap<string, boolean>, matched: ReadonlyMap<string, unknown>): BacktestOutcomes {
  const unmatched: string[] = [];
  for (const id of outcomes.keys()) if (!matched.has(id)) unmatched.push(id);
  // Code-unit order: the same ids listed whatever order the outcomes or the book came in.
  unmatched.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { given: outcomes.size, matched: matched.size, unmatched: unmatched.length, unmatchedIds: unmatched.slice(0, UNMATCHED_IDS_LISTED) };
}

/** The options {@link runSimulation} reads. */
const RUN_SIMULATION_OPTION_KEYS = everyKeyOf<RunSimulationOptions>()([
  'records',
  'baseline',
  'candidate',
  'mode',
  'priorKeys',
  'outcomes',
  'chunkSize',
  'inFlight',
  'onFlip',
  'onError',
  'onChunk',
  'signal',
]);

/**
 * The options read once into a plain copy (`priorKeys` a plain copy too), which the run then uses,
 * and every fault of them: a getter or Proxy is `unreadable_input` at its option, never thrown raw.
 */
function readRunSimulationOptions(given: RunSimulationOptions): { readonly value: RunSimulationOptions | undefined; readonly issues: ValidationIssue[] } {
  const read = readRequiredOptions(given, RUN_SIMULATION_OPTION_KEYS);
  if (read.value === undefined) return { value: undefined, issues: read.issues };
  const issues = [...read.issues];
  let o = read.value as unknown as RunSimulationOptions;
  if (!isBookIterable(o.records))
    issues.push({ path: ['records'], code: 'invalid_type', message: 'records must be an iterable or async iterable of input records', expected: 'iterable' });
  for (const side of ['baseline', 'candidate'] as const) {
    const given = o[side];
    let isObject: boolean;
    try {
      isObject = typeof given === 'object' && given !== null && !Array.isArray(given);
    } catch (e) {
      // Array.isArray throws on a revoked Proxy.
      issues.push({ path: [side], code: 'unreadable_input', message: `${side} could not be read: ${e instanceof Error ? e.name : typeof e}` });
      continue;
    }
    if (!isObject) {
      issues.push({ path: [side], code: 'invalid_type', message: `${side} must be an arm: { decide, assumptions }`, expected: 'object' });
      continue;
    }
    // Each arm read once into a plain copy, which the run then uses: its getters were read by the
    // check and again by the run, and one that threw escaped as the caller's own Error.
    const read = readKnownFields(given, ARM_KEYS, [side]);
    issues.push(...read.issues);
    if (read.value === undefined || read.issues.length > 0) continue;
    const arm = read.value as Partial<SimulationArm>;
    o = { ...o, [side]: arm };
    if (typeof arm.decide !== 'function')
      issues.push({ path: [side, 'decide'], code: 'invalid_type', message: 'decide must be a function', expected: 'function' });
    const assumed =
      typeof arm.assumptions === 'object' && arm.assumptions !== null
        ? readKnownFields(arm.assumptions, ['lgd', 'utilisation'], [side, 'assumptions'])
        : undefined;
    issues.push(...(assumed?.issues ?? []));
    const a = assumed?.value as Partial<PortfolioAssumptions> | undefined;
    if (assumed === undefined || (assumed.issues.length === 0 && (!Number.isFinite(a?.lgd) || !Number.isFinite(a?.utilisation))))
      issues.push({
        path: [side, 'assumptions'],
        code: 'invalid_type',
        message: 'assumptions must be { lgd, utilisation }, finite numbers',
        expected: 'object',
      });
    else if (a !== undefined) o = { ...o, [side]: { ...arm, assumptions: a } };
    if (arm.armAssumptions !== undefined) {
      // Checked here, at the path the caller wrote: the accumulator's own check named a fault at
      // `options.armAssumptions.<side>`, under a call the caller never made.
      const byArm = readAssumptionsByArm(arm.armAssumptions, [side, 'armAssumptions']);
      issues.push(...byArm.issues);
      if (byArm.value !== undefined) o = { ...o, [side]: { ...(o[side] as SimulationArm), armAssumptions: byArm.value } };
    }
    if (arm.averageCostAlertAbove !== undefined && !Number.isFinite(arm.averageCostAlertAbove))
      issues.push({ path: [side, 'averageCostAlertAbove'], code: 'not_finite', message: 'averageCostAlertAbove must be a finite number' });
    if (arm.reassess !== undefined ? typeof arm.reassess !== 'function' : o.mode === 'reassess')
      issues.push({
        path: [side, 'reassess'],
        code: 'invalid_type',
        message: `reassess must be a function${o.mode === 'reassess' ? " (mode 'reassess' reassesses each record on both sides)" : ''}`,
        expected: 'function',
      });
  }
  issues.push(...simulationModeIssues(o.mode), ...wholeNumberIssues(o.inFlight, 'inFlight', 1, 1024), ...sharedSimulationOptionIssues(o));
  if (o.priorKeys !== undefined) {
    const keys = readOptions(o.priorKeys, PRIOR_KEY_OPTIONS, ['priorKeys']);
    issues.push(...keys.issues);
    if (keys.value !== undefined) {
      o = { ...o, priorKeys: keys.value as KeyOptions };
      issues.push(...lenderKeyIssues(keys.value, ['priorKeys'], true).issues);
    }
  }
  return { value: o, issues };
}

/** The fields of a simulation arm the run reads (other keys left unread, as they always were). */
const ARM_KEYS = everyKeyOf<SimulationArm>()(['decide', 'reassess', 'assumptions', 'averageCostAlertAbove', 'armAssumptions']);

/** The key options `priorKeys` takes: the scorer's own names. */
const PRIOR_KEY_OPTIONS = everyKeyOf<KeyOptions>()(['signingKey', 'personalDataKey', 'verificationKeys']);

/**
 * A record's checked stored decision, and the line on file given beside it (`onFile`, as read:
 * each side's `reassess` checks it, as a batch item's), a key present only when the record has one.
 */
interface StoredPrior {
  readonly decision: Decision;
  readonly onFile?: unknown;
}

/**
 * One chunk's values decided on both sides. `stored[i]`, in `reassess` mode: the checked decision
 * stored with value `i`'s record (with its `onFile`), undefined when it carries none.
 */
type ChunkDecider = (
  values: readonly unknown[],
  ledgers: readonly (readonly LimitChange[] | undefined)[] | undefined,
  stored: readonly (StoredPrior | undefined)[],
) => Promise<ChunkResults>;

/** `decide` mode: each side decides every value afresh. */
function decideValues(baseline: SimulationArm, candidate: SimulationArm): ChunkDecider {
  return async (values, ledgers) => {
    // Both sides get each customer's ledger, so a candidate's step limits are tested as they would run.
    const [b, c] = await Promise.all([baseline.decide(values, ledgers), candidate.decide(values, ledgers)]);
    checkCount('baseline', b, values.length);
    checkCount('candidate', c, values.length);
    return { baseline: b, candidate: c };
  };
}

/**
 * `reassess` mode: each value's prior is the decision stored with its record when there is one (the
 * line's latest, as the lender holds it), else the value decided under the baseline (with its
 * ledger); both sides reassess that prior with the same applicant and no new evidence, as a lender
 * reassesses a customer's latest decision when the profile is updated. A value the baseline refused
 * has no prior: its error stands for both sides.
 */
function reassessValues(baseline: SimulationArm, candidate: SimulationArm): ChunkDecider {
  return async (values, ledgers, stored) => {
    // Only the values without a stored prior are decided: the baseline's view of a line is not the lender's.
    const fresh: number[] = [];
    values.forEach((_, i) => {
      if (stored[i] === undefined) fresh.push(i);
    });
    const freshLedgers = ledgers === undefined ? undefined : fresh.map((i) => ledgers[i]);
    const decided =
      fresh.length === 0
        ? []
        : await baseline.decide(
            fresh.map((i) => values[i]),
            freshLedgers?.some((l) => l !== undefined) === true ? freshLedgers : undefined,
          );
    checkCount('baseline', decided, fresh.length);
    const priors: BatchResult[] = [];
    let k = 0;
    values.forEach((_, i) => {
      const own = stored[i];
      priors.push(own === undefined ? (decided[k++] as BatchResult) : { ok: true, index: i, decision: own.decision });
    });
    const items: ReassessItem[] = [];
    const at: number[] = [];
    priors.forEach((p, i) => {
      if (!p.ok) return;
      const own = stored[i];
      // The line on file goes in the item, so each side refuses a superseded prior as a batch item's.
      const onFile = own !== undefined && Object.hasOwn(own, 'onFile') ? { onFile: own.onFile as LineOnFile } : {};
      items.push({ prior: p.decision, update: { applicant: values[i], evidence: [] }, ...onFile });
      at.push(i);
    });
    const reassess = (arm: SimulationArm) => (arm.reassess as ReassessBatch)(items);
    const [b, c] = items.length === 0 ? [[], []] : await Promise.all([reassess(baseline), reassess(candidate)]);
    checkCount('baseline reassessment', b, items.length);
    checkCount('candidate reassessment', c, items.length);
    const side = (got: readonly BatchResult[]): BatchResult[] => {
      const out = [...priors];
      at.forEach((i, j) => {
        out[i] = got[j] as BatchResult;
      });
      return out;
    };
    return { prior: priors, baseline: side(b), candidate: side(c) };
  };
}

function checkCount(name: string, got: readonly unknown[], expected: number): void {
  if (got.length !== expected) throw new CreditliftError('internal_error', `the ${name} decider returned ${got.length} results for ${expected} records`);
}

/**
 * Decides one chunk. With `priorKeys` (`reassess` mode), each readable record's stored prior is
 * checked first: a refused one is that record's own error, and the record is in no call.
 */
async function decideChunk(batch: readonly InputRecord[], decideAll: ChunkDecider, priorKeys?: AuditKeys): Promise<Taken[]> {
  const checked = new Map<InputRecord, StoredPriorCheck>();
  if (priorKeys !== undefined)
    for (const r of batch) {
      if (!r.ok) continue;
      if (r.prior !== undefined) checked.set(r, checkStoredPrior(r, priorKeys));
      else if (Object.hasOwn(r, 'onFile')) checked.set(r, onFileWithoutPrior());
    }
  const toDecide = checked.size === 0 ? batch : batch.filter((r) => checked.get(r)?.ok !== false);
  const { values, limitHistories: own } = decidable(toDecide);
  // Aligned with `values`: one per readable record and per refused record still to check (never a stored prior's).
  const stored = toDecide.flatMap((r): (StoredPrior | undefined)[] => {
    if (!r.ok) return r.check === undefined ? [] : [undefined];
    const c = checked.get(r);
    if (c?.ok !== true) return [undefined];
    return [Object.hasOwn(r, 'onFile') ? { decision: c.prior, onFile: r.onFile } : { decision: c.prior }];
  });
  const results: ChunkResults = values.length === 0 ? { baseline: [], candidate: [] } : await decideAll(values, own, stored);
  const { baseline: b, candidate: c, prior: p } = results;
  let k = 0;
  return batch.map((record): Taken => {
    const priorCheck = checked.get(record);
    if (priorCheck !== undefined && !priorCheck.ok) return { record, storedPriorRefused: { reason: priorCheck.reason, error: priorCheck.error } };
    if (!record.ok) {
      if (record.check === undefined) return { record };
      // The baseline's schema names the applicant's other faults (the candidate runs the same inputs).
      const checkedValue = (p ?? b)[k++] as BatchResult;
      return { record: { ...record, error: refusalWithFaults(record, checkedValue.ok ? undefined : checkedValue.error) } };
    }
    const i = k++;
    const taken = {
      record,
      baseline: b[i] as BatchResult,
      candidate: c[i] as BatchResult,
      ...(p === undefined ? {} : { prior: p[i] as BatchResult, priorSource: priorCheck === undefined ? ('baseline_decide' as const) : ('stored' as const) }),
    };
    if (!taken.baseline.ok || !taken.candidate.ok) return taken;
    try {
      return { ...taken, segments: segmentsOf(parseApplicant(builtInFields(record.value))) };
    } catch (e) {
      return { ...taken, segmentError: toErrorData(e) };
    }
  });
}

function recordError(t: Taken): SimulationRecordError | undefined {
  const { record } = t;
  if (t.storedPriorRefused !== undefined) return { line: record.line, arm: 'prior', reason: t.storedPriorRefused.reason, error: t.storedPriorRefused.error };
  if (!record.ok) return { line: record.line, arm: 'input', error: record.error };
  if (t.prior !== undefined && !t.prior.ok) return { line: record.line, arm: 'prior', error: decidedRecordError(record, t.prior.error) };
  const b = t.baseline as BatchResult;
  const c = t.candidate as BatchResult;
  const named = (e: DecisionErrorData) => (t.priorSource === 'stored' ? reassessedRecordError(record, e) : decidedRecordError(record, e));
  // The line on file says the stored decision is not the line's latest: the record's refusal for its
  // prior, counted with the others by reason, not a disagreement of the sides.
  if (!b.ok && !c.ok && t.priorSource === 'stored' && isSuperseded(b.error) && isSuperseded(c.error))
    return { line: record.line, arm: 'prior', reason: 'prior_superseded', error: named(b.error) };
  if (!b.ok && !c.ok) return { line: record.line, arm: 'both', error: named(b.error) };
  if (!b.ok) return { line: record.line, arm: 'baseline', error: named(b.error) };
  if (!c.ok) return { line: record.line, arm: 'candidate', error: named(c.error) };
  // Both arms decided yet the applicant does not parse here: a disagreement between parsers, never silent.
  if (t.segmentError !== undefined) return { line: record.line, arm: 'input', error: t.segmentError };
  return undefined;
}

/** A refusal of the prior for its line on file alone (`prior_superseded` issues, nothing else). */
function isSuperseded(e: DecisionErrorData): boolean {
  return e.code === 'prior_invalid' && e.issues !== undefined && e.issues.length > 0 && e.issues.every((i) => i.code === 'prior_superseded');
}

/**
 * A side's refusal to reassess a record from the decision stored with it, its issues at their paths
 * in the record: the prior's under `prior` (a side verifying under other keys than `priorKeys`), the
 * update's applicant where the applicant sits in the record (`at`), as a decider's faults are named.
 */
function reassessedRecordError(record: RecordToCheck, error: DecisionErrorData): DecisionErrorData {
  const issues = error.issues;
  if (issues === undefined) return error;
  if (error.code === 'prior_invalid') return toErrorData(new PriorInvalidError(issues.map((i) => ({ ...i, path: ['prior', ...i.path] }))));
  if (error.subject !== 'reassessment update' || error.code !== 'validation_failed') return error;
  const at = record.at ?? [];
  const moved = issues.map((i) => (i.path[0] === 'applicant' ? { ...i, path: [...at, ...i.path.slice(1)] } : i));
  return toErrorData(new ValidationError('reassessment update', moved));
}
