import { ValidationError, type ValidationIssue } from '../../errors/validationError.js';
import { allocateTree, NodeMode, treeEnsembleShapeIssues, type TreeEnsemble } from '../treeEnsemble.js';
import { encodeOnnxModel } from './encodeOnnxModel.js';
import { OnnxDataType, type OnnxAttribute, type OnnxModel } from './onnxModel.js';

/** What {@link encodeTreeEnsembleModel} writes. */
export interface TreeEnsembleModelSpec {
  readonly ensemble: TreeEnsemble;
  /** One name per input column, in input order; length must equal `ensemble.nFeatures`. */
  readonly featureNames: readonly string[];
  /**
   * Written to ModelProto.metadata_props in sorted key order (the manifest goes under
   * `creditlift.manifest`), with the feature names under {@link FEATURE_NAMES_METADATA_KEY}.
   */
  readonly metadata: Readonly<Record<string, string>>;
  /** Graph input name; only `'features'` is supported. */
  readonly inputName?: 'features';
  readonly producerName?: string;
  readonly modelVersion?: number;
}

/** Name of the int64 [N] label output. */
export const LABEL_OUTPUT_NAME = 'label';
/** Name of the float [N, 2] probability output; column 1 is P(positive). */
export const PROBABILITY_OUTPUT_NAME = 'probabilities';
/**
 * Metadata key holding the input columns' names (a JSON array, in input order) as the model was
 * built: `loadModel` checks the manifest's feature order against it by name, so a manifest whose
 * features were reordered cannot feed the trees the wrong columns.
 */
export const FEATURE_NAMES_METADATA_KEY = 'creditlift.feature_names';
/** Opset of ai.onnx.ml written by the encoder (TreeEnsembleClassifier v3). */
export const ML_OPSET_VERSION = 3;

const MODE_NAMES = ['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_GTE', 'BRANCH_GT', 'BRANCH_EQ', 'BRANCH_NEQ', 'LEAF'] as const;

/** The ONNX spelling of a {@link NodeMode} code. */
export function nodeModeName(code: number): (typeof MODE_NAMES)[number] {
  const name = MODE_NAMES[code];
  if (name === undefined) throw new RangeError(`unknown node mode ${code}`);
  return name;
}

/**
 * Writes a tree ensemble as a standard ONNX model: input `features` float [N, F] (symbolic batch
 * dimension 'N'), one ai.onnx.ml `TreeEnsembleClassifier` with labels [0, 1] and no ZipMap,
 * outputs `label` int64 [N] and `probabilities` float [N, 2] where column 1 is
 * `sigmoid(baseValue + sum of leaves)` (LOGISTIC) or the raw margin (NONE). Node covers go into
 * `nodes_hitrates`. The same spec always gives the same bytes.
 *
 * Read `probabilities`, not `label`: onnxruntime sets label 1 when the margin is > 0, except when
 * no leaf is negative, where it compares the margin with 0.5 instead.
 *
 * @example
 * const bytes = encodeTreeEnsembleModel({ ensemble, featureNames, metadata: { 'creditlift.manifest': JSON.stringify(manifest) } });
 */
export function encodeTreeEnsembleModel(spec: TreeEnsembleModelSpec): Uint8Array {
  checkSpecShape(spec);
  const { ensemble, featureNames } = spec;
  validateSpec(spec);
  const inputName = spec.inputName ?? 'features';

  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const modes: string[] = [];
  const values: number[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const missing: number[] = [];
  const hitrates: number[] = [];
  const classTreeIds: number[] = [];
  const classNodeIds: number[] = [];
  const classWeights: number[] = [];
  let anyCover = false;

  // onnxruntime outputs all-zero probabilities for a classifier without nodes, so a constant
  // model is written as one zero leaf: the margin stays baseValue.
  const trees = ensemble.trees.length > 0 ? ensemble.trees : [allocateTree(1)];
  trees.forEach((tree, t) => {
    const n = tree.feature.length;
    for (let i = 0; i < n; i++) {
      const leaf = tree.mode[i] === NodeMode.LEAF;
      treeIds.push(t);
      nodeIds.push(i);
      featureIds.push(leaf ? 0 : (tree.feature[i] as number));
      modes.push(nodeModeName(tree.mode[i] as number));
      values.push(leaf ? 0 : (tree.threshold[i] as number));
      trueIds.push(leaf ? 0 : (tree.trueChild[i] as number));
      falseIds.push(leaf ? 0 : (tree.falseChild[i] as number));
      missing.push(leaf ? 0 : (tree.missingTracksTrue[i] as number));
      const cover = tree.cover[i] as number;
      if (!Number.isNaN(cover)) anyCover = true;
      hitrates.push(cover);
      if (leaf) {
        classTreeIds.push(t);
        classNodeIds.push(i);
        const w = Math.fround(tree.leafValue[i] as number);
        classWeights.push(w);
      }
    }
  });

  // Binary classifiers are written the way onnxruntime reads them as one margin: every weight on
  // class id 0 and a single base value. Its aggregator then emits [1 - p, p] with
  // p = sigmoid(base + sum) under LOGISTIC, or [-m, m] under NONE. (Weights on class 1, or two
  // base values, send it down other paths that drop or double-count the base.)
  const attributes: OnnxAttribute[] = [
    { name: 'base_values', type: 'FLOATS', value: [ensemble.baseValue] },
    { name: 'class_ids', type: 'INTS', value: classTreeIds.map(() => 0) },
    { name: 'class_nodeids', type: 'INTS', value: classNodeIds },
    { name: 'class_treeids', type: 'INTS', value: classTreeIds },
    { name: 'class_weights', type: 'FLOATS', value: classWeights },
    { name: 'classlabels_int64s', type: 'INTS', value: [0, 1] },
    { name: 'nodes_falsenodeids', type: 'INTS', value: falseIds },
    { name: 'nodes_featureids', type: 'INTS', value: featureIds },
  ];
  if (anyCover) attributes.push({ name: 'nodes_hitrates', type: 'FLOATS', value: hitrates });
  attributes.push(
    { name: 'nodes_missing_value_tracks_true', type: 'INTS', value: missing },
    { name: 'nodes_modes', type: 'STRINGS', value: modes },
    { name: 'nodes_nodeids', type: 'INTS', value: nodeIds },
    { name: 'nodes_treeids', type: 'INTS', value: treeIds },
    { name: 'nodes_truenodeids', type: 'INTS', value: trueIds },
    { name: 'nodes_values', type: 'FLOATS', value: values },
    { name: 'post_transform', type: 'STRING', value: ensemble.postTransform },
  );

  const model: OnnxModel = {
    irVersion: 8,
    opsetImports: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: ML_OPSET_VERSION },
    ],
    producerName: spec.producerName ?? 'creditlift',
    producerVersion: '',
    domain: '',
    modelVersion: spec.modelVersion ?? 0,
    docString: '',
    graph: {
      name: 'creditlift_tree_ensemble',
      nodes: [
        {
          name: 'TreeEnsembleClassifier',
          opType: 'TreeEnsembleClassifier',
          domain: 'ai.onnx.ml',
          inputs: [inputName],
          outputs: [LABEL_OUTPUT_NAME, PROBABILITY_OUTPUT_NAME],
          attributes,
        },
      ],
      inputs: [{ name: inputName, elemType: OnnxDataType.FLOAT, shape: ['N', featureNames.length] }],
      outputs: [
        { name: LABEL_OUTPUT_NAME, elemType: OnnxDataType.INT64, shape: ['N'] },
        { name: PROBABILITY_OUTPUT_NAME, elemType: OnnxDataType.FLOAT, shape: ['N', 2] },
      ],
      initializers: [],
    },
    metadataProps: Object.entries({ ...spec.metadata, [FEATURE_NAMES_METADATA_KEY]: JSON.stringify(featureNames) })
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => ({ key, value })),
  };
  return encodeOnnxModel(model);
}

/** Refuses a spec whose parts are not of their types, before any is read (validateSpec then checks their values). */
function checkSpecShape(spec: unknown): void {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new ValidationError('TreeEnsembleModelSpec', [
      { path: [], code: 'invalid_type', message: 'expected { ensemble, featureNames, metadata }', expected: 'object' },
    ]);
  }
  const s = spec as Record<string, unknown>;
  const issues: ValidationIssue[] = treeEnsembleShapeIssues(s.ensemble, ['ensemble']);
  if (!(Array.isArray(s.featureNames) && s.featureNames.every((n) => typeof n === 'string')))
    issues.push({ path: ['featureNames'], code: 'invalid_type', message: 'featureNames must be an array of strings', expected: 'string[]' });
  const metadata = s.metadata;
  if (!(typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) && Object.values(metadata).every((v) => typeof v === 'string')))
    issues.push({ path: ['metadata'], code: 'invalid_type', message: 'metadata must be an object of strings', expected: 'Record<string, string>' });
  if (s.inputName !== undefined && s.inputName !== 'features')
    issues.push({ path: ['inputName'], code: 'invalid_value', message: "inputName must be 'features'" });
  if (s.producerName !== undefined && typeof s.producerName !== 'string')
    issues.push({ path: ['producerName'], code: 'invalid_type', message: 'producerName must be a string' });
  if (s.modelVersion !== undefined && !Number.isSafeInteger(s.modelVersion))
    issues.push({ path: ['modelVersion'], code: 'invalid_type', message: 'modelVersion must be a whole number' });
  if (issues.length > 0) throw new ValidationError('TreeEnsembleModelSpec', issues);
}

function validateSpec(spec: TreeEnsembleModelSpec): void {
  const { ensemble, featureNames } = spec;
  const issues: ValidationIssue[] = [];
  if (featureNames.length !== ensemble.nFeatures) {
    issues.push({
      path: ['featureNames'],
      code: 'length_mismatch',
      message: `featureNames has ${featureNames.length} names but the ensemble reads ${ensemble.nFeatures} features`,
      expected: String(ensemble.nFeatures),
      received: String(featureNames.length),
    });
  }
  // Written as float32: a double beyond float32's range would be stored as an infinity.
  if (!Number.isFinite(Math.fround(ensemble.baseValue))) {
    issues.push({ path: ['ensemble', 'baseValue'], code: 'not_finite', message: 'baseValue must be finite as a float32 (|x| < 3.4e38)' });
  }
  ensemble.trees.forEach((tree, t) => {
    const n = tree.feature.length;
    const arrays = [tree.threshold, tree.mode, tree.trueChild, tree.falseChild, tree.missingTracksTrue, tree.leafValue, tree.cover];
    if (n === 0 || arrays.some((a) => a.length !== n)) {
      issues.push({ path: ['ensemble', 'trees', t], code: 'malformed_tree', message: 'tree arrays must be non-empty and of equal length' });
      return;
    }
    for (let i = 0; i < n; i++) {
      const mode = tree.mode[i] as number;
      if (mode > NodeMode.LEAF) {
        issues.push({ path: ['ensemble', 'trees', t, 'mode', i], code: 'invalid_mode', message: `unknown node mode ${mode}` });
      } else if (mode === NodeMode.LEAF) {
        if (!Number.isFinite(Math.fround(tree.leafValue[i] as number)))
          issues.push({ path: ['ensemble', 'trees', t, 'leafValue', i], code: 'not_finite', message: 'leaf value must be finite as a float32 (|x| < 3.4e38)' });
      } else {
        const f = tree.feature[i] as number;
        if (f < 0 || f >= ensemble.nFeatures)
          issues.push({ path: ['ensemble', 'trees', t, 'feature', i], code: 'out_of_range', message: `feature index ${f} outside [0, ${ensemble.nFeatures})` });
        for (const [key, child] of [
          ['trueChild', tree.trueChild[i] as number],
          ['falseChild', tree.falseChild[i] as number],
        ] as const) {
          // Children after their parent rule out cycles, and every writer we know orders nodes so.
          if (child <= i || child >= n)
            issues.push({ path: ['ensemble', 'trees', t, key, i], code: 'out_of_range', message: `child ${child} of node ${i} must be in (${i}, ${n})` });
        }
      }
    }
  });
  if (issues.length > 0) throw new ValidationError('TreeEnsemble', issues);
}
