import { z } from 'zod';
import { createScorer } from '../decision/createScorer.js';
import type { Decision } from '../decision/decision.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import type { PolicyOverrides } from '../policy/resolvePolicy.js';
import { toErrorData, type DecisionErrorData } from '../decision/toErrorData.js';
import type { Catalog } from '../catalog/resolveCatalog.js';
import type { CertificateKindSpecInput } from '../catalog/certificateKindSpec.js';
import { createUnknownKindTally } from '../evidence/unknownKinds.js';
import { catalogOption, checkMonitorCatalog, otherCatalogMessage } from './monitorCatalog.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { assessEvidence, DEFAULT_MIN_CONFIDENCE, type AssessEvidenceOptions } from '../evidence/assessEvidence.js';
import { everyKeyOf, refuseArguments, typeIssue, typeNameOf } from '../errors/argumentIssues.js';
import { checkMonitorBaseline, readOptionsObject, isLoadedModel, iterableIssue, loadedModelIssue, periodIssue } from './monitorArguments.js';
import { createFeatureEncoder } from '../features/featureEncoder.js';
import { builtInFeatureSet, featureSetIssue, type FeatureSet } from '../features/featureSet.js';
import { parseWithFeatures } from '../features/parseFeatureApplicant.js';
import { defaultModelPath } from '../model/defaultModelPath.js';
import { loadModel, type LoadedModel } from '../model/loadModel.js';
import { decidable, decidedRecordError, type InputRecord, refusalWithFaults } from '../cli/score/inputRecord.js';
import type { TextLine } from '../cli/score/splitLines.js';
import { NamedPlaces } from '../cli/score/namedPlaces.js';
import { type LineOrder, ScoreLineNumbers } from '../cli/scoreLineNumbers.js';
import { unusableLineReason } from '../report/unusableLineReason.js';
import { CountedInputLines } from '../report/countedInputLines.js';
import { readDecisionFileLine } from '../report/decisionFileLine.js';
import { errorLineCodeOf } from '../report/errorFileLine.js';
import { samplingNoiseWarning } from './samplingNoise.js';
import { countOnce, type CountOnceContext } from '../report/followUps.js';
import { countedSeal } from '../report/decisionSeal.js';
import { NO_AUDIT_KEYS } from '../decision/audit.js';
import { segmentsOf } from '../simulate/bookSegments.js';
import { createMonitorAccumulator, type MonitorObservation, type MonitorSummary } from './monitorAccumulator.js';
import type { MonitorBaseline } from './monitorBaseline.js';
import { mixedBuildsWarning } from './modelBuilds.js';
import { checkMonitorFeatureSet } from './monitorFeatureSet.js';
import { periodOf, type MonitorPeriod } from './monitorPeriod.js';
import { removedKindsRemedy } from '../catalog/removedKindsRemedy.js';

/** A record or line the monitor could not count, and why. */
export interface MonitorRecordError {
  readonly line: number;
  readonly error: DecisionErrorData;
}

/** What a monitor run returns. */
export interface MonitorResult {
  readonly summary: MonitorSummary;
  /** Records or lines read (blank lines aside): observations + errors (+ `repeated` + `superseded`, decisions files). */
  readonly records: number;
  readonly errors: number;
  /**
   * `monitorDecisions`: answers read again on a later line, counted once: a decision (the same
   * `audit.decisionId`), or a score error line the same word for word as one for the same input line.
   */
  readonly repeated?: number;
  /** `monitorDecisions`: decisions a later decision of the file follows (`followed`), not counted: a chain counts at its latest. */
  readonly superseded?: number;
  /**
   * `monitorDecisions`: score output lines that break score's promise of one answer per input line,
   * each on a line naming it: an input line named again, or a decision line naming none (each named in
   * a warning). Measured as read, but the file is not as a score run wrote it: `creditlift monitor`
   * exits 3, as `verify` and `report` do.
   */
  readonly lineNumberFaults?: number;
  /**
   * `monitorDecisions`: lines read as decisions, measured or not (a seal failed, a repeat, a chain's
   * earlier decision): what a `score` run's manifest counts in `status.decisions`, so a file with a
   * line removed can be told from its run's output when no digest of its bytes was recorded.
   */
  readonly decisionLines?: number;
  /** Things a reader must know (a baseline for another model, figures that could not be measured, uploads of unknown kinds). */
  readonly warnings: readonly string[];
  /**
   * `monitorApplicants`: the certificate uploads of kinds the catalog does not know, in the records
   * measured, by kind (most first): each was rejected `unknown_kind` (a warning says so too). Empty
   * when there were none.
   */
  readonly unknownKinds?: readonly { readonly kind: string; readonly uploads: number }[];
}

// Every option the function reads; the check below fails to compile when one is missing here.
const OPTION_KEYS = everyKeyOf<Parameters<typeof monitorApplicants>[0]>()([
  'records',
  'baseline',
  'period',
  'model',
  'features',
  'policy',
  'policyOverrides',
  'catalog',
  'chunkSize',
  'onError',
]);

/**
 * Monitors a file of applicants: decides them (the model and policy given, else the defaults), each
 * with its own ledger of recent raises when the record carries one (`limitHistory`, as `score`
 * reads it), and measures the score, every model feature and every factor against the baseline,
 * with the outcome mix over time and fair outcomes by group. Features are measured on the evidence
 * as the decisions assessed it, with the same catalog (`catalog`, as `createScorer({ catalog })`):
 * a certificate the policy's jurisdiction bans is rejected here too. Uploads of kinds the catalog
 * does not know are counted in a warning.
 * A record that cannot be decided (or measured) goes to `onError`.
 *
 * A model trained on the lender's own features takes their feature set (`features`, as
 * `createScorer({ features })`): records carry the lender's `attributes`, validated by it. The
 * baseline must have been built on the same lender features (`buildMonitorBaseline({ features })`).
 *
 * @throws ValidationError naming every unknown option; or (subject `MonitorBaseline`, issue code
 *   `feature_set_mismatch`) every lender feature computed, grouped or declared otherwise than in
 *   the baseline's `featureSet`, before any record is read
 * @throws ValidationError (subject `MonitorBaseline`, issue code `catalog_mismatch` at `catalog`) when
 *   the certificate catalog is not the one the baseline was built with; `catalog_invalid` for a malformed `catalog`
 * @throws FeatureMismatchError (`model_shape_mismatch`) when the model reads a feature the set does not declare
 */
export async function monitorApplicants(given: {
  readonly records: AsyncIterable<InputRecord> | Iterable<InputRecord>;
  readonly baseline: MonitorBaseline;
  readonly period: MonitorPeriod;
  readonly model?: string | Uint8Array | LoadedModel;
  /** The features the model was trained on (see `defineFeatureSet`). Default: the built-in features. */
  readonly features?: FeatureSet;
  /** A complete policy; or `policyOverrides` of the default (not both). Default: the default policy. */
  readonly policy?: PolicyConfig;
  readonly policyOverrides?: PolicyOverrides;
  /**
   * The certificate catalog the decisions assess evidence with: a catalog from `resolveCatalog`, or
   * kinds to add or replace, as `createScorer({ catalog })` takes it. Default: the default catalog.
   * It must be the catalog the baseline was built with (`buildMonitorBaseline({ catalog })`).
   */
  readonly catalog?: Catalog | readonly CertificateKindSpecInput[];
  readonly chunkSize?: number;
  readonly onError?: (e: MonitorRecordError) => void | Promise<void>;
}): Promise<MonitorResult> {
  // Read by name: a misspelt `featureSet` would otherwise be ignored and the run refused as another model.
  const o = readOptionsObject(given, OPTION_KEYS, 'monitorApplicants options');
  refuseArguments('monitorApplicants options', [
    iterableIssue(['records'], o.records, 'an iterable (or async iterable) of input records'),
    periodIssue(['period'], o.period),
    o.model === undefined || typeof o.model === 'string' || o.model instanceof Uint8Array ? undefined : loadedModelIssue(['model'], o.model),
    featureSetIssue(['features'], o.features, true),
    o.chunkSize === undefined || (Number.isSafeInteger(o.chunkSize) && o.chunkSize >= 1)
      ? undefined
      : {
          path: ['chunkSize'],
          code: 'invalid_type',
          message: 'chunkSize must be a whole number of records, at least 1',
          expected: 'integer >= 1',
          received: typeNameOf(o.chunkSize),
        },
    typeIssue(['onError'], o.onError, 'function', 'a function taking each record error', true),
  ]);
  checkMonitorBaseline(o.baseline);
  const features = o.features ?? builtInFeatureSet;
  // Validated (catalog_invalid) and held to the baseline's before the model is loaded or any record read.
  const catalog = catalogOption(o.catalog);
  checkMonitorCatalog(o.baseline.catalog, catalog);
  const model = isLoadedModel(o.model) ? o.model : await loadModel(o.model ?? defaultModelPath());
  const otherBuild = otherBuildMessage(o.baseline, model.id, model.sha256);
  if (otherBuild !== undefined) {
    if (!isLoadedModel(o.model)) await model.close();
    throw new CreditliftError(
      'model_sha256_mismatch',
      `${otherBuild}: build a baseline with this model (buildMonitorBaseline) or monitor with the model the baseline was built for`,
    );
  }
  let scorer: Awaited<ReturnType<typeof createScorer>>;
  try {
    scorer = await createScorer({
      model,
      features,
      suggestionsPerDecision: 0,
      catalog,
      ...(o.policy === undefined ? {} : { policy: o.policy }),
      ...(o.policyOverrides === undefined ? {} : { policyOverrides: o.policyOverrides }),
    });
  } catch (e) {
    // The scorer does not close a model it was handed: one this call loaded is closed here.
    if (!isLoadedModel(o.model)) await model.close();
    throw e;
  }
  try {
    const encoder = createFeatureEncoder(model.manifest, features);
    checkMonitorFeatureSet(o.baseline.featureSet, encoder.definitions);
    // The scorer's own assessment: its catalog, its minimum confidence (the default: this function
    // does not take one) and its policy's banned data categories. Measured on anything else, a
    // certificate the decision rejected (social-media data under eu-ccd2) would count as accepted.
    const assessment: AssessEvidenceOptions = {
      catalog,
      minConfidence: DEFAULT_MIN_CONFIDENCE,
      bannedDataCategories: scorer.policy.jurisdiction.bannedDataCategories,
    };
    const acc = createMonitorAccumulator(o.baseline, { period: o.period, featureNames: encoder.names });
    const warnings = modelWarnings(o.baseline, model.id);
    const unknownKinds = createUnknownKindTally();
    let records = 0;
    let errors = 0;
    let chunk: InputRecord[] = [];
    const flush = async () => {
      const batch = chunk;
      chunk = [];
      // Each record with its own ledger of recent raises, read and passed as `score` and `simulate`
      // do: without it the step limits would not bind and the limits measured would not be the ones granted.
      const { values, limitHistories } = decidable(batch);
      const results = values.length === 0 ? [] : await scorer.safeDecideBatch(values, limitHistories === undefined ? undefined : { limitHistories });
      let k = 0;
      for (const r of batch) {
        records++;
        if (!r.ok) {
          errors++;
          const checked = r.check === undefined ? undefined : results[k++];
          await o.onError?.({ line: r.line, error: checked === undefined ? r.error : refusalWithFaults(r, checked.ok ? undefined : checked.error) });
          continue;
        }
        const got = results[k++];
        if (got === undefined || !got.ok) {
          errors++;
          await o.onError?.({ line: r.line, error: got === undefined ? { code: 'internal_error', message: 'no result' } : decidedRecordError(r, got.error) });
          continue;
        }
        try {
          const applicant = parseWithFeatures(r.value, features);
          const row = new Float32Array(encoder.width);
          const { items } = assessEvidence(applicant, assessment);
          checkSameAssessment(items, got.decision);
          unknownKinds.addAssessed(items);
          encoder.encode({ applicant, evidence: items }, row, 0);
          acc.add({ ...observationOf(got.decision), features: row, segments: segmentsOf(applicant) });
        } catch (e) {
          errors++;
          await o.onError?.({ line: r.line, error: toErrorData(e) });
        }
      }
    };
    for await (const r of o.records) {
      chunk.push(r);
      if (chunk.length >= (o.chunkSize ?? 256)) await flush();
    }
    if (chunk.length > 0) await flush();
    // A default kind the catalog given lacks was left out on purpose: said so, as every command says it.
    const unknown = unknownKinds.message(
      removedKindsRemedy(
        unknownKinds.kinds().map(([kind]) => kind),
        'the catalog given leaves out',
        'the figures describe decisions that give them no credit: pass your own kinds as the catalog option (creditlift monitor --catalog FILE.json), and build the baseline with them too',
      ),
    );
    if (unknown !== undefined) warnings.push(unknown);
    const summary = acc.finish();
    const noise = samplingNoiseWarning(summary.withinNoise);
    if (noise !== undefined) warnings.push(noise);
    return { summary, records, errors, warnings, unknownKinds: unknownKinds.kinds().map(([kind, uploads]) => ({ kind, uploads })) };
  } finally {
    // The scorer never closes a model it was handed; one this call loaded is closed here, and a
    // model the caller loaded is the caller's to close.
    await scorer.close();
    if (!isLoadedModel(o.model)) await model.close();
  }
}

const MonitoredDecision = z.looseObject({
  asOf: z.string(),
  outcome: z.enum(['approve', 'refer', 'decline']),
  // Whole fen, as a Decision's: a fraction summed into the mean limit would make it depend on record order.
  limit: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  pd: z.number().min(0).max(1),
  contributions: z.looseObject({ space: z.string(), factors: z.array(z.looseObject({ factor: z.string(), value: z.number().finite() })) }).optional(),
  audit: z
    .looseObject({
      modelId: z.string(),
      modelSha256: z.string().optional(),
      catalogHash: z.string().optional(),
      policyHash: z.string().optional(),
      decisionId: z.string().optional(),
      priorDecisionId: z.string().optional(),
    })
    .optional(),
});

// Every option monitorDecisions reads.
const DECISIONS_OPTION_KEYS = everyKeyOf<Parameters<typeof monitorDecisions>[0]>()([
  'lines',
  'baseline',
  'period',
  'followed',
  'resumedDecidingAgain',
  'neverResumed',
  'onError',
]);

/**
 * Monitors a decisions file (`creditlift score` output lines or bare Decisions): the score and,
 * where decisions carry log-odds contributions, every factor, against the baseline, with the
 * outcome mix over time. Feature stability and fair outcomes need the applicants (decisions carry
 * neither model inputs nor region or age). Error lines and unreadable lines go to `onError`.
 *
 * A decision made with another certificate catalog (`audit.catalogHash`) than the baseline's, or by
 * another build of the baseline's model, is not measured: its record error (`catalog_mismatch`,
 * `model_sha256_mismatch`) names both, and a warning counts them.
 *
 * Each application counts once, as `creditlift report` counts it (the same `countOnce`): a decision
 * read again on a later line (the same `audit.decisionId`) is counted once (with other content, it is
 * that line's record error, `data_invalid`: one of the two was changed), and a decision a later
 * one follows (its id in `followed`) is not counted, so a chain counts at its latest decision; a
 * warning says how many of each. `followed` is the set of `audit.priorDecisionId`s of the file's
 * follow-ups, read in a first pass (`creditlift monitor` does); without it, a follow-up met is warned
 * of and its chain counted at every decision. Decisions under more than one policy
 * (`audit.policyHash`) are warned of, each policy with its count: their figures blend the policies.
 *
 * The input line numbers of `creditlift score` output lines (`{"line":N,...}`) are read as
 * `creditlift verify` reads them, in its words: a number named twice (two outputs put together) or
 * lower than the line before (lines moved; not said given `resumedDecidingAgain`) is warned of,
 * naming the lines. Each input line counts once: an error line the same, word for word, as an
 * earlier one for its input line is counted once (in `repeated`), and a second answer otherwise
 * counted (another run's decision for the same record) is counted and warned of.
 */
export async function monitorDecisions(given: {
  readonly lines: AsyncIterable<TextLine>;
  readonly baseline: MonitorBaseline;
  readonly period: MonitorPeriod;
  /** Decision ids a later decision of the file follows (each follow-up's `audit.priorDecisionId`). */
  readonly followed?: ReadonlySet<string>;
  /**
   * The lines are the output of a `creditlift score` run whose resume decided records again (its
   * manifest's `status.lineOrder`, or in older ones `status.events`; see `resumedDecidingAgain`): those answers follow the rest, so a
   * lower input line number than the line before's is expected. Default false.
   */
  readonly resumedDecidingAgain?: boolean;
  /**
   * The lines are the output of a `creditlift score` run whose manifest records them in input order
   * (`status.runs` 1, never resumed; or `status.lineOrder` `input`, resumes that decided nothing again
   * out of order; the name is older than the second): score wrote every input line number higher than the one before, so a
   * lower one is a line-number fault (`lineNumberFaults`, exit 3 from the command), not only a
   * warning. Not with `resumedDecidingAgain`. Default false (a lower number is warned of).
   */
  readonly neverResumed?: boolean;
  readonly onError?: (e: MonitorRecordError) => void | Promise<void>;
}): Promise<MonitorResult> {
  const o = readOptionsObject(given, DECISIONS_OPTION_KEYS, 'monitorDecisions options');
  refuseArguments('monitorDecisions options', [
    iterableIssue(['lines'], o.lines, 'an async iterable of text lines ({ line, text })'),
    periodIssue(['period'], o.period),
    o.followed === undefined || o.followed instanceof Set
      ? undefined
      : { path: ['followed'], code: 'invalid_type', message: 'followed must be a Set of decision ids', expected: 'Set', received: typeNameOf(o.followed) },
    typeIssue(['resumedDecidingAgain'], o.resumedDecidingAgain, 'boolean', 'true or false', true),
    typeIssue(['neverResumed'], o.neverResumed, 'boolean', 'true or false', true),
    o.resumedDecidingAgain === true && o.neverResumed === true
      ? {
          path: ['neverResumed'],
          code: 'invalid_value',
          message: 'a run never resumed cannot have resumed deciding records again: give one of neverResumed and resumedDecidingAgain',
        }
      : undefined,
    typeIssue(['onError'], o.onError, 'function', 'a function taking each record error', true),
  ]);
  const acc = createMonitorAccumulator(o.baseline, { period: o.period });
  const lineNumbers = new ScoreLineNumbers();
  const inputLines = new CountedInputLines();
  const repeatedAt = new NamedPlaces();
  // Each application once, counted by report's own rule.
  const once: CountOnceContext = { ...(o.followed === undefined ? {} : { followed: o.followed }), counted: new Map<string, string>() };
  let repeated = 0;
  let superseded = 0;
  let sealRefused = 0;
  let unindexedFollowUps = 0;
  const policies = new Map<string, number>();
  const models = new Set<string>();
  // Decisions by model build (`modelId` and `modelSha256`), and those not measured as another build's.
  const builds = new Map<string, { modelId: string; sha256: string | undefined; count: number }>();
  const otherBuilds = new Map<string, number>();
  let records = 0;
  let decisionLines = 0;
  let errors = 0;
  let probabilitySpace = 0;
  let noCatalog = 0;
  const otherCatalogs = new Map<string, number>();
  const fail = async (line: number, error: DecisionErrorData) => {
    errors++;
    await o.onError?.({ line, error });
  };
  for await (const textLine of o.lines) {
    const { line, text } = textLine;
    // Read as report reads it: a line too long to hold, or with a byte that is not UTF-8, is named for
    // it, as score names it (not "not valid JSON": it may well be JSON; never measured as U+FFFD).
    const read = readDecisionFileLine(textLine);
    if (read.kind === 'blank') continue;
    records++;
    if (read.kind === 'unread') {
      const { code, message } = read.fault;
      await fail(
        line,
        code === 'invalid_json'
          ? { code: 'data_invalid', message: `line ${line}: ${message}` }
          : { code: 'data_invalid', message: `line ${line}: ${message} (${code}): not measured`, issues: read.fault.issues },
      );
      continue;
    }
    const { value, candidate: inner, inputLine } = read;
    const where = `line ${line}`;
    if (inputLine !== undefined) lineNumbers.meet(inputLine, where);
    else if (read.unnumberedDecision) lineNumbers.meetUnnumbered(where);
    const d = MonitoredDecision.safeParse(inner);
    if (!d.success) {
      // Told by report's schema, so the two commands take the same lines as error lines.
      const code = errorLineCodeOf(value);
      // A copy of an error line counted for the same input line is one record not measured, not two.
      if (code !== undefined && inputLine !== undefined && !inputLines.countAnswer(inputLine, where, text)) {
        repeated++;
        continue;
      }
      await fail(
        line,
        code !== undefined
          ? { code: 'data_invalid', message: `line ${line}: an error line (${code}), not a decision` }
          : { code: 'data_invalid', message: `line ${line}: ${unusableLineReason(value, d.error.issues)}` },
      );
      continue;
    }
    decisionLines++;
    const audit = d.data.audit;
    // A decision changed after it was made (or never sealed) is not the lender's: left out, as report leaves it out.
    // One shaped as 0.1.0's but naming this release's default model or policy is not 0.1.0's: unsealed.
    const { fault, why } = countedSeal(inner, NO_AUDIT_KEYS);
    if (fault !== undefined) {
      sealRefused++;
      const unsealed = fault === 'unsealed' || fault === 'posingAsEarlier';
      await fail(line, {
        code: 'data_invalid',
        message: `line ${line}: decision ${audit?.decisionId ?? ''} ${
          fault === 'posingAsEarlier'
            ? `carries no audit.contentHash and is not a 0.1.0 decision, as its shape claims: ${why ?? ''}`
            : unsealed
              ? 'carries no audit.contentHash (not sealed by creditlift)'
              : 'does not match its audit.contentHash (changed after it was made)'
        }: not measured`,
        issues: [
          {
            path: ['audit', 'contentHash'],
            code: 'seal_invalid',
            message: unsealed ? 'no content hash' : 'the content hash does not match the decision',
          },
        ],
      });
      continue;
    }
    // A date no period can name is the line's own fault, named as such, before it is told apart from others.
    try {
      periodOf(d.data.asOf, o.period);
    } catch (e) {
      await fail(line, toErrorData(e));
      continue;
    }
    const counts = countOnce(inner, once);
    if (counts === 'superseded') {
      superseded++;
      continue;
    }
    if (counts === 'repeated') {
      repeated++;
      repeatedAt.add(where);
      continue;
    }
    // A decision is made once: one of two lines with one id and other content was changed, and which is not known.
    if (counts === 'repeatedOther') {
      await fail(line, {
        code: 'data_invalid',
        message: `line ${line}: decision ${audit?.decisionId ?? ''} was read on an earlier line with other content: one of the two was changed, this one is not measured`,
      });
      continue;
    }
    if (audit?.priorDecisionId !== undefined && o.followed === undefined) unindexedFollowUps++;
    if (audit?.policyHash !== undefined) policies.set(audit.policyHash, (policies.get(audit.policyHash) ?? 0) + 1);
    if (audit !== undefined) {
      models.add(audit.modelId);
      const key = `${audit.modelId}\u0000${audit.modelSha256 ?? ''}`;
      const b = builds.get(key) ?? { modelId: audit.modelId, sha256: audit.modelSha256, count: 0 };
      b.count++;
      builds.set(key, b);
      // Another build under the baseline's own id (the default model rebuilt after 0.1.0): its
      // scores and factors are another model's, so measured here they would show the rebuild as drift.
      const other = audit.modelSha256 === undefined ? undefined : otherBuildMessage(o.baseline, audit.modelId, audit.modelSha256);
      if (other !== undefined && audit.modelSha256 !== undefined) {
        otherBuilds.set(audit.modelSha256, (otherBuilds.get(audit.modelSha256) ?? 0) + 1);
        await fail(line, { code: 'model_sha256_mismatch', message: `line ${line}: ${other}: not measured` });
        continue;
      }
    }
    // A decision of another certificate catalog is not measured, as a run of the applicants with
    // another catalog is refused: its score and factors would show the catalogs' difference as drift.
    if (audit?.catalogHash === undefined) noCatalog++;
    else {
      const other = otherCatalogMessage(o.baseline.catalog, audit.catalogHash);
      if (other !== undefined) {
        otherCatalogs.set(audit.catalogHash, (otherCatalogs.get(audit.catalogHash) ?? 0) + 1);
        await fail(line, { code: 'catalog_mismatch', message: `line ${line}: ${other}: not measured` });
        continue;
      }
    }
    const c = d.data.contributions;
    if (c !== undefined && c.space !== 'log_odds') probabilitySpace++;
    try {
      acc.add(observationOf(d.data));
      if (inputLine !== undefined) inputLines.countAnswer(inputLine, where);
    } catch (e) {
      await fail(line, toErrorData(e));
    }
  }
  // Sorted: in the order first met, the same decisions in another order gave other warnings.
  const warnings = [...models].sort().flatMap((m) => modelWarnings(o.baseline, m));
  for (const [sha, n] of [...otherBuilds].sort(([a], [b]) => (a < b ? -1 : 1)))
    warnings.push(
      `${n} decision(s) were made by another build of ${o.baseline.modelId} (SHA-256 ${sha.slice(0, 12)}\u2026) than the baseline's (${o.baseline.modelSha256?.slice(0, 12)}\u2026), such as decisions of creditlift 0.1.0, whose default model was rebuilt under the same id: they were not measured, as drift against this baseline would be the model change`,
    );
  const mixed = mixedBuildsWarning([...builds.values()]);
  if (mixed !== undefined && otherBuilds.size === 0) warnings.push(mixed);
  if (probabilitySpace > 0)
    warnings.push(`${probabilitySpace} decision(s) carry contributions in probability space: their factors are not measured (the baseline is in log-odds)`);
  for (const [hash, n] of [...otherCatalogs].sort(([a], [b]) => (a < b ? -1 : 1)))
    warnings.push(
      `${n} decision(s) were ${otherCatalogMessage(o.baseline.catalog, hash)}: they were not measured, as drift against this baseline would be the catalogs' difference (monitor them against a baseline built with their catalog)`,
    );
  if (noCatalog > 0)
    warnings.push(
      `${noCatalog} decision(s) record no certificate catalog (audit.catalogHash): whether they were made with the baseline's catalog was not checked`,
    );
  const order: LineOrder = o.resumedDecidingAgain === true ? 'resumedDecidingAgain' : o.neverResumed === true ? 'input' : 'unknown';
  warnings.push(...lineNumbers.warnings('the file', order));
  if (repeatedAt.count > 0)
    warnings.push(
      `${repeatedAt.count.toLocaleString('en-US')} decision(s) appear on more than one line (the same audit.decisionId; ${repeatedAt}): each is counted once`,
    );
  warnings.push(...inputLines.warnings('the file'));
  if (sealRefused > 0)
    warnings.push(
      `${sealRefused.toLocaleString('en-US')} decision(s) were not measured: their seal failed (changed after they were made, or never sealed by creditlift; each is named in the errors)`,
    );
  if (superseded > 0)
    warnings.push(
      `${superseded.toLocaleString('en-US')} earlier decision(s) followed by a later one of the file (audit.priorDecisionId) were not counted: a customer's chain counts once, at its latest decision, as creditlift report counts it`,
    );
  if (unindexedFollowUps > 0)
    warnings.push(
      `${unindexedFollowUps.toLocaleString('en-US')} decision(s) follow an earlier one (audit.priorDecisionId) but no followed ids were given: each chain was counted at every decision (pass followed, the prior ids read in a first pass)`,
    );
  if (policies.size > 1)
    warnings.push(
      `the decisions were made under ${policies.size} policies (audit.policyHash ${[...policies]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([h, n]) => `${h.slice(0, 12)} ${n.toLocaleString('en-US')}`)
        .join(', ')}): the score, factors and outcome mix blend them; monitor each policy's decisions apart`,
    );
  warnings.push('feature stability and fair outcomes need the applicants: run monitor on the applicants file for them');
  const summary = acc.finish();
  const noise = samplingNoiseWarning(summary.withinNoise);
  if (noise !== undefined) warnings.push(noise);
  return { summary, records, decisionLines, errors, warnings, repeated, superseded, lineNumberFaults: lineNumbers.broken + lineNumbers.outOfOrder(order) };
}

function observationOf(
  d: Pick<Decision, 'asOf' | 'outcome' | 'limit' | 'pd'> & {
    readonly contributions?: { readonly space: string; readonly factors: readonly { readonly factor: string; readonly value: number }[] } | undefined;
  },
): MonitorObservation {
  const c = d.contributions;
  return {
    asOf: d.asOf,
    outcome: d.outcome,
    limit: d.limit,
    pd: d.pd,
    ...(c !== undefined && c.space === 'log_odds' ? { factors: new Map(c.factors.map((f) => [f.factor, f.value])) } : {}),
  };
}

/**
 * Refuses to measure a row whose evidence was assessed otherwise than the decision's: drift must be
 * measured on the features the model scored, so a disagreement is that record's error, never silent.
 */
function checkSameAssessment(items: readonly { readonly status: string }[], decision: Decision): void {
  const theirs = decision.evidence;
  if (items.length === theirs.length && items.every((x, i) => x.status === theirs[i]?.status)) return;
  throw new CreditliftError('internal_error', "the monitor's evidence assessment differs from the decision's: the record is not measured");
}

/** Why a model of the baseline's id but another SHA-256 is not the baseline's model, or undefined when it is (or the baseline records no SHA-256). */
function otherBuildMessage(baseline: MonitorBaseline, modelId: string, sha256: string): string | undefined {
  if (baseline.modelSha256 === undefined || modelId !== baseline.modelId || sha256 === baseline.modelSha256) return undefined;
  return `the model ${modelId} (SHA-256 ${sha256.slice(0, 12)}\u2026) is another build than the one the baseline was built with (SHA-256 ${baseline.modelSha256.slice(0, 12)}\u2026)`;
}

function modelWarnings(baseline: MonitorBaseline, modelId: string): string[] {
  return baseline.modelId === modelId ? [] : [`the baseline was built for ${baseline.modelId} but the decisions come from ${modelId}: its bins may not fit`];
}
