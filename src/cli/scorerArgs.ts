/** Options every deciding command shares, as their help text lists them. */
export const SCORER_OPTIONS_HELP = `  --model DIR|FILE.onnx      model written by "creditlift train" (default: the embedded model)
  --policy FILE.json         policy overrides as JSON, merged into the default policy and validated`;

/** The parseArgs entries for {@link SCORER_OPTIONS_HELP}. */
export const SCORER_ARG_OPTIONS = {
  model: { type: 'string' },
  policy: { type: 'string' },
} as const;
