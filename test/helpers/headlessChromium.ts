import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Why a Chromium test file is skipped, printed and put in its describe title. */
export const CHROMIUM_SKIP_REASON = 'SKIPPED: chromium is not installed (Debian: apt-get install -y chromium; or set CREDITLIFT_CHROMIUM)';

/** The Chromium binary: $CREDITLIFT_CHROMIUM, else Debian's `chromium`, else `chromium-browser`; undefined when none runs. */
export function findChromium(): string | undefined {
  for (const bin of [process.env.CREDITLIFT_CHROMIUM, 'chromium', 'chromium-browser'].filter((b): b is string => !!b)) {
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 20_000 });
    if (r.status === 0) return bin;
  }
  return undefined;
}

/** One test file's headless Chromium: the binary, a fresh work folder and profile, and the flags to run it with. */
export interface HeadlessChromium {
  /** The binary, or undefined when none is installed (skip the file's tests: `describe.skipIf(browser.bin === undefined)`). */
  readonly bin: string | undefined;
  /** A fresh folder for the file's pages and screenshots; the profile lives in it. */
  readonly work: string;
  /** Headless, offline, sandbox-less (root in CI), touching nothing outside `work`. */
  readonly flags: readonly string[];
  /** `' (SKIPPED: ...)'` for a describe title when there is no Chromium, else ''. */
  readonly skipNote: string;
  /** The DOM of a local HTML file after Chromium rendered it. */
  dumpDom(htmlPath: string): Promise<string>;
  /** A PNG screenshot of a local HTML file at `width` x `height`. */
  screenshot(htmlPath: string, pngPath: string, width: number, height: number): Promise<void>;
  /** Removes `work`. */
  dispose(): void;
}

/** A headless Chromium for the test file `name` (warns once when none is installed). */
export function headlessChromium(name: string): HeadlessChromium {
  const bin = findChromium();
  if (bin === undefined) console.warn(`${name} ${CHROMIUM_SKIP_REASON}`);
  const work = mkdtempSync(join(tmpdir(), 'creditlift-chromium-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    `--user-data-dir=${join(work, 'profile')}`,
  ];
  const need = (): string => {
    if (bin === undefined) throw new Error(CHROMIUM_SKIP_REASON);
    return bin;
  };
  return {
    bin,
    work,
    flags,
    skipNote: bin === undefined ? ` (${CHROMIUM_SKIP_REASON})` : '',
    async dumpDom(htmlPath) {
      return (await run(need(), [...flags, '--dump-dom', pathToFileURL(htmlPath).href], { timeout: 60_000, maxBuffer: 32 * 1024 * 1024 })).stdout;
    },
    async screenshot(htmlPath, pngPath, width, height) {
      await run(need(), [...flags, `--screenshot=${pngPath}`, `--window-size=${width},${height}`, pathToFileURL(htmlPath).href], { timeout: 60_000 });
    },
    dispose: () => rmSync(work, { recursive: true, force: true }),
  };
}
