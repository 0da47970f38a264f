/**
 * The command line's own heap policy. Over a long stream V8's heap, not creditlift's data, sets
 * the resident memory: with node's default heap limit on a host of 2 GiB or more, V8 lets the old
 * generation grow to about 4 times its live size between full collections (bench/RESULTS.md,
 * "Where a stream's memory goes"). A growth factor of 2, what V8 picks by itself under a 2 GiB heap
 * limit, took a stream's peak from about 226 to 176 MiB at no CPU cost we could measure.
 *
 * Why here and not in the library: a library must not change its host process's collector; the
 * `creditlift` process is ours. `--heap-growing-percent` is read at every full collection, so
 * setting it at start-up takes effect (the young generation's size is fixed when the heap is set
 * up, so it cannot be bounded this way).
 */

/** The V8 flag the command line sets: the old generation grows to 2 times its live size, not 4. */
export const CLI_HEAP_FLAG = '--heap-growing-percent=100';

/**
 * Node options that already choose how the old generation grows: given any of them (on node's
 * command line or in NODE_OPTIONS), the command line leaves the heap alone. `--max-old-space-size`
 * counts because under 2048 it already halves the factor, and above it the user chose a heap size.
 * Each separator either way: V8 reads `_` and `-` alike, in any mix (`--heap_growing-percent=0`).
 */
const USER_HEAP_OPTIONS = /(?:^|\s)--(?:heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size)(?:=|\s|$)/;

/**
 * The V8 flags the command line sets on its own process (with `v8.setFlagsFromString`) and gives
 * the worker processes it starts: {@link CLI_HEAP_FLAG}, or none when the user chose their own heap
 * options (`node --heap-growing-percent=0` gives node's defaults back).
 */
export function cliHeapFlags(execArgv: readonly string[], nodeOptions: string | undefined): readonly string[] {
  return USER_HEAP_OPTIONS.test(` ${execArgv.join(' ')} ${nodeOptions ?? ''}`) ? [] : [CLI_HEAP_FLAG];
}
