import { everyKeyOf, typeIssue, typeNameOf as typeName } from '../errors/argumentIssues.js';
import { readOptions } from '../errors/readOptions.js';
import { ValidationError } from '../errors/validationError.js';
import type { LoadModelOptions } from './loadModel.js';

/** Every option `loadModel` reads (a new one is a type error here until it is listed). */
const LOAD_MODEL_OPTION_KEYS = everyKeyOf<LoadModelOptions>()([
  'intraOpNumThreads',
  'interOpNumThreads',
  'expectedSha256',
  'allowMonotoneViolations',
  'evaluator',
]);

/**
 * Refuses what `loadModel` cannot read, before any file is opened: a source that is neither a path
 * nor bytes, and options that are not an object, carry a key it does not read, or hold a value of
 * the wrong kind (a thread count other than 1 included: see LoadModelOptions). Called from
 * JavaScript it threw node's TypeErrors, and a misspelt option was ignored: `expectedSha265`
 * loaded any model, the integrity check the caller asked for never run.
 *
 * @returns the options read once into a plain copy (`{}` when none were given): the load uses it, never the caller's object
 * @throws ValidationError (subject `loadModel`) naming `pathOrBytes`; or (subject
 *   `LoadModelOptions`) naming every offending option, one whose read threw (`unreadable_input`) included
 */
export function checkLoadModelArguments(pathOrBytes: unknown, options: unknown): LoadModelOptions {
  if (typeof pathOrBytes !== 'string' && !(pathOrBytes instanceof Uint8Array)) {
    throw new ValidationError('loadModel', [
      {
        path: ['pathOrBytes'],
        code: 'invalid_type',
        message: "loadModel takes the model file's path or its bytes; for the default model, loadModel(defaultModelPath())",
        expected: 'string | Uint8Array',
        received: typeName(pathOrBytes),
      },
    ]);
  }
  // Read once into a plain copy, which the load then uses: a getter or Proxy is refused by name, never thrown raw.
  const { value, issues } = readOptions(options, LOAD_MODEL_OPTION_KEYS);
  if (issues.length > 0) throw new ValidationError('LoadModelOptions', issues);
  if (value === undefined) return {};
  const o = value;
  const threads = o.intraOpNumThreads;
  if (threads !== undefined && threads !== 1) {
    issues.push({
      path: ['intraOpNumThreads'],
      code: 'invalid_value',
      message:
        "intraOpNumThreads must be 1: above 1 onnxruntime adds a row's trees up in per-thread chunks, in an order that changes with the thread count and the run's size, so the same applicant got other PD bits (and another contentHash under the same decisionId) in decide and in decideBatch. For more cores use createScorerPool or --workers",
      expected: '1',
      received: typeof threads === 'number' ? String(threads) : typeName(threads),
    });
  }
  const interOp = o.interOpNumThreads;
  if (interOp !== undefined && interOp !== 1) {
    issues.push({
      path: ['interOpNumThreads'],
      code: 'invalid_value',
      message:
        "interOpNumThreads must be 1: the session runs its graph sequentially (executionMode 'sequential', the graph is one tree-ensemble node), where onnxruntime ignores the inter-op thread count, so any other count was taken and did nothing. For more cores use createScorerPool or --workers",
      expected: '1',
      received: typeof interOp === 'number' ? String(interOp) : typeName(interOp),
    });
  }
  issues.push(
    ...[
      typeIssue(['expectedSha256'], o.expectedSha256, 'string', 'the 64 hex digits of a SHA-256', true),
      typeIssue(['allowMonotoneViolations'], o.allowMonotoneViolations, 'boolean', 'true or false', true),
    ].filter((i) => i !== undefined),
  );
  if (o.evaluator !== undefined && o.evaluator !== 'auto' && o.evaluator !== 'onnxruntime') {
    issues.push({
      path: ['evaluator'],
      code: 'invalid_value',
      message: "evaluator (ScorerOptions.modelEvaluator) must be 'auto' or 'onnxruntime'",
      expected: "'auto' | 'onnxruntime'",
      received: typeof o.evaluator === 'string' ? o.evaluator : typeName(o.evaluator),
    });
  }
  if (issues.length > 0) throw new ValidationError('LoadModelOptions', issues);
  return value as LoadModelOptions;
}
