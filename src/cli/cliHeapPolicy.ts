/**
 * The command line's own heap policy. Over a long stream V8's heap, not creditlift's data, sets
 * the resident memory (bench/RESULTS.md, "Where a stream's memory goes"), in two parts:
 *
 * - The old generation: with node's default heap limit on a host of 2 GiB or more, V8 lets it grow
 *   to about 4 times its live size between full collections. A growth factor of 2, what V8 picks by
 *   itself under a 2 GiB heap limit, took a stream's peak from about 226 to 176 MiB at no CPU cost
 *   we could measure. `--heap-growing-percent` is read at every full collection, so setting it at
 *   start-up takes effect.
 * - The young generation: node lets it grow to two 16 MiB semi-spaces. Capped at two of 8 MiB it
 *   took `creditlift score`'s peak from about 180 to 158 MiB for about 3% more CPU (4 MiB cost 20%).
 *   Its size is fixed when the heap is set up, so a running process cannot take
 *   `--max-semi-space-size`: this process watches its young generation instead
 *   ({@link capYoungGeneration}); the worker processes it starts take the flag itself.
 *
 * Why here and not in the library: a library must not change its host process's collector; the
 * `creditlift` process is ours.
 */

/** The V8 flag the command line sets: the old generation grows to 2 times its live size, not 4. */
export const CLI_HEAP_FLAG = '--heap-growing-percent=100';

/** The semi-space the command line's young generation stops growing at, in MiB (node's default: 16). */
export const CLI_SEMI_SPACE_MIB = 8;

/**
 * Node options that already choose how the old generation grows: given any of them (on node's
 * command line or in NODE_OPTIONS), the command line leaves the old generation alone.
 * `--max-old-space-size` counts because under 2048 it already halves the factor, and above it the
 * user chose a heap size. Each separator either way: V8 reads `_` and `-` alike, in any mix
 * (`--heap_growing-percent=0`).
 */
const USER_OLD_GENERATION_OPTIONS = /(?:^|\s)--(?:heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size)(?:=|\s|$)/;

/** Node and V8 options that already size the young generation: given any, it is left alone. */
const USER_YOUNG_GENERATION_OPTIONS = /(?:^|\s)--(?:max[-_]semi[-_]space[-_]size|min[-_]semi[-_]space[-_]size|semi[-_]space[-_]growth[-_]factor)(?:=|\s|$)/;

/** What the command line does to its heap, and to its worker processes' heaps. */
export interface CliHeapPolicy {
  /** V8 flags set on this process with `v8.setFlagsFromString` at start-up. */
  readonly processFlags: readonly string[];
  /** The semi-space, in MiB, this process keeps its young generation at ({@link capYoungGeneration}), if any. */
  readonly semiSpaceMiB?: number;
  /** Node flags for the worker processes it starts (`--workers N`): the same policy, as start-up flags. */
  readonly workerFlags: readonly string[];
}

/**
 * The command line's heap policy for a process started with `execArgv` and `nodeOptions`: each part
 * ({@link CLI_HEAP_FLAG}, {@link CLI_SEMI_SPACE_MIB}) unless the user chose that part themselves
 * (`node --heap-growing-percent=0` gives node's old generation back, `--max-semi-space-size=16` its
 * young one).
 */
export function cliHeapPolicy(execArgv: readonly string[], nodeOptions: string | undefined): CliHeapPolicy {
  const given = ` ${execArgv.join(' ')} ${nodeOptions ?? ''}`;
  const old = USER_OLD_GENERATION_OPTIONS.test(given) ? [] : [CLI_HEAP_FLAG];
  if (USER_YOUNG_GENERATION_OPTIONS.test(given)) return { processFlags: old, workerFlags: old };
  return { processFlags: old, semiSpaceMiB: CLI_SEMI_SPACE_MIB, workerFlags: [...old, `--max-semi-space-size=${CLI_SEMI_SPACE_MIB}`] };
}
