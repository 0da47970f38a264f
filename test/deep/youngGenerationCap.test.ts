// The command line caps its young generation at two 8 MiB semi-spaces from inside its own process
// (src/cli/youngGenerationCap.ts: node takes --max-semi-space-size only at start-up), unless the user
// sized it. Checked on a real `creditlift score` run: a preload samples V8's new space every 10 ms and
// writes the largest size it saw as the process exits.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_SEMI_SPACE_MIB } from '../../src/cli/cliHeapPolicy.js';
import { spawnCli } from '../distributed/cliProcess.js';
import { ndjsonBook } from '../distributed/book.js';

const MiB = 2 ** 20;
const dir = mkdtempSync(join(tmpdir(), 'creditlift-young-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const book = join(dir, 'book.ndjson');
writeFileSync(book, ndjsonBook(3_000, false));
const preload = join(dir, 'youngSampler.mjs');
writeFileSync(
  preload,
  `import { writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
let most = 0;
const look = () => { most = Math.max(most, getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size); };
setInterval(look, 10).unref();
process.on('exit', () => { look(); writeFileSync(process.env.YOUNG_SAMPLE_OUT, String(most)); });
`,
);

/** The largest young generation (MiB) a `creditlift score` of the book reached, run with `nodeFlags` before the entry. */
async function youngGenerationOfScore(name: string, nodeFlags: readonly string[]): Promise<number> {
  const sample = join(dir, `${name}.young`);
  const run = spawnCli(['score', '--in', book, '--out', join(dir, `${name}.ndjson`), '--suggestions', '3'], {
    nodeArgs: [...nodeFlags, '--import', pathToFileURL(preload).href],
    env: { YOUNG_SAMPLE_OUT: sample },
  });
  expect(await run.exited, run.stderr()).toBe(0);
  expect(run.stderr()).toBe('');
  return Number(readFileSync(sample, 'utf8')) / MiB;
}

describe('creditlift score keeps its young generation at two 8 MiB semi-spaces', () => {
  it('by itself; given --max-semi-space-size=16 on node\u2019s command line it leaves it to grow as node does (to two of 16 MiB over the same run)', async () => {
    const capped = await youngGenerationOfScore('capped', []);
    const userSized = await youngGenerationOfScore('userSized', ['--max-semi-space-size=16']);
    // The run allocates enough to grow it past the cap: the bound is the command line's, not the run's.
    expect(userSized).toBeGreaterThan(2 * CLI_SEMI_SPACE_MIB);
    expect(capped).toBeLessThanOrEqual(2 * CLI_SEMI_SPACE_MIB);
  });
});
