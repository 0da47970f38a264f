import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_HASH } from '../../src/catalog/catalogHash.js';
import { resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { main } from '../../src/cli/main.js';
import { readCatalogFile } from '../../src/cli/readCatalogFile.js';
import { createScorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { applicantsWithLenderUploads, lenderGigKinds } from '../helpers/lenderGigCatalog.js';
import { captureIo } from './fakeDecider.js';

// F1 (adopt): a lender's own certificate kinds reach every command that assesses evidence through
// --catalog FILE.json, which decides as createScorer({ catalog }) does; without it the uploads are
// rejected unknown_kind, and the command says so on stderr with the count and the kinds.
const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'catalog-cli-'));
const file = (name: string) => join(work, name);
const applicants = applicantsWithLenderUploads();
const withCatalog = new Map<string, Decision>();

beforeAll(async () => {
  writeFileSync(file('lender.json'), JSON.stringify(lenderGigKinds, null, 2));
  writeFileSync(file('book.ndjson'), `${applicants.map((a) => JSON.stringify(a)).join('\n')}\n`);
  writeFileSync(file('one.json'), JSON.stringify(applicants[0]));
  writeFileSync(file('outcomes.csv'), `id,defaulted\n${applicants.map((a, i) => `${a.id},${i % 3 === 0 ? 1 : 0}`).join('\n')}\n`);
  const scorer = await createScorer({ catalog: lenderGigKinds });
  try {
    for (const a of applicants) withCatalog.set(a.id, await scorer.decide(a));
  } finally {
    await scorer.close();
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What a promise rejects with, or undefined when it resolves. */
const rejection = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

const decisionsIn = (path: string): Decision[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { decision: Decision }).decision);

/** The warning every command gives for the book without the lender's catalog: 11 uploads, both kinds by count. */
const BOOK_WARNING =
  /warning: in .*11 certificate upload\(s\) are of kinds the certificate catalog does not know, so each was rejected unknown_kind and gave no credit: "swiftride_driver_rating" \(6\), "dash_courier_reviews" \(5\); give your own kinds with --catalog FILE\.json/;

describe('--catalog FILE.json is read strictly and validated, refused by name', () => {
  it('a malformed kind, a repeated key, neither an array nor an object, and non-JSON are each a typed catalog_invalid naming the file and the field', async () => {
    writeFileSync(file('weight.json'), JSON.stringify([{ ...lenderGigKinds[0], signalWeight: 2 }]));
    const e = await rejection(readCatalogFile(file('weight.json')));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ code: 'catalog_invalid', subject: '--catalog weight.json' });
    expect((e as ValidationError).issues.map((i) => i.path)).toEqual([[0, 'signalWeight']]);

    writeFileSync(file('repeat.json'), '[{"id":"a","id":"b"}]');
    const r = await rejection(readCatalogFile(file('repeat.json')));
    expect(r).toMatchObject({ code: 'catalog_invalid', subject: '--catalog repeat.json' });
    expect((r as ValidationError).issues[0]).toMatchObject({ path: [0, 'id'], code: 'duplicate_key' });

    // An object is the form with "remove" (catalogRemoveCli.test.ts); a string or a number is neither form.
    writeFileSync(file('string.json'), JSON.stringify('swiftride_driver_rating'));
    expect(await rejection(readCatalogFile(file('string.json')))).toMatchObject({ code: 'catalog_invalid', issues: [{ path: [], code: 'invalid_type' }] });

    writeFileSync(file('text.json'), 'kinds: []');
    const t = await rejection(readCatalogFile(file('text.json')));
    expect(t).toBeInstanceOf(CreditliftError);
    expect(t).toMatchObject({ code: 'catalog_invalid', message: expect.stringContaining('--catalog text.json') });
  });

  it('decide refuses a bad --catalog before deciding (exit 1, the code, the file and the field on stderr)', async () => {
    const c = captureIo();
    expect(await main(['decide', file('one.json'), '--catalog', file('weight.json')], c.io)).toBe(1);
    expect(c.err()).toMatch(/error \[catalog_invalid\]: Invalid --catalog weight\.json/);
    expect(c.err()).toMatch(/0\.signalWeight/);
    expect(c.out()).toBe('');
  });

  it("the file read gives the catalog createScorer({ catalog }) builds, and its hash is the decisions' audit.catalogHash", async () => {
    const read = await readCatalogFile(file('lender.json'));
    expect([...read.catalog.keys()]).toEqual([...resolveCatalog(lenderGigKinds).keys()]);
    expect(read.hash).toBe(withCatalog.get(applicants[0]!.id)?.audit.catalogHash);
    expect(read.hash).not.toBe(DEFAULT_CATALOG_HASH);
  });
});

describe('decide and suggest --catalog', () => {
  it('decide --catalog gives the library decision; without it the upload is rejected unknown_kind and stderr says so', async () => {
    const c = captureIo();
    expect(await main(['decide', file('one.json'), '--catalog', file('lender.json'), '--compact'], c.io)).toBe(0);
    expect(c.err()).toBe('');
    expect(JSON.parse(c.out())).toEqual(withCatalog.get(applicants[0]!.id));
    const d = captureIo();
    expect(await main(['decide', file('one.json'), '--compact'], d.io)).toBe(0);
    expect((JSON.parse(d.out()) as Decision).evidence.at(-1)?.reasons).toEqual(['unknown_kind']);
    expect(d.err()).toMatch(
      /warning: in the decision of ex-new-graduate, 1 certificate upload\(s\) .*"swiftride_driver_rating" \(1\); give your own kinds with --catalog/,
    );
  });

  it('suggest warns without the catalog, not with it', async () => {
    const s = captureIo();
    expect(await main(['suggest', file('one.json'), '--catalog', file('lender.json'), '--json'], s.io)).toBe(0);
    expect(s.err()).toBe('');
    const t = captureIo();
    expect(await main(['suggest', file('one.json'), '--json'], t.io)).toBe(0);
    expect(t.err()).toMatch(/warning: in this applicant, 1 certificate upload\(s\) .*"swiftride_driver_rating" \(1\)/);
  });
});

describe('score --catalog', () => {
  it('decides as the library with the catalog, records its hash in the manifest; without it, warns with the count and kinds', async () => {
    const c = captureIo();
    expect(await main(['score', '--in', file('book.ndjson'), '--out', file('own.ndjson'), '--catalog', file('lender.json')], c.io)).toBe(0);
    expect(c.err()).toBe('');
    const got = decisionsIn(file('own.ndjson'));
    expect(got).toHaveLength(applicants.length);
    for (const d of got) expect(d).toEqual(withCatalog.get(d.applicantId));
    const manifest = JSON.parse(readFileSync(file('own.ndjson.run.json'), 'utf8')) as { catalogHash: string };
    expect(manifest.catalogHash).toBe(got[0]?.audit.catalogHash);

    const p = captureIo();
    expect(await main(['score', '--in', file('book.ndjson'), '--out', file('plain.ndjson')], p.io)).toBe(0);
    expect(p.err()).toMatch(BOOK_WARNING);
    expect(JSON.parse(readFileSync(file('plain.ndjson.run.json'), 'utf8'))).toMatchObject({ catalogHash: DEFAULT_CATALOG_HASH });
  });

  it('--resume with another catalog (or none) is refused by name, and the output is left alone', async () => {
    const before = readFileSync(file('own.ndjson'), 'utf8');
    const c = captureIo();
    expect(await main(['score', '--in', file('book.ndjson'), '--out', file('own.ndjson'), '--resume'], c.io)).toBe(2);
    expect(c.err()).toMatch(/the certificate catalog differs: the run used catalog [0-9a-f]{12}\.\.\. \(--catalog\), now the default catalog/);
    // The remedy names the option that differs.
    expect(c.err()).toMatch(/Resume with the run's own --in, --model, --policy and --catalog/);
    const p = captureIo();
    expect(await main(['score', '--in', file('book.ndjson'), '--out', file('plain.ndjson'), '--resume', '--catalog', file('lender.json')], p.io)).toBe(2);
    expect(p.err()).toMatch(/the certificate catalog differs: the run used the default catalog, now catalog [0-9a-f]{12}/);
    expect(readFileSync(file('own.ndjson'), 'utf8')).toBe(before);
  });

  it('score --workers 2 --catalog: every worker assesses with the catalog; decisions equal in-process ones', async () => {
    const c = captureIo();
    expect(
      await main(
        ['score', '--in', file('book.ndjson'), '--out', file('pool.ndjson'), '--catalog', file('lender.json'), '--workers', '2', '--batch', '4'],
        c.io,
      ),
    ).toBe(0);
    expect(c.err()).toBe('');
    const got = decisionsIn(file('pool.ndjson'));
    expect(got.map((d) => d.applicantId)).toEqual(applicants.map((a) => a.id));
    for (const d of got) expect(d).toEqual(withCatalog.get(d.applicantId));
  });
});

describe('featurize --catalog', () => {
  it("writes featurizeBook({ catalog })'s matrix; without it, the lender uploads are counted in a warning", async () => {
    const c = captureIo();
    expect(
      await main(
        [
          'featurize',
          '--in',
          file('book.ndjson'),
          '--outcomes',
          file('outcomes.csv'),
          '--target',
          'defaulted',
          '--out',
          file('own.csv'),
          '--catalog',
          file('lender.json'),
        ],
        c.io,
      ),
    ).toBe(0);
    expect(c.err()).toBe('');
    const library = featurizeBook(applicants, parseCsv(readFileSync(file('outcomes.csv'), 'utf8')), {
      idColumn: 'id',
      target: 'defaulted',
      catalog: resolveCatalog(lenderGigKinds),
    });
    expect(readFileSync(file('own.csv'), 'utf8')).toBe(library.csv);
    const p = captureIo();
    expect(
      await main(['featurize', '--in', file('book.ndjson'), '--outcomes', file('outcomes.csv'), '--target', 'defaulted', '--out', file('plain.csv')], p.io),
    ).toBe(0);
    expect(p.err()).toMatch(
      /warning: 11 certificate upload\(s\) are of kinds the certificate catalog does not know, .*"swiftride_driver_rating" \(6\), "dash_courier_reviews" \(5\); the matrix holds them as no evidence/,
    );
    expect(readFileSync(file('plain.csv'), 'utf8')).not.toBe(library.csv);
  });
});

describe('monitor and report --catalog', () => {
  it('a baseline written with --catalog records it; a run with it is measured, a run without it refused by name', async () => {
    const w = captureIo();
    expect(
      await main(['monitor', '--write-baseline', file('baseline.json'), '--applicants', file('book.ndjson'), '--catalog', file('lender.json')], w.io),
    ).toBe(0);
    expect(w.err()).toBe('');
    expect(JSON.parse(readFileSync(file('baseline.json'), 'utf8'))).toMatchObject({
      catalog: { ownKinds: ['swiftride_driver_rating', 'dash_courier_reviews'] },
    });
    const run = captureIo();
    const code = await main(
      ['monitor', '--applicants', file('book.ndjson'), '--baseline', file('baseline.json'), '--out', file('mon.json'), '--catalog', file('lender.json')],
      run.io,
    );
    expect(run.err()).toBe('');
    // Measured, features and all (a tiny sample's factor bins may still flag: not the catalog's doing).
    expect(code).not.toBe(1);
    const measured = JSON.parse(readFileSync(file('mon.json'), 'utf8')) as { errors: number; warnings: string[]; flagged: { kind: string }[] };
    expect(measured.errors).toBe(0);
    expect(measured.flagged.filter((f) => f.kind === 'feature')).toEqual([]);
    expect(measured.warnings.join(' ')).not.toMatch(/unknown_kind/);
    const refused = captureIo();
    expect(await main(['monitor', '--applicants', file('book.ndjson'), '--baseline', file('baseline.json'), '--out', file('mon2.json')], refused.io)).toBe(1);
    expect(refused.err()).toMatch(
      /catalog: the baseline was built with certificate catalog [0-9a-f]{12}\.\.\. \(kinds of its own: "swiftride_driver_rating", "dash_courier_reviews"\); this run assesses evidence with the default certificate catalog/,
    );
    const decisions = captureIo();
    expect(await main(['monitor', '--decisions', file('own.ndjson'), '--out', file('mon3.json'), '--catalog', file('lender.json')], decisions.io)).toBe(2);
  });

  it('report --catalog names the lender kinds by their names in the certificate uplift chart', async () => {
    const c = captureIo();
    expect(await main(['report', file('own.ndjson'), '--out', file('own.html'), '--catalog', file('lender.json')], c.io)).toBe(0);
    expect(c.err()).toBe('');
    const html = readFileSync(file('own.html'), 'utf8');
    expect(html).toContain('SwiftRide driver rating');
    expect(html).not.toContain('swiftride_driver_rating');
    expect(await main(['report', file('own.ndjson'), '--out', file('ids.html')], captureIo().io)).toBe(0);
    expect(readFileSync(file('ids.html'), 'utf8')).toContain('swiftride_driver_rating');
  });

  // findings15-gig #5: a report given another catalog than the decisions' labelled their uplift with
  // that catalog's names (a kind renamed "Renamed Rating XYZ"), exit 0, and never mentioned a catalog.
  it('report warns, on stderr and in the page, when the decisions were made with another catalog than the one naming their kinds', async () => {
    const renamed = [{ ...lenderGigKinds[0]!, names: { en: 'Renamed Rating XYZ', zhHans: '改名评分' }, signalWeight: 0.4 }, lenderGigKinds[1]!];
    writeFileSync(file('renamed.json'), JSON.stringify(renamed));
    const lenderHash = [...withCatalog.values()][0]!.audit.catalogHash;
    const n = decisionsIn(file('own.ndjson')).length;
    for (const [args, named] of [
      [['--catalog', file('renamed.json')], /not the catalog of --catalog .*renamed\.json \([0-9a-f]{12}\)/],
      [[], /not the default certificate catalog \([0-9a-f]{12}\)/],
    ] as const) {
      const c = captureIo();
      expect(await main(['report', file('own.ndjson'), '--out', file('other.html'), ...args], c.io)).toBe(0);
      expect(c.err()).toMatch(new RegExp(`warning: ${n} decision\\(s\\) were made with certificate catalog ${lenderHash.slice(0, 12)}`));
      expect(c.err()).toMatch(named);
      expect(c.err()).toMatch(/pass the decisions' own catalog with --catalog/);
      expect(readFileSync(file('other.html'), 'utf8')).toContain(`made with certificate catalog ${lenderHash.slice(0, 12)}`);
    }
  });
});
