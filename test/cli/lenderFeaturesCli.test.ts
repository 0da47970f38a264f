import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { createScorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { loadFeatureSetModule } from '../../src/features/loadFeatureSetModule.js';
import { captureIo } from './fakeDecider.js';
import { monthsOnBookFeaturesModule } from '../helpers/monthsOnBookFeatures.js';
import { bundledFeaturesModule } from '../helpers/bundledFeaturesModule.js';
import { flattenApplicant, rowsToCsv } from '../helpers/applicantCsv.js';

// A lender's own attribute and feature, declared in a module as the README shows, reaches every
// command-line path: decide, score in process, score --workers (each worker imports the module).
// Inside the repository, so the module's own imports (zod) resolve as in a lender's project.
const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'features-cli-'));
const file = (name: string) => join(work, name);
const moduleText = monthsOnBookFeaturesModule();
const applicants = exampleApplicants.map((e, i) => ({ ...e.applicant, attributes: { months_on_book: 3 * i } }));
const expected = new Map<string, Decision>();

beforeAll(async () => {
  // features.ts, and features.mjs, the same bundled to JavaScript for the runs on worker processes:
  // they start plain node with it, where features.ts had each load the source tree through tsx (about
  // 2.5 CPU-s a worker against 1). Loading TypeScript in workers is typeScriptLoaderHint.test.ts's.
  await bundledFeaturesModule(work, 'features', moduleText);
  writeFileSync(file('book.ndjson'), `${applicants.map((a) => JSON.stringify(a)).join('\n')}\n`);
  writeFileSync(file('one.json'), JSON.stringify(applicants[0]));
  // The same book as a lender's CSV export: the attribute in a dotted column, as the built-in fields.
  writeFileSync(file('book.csv'), rowsToCsv(applicants.map((a) => flattenApplicant(a))));
  // The library's own answer for the same applicants, with the same feature set.
  const scorer = await createScorer({ features: (await loadFeatureSetModule(file('features.ts'))).features });
  try {
    for (const a of applicants) expected.set(a.id, await scorer.decide(a));
  } finally {
    await scorer.close();
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const decisionsIn = (path: string): Decision[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { decision: Decision }).decision);

describe('--features MODULE on the command line', () => {
  it('without it, the lender attribute is refused record by record (exit 3); with it, score decides as the library does', async () => {
    expect(await runScoreCommand(['--in', file('book.ndjson'), '--out', file('plain.ndjson'), '--errors', file('plain.err')], captureIo().io)).toBe(3);
    expect(readFileSync(file('plain.err'), 'utf8')).toMatch(/attributes/);
    const c = captureIo();
    expect(await runScoreCommand(['--in', file('book.ndjson'), '--out', file('own.ndjson'), '--features', file('features.ts')], c.io)).toBe(0);
    const got = decisionsIn(file('own.ndjson'));
    expect(got).toHaveLength(applicants.length);
    for (const d of got) expect(d).toEqual(expected.get(d.applicantId));
    const manifest = JSON.parse(readFileSync(file('own.ndjson.run.json'), 'utf8')) as { features: { path: string; sha256: string } };
    expect(manifest.features.path).toBe(file('features.ts'));
    expect(manifest.features.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a CSV book with the attribute in a dotted column (attributes.months_on_book): score, simulate and monitor read it as the declared number (it was refused "expected number, received string")', async () => {
    expect(readFileSync(file('book.csv'), 'utf8').split('\n')[0]).toMatch(/,attributes\.months_on_book(,|$)/);
    const c = captureIo();
    expect(
      await runScoreCommand(['--in', file('book.csv'), '--out', file('csv.ndjson'), '--errors', file('csv.err'), '--features', file('features.ts')], c.io),
    ).toBe(0);
    const got = decisionsIn(file('csv.ndjson'));
    expect(got).toHaveLength(applicants.length);
    for (const d of got) expect(d).toEqual(expected.get(d.applicantId));
    const sim = captureIo();
    const simArgs = ['simulate', '--book', file('book.csv'), '--out', file('sim.json'), '--features', file('features.mjs')];
    expect(await main(simArgs, sim.io), sim.err()).toBe(0);
    expect(JSON.parse(readFileSync(file('sim.json'), 'utf8'))).toMatchObject({ records: applicants.length, errors: 0 });
    const mon = captureIo();
    expect(
      await main(['monitor', '--write-baseline', file('baseline.json'), '--applicants', file('book.csv'), '--features', file('features.ts')], mon.io),
      mon.err(),
    ).toBe(0);
  });

  it('score --workers 2: every worker imports the module; decisions equal in-process ones', async () => {
    expect(
      await runScoreCommand(
        ['--in', file('book.ndjson'), '--out', file('pool.ndjson'), '--features', file('features.mjs'), '--workers', '2', '--batch', '4'],
        captureIo().io,
      ),
    ).toBe(0);
    const got = decisionsIn(file('pool.ndjson'));
    expect(got.map((d) => d.applicantId)).toEqual(applicants.map((a) => a.id));
    for (const d of got) expect(d).toEqual(expected.get(d.applicantId));
  });

  it('--resume refuses another features module (or none) and leaves the output alone', async () => {
    const before = readFileSync(file('own.ndjson'), 'utf8');
    writeFileSync(file('features2.ts'), moduleText);
    appendFileSync(file('features2.ts'), '// changed\n');
    for (const [extra, message] of [
      [['--features', file('features2.ts')], /the features differ: the run used .*features\.ts \(sha256 [0-9a-f]{12}\.\.\.\), now .*features2\.ts/],
      [[], /the features differ: .* now the built-in features/],
    ] as const) {
      const c = captureIo();
      expect(await runScoreCommand(['--in', file('book.ndjson'), '--out', file('own.ndjson'), '--resume', ...extra], c.io)).toBe(2);
      expect(c.err()).toMatch(message);
    }
    expect(readFileSync(file('own.ndjson'), 'utf8')).toBe(before);
  });

  it('--resume refuses the same module when a helper file it imports changed (the fingerprint covers its local imports)', async () => {
    mkdirSync(file('split'), { recursive: true });
    writeFileSync(file('split/tenure.ts'), 'export const tenureOf = (months: number): number => months;\n');
    writeFileSync(
      file('split/features.ts'),
      moduleText
        .replace("import { z } from 'zod';", "import { z } from 'zod';\nimport { tenureOf } from './tenure.js';")
        .replace('compute: (ctx) => ctx.applicant.attributes.months_on_book', 'compute: (ctx) => tenureOf(ctx.applicant.attributes.months_on_book)'),
    );
    const args = ['--in', file('book.ndjson'), '--out', file('split.ndjson'), '--features', file('split/features.ts')];
    expect(await runScoreCommand(args, captureIo().io)).toBe(0);
    const manifest = JSON.parse(readFileSync(file('split.ndjson.run.json'), 'utf8')) as { features: { imports: string[] } };
    expect(manifest.features.imports).toEqual(['tenure.ts']);
    const before = readFileSync(file('split.ndjson'), 'utf8');
    writeFileSync(file('split/tenure.ts'), 'export const tenureOf = (months: number): number => months * 2;\n');
    const c = captureIo();
    expect(await runScoreCommand([...args, '--resume'], c.io)).toBe(2);
    expect(c.err()).toMatch(/the features differ: the run used .*split\/features\.ts \(sha256 [0-9a-f]{12}\.\.\.\), now .*split\/features\.ts/);
    expect(readFileSync(file('split.ndjson'), 'utf8')).toBe(before);
  });

  it('decide and suggest --features take an applicant carrying the attribute; a module without a feature set is a typed error naming it', async () => {
    const c = captureIo();
    const code = await main(['decide', file('one.json'), '--features', file('features.ts'), '--compact'], c.io);
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(c.out())).toEqual(expected.get(applicants[0]!.id));
    const s = captureIo();
    expect(await main(['suggest', file('one.json'), '--features', file('features.ts'), '--json'], s.io)).toBe(0);
    expect(JSON.parse(s.out())).toHaveProperty('items');
    writeFileSync(file('empty.ts'), 'export const nothing = 1;\n');
    const bad = captureIo();
    expect(await main(['decide', file('one.json'), '--features', file('empty.ts')], bad.io)).not.toBe(0);
    expect(bad.err()).toMatch(/empty\.ts: exports no feature set \(it exports "nothing"\)/);
  });

  it('a --features path with no file is a typed error naming --features and the path, in process and with --workers (not a bare ENOENT)', async () => {
    for (const argv of [
      ['decide', file('one.json'), '--features', file('missing.ts')],
      ['score', '--in', file('book.ndjson'), '--out', file('missing-out.ndjson'), '--features', file('missing.ts')],
      ['score', '--in', file('book.ndjson'), '--out', file('missing-out2.ndjson'), '--features', file('missing.ts'), '--workers', '2'],
    ]) {
      const c = captureIo();
      expect(await main(argv, c.io)).not.toBe(0);
      expect(c.err()).toMatch(/features(Module)?: .*missing\.ts: no file at this path/);
      expect(c.err()).not.toMatch(/ENOENT/);
    }
  });
});
