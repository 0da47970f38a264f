import type { Catalog } from '../catalog/resolveCatalog.js';
import type { CertificateKindSpecInput } from '../catalog/certificateKindSpec.js';
import { catalogOption, monitorCatalogOf } from './monitorCatalog.js';
import { everyKeyOf, refuseArguments, typeIssue, typeNameOf } from '../errors/argumentIssues.js';
import { readOptionsObject, loadedModelIssue } from './monitorArguments.js';
import { readKnownFields } from '../errors/readOptions.js';
import { resolvePolicyOptions } from '../decision/createScorer.js';
import { assertAllowedDataCategories } from '../decision/dataCategoryCheck.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { assessEvidence, DEFAULT_MIN_CONFIDENCE, type AssessEvidenceOptions } from '../evidence/assessEvidence.js';
import { createTreeExplainer } from '../explain/createTreeExplainer.js';
import { createFeatureEncoder } from '../features/featureEncoder.js';
import { builtInFeatureSet, featureSetIssue, type FeatureSet } from '../features/featureSet.js';
import { parseWithFeatures } from '../features/parseFeatureApplicant.js';
import type { LoadedModel } from '../model/loadModel.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import type { PolicyOverrides } from '../policy/resolvePolicy.js';
import type { Applicant } from '../schema/applicant.js';
import { categoricalBaseline, numericBaseline, type BinnedBaseline, type MonitorBaseline } from './monitorBaseline.js';
import { monitorFeatureSetOf } from './monitorFeatureSet.js';

// Every option the function reads; the check below fails to compile when one is missing here.
const OPTION_KEYS = everyKeyOf<Parameters<typeof buildMonitorBaseline>[0]>()([
  'model',
  'applicants',
  'features',
  'catalog',
  'policy',
  'policyOverrides',
  'cardScoreBaseline',
  'source',
]);

/** The model card's score baseline (decile edges and shares, no missing bin), as the trainer writes it. */
export interface CardScoreBaseline {
  readonly edges: readonly number[];
  readonly shares: readonly number[];
}

/**
 * Builds a monitor baseline from a reference sample of applicants on a model: every feature
 * binned at its deciles (categories by code), the PD binned at the model card's deciles when
 * given (else at the sample's), and each factor's TreeSHAP contribution binned at its deciles.
 * Use the holdout the model was validated on, not live traffic, so drift is measured from the
 * population the model was judged on.
 *
 * A model trained on the lender's own features takes their feature set (`features`, as
 * `createScorer({ features })`): the applicants are validated by it (their `attributes`
 * included), and the baseline records each lender feature the model reads (`featureSet`), so a
 * run on another feature set is refused.
 *
 * The scorer's data rules hold here too, under the policy's jurisdiction (`policy` or
 * `policyOverrides`, as `createScorer` takes them; default: the default policy): a feature drawn
 * from a banned data category (China's credit-reporting regulation Art. 14: religion, genes,
 * fingerprints, blood type, medical history; protected characteristics) or declaring none is
 * refused as the scorer refuses it, a feature named for a protected characteristic is refused,
 * and evidence of a banned kind is rejected at assessment, so the bins hold what decisions will.
 *
 * @throws FeatureMismatchError (`model_shape_mismatch`) when the model reads a feature the set does not declare
 * @throws CreditliftError `banned_data_category` naming every column (feature) whose data category
 *   the jurisdiction bans or that declares none, before any applicant is read
 * @throws ValidationError `catalog_invalid` for a malformed `catalog`; ValidationError naming every unknown option, a feature named for a protected
 *   characteristic (`protected_characteristic`), `policy` given with `policyOverrides`, and every
 *   applicant's faults (`[i, ...path]`)
 * @example
 * const baseline = await buildMonitorBaseline({ model, applicants: holdout, features, source: 'holdout 2026-09' });
 */
export async function buildMonitorBaseline(given: {
  readonly model: LoadedModel;
  readonly applicants: readonly Applicant[];
  /** The features the model was trained on (see `defineFeatureSet`). Default: the built-in features. */
  readonly features?: FeatureSet;
  /**
   * The certificate catalog the scorer assesses evidence with: a catalog from `resolveCatalog`, or
   * kinds to add or replace, as `createScorer({ catalog })` takes it. Default: the default catalog.
   * A catalog other than the default is recorded in the baseline (`catalog`), and a monitor run with
   * another is refused.
   */
  readonly catalog?: Catalog | readonly CertificateKindSpecInput[];
  /** A complete policy; or `policyOverrides` of the default (not both). Its jurisdiction's bans apply. Default: the default policy. */
  readonly policy?: PolicyConfig;
  readonly policyOverrides?: PolicyOverrides;
  readonly cardScoreBaseline?: CardScoreBaseline;
  readonly source: string;
}): Promise<MonitorBaseline> {
  // Read by name: a misspelt `featureSet` would otherwise build on the built-in features.
  const o = readOptionsObject(given, OPTION_KEYS, 'buildMonitorBaseline options');
  // Read once into a plain copy, as the options are: its getters were read by the check and again
  // for the baseline's bins, and one that threw escaped as the caller's own Error. The card's
  // `count` and any other key are left unread, as they always were.
  const cardIssue = typeIssue(['cardScoreBaseline'], o.cardScoreBaseline, 'object', "the model card's score baseline { edges, shares }", true);
  const cardRead =
    cardIssue !== undefined || o.cardScoreBaseline === undefined ? undefined : readKnownFields(o.cardScoreBaseline, ['edges', 'shares'], ['cardScoreBaseline']);
  const card = cardRead?.value as Partial<CardScoreBaseline> | undefined;
  refuseArguments('buildMonitorBaseline options', [
    loadedModelIssue(['model'], o.model),
    Array.isArray(o.applicants)
      ? undefined
      : {
          path: ['applicants'],
          code: 'invalid_type',
          message: 'applicants must be an array of applicants',
          expected: 'array',
          received: typeNameOf(o.applicants),
        },
    featureSetIssue(['features'], o.features, true),
    typeIssue(['source'], o.source, 'string', 'text saying where the reference sample came from'),
    cardIssue,
    cardRead?.issues ?? [],
    card === undefined || cardRead?.issues.some((i) => i.path[1] === 'edges')
      ? undefined
      : typeIssue(['cardScoreBaseline', 'edges'], card.edges, 'numbers', 'an array of numbers'),
    card === undefined || cardRead?.issues.some((i) => i.path[1] === 'shares')
      ? undefined
      : typeIssue(['cardScoreBaseline', 'shares'], card.shares, 'numbers', 'an array of numbers'),
  ]);
  const features = o.features ?? builtInFeatureSet;
  if (o.policy !== undefined && o.policyOverrides !== undefined)
    throw new ValidationError('buildMonitorBaseline options', [
      { path: ['policyOverrides'], code: 'custom', message: 'give policy (complete) or policyOverrides, not both' },
    ]);
  const policy = resolvePolicyOptions({
    ...(o.policy === undefined ? {} : { policy: o.policy }),
    ...(o.policyOverrides === undefined ? {} : { policyOverrides: o.policyOverrides }),
  });
  // The encoder refuses a feature named for a protected characteristic; the data categories are
  // checked as the scorer checks them: a baseline over a column the scorer refuses would be one no
  // run could be measured against, and building it would process data the law bans.
  const encoder = createFeatureEncoder(o.model.manifest, features);
  // Validated as createScorer validates it (catalog_invalid naming every field at fault).
  const catalog = catalogOption(o.catalog);
  assertAllowedDataCategories(encoder.definitions, policy.jurisdiction);
  // The scorer's assessment (monitorApplicants measures with the same): a certificate of a banned
  // kind (a follower count under eu-ccd2) is rejected, never binned as accepted.
  const assessment: AssessEvidenceOptions = {
    catalog,
    minConfidence: DEFAULT_MIN_CONFIDENCE,
    bannedDataCategories: policy.jurisdiction.bannedDataCategories,
  };
  // Validated by the feature set: an applicant without a lender attribute would otherwise be
  // binned as missing (its feature NaN), a baseline silently unlike the population.
  const issues: ValidationIssue[] = [];
  const applicants = o.applicants.map((a, i) => {
    try {
      return parseWithFeatures(a, features);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      for (const issue of e.issues) issues.push({ ...issue, path: ['applicants', i, ...issue.path] });
      return a;
    }
  });
  if (issues.length > 0) throw new ValidationError('buildMonitorBaseline options', issues);
  const w = encoder.width;
  const n = applicants.length;
  const rows = new Float32Array(n * w);
  applicants.forEach((applicant, i) => {
    const { items } = assessEvidence(applicant, assessment);
    encoder.encode({ applicant, evidence: items }, rows, i * w);
  });
  const scores = await o.model.predict(rows, n);
  const shap = createTreeExplainer(o.model.ensemble).shapBatch(rows, n);
  const column = (j: number) => Float64Array.from({ length: n }, (_, i) => rows[i * w + j] as number);
  const binned = o.model.manifest.features.map((f, j): { name: string } & BinnedBaseline => {
    const categories = f.categories ?? encoder.definitions[j]?.categories;
    return {
      name: f.name,
      ...(f.kind === 'categorical' && categories !== undefined ? categoricalBaseline(categories, column(j)) : numericBaseline(column(j))),
    };
  });
  // Each column's factor as the scorer groups it (a lender feature's own, not a guessed 'profile'),
  // so the baseline's factor bins hold what decisions' contributions will.
  const factorOf = encoder.definitions.map((d) => d.factor);
  const factorNames = [...new Set(factorOf)].sort();
  const factors = factorNames.map((factor) => {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < w; j++) if (factorOf[j] === factor) values[i] = (values[i] as number) + (shap[i * (w + 1) + j] as number);
    return { factor, ...numericBaseline(values) };
  });
  const score: BinnedBaseline =
    card === undefined
      ? numericBaseline(scores)
      : { kind: 'numeric', edges: [...(card.edges as readonly number[])], shares: [...(card.shares as readonly number[]), 0] };
  const featureSet = monitorFeatureSetOf(encoder.definitions);
  const recordedCatalog = monitorCatalogOf(catalog);
  return {
    format: 'creditlift.monitorBaseline/1',
    modelId: o.model.id,
    modelSha256: o.model.sha256,
    source: o.source,
    count: n,
    score,
    features: binned,
    factors,
    ...(featureSet === undefined ? {} : { featureSet }),
    ...(recordedCatalog === undefined ? {} : { catalog: recordedCatalog }),
  };
}
