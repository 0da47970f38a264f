import type { BatchResult } from '../../src/decision/createScorer.js';
import { builtPackage } from '../builtPackage.js';
import type { BenchWorkload } from '../benchWorkload.js';
import { cpuMicrosOf } from '../harness/processCpu.js';
import { measureInterleaved, type ThroughputOptions, type ThroughputResult } from '../harness/measureThroughput.js';

/**
 * Pool throughput by worker count through the default API (`createScorerPool` + `decideBatch`,
 * decisions back as objects), full explanations, no what-if suggestions.
 */
export interface PoolScaling {
  readonly batchSize: number;
  readonly byWorkers: readonly { readonly workers: number; readonly throughput: ThroughputResult }[];
  readonly errors: number;
}

/**
 * Measures {@link PoolScaling}: every pool started first, then their rounds taken in turns (see
 * measureInterleaved), so drift on a shared machine falls on every worker count alike. A pool
 * waiting its turn sits idle on its pipes, so pools never compete for the cores. (Measured one pool
 * after the other, the ratio swung with whatever else ran: 1.08x to 1.76x across full runs.)
 */
export async function poolScaling(w: BenchWorkload, workerCounts: readonly number[], options: ThroughputOptions): Promise<PoolScaling> {
  const { createScorerPool } = (await builtPackage()).index;
  let errors = 0;
  const count = (results: readonly BatchResult[]) => {
    for (const r of results) if (!r.ok) errors++;
    return results.length;
  };
  const pools: Awaited<ReturnType<typeof createScorerPool>>[] = [];
  try {
    for (const workers of workerCounts) pools.push(await createScorerPool({ workers, scorer: { model: w.modelPath, suggestionsPerDecision: 0 } }));
    const results = await measureInterleaved(
      pools.map((pool) => ({
        round: async () => count(await pool.decideBatch(w.applicants)),
        // The workers are processes of their own: their CPU is charged to the figure too.
        charges: { otherProcessesCpuMicros: () => cpuMicrosOf(pool.workerPids()) },
      })),
      options,
    );
    return { batchSize: w.applicants.length, byWorkers: workerCounts.map((workers, k) => ({ workers, throughput: results[k] as ThroughputResult })), errors };
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
}
