import * as ort from 'onnxruntime-node';
import type { Applicant } from '../src/schema/applicant.js';
import { builtPackage } from './builtPackage.js';

/** The inputs a benchmark case works on: one model file, applicants and their model rows. */
export interface BenchWorkload {
  readonly modelPath: string;
  readonly applicants: readonly Applicant[];
  /** Each applicant's primary model row (what one `decide` scores before what-ifs), row-major. */
  readonly rows: Float32Array;
  readonly width: number;
  readonly inputName: string;
  readonly outputName: string;
}

/** Synthetic applicants drawn like the training population (seeded), on the default model. */
export async function populationWorkload(size: number): Promise<BenchWorkload> {
  const { train, examples } = await builtPackage();
  const applicants = train.generatePopulation({ size, seed: 20_261_101, asOf: examples.EXAMPLE_AS_OF }).map((r) => r.applicant);
  return workloadOf(applicants);
}

/** The package's example applicants (the issue-20 `decide()` targets are stated on them). */
export async function exampleWorkload(): Promise<BenchWorkload> {
  const { examples, index } = await builtPackage();
  // Parsed as decide() parses them, so the bare run scores the same rows.
  return workloadOf(examples.exampleApplicants.map((e) => index.parseApplicant(e.applicant)));
}

async function workloadOf(applicants: readonly Applicant[]): Promise<BenchWorkload> {
  const { index, train, internals } = await builtPackage();
  const modelPath = index.defaultModelPath();
  const model = await index.loadModel(modelPath);
  try {
    const encoder = internals.createFeatureEncoder(model.manifest);
    return {
      modelPath,
      applicants,
      rows: train.featurizeApplicants(applicants, encoder),
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
