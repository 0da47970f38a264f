// F1 (adopt): `creditlift simulate --catalog` replays the book with the lender's own certificate
// kinds on both sides, as the live scorer (createScorer({ catalog })) decides it; without it the
// uploads are rejected unknown_kind and stderr counts them by kind. Deep: each run starts a worker
// pool per side.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readCatalogFile } from '../../src/cli/readCatalogFile.js';
import { createScorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { captureIo } from '../cli/fakeDecider.js';
import { applicantsWithLenderUploads, lenderGigKinds } from '../helpers/lenderGigCatalog.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'simulate-catalog-'));
const file = (name: string) => join(work, name);
const applicants = applicantsWithLenderUploads();
const withCatalog: Decision[] = [];

beforeAll(async () => {
  writeFileSync(file('lender.json'), JSON.stringify(lenderGigKinds, null, 2));
  writeFileSync(file('book.ndjson'), `${applicants.map((a) => JSON.stringify(a)).join('\n')}\n`);
  const scorer = await createScorer({ catalog: lenderGigKinds, suggestionsPerDecision: 0 });
  try {
    for (const a of applicants) withCatalog.push(await scorer.decide(a));
  } finally {
    await scorer.close();
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('simulate --catalog', () => {
  it('replays the book with the catalog on both sides, as the live scorer decides it; without it, warns', async () => {
    const c = captureIo();
    expect(await main(['simulate', '--book', file('book.ndjson'), '--out', file('sim.json'), '--catalog', file('lender.json')], c.io)).toBe(0);
    expect(c.err()).toBe('');
    const sim = JSON.parse(readFileSync(file('sim.json'), 'utf8')) as {
      baselineLabel: string;
      catalogHash: string;
      totals: { baseline: { totalLimit: number }; candidate: { totalLimit: number } };
    };
    const live = withCatalog.filter((d) => d.outcome === 'approve').reduce((s, d) => s + d.limit, 0);
    expect(sim.totals.baseline.totalLimit).toBe(live);
    expect(sim.totals.candidate.totalLimit).toBe(live);
    expect(sim.baselineLabel).toContain('catalog lender.json');
    // Named by its hash too, as the decisions record it: an edited lender.json is another catalog.
    const hash = (await readCatalogFile(file('lender.json'))).hash;
    expect(sim.catalogHash).toBe(hash);
    expect(sim.baselineLabel).toContain(`catalog lender.json (${hash.slice(0, 12)})`);
    const p = captureIo();
    expect(await main(['simulate', '--book', file('book.ndjson'), '--out', file('sim-plain.json')], p.io)).toBe(0);
    expect(p.err()).toMatch(
      /warning: in the 11 records of book\.ndjson, under both sides, 11 certificate upload\(s\) are of kinds the certificate catalog does not know, so each was rejected unknown_kind and gave no credit: "swiftride_driver_rating" \(6\), "dash_courier_reviews" \(5\); give your own kinds with --catalog FILE\.json/,
    );
    expect((JSON.parse(readFileSync(file('sim-plain.json'), 'utf8')) as typeof sim).totals.baseline.totalLimit).toBeLessThan(live);
  });
});
