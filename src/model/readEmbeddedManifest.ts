import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';
import { MANIFEST_METADATA_KEY, ModelManifest } from './manifest.js';
import type { OnnxModel } from './onnx/onnxModel.js';

/**
 * The manifest an ONNX model carries under {@link MANIFEST_METADATA_KEY}, validated. The last entry
 * of that key wins, as onnxruntime's metadata map keeps the last. One reading for `loadModel` and
 * the model card, so the card describes the manifest the scorer feeds the model by.
 *
 * @throws CreditliftError `model_metadata_missing` when the model has no manifest; ValidationError
 *   (subject `ModelManifest`) when it is not JSON or not a valid manifest
 */
export function readEmbeddedManifest(onnx: OnnxModel): ModelManifest {
  const entry = [...onnx.metadataProps].reverse().find((p) => p.key === MANIFEST_METADATA_KEY);
  if (entry === undefined) {
    throw new CreditliftError('model_metadata_missing', `The model has no "${MANIFEST_METADATA_KEY}" entry in its metadata_props`);
  }
  let json: unknown;
  try {
    json = JSON.parse(entry.value);
  } catch (cause) {
    throw new ValidationError('ModelManifest', [
      { path: [], code: 'invalid_json', message: `The manifest is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}` },
    ]);
  }
  const parsed = ModelManifest.safeParse(json);
  if (!parsed.success) throw ValidationError.fromZod('ModelManifest', parsed.error);
  return parsed.data;
}
