import type { BatchResult } from '../../src/decision/createScorer.js';
import { builtPackage } from '../builtPackage.js';
import { openBareSession, type BenchWorkload } from '../benchWorkload.js';
import { measureThroughput, type ThroughputOptions, type ThroughputResult } from '../harness/measureThroughput.js';

/** `decideBatch` throughput beside one bare batched `session.run` of the same applicants' rows. */
export interface BatchThroughput {
  readonly batchSize: number;
  /** Rows per second of a bare `session.run` over the whole batch. */
  readonly bareRun: ThroughputResult;
  /** Decisions per second with full explanations, no what-if suggestions. */
  readonly noSuggestions: ThroughputResult;
  /** Decisions per second with the default options (3 what-if suggestions each). */
  readonly byDefault: ThroughputResult;
  /** Records that came back as errors (a benchmark of errors would flatter the scorer). */
  readonly errors: number;
}

/** Measures {@link BatchThroughput} on the whole workload as one batch, from the built package. */
export async function batchThroughput(w: BenchWorkload, options: ThroughputOptions): Promise<BatchThroughput> {
  const { createScorer } = (await builtPackage()).index;
  const n = w.applicants.length;
  const bare = await openBareSession(w);
  const plain = await createScorer({ model: w.modelPath, suggestionsPerDecision: 0 });
  const byDefaultScorer = await createScorer({ model: w.modelPath });
  let errors = 0;
  const count = (results: readonly BatchResult[]) => {
    for (const r of results) if (!r.ok) errors++;
    return results.length;
  };
  try {
    const bareRun = await measureThroughput(async () => {
      await bare.run(0, n);
      return n;
    }, options);
    const noSuggestions = await measureThroughput(async () => count(await plain.decideBatch(w.applicants)), options);
    const byDefault = await measureThroughput(async () => count(await byDefaultScorer.decideBatch(w.applicants)), options);
    return { batchSize: n, bareRun, noSuggestions, byDefault, errors };
  } finally {
    await Promise.all([bare.release(), plain.close(), byDefaultScorer.close()]);
  }
}
