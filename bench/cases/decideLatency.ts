import { builtPackage } from '../builtPackage.js';
import { openBareSession, type BenchWorkload } from '../benchWorkload.js';
import { measureLatency, type LatencyOptions } from '../harness/measureLatency.js';
import type { SampleSummary } from '../harness/summarizeSamples.js';

/** `decide()` latency beside a bare one-row `session.run` on the same model, all from the built package. */
export interface DecideLatency {
  /** Applicants cycled through (the example applicants). */
  readonly applicants: number;
  readonly bareRun: SampleSummary;
  /** Default options: full explanation and the default 3 what-if suggestions. */
  readonly decideDefault: SampleSummary;
  /** Full explanation (contributions, reasons, certificate impacts), no what-if suggestions. */
  readonly decideNoSuggestions: SampleSummary;
}

/** Measures {@link DecideLatency}, the three interleaved, cycling through the workload's applicants. */
export async function decideLatency(w: BenchWorkload, options: LatencyOptions): Promise<DecideLatency> {
  const { createScorer } = (await builtPackage()).index;
  const bare = await openBareSession(w);
  const byDefault = await createScorer({ model: w.modelPath });
  const plain = await createScorer({ model: w.modelPath, suggestionsPerDecision: 0 });
  const n = w.applicants.length;
  try {
    const [bareRun, decideDefault, decideNoSuggestions] = (await measureLatency(
      [(i) => bare.run(i % n, 1), (i) => byDefault.decide(w.applicants[i % n]!), (i) => plain.decide(w.applicants[i % n]!)],
      options,
    )) as [SampleSummary, SampleSummary, SampleSummary];
    return { applicants: n, bareRun, decideDefault, decideNoSuggestions };
  } finally {
    await Promise.all([bare.release(), byDefault.close(), plain.close()]);
  }
}
