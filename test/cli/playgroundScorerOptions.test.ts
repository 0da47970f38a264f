// `creditlift playground` took --model, --policy and --catalog as decide reads them, but not the rest of
// what decide and score take to load the same configuration: --model-sha256, --features (a lender's
// feature set and applicant attributes) and the key files (--signing-key-file,
// --personal-data-key-file), nor --model-evaluator. A lender whose model needs its own features could
// not try it on the page at all ("unknown option --features", exit 2). The playground now takes every
// scorer option decide takes, read by the same code (scorerArgs, openScorer): the same errors, the same
// exit statuses, and decisions made under them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { PLAYGROUND_USAGE } from '../../src/cli/playgroundCommand.js';
import { SCORER_ARG_OPTIONS } from '../../src/cli/scorerArgs.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleApplicants } from '../../src/examples/index.js';
import { DEFAULT_MODEL_SHA256 } from '../../src/model/defaultModelSha256.js';
import { monthsOnBookFeaturesModule } from '../helpers/monthsOnBookFeatures.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'playground-scorer-options-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string, text?: string) => {
  const path = join(work, name);
  if (text !== undefined) writeFileSync(path, text);
  return path;
};

/** Runs `creditlift playground ...args` until `use` has used the page, and its exit code. */
async function served(args: readonly string[], use: (url: string) => Promise<void>): Promise<number> {
  const stop = new AbortController();
  const c = captureIo({ signal: stop.signal });
  let ended = false;
  const running = main(['playground', '--port', '0', ...args], c.io).finally(() => {
    ended = true;
  });
  let url: string | undefined;
  for (let i = 0; i < 600 && url === undefined && !ended; i++) {
    url = c.out().match(/(http:\/\/127\.0\.0\.1:\d+\/)/)?.[1];
    if (url === undefined) await new Promise((r) => setTimeout(r, 50));
  }
  try {
    expect(url, c.err()).toBeDefined();
    await use(url as string);
  } finally {
    stop.abort();
  }
  return running;
}

describe('creditlift playground takes the scorer options decide takes', () => {
  it('law: every option decide reads to load its model, policy, catalog, features and keys is in the playground help', () => {
    for (const name of Object.keys(SCORER_ARG_OPTIONS)) expect(PLAYGROUND_USAGE, name).toContain(`  --${name} `);
  });

  const applicant = file('applicant.json', JSON.stringify(exampleApplicants[0]!.applicant));
  // Each refused as decide refuses it: the same exit status and the same first line, and nothing listens.
  const faults: Record<string, () => string[]> = {
    '--model-sha256 of another file': () => ['--model-sha256', '0'.repeat(64)],
    '--model-sha256 not hex': () => ['--model-sha256', 'abc'],
    '--features missing': () => ['--features', join(work, 'nosuch.ts')],
    '--features exporting no feature set': () => ['--features', file('empty.mjs', 'export const x = 1;\n')],
    '--signing-key-file too short': () => ['--signing-key-file', file('short.key', 'x'.repeat(31))],
    '--personal-data-key-file missing': () => ['--personal-data-key-file', join(work, 'nosuch.key')],
    '--model-evaluator unknown': () => ['--model-evaluator', 'fast'],
  };
  for (const [name, args] of Object.entries(faults)) {
    it(`${name}: as decide says it, and nothing listens`, async () => {
      const d = captureIo();
      const decided = await main(['decide', applicant, ...args()], d.io);
      const p = captureIo();
      const playground = await main(['playground', '--port', '0', ...args()], p.io);
      expect(decided).not.toBe(0);
      expect(playground).toBe(decided);
      expect(p.err().split('\n')[0]).toBe(d.err().split('\n')[0]);
      expect(p.out()).toBe('');
    });
  }

  it('decides as decide does under --features, the key files, --model-sha256 and --model-evaluator: a lender attribute is taken, the decision signed and keyed', async () => {
    const options = [
      '--features',
      file('features.ts', monthsOnBookFeaturesModule()),
      '--signing-key-file',
      file('signing.key', 's'.repeat(40)),
      '--personal-data-key-file',
      file('personal.key', 'p'.repeat(40)),
      '--model-sha256',
      DEFAULT_MODEL_SHA256,
      '--model-evaluator',
      'onnxruntime',
    ];
    const withAttribute = { ...exampleApplicants[0]!.applicant, attributes: { months_on_book: 30 } };
    const d = captureIo();
    expect(await main(['decide', file('own.json', JSON.stringify(withAttribute)), '--compact', ...options], d.io), d.err()).toBe(0);
    const cli = JSON.parse(d.out()) as Decision;
    expect(cli.audit.signature).toBeDefined();
    const code = await served(options, async (url) => {
      const r = await fetch(new URL('/api/decide', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ applicant: withAttribute }),
      });
      const body = (await r.json()) as { decision: Decision };
      expect(r.status, JSON.stringify(body)).toBe(200);
      expect(body.decision.pd).toBe(cli.pd);
      expect(body.decision.limit).toBe(cli.limit);
      expect(body.decision.audit.subjectHash).toBe(cli.audit.subjectHash);
      expect(body.decision.audit.hashing).toEqual(cli.audit.hashing);
      expect(body.decision.audit.signature).toBeDefined();
      // The attribute is the feature set's: without the module it is refused, with it, taken.
      const without = await fetch(new URL('/api/decide', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ applicant: exampleApplicants[0]!.applicant }),
      });
      expect(without.status).toBe(400);
      expect(JSON.stringify(await without.json())).toContain('applicant.attributes');
    });
    expect(code).toBe(0);
  });
});
