import type { DecodedTreeModel } from './onnx/decodeTreeEnsemble.js';
import type { OnnxAttribute, OnnxModel } from './onnx/onnxModel.js';

/**
 * Why the float32 JS evaluator does not implement this model's computation, or undefined when it
 * does. It implements one form, the one creditlift's encoder writes and the one whose arithmetic
 * was established against onnxruntime by experiment: a binary ai.onnx.ml TreeEnsembleClassifier
 * reading float32 input, float32 thresholds and weights, every weight on class 0 with exactly one
 * weight per leaf, at most one base value, and post_transform NONE or LOGISTIC. onnxruntime takes
 * other code paths for other forms (two-class score vectors, SOFTMAX, averaging, double
 * accumulation, the opset-5 TreeEnsemble), so those stay with onnxruntime rather than being
 * guessed at; the load-time probe is a second line, not a licence to try.
 *
 * @example
 * const why = float32EvaluatorUnsupported(onnx, decoded); // 'post_transform SOFTMAX is not implemented ...'
 */
export function float32EvaluatorUnsupported(onnx: OnnxModel, decoded: DecodedTreeModel): string | undefined {
  if (decoded.operator.opType !== 'TreeEnsembleClassifier') return `the ${decoded.operator.opType} operator is not implemented by the float32 evaluator`;
  if (decoded.precision !== 'float') return 'double-precision thresholds, weights or input are not implemented by the float32 evaluator';
  const node = onnx.graph.nodes.find((n) => n.opType === 'TreeEnsembleClassifier' && n.domain === 'ai.onnx.ml');
  if (node === undefined) return 'no TreeEnsembleClassifier node';
  const attrs = new Map(node.attributes.map((a) => [a.name, a] as const));
  const post = stringValue(attrs.get('post_transform')) ?? 'NONE';
  if (post !== 'NONE' && post !== 'LOGISTIC') return `post_transform ${post} is not implemented by the float32 evaluator (NONE and LOGISTIC are)`;
  const classIds = listValue(attrs.get('class_ids')) ?? [];
  if (classIds.some((c) => c !== 0))
    return 'leaf weights on class 1 take another onnxruntime path (two-class score vectors), not implemented by the float32 evaluator';
  const baseValues = listValue(attrs.get('base_values'));
  if (baseValues !== undefined && baseValues.length > 1) return `${baseValues.length} base_values are not implemented by the float32 evaluator (at most 1)`;
  const trees = listValue(attrs.get('class_treeids')) ?? [];
  const nodes = listValue(attrs.get('class_nodeids')) ?? [];
  const seen = new Set<string>();
  for (let i = 0; i < trees.length; i++) {
    const key = `${trees[i]}-${nodes[i]}`;
    // The IR sums a leaf's weights; onnxruntime's single-class path need not. Not guessed at.
    if (seen.has(key)) return `leaf ${key} carries more than one weight, which the float32 evaluator does not implement`;
    seen.add(key);
  }
  return undefined;
}

function stringValue(a: OnnxAttribute | undefined): string | undefined {
  return a?.type === 'STRING' ? a.value : undefined;
}
function listValue(a: OnnxAttribute | undefined): readonly number[] | undefined {
  return a?.type === 'INTS' || a?.type === 'FLOATS' ? a.value : undefined;
}
