import { createScorer } from '../../src/decision/createScorer.js';
import { openBareSession, type BenchWorkload } from '../benchWorkload.js';
import { measureLatency, type LatencyOptions } from '../harness/measureLatency.js';
import type { SampleSummary } from '../harness/summarizeSamples.js';

/** `decide()` latency beside a bare one-row `session.run` on the same model. */
export interface DecideLatency {
  readonly bareRun: SampleSummary;
  /** Full explanation (contributions, reasons, certificate impacts), no what-if previews. */
  readonly decide: SampleSummary;
  /** As `decide`, plus three what-if suggestions (the scorer's default). */
  readonly decideWithSuggestions: SampleSummary;
}

/** Measures {@link DecideLatency}, the three interleaved, cycling through the workload's applicants. */
export async function decideLatency(w: BenchWorkload, options: LatencyOptions): Promise<DecideLatency> {
  const bare = await openBareSession(w);
  const plain = await createScorer({ model: w.modelPath, suggestionsPerDecision: 0 });
  const suggesting = await createScorer({ model: w.modelPath, suggestionsPerDecision: 3 });
  const n = w.applicants.length;
  try {
    const [bareRun, decide, decideWithSuggestions] = await measureLatency(
      [(i) => bare.run(i % n, 1), (i) => plain.decide(w.applicants[i % n]!), (i) => suggesting.decide(w.applicants[i % n]!)],
      options,
    );
    return { bareRun: bareRun as SampleSummary, decide: decide as SampleSummary, decideWithSuggestions: decideWithSuggestions as SampleSummary };
  } finally {
    await Promise.all([bare.release(), plain.close(), suggesting.close()]);
  }
}
