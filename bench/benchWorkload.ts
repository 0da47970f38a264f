import * as ort from 'onnxruntime-node';
import { EXAMPLE_AS_OF } from '../src/examples/exampleApplicants.js';
import { createFeatureEncoder } from '../src/features/featureEncoder.js';
import { loadModel } from '../src/model/loadModel.js';
import type { Applicant } from '../src/schema/applicant.js';
import { featurizeApplicants } from '../src/train/defaultModel/featurizeApplicants.js';
import { generatePopulation } from '../src/train/synthetic/generatePopulation.js';

/** The inputs every benchmark shares: one model file, applicants drawn like the population, and their model rows. */
export interface BenchWorkload {
  readonly modelPath: string;
  readonly applicants: readonly Applicant[];
  /** Each applicant's primary model row (what one `decide` scores before what-ifs), row-major. */
  readonly rows: Float32Array;
  readonly width: number;
  readonly inputName: string;
  readonly outputName: string;
}

/** Synthetic applicants (seeded) and their encoded rows. */
export async function benchWorkload(modelPath: string, size: number): Promise<BenchWorkload> {
  const applicants = generatePopulation({ size, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant);
  const model = await loadModel(modelPath);
  try {
    const encoder = createFeatureEncoder(model.manifest);
    return {
      modelPath,
      applicants,
      rows: featurizeApplicants(applicants, encoder),
      width: encoder.width,
      inputName: model.manifest.inputName,
      outputName: model.manifest.probabilityOutputName,
    };
  } finally {
    await model.close();
  }
}

/** A bare onnxruntime-node session on the same model, with the options `loadModel` uses (one intra-op thread). */
export interface BareSession {
  /** One `session.run` of `nRows` rows starting at row `first`, fetching only the probability output. */
  run(first: number, nRows: number): Promise<unknown>;
  release(): Promise<void>;
}

/** Opens {@link BareSession} directly with onnxruntime-node: the floor creditlift's overhead is measured against. */
export async function openBareSession(w: BenchWorkload): Promise<BareSession> {
  const session = await ort.InferenceSession.create(w.modelPath, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const fetches = [w.outputName];
  return {
    run(first, nRows) {
      const data = w.rows.subarray(first * w.width, (first + nRows) * w.width);
      return session.run({ [w.inputName]: new ort.Tensor('float32', data, [nRows, w.width]) }, fetches);
    },
    release: () => session.release(),
  };
}
