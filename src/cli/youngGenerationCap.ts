import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * How often the young generation's size is looked at. V8 grows it (doubling it) only once as many
 * bytes have survived its collections since it last grew as it holds: megabytes, hundreds of
 * milliseconds of deciding. A look every 50 ms sees it reach the cap before it can grow past.
 */
const LOOK_EVERY_MS = 50;

/** V8's own growth factor of the young generation (`--semi-space-growth-factor`'s default). */
const V8_SEMI_SPACE_GROWTH_FACTOR = 2;

const MiB = 2 ** 20;

/**
 * Keeps this process's young generation at semi-spaces of `semiSpaceMiB` or less, what
 * `--max-semi-space-size` does at start-up, in a process already running (whose heap is set up):
 * V8 reads `--semi-space-growth-factor` each time it grows the young generation, so the factor is
 * set to 1 (no growth) while the young generation is at the cap and back to V8's own below it (V8
 * shrinks it when the process allocates little, and it may grow again to the cap). Watched from an
 * unref'd timer, so it keeps no process alive. Returns a function that stops watching (and lets
 * the young generation grow again).
 *
 * Why a watch and not a flag: `creditlift` sets its heap policy from inside its own process
 * (cliHeapPolicy.ts); node takes `--max-semi-space-size` only on its command line or in NODE_OPTIONS,
 * which are the user's.
 */
export function capYoungGeneration(semiSpaceMiB: number): () => void {
  // The young generation's committed size is its two semi-spaces.
  const cap = 2 * semiSpaceMiB * MiB;
  let growing = true;
  const look = (): void => {
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (young === undefined) return;
    const atCap = young.space_size >= cap;
    if (atCap !== growing) return;
    growing = !atCap;
    setFlagsFromString(`--semi-space-growth-factor=${atCap ? 1 : V8_SEMI_SPACE_GROWTH_FACTOR}`);
  };
  const timer = setInterval(look, LOOK_EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (!growing) setFlagsFromString(`--semi-space-growth-factor=${V8_SEMI_SPACE_GROWTH_FACTOR}`);
    growing = true;
  };
}
