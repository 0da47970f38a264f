import { quantile } from './summarizeSamples.js';

/** Options of {@link measureThroughput}. */
export interface ThroughputOptions {
  readonly warmupRounds: number;
  readonly rounds: number;
}

/** Items per second over repeated rounds, by wall clock and by CPU time of the whole process. */
export interface ThroughputResult {
  readonly rounds: number;
  readonly itemsPerRound: number;
  /** Median over rounds of items per wall-clock second. */
  readonly perSecond: number;
  /** Best round, items per wall-clock second. */
  readonly bestPerSecond: number;
  /**
   * Items per CPU-second (user + system, all threads of the process, summed over rounds, plus any
   * other processes charged, such as a pool's workers): the per-core figure.
   */
  readonly perCpuSecond: number;
}

/** Extra CPU to charge: a clock of other processes' CPU microseconds (the pool's workers). */
export interface CpuCharges {
  readonly otherProcessesCpuMicros?: () => number;
}

/** A round of work that processes some items and says how many. */
export type Round = () => Promise<number>;

/** Runs `round` repeatedly and reports its throughput; see {@link ThroughputResult}. */
export async function measureThroughput(round: Round, options: ThroughputOptions, charges: CpuCharges = {}): Promise<ThroughputResult> {
  const [result] = await measureInterleaved([{ round, charges }], options);
  return result as ThroughputResult;
}

/**
 * {@link measureThroughput} of several rounds at once, taking turns: round i of each before round
 * i + 1 of any, so a slow spell of a shared machine falls on all of them and their ratios stay fair.
 * Every warm-up comes first.
 */
export async function measureInterleaved(
  subjects: readonly { readonly round: Round; readonly charges?: CpuCharges }[],
  options: ThroughputOptions,
): Promise<ThroughputResult[]> {
  for (const { round } of subjects) for (let i = 0; i < options.warmupRounds; i++) await round();
  const tallies = subjects.map(() => ({ rates: new Float64Array(options.rounds), items: 0, cpuMicros: 0 }));
  for (let i = 0; i < options.rounds; i++) {
    for (const [k, { round, charges }] of subjects.entries()) {
      const tally = tallies[k] as (typeof tallies)[number];
      const others = charges?.otherProcessesCpuMicros ?? (() => 0);
      const cpu0 = process.cpuUsage();
      const others0 = others();
      const t0 = process.hrtime.bigint();
      const n = await round();
      const ns = Number(process.hrtime.bigint() - t0);
      const cpu = process.cpuUsage(cpu0);
      tally.cpuMicros += cpu.user + cpu.system + (others() - others0);
      tally.items += n;
      tally.rates[i] = (n * 1e9) / ns;
    }
  }
  return tallies.map(({ rates, items, cpuMicros }) => {
    rates.sort();
    return {
      rounds: options.rounds,
      itemsPerRound: items / options.rounds,
      perSecond: quantile(rates, 0.5),
      bestPerSecond: rates[rates.length - 1] ?? Number.NaN,
      perCpuSecond: (items * 1e6) / cpuMicros,
    };
  });
}
