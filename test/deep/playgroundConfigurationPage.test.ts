// The playground page names the model, policy and catalog it decides with, and the certificates an
// example lost under that catalog (test/playground/playgroundConfiguration.test.ts checks the same
// through the JSON API). Here in headless Chromium: under a lender catalog without IELTS and a
// lender policy, the page's header says so with the fingerprints its decisions record, and the new
// graduate's IELTS, left out, is named beside her story, and is neither on file nor in the impacts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import { servePlayground, type Playground, type PlaygroundSetup } from '../../src/playground/index.js';
import { headlessChromium } from '../helpers/headlessChromium.js';
import { CdpPipe } from '../playground/cdpPipe.js';

const browser = headlessChromium('playgroundConfigurationPage.test.ts');
const settled =
  "document.getElementById('status') !== null && document.getElementById('status').textContent !== '' && !document.getElementById('status').textContent.startsWith('Deciding')";

describe.skipIf(browser.bin === undefined)(`the page names its configuration and what an example left out, in headless Chromium${browser.skipNote}`, () => {
  let playground: Playground;
  let cdp: CdpPipe;
  let page: string;
  let setup: PlaygroundSetup;
  beforeAll(async () => {
    const catalog = new Map(defaultCatalog);
    catalog.delete('ielts');
    playground = await servePlayground({ port: 0, scorer: { catalog, policyOverrides: { name: 'Lender X pilot', version: '7' } } });
    setup = (await (await fetch(new URL('/api/setup', playground.url))).json()) as PlaygroundSetup;
    cdp = new CdpPipe(browser.bin as string, browser.flags);
    const { targetId } = (await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    ({ sessionId: page } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string });
    await cdp.send('Runtime.enable', {}, page);
    await cdp.send('Page.enable', {}, page);
    await cdp.send('Page.navigate', { url: playground.url }, page);
    await cdp.waitFor(page, `document.body !== null && document.body.dataset.ready === 'true' && ${settled}`);
  }, 120_000);
  afterAll(async () => {
    await cdp?.close();
    await playground?.close();
    browser.dispose();
  });

  it('the header names the model, the policy and the catalog, with the fingerprints decisions record', async () => {
    const text = await cdp.evaluate<string>(page, "document.getElementById('in-use').textContent");
    expect(text).toContain('Policy \u201cLender X pilot\u201d version 7 (yours, ');
    expect(text).toContain(`Catalog of ${defaultCatalog.size - 1} kinds (yours, ${setup.inUse.catalog.hash.slice(0, 12)})`);
    expect(text).toContain(`(default, sha256 ${setup.inUse.model.sha256.slice(0, 12)})`);
    const data = await cdp.evaluate<Record<string, string>>(page, "Object.assign({}, document.getElementById('in-use').dataset)");
    expect(data).toEqual({ modelSha256: setup.inUse.model.sha256, policyHash: setup.inUse.policy.hash, catalogHash: setup.inUse.catalog.hash });
  });

  it("the new graduate's IELTS is named as left out, and is neither on file nor assessed", async () => {
    expect(await cdp.evaluate<string>(page, "document.getElementById('example').value")).toBe('ex-new-graduate');
    expect(await cdp.evaluate<boolean>(page, "document.getElementById('left-out').hidden")).toBe(false);
    const items = await cdp.evaluate<{ kind: string; reason: string; text: string }[]>(
      page,
      "[...document.querySelectorAll('#left-out-list li')].map((li) => ({ kind: li.dataset.kind, reason: li.dataset.reason, text: li.textContent }))",
    );
    expect(items).toEqual([{ kind: 'ielts', reason: 'unknown_kind', text: expect.stringContaining('IELTS (ielts)') }]);
    expect(await cdp.evaluate<number>(page, "document.querySelectorAll('#certs li[data-kind=ielts]').length")).toBe(0);
    expect(await cdp.evaluate<number>(page, "document.querySelectorAll('#impacts-body tr[data-kind=ielts]').length")).toBe(0);
  });

  it('an example that lost nothing shows no note', { timeout: 120_000 }, async () => {
    await cdp.evaluate(
      page,
      "(() => { const s = document.getElementById('example'); s.value = 'ex-factory-worker'; s.dispatchEvent(new Event('change')); })()",
    );
    await cdp.waitFor(page, `document.getElementById('left-out').hidden && ${settled}`);
    expect(await cdp.evaluate<number>(page, "document.querySelectorAll('#left-out-list li').length")).toBe(0);
  });
});
