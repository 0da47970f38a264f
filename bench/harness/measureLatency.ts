import { summarizeSamples, type SampleSummary } from './summarizeSamples.js';

/** Options of {@link measureLatency}. */
export interface LatencyOptions {
  /** Untimed calls first, so the JIT, caches and the runtime's arenas settle. */
  readonly warmup: number;
  /** Timed calls. */
  readonly iterations: number;
}

/** A function under test; `i` lets it cycle through inputs. */
export type Step = (i: number) => unknown;

/**
 * Times each call of every step separately and summarises the per-call times. Steps are
 * interleaved in blocks (A, B, A, B, ...) so drift in the machine (thermal, other load, GC debt)
 * falls on all of them alike, which keeps their ratio honest.
 */
export async function measureLatency(steps: readonly Step[], options: LatencyOptions): Promise<SampleSummary[]> {
  for (const step of steps) for (let i = 0; i < options.warmup; i++) await step(i);
  const blocks = 10;
  const perBlock = Math.max(1, Math.ceil(options.iterations / blocks));
  const samples = steps.map(() => new Float64Array(perBlock * blocks));
  for (let b = 0; b < blocks; b++) {
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s] as Step;
      const out = samples[s] as Float64Array;
      for (let k = 0; k < perBlock; k++) {
        const i = b * perBlock + k;
        const t0 = process.hrtime.bigint();
        const r = step(i);
        // Await only real promises: a sync step should not pay a microtask turn in its timing.
        if (r instanceof Promise) await r;
        out[i] = Number(process.hrtime.bigint() - t0);
      }
    }
  }
  return samples.map(summarizeSamples);
}
