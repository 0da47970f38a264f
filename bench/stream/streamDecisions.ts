import { createScorer } from '../../src/decision/createScorer.js';
import { EXAMPLE_AS_OF } from '../../src/examples/exampleApplicants.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { iteratePopulation } from '../../src/train/synthetic/generatePopulation.js';

/** Options of {@link streamDecisions}. */
export interface StreamOptions {
  readonly modelPath: string;
  readonly total: number;
  readonly batchSize: number;
  readonly suggestionsPerDecision: number;
}

/** What a decision stream cost, in memory and time. */
export interface StreamResult {
  readonly decisions: number;
  readonly errors: number;
  readonly batchSize: number;
  readonly suggestionsPerDecision: number;
  /** Peak resident set of the whole process (`process.resourceUsage().maxRSS`), MiB. */
  readonly peakRssMiB: number;
  /** Resident set after the scorer loaded, before the first decision, MiB. */
  readonly startRssMiB: number;
  /** Resident set at the end, MiB: near the start figure when nothing is retained. */
  readonly endRssMiB: number;
  readonly seconds: number;
  /** Of `seconds`, the time spent generating applicants (not creditlift's cost). */
  readonly generateSeconds: number;
  /** Decisions per second of scoring time (generation excluded). */
  readonly decisionsPerSecond: number;
}

const MiB = 2 ** 20;

/**
 * Decides `total` synthetic applicants generated on the fly, `batchSize` at a time, holding one
 * batch at a time, and reports peak RSS. Run it in a process of its own: the peak is the
 * process's, so anything loaded earlier would count against the stream.
 */
export async function streamDecisions(o: StreamOptions): Promise<StreamResult> {
  const scorer = await createScorer({ model: o.modelPath, suggestionsPerDecision: o.suggestionsPerDecision });
  const startRss = process.memoryUsage.rss();
  const t0 = process.hrtime.bigint();
  let genNs = 0n;
  let decisions = 0;
  let errors = 0;
  let batch: Applicant[] = [];
  const rows = iteratePopulation({ size: o.total, seed: 1_000_003, asOf: EXAMPLE_AS_OF });
  for (;;) {
    const g0 = process.hrtime.bigint();
    batch = [];
    for (let r = rows.next(); ; r = rows.next()) {
      if (r.done === true) break;
      batch.push(r.value.applicant);
      if (batch.length === o.batchSize) break;
    }
    genNs += process.hrtime.bigint() - g0;
    if (batch.length === 0) break;
    for (const r of await scorer.decideBatch(batch)) {
      decisions++;
      if (!r.ok) errors++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const generateSeconds = Number(genNs) / 1e9;
  await scorer.close();
  return {
    decisions,
    errors,
    batchSize: o.batchSize,
    suggestionsPerDecision: o.suggestionsPerDecision,
    // maxRSS is in KiB.
    peakRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
    startRssMiB: startRss / MiB,
    endRssMiB: process.memoryUsage.rss() / MiB,
    seconds,
    generateSeconds,
    decisionsPerSecond: decisions / (seconds - generateSeconds),
  };
}
