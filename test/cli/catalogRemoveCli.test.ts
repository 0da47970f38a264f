// Gap left by the last session: a lender who wants to stop accepting one of the built-in certificate
// kinds had no way to say so through --catalog: the file's kinds are added to the defaults or replace
// them, so a kind deleted from "creditlift catalog --json" output stayed in force. From code, a whole
// catalog without the kind (a Map) is what createScorer({ catalog }) takes; the file now says it with
// { "kinds": [...], "remove": ["ielts"] }, and decisions record that catalog's hash, not the default's.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogHash, DEFAULT_CATALOG_HASH } from '../../src/catalog/catalogHash.js';
import { defaultCatalog, resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { main } from '../../src/cli/main.js';
import { readCatalogFile } from '../../src/cli/readCatalogFile.js';
import { createScorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { lenderGigKinds } from '../helpers/lenderGigCatalog.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'catalog-remove-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The new graduate uploads an IELTS certificate and a school scholarship.
const graduate = exampleApplicants[0]!.applicant;
const withoutIelts = new Map([...defaultCatalog].filter(([id]) => id !== 'ielts'));
let library: Decision;

beforeAll(async () => {
  writeFileSync(file('no-ielts.json'), JSON.stringify({ remove: ['ielts'] }));
  writeFileSync(file('one.json'), JSON.stringify(graduate));
  writeFileSync(file('book.ndjson'), `${exampleApplicants.map((e) => JSON.stringify(e.applicant)).join('\n')}\n`);
  // What a lender does from code: the whole catalog, without the kind.
  const scorer = await createScorer({ catalog: withoutIelts });
  try {
    library = await scorer.decide(graduate);
  } finally {
    await scorer.close();
  }
});

const rejection = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('--catalog { "remove": [...] } takes a default kind out', () => {
  it('the file read is the default catalog less the kind, hashed as such (not the default catalog)', async () => {
    expect(graduate.evidence?.some((e) => e.kind === 'ielts')).toBe(true);
    const read = await readCatalogFile(file('no-ielts.json'));
    expect(read.catalog.has('ielts')).toBe(false);
    expect([...read.catalog.keys()]).toEqual([...withoutIelts.keys()]);
    expect(read.hash).toBe(catalogHash(withoutIelts));
    expect(read.hash).not.toBe(DEFAULT_CATALOG_HASH);
    expect(read.removed).toEqual(['ielts']);
  });

  it('with kinds beside it: added and replaced as before, the removed kind gone', async () => {
    writeFileSync(file('both.json'), JSON.stringify({ kinds: lenderGigKinds, remove: ['ielts', 'school_scholarship'] }));
    const read = await readCatalogFile(file('both.json'));
    const expected = [...resolveCatalog(lenderGigKinds).keys()].filter((id) => id !== 'ielts' && id !== 'school_scholarship');
    expect([...read.catalog.keys()]).toEqual(expected);
    // Without "remove" the object form is the array form.
    writeFileSync(file('kinds-only.json'), JSON.stringify({ kinds: lenderGigKinds }));
    expect((await readCatalogFile(file('kinds-only.json'))).hash).toBe(catalogHash(resolveCatalog(lenderGigKinds)));
  });

  it('a kind named for removal that the default catalog lacks, one named twice, one also given in kinds, and an unknown key: each refused by name, all at once', async () => {
    writeFileSync(
      file('bad.json'),
      JSON.stringify({ kinds: [lenderGigKinds[0]], remove: ['ielts', 'no_such_kind', 'ielts', lenderGigKinds[0]!.id], replace: true }),
    );
    const e = await rejection(readCatalogFile(file('bad.json')));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ code: 'catalog_invalid', subject: '--catalog bad.json' });
    const issues = (e as ValidationError).issues;
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual(
      expect.arrayContaining([
        ['replace', 'unrecognized_key'],
        ['remove.1', 'unknown_kind'],
        ['remove.2', 'duplicate_id'],
        ['remove.3', 'unknown_kind'],
      ]),
    );
    expect(issues.find((i) => i.path.join('.') === 'remove.1')?.message).toMatch(/"no_such_kind" is not a kind of the default catalog/);
    expect(issues.find((i) => i.path.join('.') === 'remove.3')?.message).toContain(lenderGigKinds[0]!.id);

    // And on the command line: exit 1 naming the file and the kind.
    const c = captureIo();
    expect(await main(['decide', file('one.json'), '--catalog', file('bad.json')], c.io)).toBe(1);
    expect(c.err()).toMatch(/error \[catalog_invalid\]: Invalid --catalog bad\.json/);
    expect(c.err()).toContain('no_such_kind');
  });

  it('a kind of the kinds list is refused at its path under "kinds" in the object form', async () => {
    writeFileSync(file('weight.json'), JSON.stringify({ kinds: [{ ...lenderGigKinds[0], signalWeight: 2 }], remove: ['ielts'] }));
    const e = await rejection(readCatalogFile(file('weight.json')));
    expect((e as ValidationError).issues.map((i) => i.path)).toEqual([['kinds', 0, 'signalWeight']]);
  });

  it('decide --catalog: the decision of createScorer({ catalog }) without the kind; the upload is unknown_kind and stderr says the file removed it', async () => {
    const c = captureIo();
    expect(await main(['decide', file('one.json'), '--catalog', file('no-ielts.json'), '--compact'], c.io)).toBe(0);
    const got = JSON.parse(c.out()) as Decision;
    expect(got).toEqual(library);
    expect(got.audit.catalogHash).toBe(catalogHash(withoutIelts));
    expect(got.audit.catalogHash).not.toBe(DEFAULT_CATALOG_HASH);
    expect(got.evidence.find((e) => e.kind === 'ielts')?.reasons).toEqual(['unknown_kind']);
    expect(c.err()).toMatch(/"ielts" \(1\);.*"ielts" is a kind of the default catalog that --catalog removes/);
  });

  it('score --workers 2 --catalog: every worker decides without the kind, as in process; the manifest records the reduced catalog', async () => {
    const inProcess = captureIo();
    expect(await main(['score', '--in', file('book.ndjson'), '--out', file('one-process.ndjson'), '--catalog', file('no-ielts.json')], inProcess.io)).toBe(0);
    const c = captureIo();
    expect(
      await main(
        ['score', '--in', file('book.ndjson'), '--out', file('pool.ndjson'), '--catalog', file('no-ielts.json'), '--workers', '2', '--batch', '4'],
        c.io,
      ),
    ).toBe(0);
    const lines = (p: string) => readFileSync(p, 'utf8');
    expect(lines(file('pool.ndjson'))).toBe(lines(file('one-process.ndjson')));
    const manifest = JSON.parse(readFileSync(file('pool.ndjson.run.json'), 'utf8')) as { catalogHash: string };
    expect(manifest.catalogHash).toBe(catalogHash(withoutIelts));
  });

  it('catalog --catalog lists the kinds in force: no IELTS, and says it removes it (see catalogPrintRoundTrip)', async () => {
    const c = captureIo();
    expect(await main(['catalog', '--catalog', file('no-ielts.json'), '--json'], c.io)).toBe(0);
    const printed = JSON.parse(c.out()) as { kinds: { id: string }[]; remove: string[] };
    expect(printed.kinds.map((k) => k.id)).toEqual([...withoutIelts.keys()]);
    expect(printed.remove).toEqual(['ielts']);
  });
});

// R3 (recheck16): monitor --applicants with a catalog removing IELTS told the user, twice, to pass
// --catalog to cover the kind they had removed, and refused a baseline of another catalog describing
// the reduced one as "kinds of its own: none". It now says what decide, score and simulate say.
describe('monitor --catalog { "remove": [...] }', () => {
  it('the run says the removed kind was removed by the catalog, never to pass --catalog for it; the baseline mismatch names what the catalog removes', async () => {
    const w = captureIo();
    expect(await main(['monitor', '--write-baseline', file('bl.json'), '--applicants', file('book.ndjson'), '--catalog', file('no-ielts.json')], w.io)).toBe(0);
    expect(w.err()).toMatch(/"ielts" is a kind of the default catalog that --catalog removes \("remove"\), as asked/);
    expect(JSON.parse(readFileSync(file('bl.json'), 'utf8'))).toMatchObject({ catalog: { ownKinds: [], removedKinds: ['ielts'] } });

    const run = captureIo();
    const code = await main(
      ['monitor', '--applicants', file('book.ndjson'), '--baseline', file('bl.json'), '--out', file('mon.json'), '--catalog', file('no-ielts.json')],
      run.io,
    );
    expect(code).not.toBe(1);
    const said = `${run.out()}${run.err()}${(JSON.parse(readFileSync(file('mon.json'), 'utf8')) as { warnings: string[] }).warnings.join('\n')}`;
    expect(said).not.toMatch(/pass your own kinds|give your own kinds/);
    expect(run.err()).toMatch(/warning: in .*"ielts" \(\d+\); "ielts" is a kind of the default catalog that --catalog removes \("remove"\), as asked\n$/);
    expect(run.out()).toMatch(/note: .*"ielts" is a kind of the default catalog that the catalog given leaves out, as asked/);

    const refused = captureIo();
    expect(await main(['monitor', '--applicants', file('book.ndjson'), '--baseline', file('bl.json'), '--out', file('mon2.json')], refused.io)).toBe(1);
    expect(refused.err()).toMatch(
      /the baseline was built with certificate catalog [0-9a-f]{12}\.\.\. \(kinds of its own: none; default kinds it removes: "ielts"\); this run assesses evidence with the default certificate catalog/,
    );
  });
});
