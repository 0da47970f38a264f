import type { Catalog } from '../catalog/resolveCatalog.js';
import { assessEvidence } from '../evidence/assessEvidence.js';
import { createTreeExplainer } from '../explain/createTreeExplainer.js';
import { featureDefinitionsByName } from '../features/featureDefinitions.js';
import { createFeatureEncoder } from '../features/featureEncoder.js';
import type { LoadedModel } from '../model/loadModel.js';
import type { Applicant } from '../schema/applicant.js';
import { categoricalBaseline, numericBaseline, type BinnedBaseline, type MonitorBaseline } from './monitorBaseline.js';

/** The model card's score baseline (decile edges and shares, no missing bin), as the trainer writes it. */
export interface CardScoreBaseline {
  readonly edges: readonly number[];
  readonly shares: readonly number[];
}

/**
 * Builds a monitor baseline from a reference sample of applicants (validated) on a model: every
 * feature binned at its deciles (categories by code), the PD binned at the model card's deciles
 * when given (else at the sample's), and each factor's TreeSHAP contribution binned at its deciles.
 * Use the holdout the model was validated on, not live traffic, so drift is measured from the
 * population the model was judged on.
 */
export async function buildMonitorBaseline(o: {
  readonly model: LoadedModel;
  readonly applicants: readonly Applicant[];
  readonly catalog?: Catalog;
  readonly cardScoreBaseline?: CardScoreBaseline;
  readonly source: string;
}): Promise<MonitorBaseline> {
  const encoder = createFeatureEncoder(o.model.manifest);
  const w = encoder.width;
  const n = o.applicants.length;
  const rows = new Float32Array(n * w);
  o.applicants.forEach((applicant, i) => {
    const { items } = assessEvidence(applicant, o.catalog === undefined ? {} : { catalog: o.catalog });
    encoder.encode({ applicant, evidence: items }, rows, i * w);
  });
  const scores = await o.model.predict(rows, n);
  const shap = createTreeExplainer(o.model.ensemble).shapBatch(rows, n);
  const column = (j: number) => Float64Array.from({ length: n }, (_, i) => rows[i * w + j] as number);
  const features = o.model.manifest.features.map((f, j): { name: string } & BinnedBaseline => {
    const categories = f.categories ?? featureDefinitionsByName.get(f.name)?.categories;
    return {
      name: f.name,
      ...(f.kind === 'categorical' && categories !== undefined ? categoricalBaseline(categories, column(j)) : numericBaseline(column(j))),
    };
  });
  const factorOf = encoder.names.map((name) => featureDefinitionsByName.get(name)?.factor ?? 'profile');
  const factorNames = [...new Set(factorOf)].sort();
  const factors = factorNames.map((factor) => {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < w; j++) if (factorOf[j] === factor) values[i] = (values[i] as number) + (shap[i * (w + 1) + j] as number);
    return { factor, ...numericBaseline(values) };
  });
  const score: BinnedBaseline =
    o.cardScoreBaseline === undefined
      ? numericBaseline(scores)
      : { kind: 'numeric', edges: [...o.cardScoreBaseline.edges], shares: [...o.cardScoreBaseline.shares, 0] };
  return { format: 'creditlift.monitorBaseline/1', modelId: o.model.id, source: o.source, count: n, score, features, factors };
}
