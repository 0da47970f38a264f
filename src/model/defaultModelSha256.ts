/**
 * SHA-256 of the default model this release ships (`models/default/model.onnx`), as every decision
 * it makes records in `audit.modelSha256`. A test keeps it equal to the file's. Readers of stored
 * decisions compare it without loading the model: a decision claiming to be 0.1.0's cannot name it
 * (0.1.0's default model, under the same id `creditlift-default@1.0.0`, was another build).
 */
export const DEFAULT_MODEL_SHA256 = 'c543316c15071bab93ac42fc6a39df39d2edd4b0b5e70b9062cd430832fe1b53';
