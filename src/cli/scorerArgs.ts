/** Options every deciding command shares, as their help text lists them. */
export const SCORER_OPTIONS_HELP = `  --model DIR|FILE.onnx      model written by "creditlift train" (default: the embedded model)
  --policy FILE.json         policy overrides as JSON, merged into the default policy and validated
  --model-sha256 HEX         refuse to run unless the model file's SHA-256 is HEX (model_sha256_mismatch)
  --features MODULE          an ES module exporting defineFeatureSet(...) (default export or
                             "features"): your own features and applicant attributes
  --catalog FILE.json        your own certificate kinds: a JSON array of kind specs, as
                             "creditlift catalog --json" prints them (an id of the default catalog
                             replaces that kind, a new id adds one), or an object {"kinds": [...],
                             "remove": ["ielts", ...]} whose "remove" takes default kinds out (an
                             id the default catalog lacks is refused); without it an upload of a
                             kind the default catalog lacks is rejected unknown_kind (said on stderr)
  --signing-key-file FILE    sign every decision (audit.signature) with the key in FILE (>= 32 bytes;
                             a leading UTF-8 BOM and one trailing newline are dropped); also keys
                             the personal-data hashes
  --personal-data-key-file FILE
                             key the personal-data hashes (inputHash, subjectHash, decisionId,
                             credentialRef) with the key in FILE instead
  --model-evaluator auto|onnxruntime
                             auto (default): small runs on the JavaScript evaluator when loading
                             proved it bit-equal to onnxruntime; onnxruntime: every run on it`;

/** The parseArgs entries for {@link SCORER_OPTIONS_HELP}. */
export const SCORER_ARG_OPTIONS = {
  model: { type: 'string' },
  policy: { type: 'string' },
  'model-sha256': { type: 'string' },
  features: { type: 'string' },
  catalog: { type: 'string' },
  'signing-key-file': { type: 'string' },
  'personal-data-key-file': { type: 'string' },
  'model-evaluator': { type: 'string' },
} as const;
