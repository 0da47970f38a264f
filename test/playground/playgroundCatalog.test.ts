// The playground decided with the lender's catalog but offered the default one: its setup data (the
// page's certificate list) and /api/certificate read `defaultCatalog`, so a lender's own kind was not
// offered and could not be built ("not in the catalog"), while a default kind the lender removed was
// offered and then rejected unknown_kind by the decision. Both now read the catalog the playground
// was started with (`creditlift playground --catalog FILE`, `servePlayground({ scorer: { catalog } })`).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlaygroundCommand } from '../../src/cli/playgroundCommand.js';
import type { CertificateKindSpecInput } from '../../src/catalog/certificateKindSpec.js';
import { resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { readCatalogFile } from '../../src/cli/readCatalogFile.js';
import { exampleFor } from '../../src/examples/index.js';
import { servePlayground, type Playground } from '../../src/playground/index.js';
import { captureIo } from '../cli/fakeDecider.js';
import { headlessChromium } from '../helpers/headlessChromium.js';
import { CdpPipe } from './cdpPipe.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'playground-catalog-'));

/** A lender's kind the default catalog lacks, with levels and a typical level. */
const forklift = {
  id: 'forklift_licence',
  category: 'professional',
  names: { en: 'Forklift operator licence', zhHans: '叉车司机证' },
  scale: {
    type: 'levels',
    levels: [
      { id: 'basic', names: { en: 'Basic', zhHans: '初级' }, value: 0.5 },
      { id: 'senior', names: { en: 'Senior', zhHans: '高级' }, value: 1 },
    ],
    typical: 'senior',
  },
  validity: { fadeHalfLifeMonths: 120 },
  minHolderAgeAtIssue: 18,
  signalWeight: 0.6,
  verificationMethods: ['issuer_api', 'document_ocr'],
} satisfies CertificateKindSpecInput;
const catalogFile = join(work, 'catalog.json');
writeFileSync(catalogFile, JSON.stringify({ kinds: [forklift], remove: ['ielts'] }));

const idHash = exampleFor('new_graduate').applicant.identity.idHash;
const post = (base: string, path: string, body: unknown) =>
  fetch(new URL(path, base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

interface Setup {
  catalog: { id: string; typical: { level?: string; score?: number } | null }[];
}

/** What a playground at `url` offers and builds, read through its JSON API. */
async function checkUsesLenderCatalog(url: string): Promise<void> {
  const setup = (await (await fetch(new URL('/api/setup', url))).json()) as Setup;
  const ids = setup.catalog.map((k) => k.id);
  expect(ids).toContain('forklift_licence');
  expect(ids).not.toContain('ielts');
  expect(ids).toContain('toefl_ibt');
  expect(setup.catalog.find((k) => k.id === 'forklift_licence')?.typical).toEqual({ level: 'senior' });

  const made = await post(url, '/api/certificate', { kind: 'forklift_licence', level: 'senior', method: 'issuer_api', confidence: 0.95, idHash, seq: 1 });
  expect(made.status).toBe(200);
  const { certificate } = (await made.json()) as { certificate: { kind: string; issuer: string; credentialId: string } };
  expect(certificate).toMatchObject({
    kind: 'forklift_licence',
    issuer: 'Forklift operator licence issuer (playground)',
    credentialId: 'PG-forklift_licence-1',
  });
  // The decision counts it: the catalog that built it is the scorer's.
  const applicant = exampleFor('new_graduate').applicant;
  const decided = await post(url, '/api/decide', { applicant: { ...applicant, evidence: [certificate] } });
  expect(decided.status).toBe(200);
  const { decision } = (await decided.json()) as { decision: { evidence: { kind: string; status: string }[] } };
  expect(decision.evidence).toEqual([expect.objectContaining({ kind: 'forklift_licence', status: 'accepted' })]);

  const removed = await post(url, '/api/certificate', { kind: 'ielts', score: 7, method: 'issuer_api', confidence: 0.95, idHash, seq: 2 });
  expect(removed.status).toBe(400);
  const err = ((await removed.json()) as { error: { issues: { path: string; message: string }[] } }).error;
  expect(err.issues).toEqual([expect.objectContaining({ path: 'kind', message: '"ielts" is not in the catalog' })]);
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the playground offers and builds the catalog it decides with', () => {
  it('servePlayground({ scorer: { catalog } }): setup, /api/certificate and /api/decide', async () => {
    // A catalog built in code, as a lender's service would: the default less IELTS, plus its own kind.
    const catalog = new Map(resolveCatalog([forklift]));
    catalog.delete('ielts');
    const p = await servePlayground({ port: 0, scorer: { catalog } });
    try {
      await checkUsesLenderCatalog(p.url);
    } finally {
      await p.close();
    }
  });

  it('creditlift playground --catalog FILE serves it; a bad file is named and starts nothing', async () => {
    const stop = new AbortController();
    const c = captureIo({ signal: stop.signal });
    const running = runPlaygroundCommand(['--port', '0', '--catalog', catalogFile], c.io);
    let url: string | undefined;
    for (let i = 0; i < 600 && url === undefined; i++) {
      url = c.out().match(/(http:\/\/127\.0\.0\.1:\d+\/)/)?.[1];
      if (url === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    try {
      expect(url, c.err()).toBeDefined();
      await checkUsesLenderCatalog(url as string);
    } finally {
      stop.abort();
      expect(await running).toBe(0);
    }
    const bad = join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify({ kinds: [], remove: ['astrology'] }));
    const b = captureIo();
    expect(await runPlaygroundCommand(['--port', '0', '--catalog', bad], b.io)).toBe(1);
    expect(b.err()).toContain('astrology');
    expect(b.out()).toBe('');
  });
});

const browser = headlessChromium('playgroundCatalog.test.ts');

describe.skipIf(browser.bin === undefined)(`the page's certificate list is the lender's catalog, in headless Chromium${browser.skipNote}`, () => {
  let playground: Playground;
  let cdp: CdpPipe;
  let page: string;
  beforeAll(async () => {
    playground = await servePlayground({ port: 0, scorer: { catalog: (await readCatalogFile(catalogFile)).scorerCatalog } });
    cdp = new CdpPipe(browser.bin as string, browser.flags);
    const { targetId } = (await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    ({ sessionId: page } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string });
    await cdp.send('Runtime.enable', {}, page);
    await cdp.send('Page.enable', {}, page);
    await cdp.send('Page.navigate', { url: playground.url }, page);
    await cdp.waitFor(page, "document.body !== null && document.body.dataset.ready === 'true'");
  }, 120_000);
  afterAll(async () => {
    await cdp?.close();
    await playground?.close();
    browser.dispose();
  });

  it('offers the lender kind, with its levels, and adds it to the applicant', { timeout: 120_000 }, async () => {
    const kinds = await cdp.evaluate<string[]>(page, "[...document.querySelectorAll('#cert-kind option')].map((o) => o.value)");
    expect(kinds).toContain('forklift_licence');
    expect(kinds).not.toContain('ielts');
    expect(kinds).toContain('toefl_ibt');
    const before = await cdp.evaluate<number>(page, "document.querySelectorAll('#certs button[data-remove]').length");
    await cdp.evaluate(
      page,
      "(() => { const s = document.getElementById('cert-kind'); s.value = 'forklift_licence'; s.dispatchEvent(new Event('change')); })()",
    );
    expect(await cdp.evaluate<string>(page, "document.getElementById('cert-level').value")).toBe('senior');
    await cdp.evaluate(page, "document.getElementById('add-cert').click()");
    await cdp.waitFor(page, `document.querySelectorAll('#certs button[data-remove]').length === ${before + 1}`);
    expect(await cdp.evaluate<string>(page, "document.getElementById('certs').textContent")).toContain('Forklift operator licence');
  });
});
