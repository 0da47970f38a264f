/**
 * `creditlift/train`: train a gradient-boosted tree credit model from a CSV or typed arrays,
 * measure it, and export it to ONNX with its manifest.
 * @packageDocumentation
 */
export * from './gbdt/index.js';
export * from './dataset/index.js';
export * from './commands/index.js';
