import { encodeTreeEnsembleModel, PROBABILITY_OUTPUT_NAME } from './onnx/encodeTreeEnsemble.js';
import type { OnnxRuntime } from './onnxRuntime.js';
import { logisticAsOnnxruntime } from './onnxruntimeLogistic.js';
import { allocateTree, NodeMode, type TreeEnsemble } from './treeEnsemble.js';

/** Scores a one-feature ensemble with onnxruntime on rows x = 0, 1, ..., n - 1 (column 1 of its output). */
export type OracleScorer = (ensemble: TreeEnsemble, nRows: number) => Promise<Float32Array>;

/**
 * 64 float32 margins whose exact exp(-|m|) lies between 1 and 8 guards ({@link EXP_GUARD}) from
 * a float32 rounding midpoint: the rows {@link logisticAsOnnxruntime} trusts that are closest to
 * where a C library's expf could round the other way. Found once by a seeded search over
 * [-12, 12] (a few hundred thousand candidates, too slow for every load); the test checks each
 * still lies in that band.
 */
export const NEAR_GUARD_MARGINS: readonly number[] = [
  -1.785013198852539, -8.75229549407959, -7.90230655670166, 3.3827569484710693, 11.566732406616211, -11.452216148376465, 6.354506015777588, 8.653648376464844,
  -4.74179744720459, 6.170018672943115, 1.3620736598968506, -4.003809928894043, -2.7647929191589355, 5.441705703735352, 3.9013004302978516, -5.936825752258301,
  3.0766093730926514, -10.039310455322266, -4.891419410705566, 10.157402992248535, 0.7200820446014404, 3.4908711910247803, 4.204980373382568,
  -9.659470558166504, -7.994723796844482, 5.442040920257568, 0.6781073808670044, 2.0095412731170654, -1.9967386722564697, 11.379212379455566,
  2.6958889961242676, 4.9353766441345215, 3.1462674140930176, -8.366532325744629, 4.711983680725098, -5.68564510345459, 3.1046857833862305, -2.8416900634765625,
  8.236930847167969, -7.104824542999268, -10.101520538330078, 5.155834197998047, 4.195440769195557, -5.933359146118164, -3.6592354774475098, 3.5946273803710938,
  -8.56735897064209, 0.4087520241737366, 3.091432571411133, 8.153786659240723, 6.43834924697876, 5.530081748962402, 2.627769947052002, -10.363968849182129,
  -0.7422722578048706, 5.5759382247924805, 3.8795182704925537, -0.3937208354473114, 5.621179580688477, 6.436653137207031, -2.538578987121582,
  0.7840405702590942, 8.761138916015625, 0.36945733428001404,
];

/** One balanced tree over feature 0 whose leaf k (reached by x = k) holds margins[k], base 0, LOGISTIC. */
export function logisticOracle(margins: Float32Array): TreeEnsemble {
  const tree = allocateTree(2 * margins.length - 1);
  let next = 0;
  const place = (lo: number, hi: number): number => {
    const i = next++;
    if (hi - lo === 1) {
      tree.leafValue[i] = margins[lo] as number;
      return i;
    }
    const mid = (lo + hi) >> 1;
    tree.mode[i] = NodeMode.BRANCH_LT;
    tree.feature[i] = 0;
    tree.threshold[i] = mid;
    tree.trueChild[i] = place(lo, mid);
    tree.falseChild[i] = place(mid, hi);
    return i;
  };
  place(0, margins.length);
  return { nFeatures: 1, trees: [tree], baseValue: 0, postTransform: 'LOGISTIC' };
}

/**
 * Runs {@link NEAR_GUARD_MARGINS} through onnxruntime's LOGISTIC (a one-tree oracle model) and
 * compares each P's bits with {@link logisticAsOnnxruntime}: undefined when all agree, else the
 * first disagreement.
 *
 * @example
 * const problem = await findLogisticDisagreement(onnxruntimeOracleScorer(runtime));
 */
export async function findLogisticDisagreement(score: OracleScorer): Promise<string | undefined> {
  const margins = Float32Array.from(NEAR_GUARD_MARGINS);
  const want = await score(logisticOracle(margins), margins.length);
  for (let k = 0; k < margins.length; k++) {
    const m = margins[k] as number;
    const got = logisticAsOnnxruntime(m);
    if (!Object.is(got, want[k])) {
      return `onnxruntime's float32 logistic of margin ${m} is ${want[k]}, the JS evaluator's ${got}: this platform's expf rounds differently beyond the guard`;
    }
  }
  return undefined;
}

let proved: Promise<string | undefined> | undefined;

/**
 * {@link findLogisticDisagreement}, once per process: it checks the assumption
 * {@link logisticAsOnnxruntime} rests on, that this platform's expf (inside onnxruntime) rounds like
 * the exact exp wherever the exact exp is more than the guard away from a float32 midpoint. That is
 * a property of the platform, not of a model, and a model's own probe rarely lands near such
 * midpoints, so the margins are chosen to. A failure is cached too (the JS evaluator then serves no
 * LOGISTIC model); an error in running the oracle is not.
 *
 * @example
 * const problem = await proveOnnxruntimeLogistic(onnxruntimeOracleScorer(runtime));
 */
export function proveOnnxruntimeLogistic(score: OracleScorer): Promise<string | undefined> {
  proved ??= findLogisticDisagreement(score).catch((e: unknown) => {
    proved = undefined;
    throw e;
  });
  return proved;
}

/**
 * An {@link OracleScorer} on onnxruntime itself: a throw-away session of the oracle model, the way
 * creditlift's encoder writes models, one intra-op thread.
 */
export function onnxruntimeOracleScorer(runtime: OnnxRuntime): OracleScorer {
  return async (ensemble, nRows) => {
    const bytes = encodeTreeEnsembleModel({ ensemble, featureNames: ['x'], metadata: {} });
    const session = await runtime.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    try {
      const x = Float32Array.from({ length: nRows }, (_, k) => k);
      const out = await session.run({ features: new runtime.Tensor('float32', x, [nRows, 1]) }, [PROBABILITY_OUTPUT_NAME]);
      const probs = out[PROBABILITY_OUTPUT_NAME]?.data;
      if (!(probs instanceof Float32Array) || probs.length !== 2 * nRows) throw new Error('the logistic oracle returned an unexpected tensor');
      return Float32Array.from({ length: nRows }, (_, r) => probs[2 * r + 1] as number);
    } finally {
      await session.release();
    }
  };
}
