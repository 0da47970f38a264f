/**
 * Measures the float32 JS evaluator against onnxruntime on the default model, all in one process so
 * the ratios share the machine's load: per-run time at several run sizes (to place the JS/onnxruntime
 * switch, `JS_EVALUATOR_MAX_ROWS`), `decide()` latency with the default 'auto' evaluator vs
 * onnxruntime forced (interleaved), and the load-time cost of the probe.
 *
 * `npx tsx scripts/measureModelEvaluator.ts [runs|probe|decide]` (default: all). Figures go to
 * bench/RESULTS.md by hand ("Model evaluation: float32 JS evaluator").
 */
import { loadavg } from 'node:os';
import { createScorer } from '../src/decision/createScorer.js';
import { exampleApplicants } from '../src/examples/exampleApplicants.js';
import { defaultModelPath } from '../src/model/defaultModelPath.js';
import { buildProbeRows } from '../src/model/evaluatorProbeRows.js';
import { flattenFloat32Ensemble } from '../src/model/float32Ensemble.js';
import { evaluateFloat32 } from '../src/model/float32Evaluator.js';
import { loadModel } from '../src/model/loadModel.js';

const median = (a: readonly number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] as number;

async function runSizes(): Promise<void> {
  const model = await loadModel(defaultModelPath(), { evaluator: 'onnxruntime' });
  const width = model.ensemble.nFeatures;
  const flat = flattenFloat32Ensemble(model.ensemble);
  if (!flat.ok) throw new Error(flat.reason);
  const probe = buildProbeRows(model.ensemble);
  for (const n of [1, 2, 3, 4, 6, 8, 12, 16, 32]) {
    const js: number[] = [];
    const onnx: number[] = [];
    for (let rep = 0; rep < 400; rep++) {
      const offset = ((rep * 13) % (probe.nRows - n)) * width;
      const rows = probe.rows.subarray(offset, offset + n * width);
      let t = performance.now();
      evaluateFloat32(flat.ensemble, rows, n, new Float32Array(n), []);
      await Promise.resolve(); // the JS path still answers through a promise
      js.push(performance.now() - t);
      t = performance.now();
      await model.predict(rows, n);
      onnx.push(performance.now() - t);
    }
    console.log(
      `run of ${n} rows: JS ${(median(js) * 1000).toFixed(1)} us, onnxruntime ${(median(onnx) * 1000).toFixed(1)} us, onnxruntime/JS ${(median(onnx) / median(js)).toFixed(2)}`,
    );
  }
  await model.close();
}

async function probeCost(): Promise<void> {
  const probe: number[] = [];
  for (let i = 0; i < 7; i++) {
    const m = await loadModel(defaultModelPath());
    if (i === 0) console.log(m.evaluator);
    probe.push(m.evaluator.probe?.milliseconds ?? Number.NaN);
    await m.close();
  }
  const loads: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const m = await loadModel(defaultModelPath(), { evaluator: 'onnxruntime' });
    loads.push(performance.now() - t);
    await m.close();
  }
  console.log(`probe: median ${median(probe)} ms (${probe.join(', ')}); a load without the probe: median ${median(loads).toFixed(1)} ms`);
}

async function decideLatency(): Promise<void> {
  for (const suggestionsPerDecision of [0, 3]) {
    const auto = await createScorer({ suggestionsPerDecision });
    const forced = await createScorer({ suggestionsPerDecision, modelEvaluator: 'onnxruntime' });
    const a: number[] = [];
    const b: number[] = [];
    for (let rep = 0; rep < (suggestionsPerDecision === 0 ? 60 : 15); rep++) {
      for (const e of exampleApplicants) {
        // Alternate which goes first, so neither always runs right after the other's garbage.
        for (const which of rep % 2 === 0 ? [0, 1] : [1, 0]) {
          const t = performance.now();
          await (which === 0 ? auto : forced).decide(e.applicant);
          (which === 0 ? a : b).push(performance.now() - t);
        }
      }
    }
    console.log(
      `decide(), ${suggestionsPerDecision} suggestions: auto ${(median(a) * 1000).toFixed(0)} us, onnxruntime forced ${(median(b) * 1000).toFixed(0)} us, forced/auto ${(median(b) / median(a)).toFixed(2)}x (${a.length} each)`,
    );
    await Promise.all([auto.close(), forced.close()]);
  }
}

const part = process.argv[2] ?? 'all';
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
if (part === 'all' || part === 'runs') await runSizes();
if (part === 'all' || part === 'probe') await probeCost();
if (part === 'all' || part === 'decide') await decideLatency();
