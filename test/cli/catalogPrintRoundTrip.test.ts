// R2 (recheck16): "catalog --catalog rm.json --json" printed the catalog in force as a plain array of
// kinds. An array only adds or replaces, so that printed file, passed back as --catalog, brought the
// removed kinds back (decisions then carried the default catalog's hash) without a word. The printed
// form is what --catalog reads back as the same catalog: the law checked here is print -> read back ->
// the same catalog and catalogHash, for the default catalog and for kinds added, replaced and removed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogHash, DEFAULT_CATALOG_HASH } from '../../src/catalog/catalogHash.js';
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import { main } from '../../src/cli/main.js';
import { readCatalogFile } from '../../src/cli/readCatalogFile.js';
import { lenderGigKinds } from '../helpers/lenderGigCatalog.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'catalog-print-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ielts = defaultCatalog.get('ielts');
const replaced = { ...ielts, validity: { expiresAfterMonths: 36 } };

/** `catalog --json` (with `--catalog` the given file's content, when given), printed to a file. */
async function printed(name: string, given?: unknown): Promise<string> {
  const args = ['catalog', '--json'];
  if (given !== undefined) {
    writeFileSync(file(`${name}.in.json`), JSON.stringify(given));
    args.push('--catalog', file(`${name}.in.json`));
  }
  const c = captureIo();
  expect(await main(args, c.io)).toBe(0);
  expect(c.err()).toBe('');
  writeFileSync(file(`${name}.printed.json`), c.out());
  return file(`${name}.printed.json`);
}

describe('catalog --json prints a catalog --catalog reads back as the same catalog (print -> read -> same catalogHash)', () => {
  const cases: [string, unknown][] = [
    ['default (no --catalog)', undefined],
    ['kinds added', lenderGigKinds],
    ['a default kind replaced', [replaced]],
    ['a default kind removed', { kinds: [], remove: ['ielts'] }],
    ['added, replaced and removed together', { kinds: [...lenderGigKinds, replaced], remove: ['school_scholarship', 'cet6'] }],
  ];
  for (const [name, given] of cases)
    it(name, async () => {
      const slug = name.replace(/\W+/g, '-');
      const path = await printed(slug, given);
      const before = given === undefined ? DEFAULT_CATALOG_HASH : (await readCatalogFile(file(`${slug}.in.json`))).hash;
      expect((await readCatalogFile(path)).hash).toBe(before);
      // Printed again from what it printed, the same text: the printed form is a fixed point.
      const again = await printed(`${slug}-again`, JSON.parse(readFileSync(path, 'utf8')));
      expect(readFileSync(again, 'utf8')).toBe(readFileSync(path, 'utf8'));
    });

  it('the tester\'s case: {"kinds":[],"remove":["ielts"]} prints the object form with "remove", and the printed file keeps IELTS out', async () => {
    const path = await printed('rm', { kinds: [], remove: ['ielts'] });
    const shape = JSON.parse(readFileSync(path, 'utf8')) as { kinds: { id: string }[]; remove: string[] };
    expect(shape.remove).toEqual(['ielts']);
    expect(shape.kinds.map((k) => k.id)).not.toContain('ielts');
    const back = await readCatalogFile(path);
    expect(back.catalog.has('ielts')).toBe(false);
    expect(back.hash).not.toBe(DEFAULT_CATALOG_HASH);
    expect(back.hash).toBe(catalogHash(new Map([...defaultCatalog].filter(([id]) => id !== 'ielts'))));
  });

  it('without removals the array form is printed, as before', async () => {
    const path = await printed('added-array', lenderGigKinds);
    expect(Array.isArray(JSON.parse(readFileSync(path, 'utf8')))).toBe(true);
  });

  it('the table names the kinds --catalog removes', async () => {
    writeFileSync(file('rm-table.json'), JSON.stringify({ remove: ['ielts'] }));
    const c = captureIo();
    expect(await main(['catalog', '--catalog', file('rm-table.json')], c.io)).toBe(0);
    expect(c.out()).toMatch(/removed from the default catalog by --catalog: "ielts"/);
  });
});
