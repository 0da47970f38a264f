import type { BatchResult } from '../../src/decision/createScorer.js';
import { builtPackage } from '../builtPackage.js';
import type { BenchWorkload } from '../benchWorkload.js';
import { cpuMicrosOf } from '../harness/processCpu.js';
import { measureThroughput, type ThroughputOptions, type ThroughputResult } from '../harness/measureThroughput.js';

/**
 * Pool throughput by worker count through the default API (`createScorerPool` + `decideBatch`,
 * decisions back as objects), full explanations, no what-if suggestions.
 */
export interface PoolScaling {
  readonly batchSize: number;
  readonly byWorkers: readonly { readonly workers: number; readonly throughput: ThroughputResult }[];
  readonly errors: number;
}

/** Measures {@link PoolScaling}, one pool at a time so pools never compete for the cores. */
export async function poolScaling(w: BenchWorkload, workerCounts: readonly number[], options: ThroughputOptions): Promise<PoolScaling> {
  const { createScorerPool } = (await builtPackage()).index;
  const byWorkers: { workers: number; throughput: ThroughputResult }[] = [];
  let errors = 0;
  const count = (results: readonly BatchResult[]) => {
    for (const r of results) if (!r.ok) errors++;
    return results.length;
  };
  for (const workers of workerCounts) {
    const pool = await createScorerPool({ workers, scorer: { model: w.modelPath, suggestionsPerDecision: 0 } });
    try {
      // The workers are processes of their own: their CPU is charged to the figure too.
      const workersCpu = () => cpuMicrosOf(pool.workerPids());
      byWorkers.push({
        workers,
        throughput: await measureThroughput(async () => count(await pool.decideBatch(w.applicants)), options, { otherProcessesCpuMicros: workersCpu }),
      });
    } finally {
      await pool.close();
    }
  }
  return { batchSize: w.applicants.length, byWorkers, errors };
}
