/** Options every deciding command shares, as their help text lists them. */
export const SCORER_OPTIONS_HELP = `  --model DIR|FILE.onnx      model written by "creditlift train" (default: the embedded model)
  --policy FILE.json         policy overrides (or a full policy) as JSON (default: the default policy)
  --model-sha256 HEX         refuse to run unless the model file's SHA-256 is HEX (model_sha256_mismatch)`;

/** The parseArgs entries for {@link SCORER_OPTIONS_HELP}. */
export const SCORER_ARG_OPTIONS = {
  model: { type: 'string' },
  policy: { type: 'string' },
  'model-sha256': { type: 'string' },
} as const;
