import { refuseArguments, typeIssue } from '../../errors/argumentIssues.js';
import { CreditliftError } from '../../errors/creditliftError.js';
import { allocateTree, NodeMode, type PostTransform, type Tree, type TreeEnsemble } from '../treeEnsemble.js';
import { decodeOnnxModel } from './decodeOnnxModel.js';
import type { OnnxAttribute, OnnxModel, OnnxNode, OnnxOpsetImport, OnnxValueInfo } from './onnxModel.js';

/** Where the model's output carrying the positive-class score lives, and what it holds. */
export interface DecodedOutputMapping {
  /** Output of the tree node holding the score (before any ZipMap). */
  readonly name: string;
  /** Column of that [N, width] output holding the positive-class score. */
  readonly column: number;
  readonly width: number;
  /** True when `name` is itself a graph output (false when e.g. a ZipMap follows it). */
  readonly isGraphOutput: boolean;
}

/** A tree-ensemble ONNX model read into creditlift's IR, with what is needed to trust it. */
export interface DecodedTreeModel {
  /**
   * The ensemble in positive-class margin space: evaluating it reproduces column
   * `output.column` of what onnxruntime computes (sigmoid(margin) when postTransform is LOGISTIC).
   */
  readonly ensemble: TreeEnsemble;
  /** The operator that was read. */
  readonly operator: {
    readonly domain: string;
    readonly opType: 'TreeEnsembleClassifier' | 'TreeEnsembleRegressor' | 'TreeEnsemble';
    readonly opsetVersion: number;
  };
  /** Classifier (a probability comes out) or regressor (a raw value comes out). */
  readonly kind: 'classifier' | 'regressor';
  readonly output: DecodedOutputMapping;
  /** Class labels of a classifier (int64 or string), in column order. */
  readonly classLabels: readonly (number | string)[] | undefined;
  /** 'double' when split values or weights were stored as doubles (IR thresholds are rounded to float32). */
  readonly precision: 'float' | 'double';
  /** Graph input the tree node reads. */
  readonly featureInputName: string;
  /** ModelProto.metadata_props as a record (a later duplicate key wins, as in onnxruntime). */
  readonly metadata: Readonly<Record<string, string>>;
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly opsetImports: readonly OnnxOpsetImport[];
  readonly irVersion: number;
  readonly producerName: string;
}

const TREE_OPS = new Set(['TreeEnsembleClassifier', 'TreeEnsembleRegressor', 'TreeEnsemble']);
const V3_MODES: Record<string, number> = {
  BRANCH_LEQ: NodeMode.BRANCH_LEQ,
  BRANCH_LT: NodeMode.BRANCH_LT,
  BRANCH_GTE: NodeMode.BRANCH_GTE,
  BRANCH_GT: NodeMode.BRANCH_GT,
  BRANCH_EQ: NodeMode.BRANCH_EQ,
  BRANCH_NEQ: NodeMode.BRANCH_NEQ,
  LEAF: NodeMode.LEAF,
};
const V5_BRANCH_MEMBER = 6;
const POST_TRANSFORMS_V5 = ['NONE', 'SOFTMAX', 'LOGISTIC', 'SOFTMAX_ZERO', 'PROBIT'];
const AGGREGATES_V5 = ['AVERAGE', 'SUM', 'MIN', 'MAX'];
/** Largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;
/** A DAG or membership unrolling may duplicate subtrees; past this growth factor, refuse. */
const MAX_EXPANSION = 64;

/** The tree node list in the v3 (TreeEnsembleClassifier/Regressor) layout every operator is normalised to. */
interface FlatNodes {
  readonly treeIds: readonly number[];
  readonly nodeIds: readonly number[];
  readonly featureIds: readonly number[];
  readonly modes: readonly number[];
  readonly values: readonly number[];
  readonly trueIds: readonly number[];
  readonly falseIds: readonly number[];
  readonly missing: readonly number[];
  readonly hitrates: readonly number[] | undefined;
  readonly weights: readonly { readonly tree: number; readonly node: number; readonly target: number; readonly value: number }[];
}

/** How per-leaf weights per class/target become one margin contribution. */
interface MarginRule {
  readonly leaf: (byTarget: ReadonlyMap<number, number>) => number;
  readonly base: number;
  readonly postTransform: PostTransform;
  /** Targets every leaf must carry for the rule to hold. */
  readonly requiredTargets: readonly number[];
  /** Divide leaf values by the number of trees (AVERAGE aggregation). */
  readonly average: boolean;
}

function unsupported(message: string): never {
  throw new CreditliftError('model_unsupported', message);
}
function malformed(message: string): never {
  throw new CreditliftError('model_load_failed', `Invalid tree ensemble: ${message}`);
}

/**
 * Reads any ai.onnx.ml tree-ensemble model (TreeEnsembleClassifier or TreeEnsembleRegressor of
 * opset 1-3, or the opset-5 TreeEnsemble) into the {@link TreeEnsemble} IR in positive-class
 * margin space, mirroring how onnxruntime computes the binary output. Whatever the IR cannot
 * represent faithfully (multiclass, MIN/MAX aggregation, PROBIT, ambiguous base values, ...)
 * is refused with CreditliftError 'model_unsupported'; malformed bytes or trees give
 * 'model_load_failed'; bytes that are not a Uint8Array, ValidationError naming `bytes`.
 *
 * @example
 * const decoded = decodeTreeEnsembleModel(bytes);
 * evaluateEnsemble(decoded.ensemble, row).probability; // == onnxruntime's probabilities[:, 1]
 */
export function decodeTreeEnsembleModel(bytes: Uint8Array): DecodedTreeModel {
  refuseArguments('decodeTreeEnsembleModel', [typeIssue(['bytes'], bytes, 'bytes', "the ONNX file's bytes, a Uint8Array")]);
  return decodeTreeEnsembleFromOnnx(decodeOnnxModel(bytes));
}

/** As {@link decodeTreeEnsembleModel}, from an already parsed model. */
export function decodeTreeEnsembleFromOnnx(model: OnnxModel): DecodedTreeModel {
  const treeNodes = model.graph.nodes.filter((n) => TREE_OPS.has(n.opType) && n.domain === 'ai.onnx.ml');
  if (treeNodes.length !== 1) {
    unsupported(
      treeNodes.length === 0
        ? 'The model has no ai.onnx.ml tree-ensemble node'
        : `The model has ${treeNodes.length} tree-ensemble nodes; exactly one is supported`,
    );
  }
  const node = treeNodes[0] as OnnxNode;
  const featureInputName = node.inputs[0] ?? '';
  const input = model.graph.inputs.find((i) => i.name === featureInputName);
  if (input === undefined)
    unsupported(`The tree-ensemble node reads "${featureInputName}", which is not a graph input (preprocessing nodes are not supported)`);
  const opsetVersion = model.opsetImports.find((o) => o.domain === 'ai.onnx.ml')?.version ?? 1;
  const attrs = new Map(node.attributes.map((a) => [a.name, a] as const));
  const opType = node.opType as DecodedTreeModel['operator']['opType'];

  let flat: FlatNodes;
  let rule: MarginRule;
  let kind: DecodedTreeModel['kind'];
  let output: Omit<DecodedOutputMapping, 'isGraphOutput'>;
  let classLabels: readonly (number | string)[] | undefined;
  let precision: DecodedTreeModel['precision'] = input.elemType === 11 ? 'double' : 'float';

  if (opType === 'TreeEnsemble') {
    const v5 = readV5(attrs);
    flat = v5.flat;
    if (v5.double) precision = 'double';
    const nTargets = intAttr(attrs, 'n_targets', 0);
    const aggregate = AGGREGATES_V5[intAttr(attrs, 'aggregate_function', 1)] ?? 'UNKNOWN';
    const post = POST_TRANSFORMS_V5[intAttr(attrs, 'post_transform', 0)] ?? 'UNKNOWN';
    rule = targetRule(nTargets, aggregate, post, [], 'TreeEnsemble');
    kind = nTargets === 2 ? 'classifier' : 'regressor';
    output = { name: node.outputs[0] ?? '', column: nTargets - 1, width: nTargets };
  } else {
    const v3 = readV3(attrs, opType === 'TreeEnsembleClassifier' ? 'class' : 'target');
    flat = v3.flat;
    if (v3.double) precision = 'double';
    const post = stringAttr(attrs, 'post_transform', 'NONE');
    if (opType === 'TreeEnsembleClassifier') {
      classLabels = ints(attrs, 'classlabels_int64s') ?? strings(attrs, 'classlabels_strings');
      if (classLabels === undefined || classLabels.length !== 2) {
        unsupported(`Only binary classifiers are supported; this one has ${classLabels?.length ?? 0} classes`);
      }
      rule = classifierRule(flat, v3.baseValues, post);
      kind = 'classifier';
      output = { name: node.outputs[1] ?? '', column: 1, width: 2 };
    } else {
      const aggregate = stringAttr(attrs, 'aggregate_function', 'SUM');
      rule = targetRule(intAttr(attrs, 'n_targets', 1), aggregate, post, v3.baseValues, 'TreeEnsembleRegressor');
      kind = 'regressor';
      output = { name: node.outputs[0] ?? '', column: 0, width: 1 };
    }
  }

  const inputWidth = input.shape?.length === 2 && typeof input.shape[1] === 'number' ? input.shape[1] : undefined;
  const trees = buildTrees(flat, rule);
  let maxFeature = -1;
  for (const t of trees) for (let i = 0; i < t.feature.length; i++) maxFeature = Math.max(maxFeature, t.feature[i] as number);
  if (inputWidth !== undefined && maxFeature >= inputWidth) malformed(`a split reads feature ${maxFeature} but the input has ${inputWidth} columns`);

  // Finite leaves can still sum past float32 (onnxruntime's accumulator): +Infinity - Infinity
  // would then give a NaN probability. No trained model comes near; refuse rather than score NaN.
  let largest = Math.abs(rule.base);
  for (const t of trees) {
    let m = 0;
    for (let i = 0; i < t.leafValue.length; i++) if (t.mode[i] === NodeMode.LEAF) m = Math.max(m, Math.abs(t.leafValue[i] as number));
    largest += m;
  }
  if (!(largest <= FLOAT32_MAX))
    unsupported(`the base value and leaves can add up to ${largest.toExponential(3)}, beyond float32 (${FLOAT32_MAX.toExponential(3)})`);

  const metadata: Record<string, string> = {};
  for (const { key, value } of model.metadataProps) metadata[key] = value;
  return {
    ensemble: { nFeatures: inputWidth ?? maxFeature + 1, trees, baseValue: rule.base, postTransform: rule.postTransform },
    operator: { domain: node.domain, opType, opsetVersion },
    kind,
    output: { ...output, isGraphOutput: model.graph.outputs.some((o) => o.name === output.name) },
    classLabels,
    precision,
    featureInputName,
    metadata,
    inputs: model.graph.inputs,
    outputs: model.graph.outputs,
    opsetImports: model.opsetImports,
    irVersion: model.irVersion,
    producerName: model.producerName,
  };
}

/**
 * onnxruntime's binary TreeEnsembleClassifier (checked against 1.30): weights on class 0 only plus
 * one base value give [1 - T(m), T(m)] with m = sum(w0) + b0; weights on class 1 (alone or with
 * class 0) give column 1 = T(sum(w1)), the base values landing in column 0 only; SOFTMAX over two
 * scored classes gives sigmoid(s1 - s0). Two base values take a path that mixes the classes'
 * sums, so they are refused.
 */
function classifierRule(flat: FlatNodes, baseValues: readonly number[], post: string): MarginRule {
  const classes = new Set(flat.weights.map((w) => w.target));
  for (const c of classes) if (c !== 0 && c !== 1) malformed(`class id ${c} outside the 2 class labels`);
  if (classes.size === 0) malformed('no leaf weights');
  if (baseValues.length > 1)
    unsupported('Binary classifiers with two base_values are computed inconsistently by onnxruntime (the class sums are mixed); re-export with one base value');
  const b0 = baseValues[0] ?? 0;
  const sum = (m: ReadonlyMap<number, number>, c: number): number => m.get(c) ?? 0;
  if (post === 'SOFTMAX_ZERO' || post === 'PROBIT' || !['NONE', 'LOGISTIC', 'SOFTMAX'].includes(post)) {
    unsupported(`post_transform ${post} cannot be represented as a margin with NONE or LOGISTIC`);
  }
  if (classes.size === 1 && classes.has(0)) {
    if (post === 'SOFTMAX') unsupported('SOFTMAX over a single scored class has no standard meaning');
    return { leaf: (m) => sum(m, 0), base: b0, postTransform: post as PostTransform, requiredTargets: [0], average: false };
  }
  if (classes.size === 1) {
    if (b0 !== 0) unsupported('base_values has one entry but only class 1 carries weights; runtimes disagree on which class it belongs to');
    return { leaf: (m) => sum(m, 1), base: 0, postTransform: post === 'NONE' ? 'NONE' : 'LOGISTIC', requiredTargets: [1], average: false };
  }
  if (post === 'SOFTMAX') return { leaf: (m) => sum(m, 1) - sum(m, 0), base: -b0, postTransform: 'LOGISTIC', requiredTargets: [1], average: false };
  return { leaf: (m) => sum(m, 1), base: 0, postTransform: post as PostTransform, requiredTargets: [1], average: false };
}

/** Regressors and opset-5 TreeEnsemble: output = aggregate(leaves) + base, per target. */
function targetRule(nTargets: number, aggregate: string, post: string, baseValues: readonly number[], op: string): MarginRule {
  if (aggregate !== 'SUM' && aggregate !== 'AVERAGE') unsupported(`${op} aggregate_function ${aggregate} is not a sum of leaves`);
  const average = aggregate === 'AVERAGE';
  if (nTargets === 1) {
    // onnxruntime applies only PROBIT to a single target and silently ignores LOGISTIC/SOFTMAX;
    // other runtimes do not, so anything but NONE is ambiguous.
    if (post !== 'NONE') unsupported(`${op} with one target and post_transform ${post} is computed differently by different runtimes; only NONE is supported`);
    if (baseValues.length > 1) malformed(`${baseValues.length} base_values for 1 target`);
    return { leaf: (m) => m.get(0) ?? 0, base: baseValues[0] ?? 0, postTransform: 'NONE', requiredTargets: [], average };
  }
  if (nTargets === 2 && op === 'TreeEnsemble') {
    if (post === 'SOFTMAX') return { leaf: (m) => (m.get(1) ?? 0) - (m.get(0) ?? 0), base: 0, postTransform: 'LOGISTIC', requiredTargets: [], average };
    if (post === 'NONE' || post === 'LOGISTIC') return { leaf: (m) => m.get(1) ?? 0, base: 0, postTransform: post, requiredTargets: [], average };
    unsupported(`post_transform ${post} cannot be represented as a margin with NONE or LOGISTIC`);
  }
  return unsupported(`${op} with ${nTargets} targets is not supported (1 target, or 2 for opset-5 TreeEnsemble)`);
}

function buildTrees(flat: FlatNodes, rule: MarginRule): Tree[] {
  const n = flat.treeIds.length;
  const order: number[] = [];
  const byTree = new Map<number, Map<number, number>>();
  let previous: number | undefined;
  for (let i = 0; i < n; i++) {
    const t = flat.treeIds[i] as number;
    let ids = byTree.get(t);
    if (ids === undefined) {
      ids = new Map();
      byTree.set(t, ids);
      order.push(t);
    } else if (t !== previous) {
      // onnxruntime starts a new root whenever the tree id changes, so a split tree would be
      // counted twice there.
      unsupported(`nodes of tree ${t} are not listed contiguously`);
    }
    previous = t;
    const id = flat.nodeIds[i] as number;
    if (ids.has(id)) malformed(`node ${id} appears twice in tree ${t}`);
    ids.set(id, i);
  }
  const leafWeights = new Map<number, Map<number, number>>();
  for (const w of flat.weights) {
    const idx = byTree.get(w.tree)?.get(w.node);
    if (idx === undefined) malformed(`a weight refers to missing node ${w.tree}-${w.node}`);
    // Weights on branch nodes are ignored by onnxruntime (old converters wrote them).
    if (flat.modes[idx] !== NodeMode.LEAF) continue;
    let m = leafWeights.get(idx);
    if (m === undefined) leafWeights.set(idx, (m = new Map()));
    const prior = m.get(w.target);
    m.set(w.target, prior === undefined ? w.value : prior + w.value);
  }
  const divisor = rule.average ? order.length : 1;
  return order.map((t) => buildTree(t, byTree.get(t) as Map<number, number>, flat, leafWeights, rule, divisor));
}

function buildTree(
  treeId: number,
  ids: Map<number, number>,
  flat: FlatNodes,
  leafWeights: Map<number, Map<number, number>>,
  rule: MarginRule,
  divisor: number,
): Tree {
  const first = ids.values().next().value as number;
  for (const idx of ids.values()) {
    if (flat.modes[idx] === NodeMode.LEAF) continue;
    if (flat.trueIds[idx] === flat.nodeIds[first] || flat.falseIds[idx] === flat.nodeIds[first]) {
      unsupported(`the first listed node of tree ${treeId} (its root for onnxruntime) is another node's child`);
    }
  }
  // Pre-order walk from the root, so every child index exceeds its parent's.
  const out: number[] = [];
  const trueOf: number[] = [];
  const falseOf: number[] = [];
  const limit = ids.size * MAX_EXPANSION;
  const stack: { src: number; parent: number; isTrue: boolean; depth: number }[] = [{ src: first, parent: -1, isTrue: true, depth: 0 }];
  while (stack.length > 0) {
    const { src, parent, isTrue, depth } = stack.pop() as (typeof stack)[number];
    if (depth > ids.size) malformed(`tree ${treeId} has a cycle`);
    if (out.length >= limit) unsupported(`tree ${treeId} expands to more than ${limit} nodes`);
    const at = out.length;
    out.push(src);
    trueOf.push(-1);
    falseOf.push(-1);
    if (parent >= 0) (isTrue ? trueOf : falseOf)[parent] = at;
    if (flat.modes[src] === NodeMode.LEAF) continue;
    const child = (id: number): number => {
      const c = ids.get(id);
      if (c === undefined) malformed(`node ${flat.nodeIds[src]} of tree ${treeId} points to missing node ${id}`);
      if (c === src) malformed(`node ${id} of tree ${treeId} points to itself`);
      return c;
    };
    // Push false first so the true subtree is numbered first, as converters do.
    stack.push({ src: child(flat.falseIds[src] as number), parent: at, isTrue: false, depth: depth + 1 });
    stack.push({ src: child(flat.trueIds[src] as number), parent: at, isTrue: true, depth: depth + 1 });
  }
  const tree = allocateTree(out.length);
  out.forEach((src, i) => {
    const mode = flat.modes[src] as number;
    tree.mode[i] = mode;
    if (flat.hitrates !== undefined) tree.cover[i] = flat.hitrates[src] as number;
    if (mode === NodeMode.LEAF) {
      const weights = leafWeights.get(src);
      if (weights === undefined) malformed(`leaf ${flat.nodeIds[src]} of tree ${treeId} has no weight`);
      for (const target of rule.requiredTargets) {
        if (!weights.has(target))
          unsupported(`leaf ${flat.nodeIds[src]} of tree ${treeId} has no weight for class ${target}; onnxruntime then changes how it scores that row`);
      }
      tree.leafValue[i] = rule.leaf(weights) / divisor;
      return;
    }
    const feature = flat.featureIds[src] as number;
    if (!Number.isInteger(feature) || feature < 0) malformed(`node ${flat.nodeIds[src]} of tree ${treeId} reads feature ${feature}`);
    tree.feature[i] = feature;
    tree.threshold[i] = flat.values[src] as number;
    tree.missingTracksTrue[i] = flat.missing[src] === 1 ? 1 : 0;
    tree.trueChild[i] = trueOf[i] as number;
    tree.falseChild[i] = falseOf[i] as number;
  });
  return tree;
}

function readV3(attrs: ReadonlyMap<string, OnnxAttribute>, prefix: 'class' | 'target'): { flat: FlatNodes; baseValues: readonly number[]; double: boolean } {
  let double = false;
  const floatsOrTensor = (name: string): number[] | undefined => {
    const t = tensorValues(attrs, `${name}_as_tensor`);
    if (t !== undefined) {
      double = true;
      return t;
    }
    return floats(attrs, name);
  };
  const treeIds = ints(attrs, 'nodes_treeids') ?? [];
  const n = treeIds.length;
  const modeNames = strings(attrs, 'nodes_modes') ?? [];
  const modes = modeNames.map((m) => {
    const code = V3_MODES[m];
    if (code === undefined) malformed(`unknown node mode "${m}"`);
    return code;
  });
  const nodeIds = ints(attrs, 'nodes_nodeids') ?? [];
  const featureIds = ints(attrs, 'nodes_featureids') ?? [];
  const values = floatsOrTensor('nodes_values') ?? [];
  const trueIds = ints(attrs, 'nodes_truenodeids') ?? [];
  const falseIds = ints(attrs, 'nodes_falsenodeids') ?? [];
  const missing = ints(attrs, 'nodes_missing_value_tracks_true');
  const hitrates = floatsOrTensor('nodes_hitrates');
  // The optional lists too: onnxruntime reads whatever entries a short list has, so filling one
  // in (or dropping it) would explain and verify a different model from the one that scores.
  for (const [name, arr] of [
    ['nodes_modes', modes],
    ['nodes_nodeids', nodeIds],
    ['nodes_featureids', featureIds],
    ['nodes_values', values],
    ['nodes_truenodeids', trueIds],
    ['nodes_falsenodeids', falseIds],
    ['nodes_missing_value_tracks_true', missing],
    ['nodes_hitrates', hitrates],
  ] as const) {
    if (arr !== undefined && arr.length !== n) malformed(`${name} has ${arr.length} entries, nodes_treeids ${n}`);
  }
  if (n === 0) malformed('no nodes');
  const wTrees = ints(attrs, `${prefix}_treeids`) ?? [];
  const wNodes = ints(attrs, `${prefix}_nodeids`) ?? [];
  const wIds = ints(attrs, `${prefix}_ids`) ?? [];
  const wValues = floatsOrTensor(`${prefix}_weights`) ?? [];
  if (wNodes.length !== wTrees.length || wIds.length !== wTrees.length || wValues.length !== wTrees.length)
    malformed(`${prefix}_* attributes differ in length`);
  const baseValues = floatsOrTensor('base_values') ?? [];
  requireFinite(attrs, `${prefix}_weights`, wValues);
  requireFinite(attrs, 'base_values', baseValues);
  return {
    flat: {
      treeIds,
      nodeIds,
      featureIds,
      modes,
      values,
      trueIds,
      falseIds,
      missing: missing ?? new Array<number>(n).fill(0),
      hitrates,
      weights: wTrees.map((tree, i) => ({ tree, node: wNodes[i] as number, target: wIds[i] as number, value: wValues[i] as number })),
    },
    baseValues,
    double,
  };
}

/**
 * Normalises an opset-5 TreeEnsemble to the v3 node list the way onnxruntime does: nodes renumbered
 * in pre-order per tree, leaves as LEAF nodes, and each BRANCH_MEMBER unrolled into a chain of
 * BRANCH_EQ nodes (one per set value), each repeating the true subtree.
 */
function readV5(attrs: ReadonlyMap<string, OnnxAttribute>): { flat: FlatNodes; double: boolean } {
  const splitsAttr = attrs.get('nodes_splits');
  const double = splitsAttr?.type === 'TENSOR' && splitsAttr.value.dataType === 11;
  const featureIds = ints(attrs, 'nodes_featureids') ?? [];
  const n = featureIds.length;
  const splits = tensorValues(attrs, 'nodes_splits') ?? [];
  const modes = tensorValues(attrs, 'nodes_modes') ?? [];
  const trueIds = ints(attrs, 'nodes_truenodeids') ?? [];
  const falseIds = ints(attrs, 'nodes_falsenodeids') ?? [];
  const trueLeafs = ints(attrs, 'nodes_trueleafs') ?? [];
  const falseLeafs = ints(attrs, 'nodes_falseleafs') ?? [];
  const missingIn = ints(attrs, 'nodes_missing_value_tracks_true');
  const hitratesIn = tensorValues(attrs, 'nodes_hitrates');
  const leafTargets = ints(attrs, 'leaf_targetids') ?? [];
  const leafWeights = tensorValues(attrs, 'leaf_weights') ?? [];
  const roots = ints(attrs, 'tree_roots') ?? [];
  for (const [name, arr] of [
    ['nodes_splits', splits],
    ['nodes_modes', modes],
    ['nodes_truenodeids', trueIds],
    ['nodes_falsenodeids', falseIds],
    ['nodes_trueleafs', trueLeafs],
    ['nodes_falseleafs', falseLeafs],
    ['nodes_missing_value_tracks_true', missingIn],
    ['nodes_hitrates', hitratesIn],
  ] as const) {
    if (arr !== undefined && arr.length !== n) malformed(`${name} has ${arr.length} entries, nodes_featureids ${n}`);
  }
  if (leafTargets.length !== leafWeights.length) malformed('leaf_targetids and leaf_weights differ in length');
  requireFinite(attrs, 'leaf_weights', leafWeights);
  if (roots.length === 0) malformed('no tree_roots');

  // Membership sets are NaN-separated, one per BRANCH_MEMBER node in node order.
  const members = tensorValues(attrs, 'membership_values') ?? [];
  const sets: number[][] = modes.map(() => []);
  let cursor = 0;
  modes.forEach((mode, i) => {
    if (mode !== V5_BRANCH_MEMBER) return;
    const set = sets[i] as number[];
    while (cursor < members.length && !Number.isNaN(members[cursor] as number)) set.push(members[cursor++] as number);
    cursor++;
    if (set.length === 0) unsupported(`BRANCH_MEMBER node ${i} has an empty set`);
  });

  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const outFeatures: number[] = [];
  const outModes: number[] = [];
  const values: number[] = [];
  const outTrue: number[] = [];
  const outFalse: number[] = [];
  const missing: number[] = [];
  const hitrates: number[] = [];
  const weights: { tree: number; node: number; target: number; value: number }[] = [];
  const budget = (n + leafWeights.length) * MAX_EXPANSION;

  const emit = (tree: number, id: number, src: number, isLeaf: boolean, member: number, depth: number): number => {
    if (treeIds.length > budget) unsupported(`TreeEnsemble expands to more than ${budget} nodes`);
    if (depth > n + 1) malformed('a tree has a cycle');
    const row = treeIds.length;
    treeIds.push(tree);
    nodeIds.push(id);
    if (isLeaf) {
      if (src < 0 || src >= leafWeights.length) malformed(`leaf index ${src} out of range`);
      outFeatures.push(0);
      outModes.push(NodeMode.LEAF);
      values.push(0);
      outTrue.push(0);
      outFalse.push(0);
      missing.push(0);
      hitrates.push(Number.NaN);
      weights.push({ tree, node: id, target: leafTargets[src] as number, value: leafWeights[src] as number });
      return id;
    }
    if (src < 0 || src >= n) malformed(`node index ${src} out of range`);
    const mode = modes[src] as number;
    if (mode > V5_BRANCH_MEMBER) malformed(`unknown node mode ${mode}`);
    outFeatures.push(featureIds[src] as number);
    outModes.push(mode === V5_BRANCH_MEMBER ? NodeMode.BRANCH_EQ : mode);
    values.push(mode === V5_BRANCH_MEMBER ? ((sets[src] as number[])[member] as number) : (splits[src] as number));
    missing.push(missingIn?.[src] === 1 ? 1 : 0);
    hitrates.push(hitratesIn?.[src] ?? Number.NaN);
    outTrue.push(id + 1);
    outFalse.push(0);
    const lastTrue = emit(tree, id + 1, trueIds[src] as number, trueLeafs[src] !== 0, 0, depth + 1);
    const falseId = lastTrue + 1;
    outFalse[row] = falseId;
    const set = sets[src] as number[];
    if (mode === V5_BRANCH_MEMBER && member + 1 < set.length) return emit(tree, falseId, src, false, member + 1, depth + 1);
    return emit(tree, falseId, falseIds[src] as number, falseLeafs[src] !== 0, 0, depth + 1);
  };
  roots.forEach((root, t) => {
    if (root < 0 || root >= n) malformed(`tree root ${root} out of range`);
    // A root whose two children are the same leaf is a single-leaf tree; onnxruntime 1.30 then
    // reads the leaf its true child points to.
    const single = trueIds[root] === falseIds[root] && trueLeafs[root] !== 0;
    emit(t, 0, single ? (trueIds[root] as number) : root, single, 0, 0);
  });
  return {
    flat: {
      treeIds,
      nodeIds,
      featureIds: outFeatures,
      modes: outModes,
      values,
      trueIds: outTrue,
      falseIds: outFalse,
      missing,
      hitrates: hitratesIn === undefined ? undefined : hitrates,
      weights,
    },
    double,
  };
}

/**
 * A NaN or infinite weight or base value makes onnxruntime's column 1 NaN, 0 or 1 for every row
 * reaching it: not a probability, and nothing TreeSHAP can decompose. Names the attribute (its
 * `_as_tensor` form when that is the one present), the entry and the value.
 */
function requireFinite(attrs: ReadonlyMap<string, OnnxAttribute>, name: string, values: readonly number[]): void {
  const at = values.findIndex((v) => !Number.isFinite(v));
  if (at < 0) return;
  const stored = attrs.has(`${name}_as_tensor`) ? `${name}_as_tensor` : name;
  const v = values[at] as number;
  malformed(`${stored}[${at}] is ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Infinity' : '-Infinity'}; weights and base values must be finite`);
}

function ints(attrs: ReadonlyMap<string, OnnxAttribute>, name: string): number[] | undefined {
  const a = attrs.get(name);
  if (a === undefined) return undefined;
  if (a.type !== 'INTS') malformed(`attribute ${name} should be INTS, is ${a.type}`);
  return [...a.value];
}
function floats(attrs: ReadonlyMap<string, OnnxAttribute>, name: string): number[] | undefined {
  const a = attrs.get(name);
  if (a === undefined) return undefined;
  if (a.type !== 'FLOATS') malformed(`attribute ${name} should be FLOATS, is ${a.type}`);
  return [...a.value];
}
function strings(attrs: ReadonlyMap<string, OnnxAttribute>, name: string): string[] | undefined {
  const a = attrs.get(name);
  if (a === undefined) return undefined;
  if (a.type !== 'STRINGS') malformed(`attribute ${name} should be STRINGS, is ${a.type}`);
  return [...a.value];
}
function tensorValues(attrs: ReadonlyMap<string, OnnxAttribute>, name: string): number[] | undefined {
  const a = attrs.get(name);
  if (a === undefined) return undefined;
  if (a.type !== 'TENSOR') malformed(`attribute ${name} should be a TENSOR, is ${a.type}`);
  return [...a.value.values];
}
function intAttr(attrs: ReadonlyMap<string, OnnxAttribute>, name: string, fallback: number): number {
  const a = attrs.get(name);
  if (a === undefined) return fallback;
  if (a.type !== 'INT') malformed(`attribute ${name} should be INT, is ${a.type}`);
  return a.value;
}
function stringAttr(attrs: ReadonlyMap<string, OnnxAttribute>, name: string, fallback: string): string {
  const a = attrs.get(name);
  if (a === undefined) return fallback;
  if (a.type !== 'STRING') malformed(`attribute ${name} should be STRING, is ${a.type}`);
  return a.value;
}
