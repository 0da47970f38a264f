/**
 * SHA-256 of the default model this release ships (`models/default/model.onnx`), as every decision
 * it makes records in `audit.modelSha256`. A test keeps it equal to the file's. Readers of stored
 * decisions compare it without loading the model: a decision claiming to be 0.1.0's cannot name it
 * (0.1.0's default model, under the same id `creditlift-default@1.0.0`, was another build).
 */
export const DEFAULT_MODEL_SHA256 = '5e6b5ee917c63cb39cf4c8484ccc09a3d49050022fac1613cebe9009e9122a2c';
