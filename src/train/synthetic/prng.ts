/**
 * A small seeded pseudo-random generator (xoshiro128**) with the handful of distributions the
 * synthetic population needs. Never Math.random: the same seed must give the same population on
 * every machine, so all draws go through integer arithmetic that JavaScript defines exactly.
 */
import { refuseArguments, typeIssue } from '../../errors/argumentIssues.js';
import type { ValidationIssue } from '../../errors/validationError.js';

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Prefer {@link createPrng}; this takes the raw 128-bit state, which must not be all zero. */
  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // xoshiro is stuck at zero forever from an all-zero state.
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 0x9e3779b9 | 0;
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box-Muller; one value per call keeps the stream position easy to reason about). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next(); // (0, 1], so log is finite
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-scale spread. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Poisson count (Knuth); only used with small means, where it is exact and quick. */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit && k < 1000) {
      k += 1;
      p *= this.next();
    }
    return k;
  }

  /** Draws from a precomputed {@link WeightedTable}. */
  pick<T>(table: WeightedTable<T>): T {
    const r = this.next() * table.total;
    const { cumulative, values } = table;
    for (let i = 0; i < cumulative.length; i += 1) {
      if (r < (cumulative[i] as number)) return values[i] as T;
    }
    return values[values.length - 1] as T;
  }

  /** 32 lowercase hex characters, for synthetic credential ids. */
  hex32(): string {
    let out = '';
    for (let i = 0; i < 4; i += 1) out += this.nextUint32().toString(16).padStart(8, '0');
    return out;
  }
}

/** Values with cumulative weights, built once so a draw is a short scan rather than a re-sum. */
export interface WeightedTable<T> {
  readonly values: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

/** Builds a {@link WeightedTable} from `[value, weight]` pairs or a record of weights. */
export function weighted<T extends string>(weights: Readonly<Partial<Record<T, number>>>): WeightedTable<T>;
export function weighted<T>(pairs: readonly (readonly [T, number])[]): WeightedTable<T>;
export function weighted<T>(input: readonly (readonly [T, number])[] | Readonly<Record<string, number | undefined>>): WeightedTable<T> {
  const pairs = (Array.isArray(input) ? input : Object.entries(input)) as readonly (readonly [T, number | undefined])[];
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, weight] of pairs) {
    if (weight === undefined || !(weight > 0)) continue;
    total += weight;
    values.push(value);
    cumulative.push(total);
  }
  return { values, cumulative, total };
}

/**
 * A generator for one (seed, stream) pair. Each applicant gets its own stream, so adding a draw for
 * applicant 7 never shifts applicant 8, and any applicant can be regenerated alone.
 *
 * @param seed a non-negative safe integer (as `generatePopulation` takes)
 * @param stream a non-negative safe integer
 * @throws ValidationError naming `seed` or `stream` otherwise: `createPrng('x')` used to give the
 *   generator of seed 0, as if asked for it
 */
export function createPrng(seed: number, stream = 0): Prng {
  refuseArguments('createPrng', [seedIssue(['seed'], seed), seedIssue(['stream'], stream)]);
  return seededPrng(seed, stream);
}

function seedIssue(path: readonly string[], value: unknown): ValidationIssue | undefined {
  const wrongType = typeIssue(path, value, 'integer', 'a non-negative safe integer');
  if (wrongType !== undefined || (value as number) >= 0) return wrongType;
  return { path: [...path], code: 'too_small', message: `${path[0]} must be a non-negative safe integer` };
}

/** {@link createPrng} for callers whose seed is already checked (one stream per synthetic applicant). */
export function seededPrng(seed: number, stream = 0): Prng {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  const s = mix32(stream ^ mix32(hi ^ 0x5bd1e995));
  return new Prng(mix32(lo ^ s), mix32((lo + 0x9e3779b9) ^ mix32(s + 1)), mix32((lo + 0x3c6ef372) ^ mix32(s + 2)), mix32((lo + 0xdaa66d2b) ^ mix32(s + 3)));
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** murmur3's 32-bit finaliser: spreads nearby seeds and streams across the whole state. */
function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
