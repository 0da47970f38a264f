import type { BatchResult } from '../../src/decision/createScorer.js';
import type { BatchResultJson } from '../../src/parallel/batchResultJson.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import type { BenchWorkload } from '../benchWorkload.js';
import { measureThroughput, type ThroughputOptions, type ThroughputResult } from '../harness/measureThroughput.js';

/**
 * Pool throughput by worker count, full explanations, no what-if previews: `decideBatch` (decision
 * objects rebuilt on the calling thread) and `decideBatchJson` (decisions as JSON text, for callers
 * that write them out).
 */
export interface PoolScaling {
  readonly batchSize: number;
  readonly byWorkers: readonly { readonly workers: number; readonly mode: 'objects' | 'json'; readonly throughput: ThroughputResult }[];
  readonly errors: number;
}

/** Measures {@link PoolScaling}, one pool at a time so pools never compete for the cores. */
export async function poolScaling(w: BenchWorkload, workerCounts: readonly number[], options: ThroughputOptions): Promise<PoolScaling> {
  const byWorkers: { workers: number; mode: 'objects' | 'json'; throughput: ThroughputResult }[] = [];
  let errors = 0;
  const count = (results: readonly (BatchResult | BatchResultJson)[]) => {
    for (const r of results) if (!r.ok) errors++;
    return results.length;
  };
  for (const workers of workerCounts) {
    const pool = await createScorerPool({ workers, scorer: { model: w.modelPath, suggestionsPerDecision: 0 } });
    try {
      byWorkers.push({ workers, mode: 'objects', throughput: await measureThroughput(async () => count(await pool.decideBatch(w.applicants)), options) });
      byWorkers.push({ workers, mode: 'json', throughput: await measureThroughput(async () => count(await pool.decideBatchJson(w.applicants)), options) });
    } finally {
      await pool.close();
    }
  }
  return { batchSize: w.applicants.length, byWorkers, errors };
}
