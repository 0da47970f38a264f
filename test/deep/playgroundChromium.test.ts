import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleApplicants } from '../../src/examples/index.js';
import { servePlayground, type Playground } from '../../src/playground/index.js';
import { decodePng } from '../report/decodePng.js';
import { headlessChromium } from '../helpers/headlessChromium.js';
import { CdpPipe } from '../playground/cdpPipe.js';

const browser = headlessChromium('playgroundChromium.test.ts');

// The screenshot is a test artefact; CREDITLIFT_UPDATE_SCREENSHOTS=1 also refreshes the README's copy.
const ARTEFACTS = join(process.cwd(), 'test-artifacts');
const README_SHOT = join(process.cwd(), 'docs', 'playground.png');

let playground: Playground;
let cdp: CdpPipe;
let page: string;

const settled =
  "document.getElementById('status') !== null && document.getElementById('status').textContent !== '' && !document.getElementById('status').textContent.startsWith('Deciding')";
const limit = async () => Number(await cdp.evaluate<string>(page, "document.getElementById('limit').dataset.fen"));

describe.skipIf(browser.bin === undefined)(`playground in headless Chromium${browser.skipNote}`, () => {
  beforeAll(async () => {
    playground = await servePlayground({ port: 0 });
    cdp = new CdpPipe(browser.bin as string, browser.flags);
    const { targetId } = (await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    ({ sessionId: page } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string });
    await cdp.send('Runtime.enable', {}, page);
    await cdp.send('Log.enable', {}, page);
    await cdp.send('Page.enable', {}, page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1200, height: 1080, deviceScaleFactor: 1, mobile: false }, page);
    await cdp.send('Page.navigate', { url: playground.url }, page);
    await cdp.waitFor(page, `document.body !== null && document.body.dataset.ready === 'true' && ${settled}`);
  }, 120_000);

  afterAll(async () => {
    await cdp?.close();
    await playground?.close();
    browser.dispose();
  });

  it('loads offline and shows a decision: limit, binding constraint, price, waterfall, reasons, checks, budget assistant', async () => {
    expect(await limit()).toBeGreaterThan(0);
    const text = await cdp.evaluate<string>(page, 'document.body.innerText');
    expect(text).toMatch(/Binding constraint: .+\(risk\)/);
    expect(text).toMatch(/APR \d+\.\d+% · daily rate \d\.\d+%/);
    expect(text).toMatch(/Healthy limit ¥[\d,]+/);
    expect(await cdp.evaluate<number>(page, "document.querySelectorAll('svg[data-chart=waterfall] rect.mark').length")).toBeGreaterThan(3);
    expect(await cdp.evaluate<number>(page, "document.querySelectorAll('#afford-body tr').length")).toBe(3);
    // Reasons in both languages, side by side.
    expect(await cdp.evaluate<string>(page, "document.querySelector('#reasons-body td[lang=zh-Hans]')?.textContent ?? ''")).toMatch(/[\u4e00-\u9fff]/);
  });

  it('remove a certificate, add it back from the catalog with the keyboard, and see the limit rise at once', { timeout: 120_000 }, async () => {
    await cdp.evaluate(
      page,
      "(() => { const s = document.getElementById('example'); s.value = 'ex-nursing-graduate'; s.dispatchEvent(new Event('change')); })()",
    );
    await cdp.waitFor(page, `document.getElementById('story').textContent.includes('Nursing') && ${settled}`);
    const held = await limit();
    await cdp.evaluate(page, "document.querySelector('#certs button[data-remove]').click()");
    await cdp.waitFor(page, `document.querySelectorAll('#certs button[data-remove]').length === 0 && ${settled}`);
    const without = await limit();
    expect(without).toBeLessThan(held);

    await cdp.evaluate(
      page,
      "(() => { const s = document.getElementById('cert-kind'); s.value = 'provincial_scholarship'; s.dispatchEvent(new Event('change')); document.getElementById('add-cert').focus(); })()",
    );
    await cdp.press(page, 'Enter');
    await cdp.waitFor(page, `document.querySelectorAll('#certs button[data-remove]').length === 1 && ${settled}`);
    const added = await limit();
    expect(added).toBeGreaterThan(without);
    expect(await cdp.evaluate<string>(page, "document.getElementById('change').className")).toBe('up');
    expect(await cdp.evaluate<string>(page, "document.getElementById('change').textContent")).toMatch(/¥[\d,]+ → ¥[\d,]+ \(\+¥[\d,]+\)/);
    const gain = Number(
      await cdp.evaluate<string>(page, "document.querySelector('#impacts-body tr[data-kind=provincial_scholarship] td[data-gain]')?.dataset.gain ?? '0'"),
    );
    expect(gain).toBeGreaterThan(0);

    const { data } = (await cdp.send('Page.captureScreenshot', { format: 'png' }, page)) as { data: string };
    const png = Buffer.from(data, 'base64');
    expect(decodePng(png).width).toBe(1200);
    mkdirSync(ARTEFACTS, { recursive: true });
    writeFileSync(join(ARTEFACTS, 'playground.png'), png);
    if (process.env.CREDITLIFT_UPDATE_SCREENSHOTS === '1') {
      // The README's copy is scaled to three quarters to keep the repository small.
      const small = (await cdp.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width: 1200, height: 1000, scale: 0.75 } }, page)) as {
        data: string;
      };
      mkdirSync(join(process.cwd(), 'docs'), { recursive: true });
      writeFileSync(README_SHOT, Buffer.from(small.data, 'base64'));
    }
  });

  // findings21-explain F1: the page showed the decision's own previews (uploading to that decision,
  // reassessed on the line it set) while Add decides the profile again, with a certificate dated 30
  // days early: the new graduate was shown ¥17,700 for a vocational skill certificate and Add gave
  // ¥17,400; none of the 15 suggestions in the examples came true.
  it('every suggestion the page shows, for every example, gives the limit it shows when its Add is clicked', { timeout: 300_000 }, async () => {
    const pick = async (id: string) => {
      await cdp.evaluate(
        page,
        `(() => { const s = document.getElementById('example'); s.value = ${JSON.stringify(id)}; s.dispatchEvent(new Event('change')); })()`,
      );
      await cdp.waitFor(page, settled);
    };
    const certificates = () => cdp.evaluate<number>(page, "JSON.parse(document.getElementById('json').value).evidence.length");
    let checked = 0;
    for (const ex of exampleApplicants) {
      await pick(ex.id);
      const shown = await cdp.evaluate<string[]>(
        page,
        "[...document.querySelectorAll('#whatif li')].filter((li) => li.querySelector('button')).map((li) => li.textContent)",
      );
      const pds = await cdp.evaluate<string[]>(
        page,
        "[...document.querySelectorAll('#whatif li')].filter((li) => li.querySelector('button')).map((li) => li.dataset.pd)",
      );
      for (const [i, text] of shown.entries()) {
        if (i > 0) await pick(ex.id);
        const promised = /\u2192 (¥[\d,.]+)/.exec(text)?.[1];
        expect(promised, text).toBeDefined();
        const held = await certificates();
        await cdp.evaluate(page, `document.querySelectorAll('#whatif li button')[${i}].click()`);
        await cdp.waitFor(page, `JSON.parse(document.getElementById('json').value).evidence.length === ${held + 1} && ${settled}`);
        expect(await cdp.evaluate<string>(page, "document.getElementById('limit').textContent"), `${ex.id}: ${text}`).toBe(promised);
        // The outcome the preview names (a referral is said as such), and its PD to the last digit.
        expect(await cdp.evaluate<string>(page, "document.getElementById('outcome').textContent"), text).toBe(
          text.includes('proposed for a person to review') ? 'refer' : 'approve',
        );
        expect(await cdp.evaluate<string>(page, "document.getElementById('price').dataset.pd"), text).toBe(pds[i]);
        checked++;
      }
    }
    expect(checked).toBe(15);
  });

  it("says why a certificate that lowered the risk added nothing: the teacher's line is set by affordability", { timeout: 120_000 }, async () => {
    await cdp.evaluate(
      page,
      "(() => { const s = document.getElementById('example'); s.value = 'ex-salaried-teacher'; s.dispatchEvent(new Event('change')); })()",
    );
    await cdp.waitFor(page, `document.getElementById('story').textContent.includes('teacher') && ${settled}`);
    expect(await cdp.evaluate<string>(page, "document.getElementById('impacts-body').innerText")).toMatch(
      /added nothing: the limit is set by what your income can repay/,
    );
    expect(await cdp.evaluate<string>(page, "document.getElementById('binding').textContent")).toContain('(affordability)');
    // The tested payment names its plan (the teacher's APR is under 15.86%: the 12-month plan is dearest).
    expect(await cdp.evaluate<string>(page, "document.getElementById('afford-summary').textContent")).toMatch(
      /repayment ¥[\d,.]+ a month on the 12-month instalment plan \(the dearest way to repay it over the term\)/,
    );
    expect(await cdp.evaluate<string>(page, "document.getElementById('assistant').textContent")).toMatch(
      /costs ¥[\d,.]+ a month on the 12-month instalment plan/,
    );
  });

  it('is keyboard usable: Tab walks the editor in reading order, every control has a label, buttons are buttons', { timeout: 120_000 }, async () => {
    await cdp.evaluate(page, 'document.activeElement?.blur(); window.scrollTo(0, 0)');
    const seen: { id: string; tag: string; label: string }[] = [];
    for (let i = 0; i < 40; i++) {
      await cdp.press(page, 'Tab');
      seen.push(
        await cdp.evaluate(
          page,
          `(() => { const e = document.activeElement; const byFor = e.id ? document.querySelector('label[for="' + e.id + '"]') : null;
            return { id: e.id, tag: e.tagName.toLowerCase(), label: (e.getAttribute('aria-label') || (byFor && byFor.textContent) || (e.tagName === 'BUTTON' || e.tagName === 'SUMMARY' ? e.textContent : '') || '').trim() }; })()`,
        ),
      );
    }
    // Past the last control focus leaves the page (body): that is the end of the walk, not a control.
    for (const s of seen.filter((x) => x.tag !== 'body')) expect(s.label, `focusable ${s.tag}#${s.id} has an accessible name`).not.toBe('');
    const order = [
      'example',
      'income',
      'source',
      'essentials',
      'dependants',
      'tier',
      'debt',
      'current',
      'requested',
      'cap',
      'budget',
      'over-budget',
      'cert-kind',
      'add-cert',
    ];
    const positions = order.map((id) => seen.findIndex((s) => s.id === id));
    for (const [k, p] of positions.entries()) expect(p, `${order[k]} reached by Tab`).toBeGreaterThanOrEqual(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(seen.some((s) => s.tag === 'button' && s.label.startsWith('Remove '))).toBe(true);
  });

  // Outside tester round 11, F11 and F13: the waterfall exposed only a generic sentence, and at
  // 375 px the page stayed two columns, 960 px wide.
  it('the factor waterfall has its figures as text, and the page fits a 375 px phone', { timeout: 120_000 }, async () => {
    const rows = await cdp.evaluate<string[]>(page, "[...document.querySelectorAll('#waterfall table[data-figures] tr')].map((r) => r.textContent)");
    const marks = await cdp.evaluate<number>(page, "document.querySelectorAll('svg[data-chart=waterfall] rect.mark').length");
    expect(rows.length).toBe(marks + 2);
    expect(rows[0]).toMatch(/^Average applicant/);
    expect(rows.slice(1, -1).every((r) => /[+\u2212]\d+\.\d\d$/.test(r))).toBe(true);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 375, height: 800, deviceScaleFactor: 1, mobile: true }, page);
    try {
      await cdp.waitFor(page, 'window.innerWidth === 375');
      expect(await cdp.evaluate<number>(page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    } finally {
      await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1200, height: 1080, deviceScaleFactor: 1, mobile: false }, page);
    }
  });

  it('ran without a JavaScript error or a failed request in the console', () => {
    const errors = cdp.events.filter(
      (e) =>
        e.method === 'Runtime.exceptionThrown' ||
        (e.method === 'Runtime.consoleAPICalled' && e.params.type === 'error') ||
        (e.method === 'Log.entryAdded' && (e.params.entry as { level?: string } | undefined)?.level === 'error'),
    );
    expect(errors.map((e) => JSON.stringify(e.params).slice(0, 300))).toEqual([]);
  });

  // F86: owed above the line, the payment tested is the balance's; the budget assistant called it the
  // cost of "a fully used ¥2,000 line" (¥362.67 a month: that repays the ¥4,000 owed; the line's is ¥181.34).
  it('a balance owed above the line: the budget assistant and the checks say the payment repays the balance', { timeout: 120_000 }, async () => {
    const applicant = structuredClone(exampleApplicants.find((e) => e.id === 'ex-new-graduate')?.applicant) as Record<string, unknown> & {
      platform: Record<string, unknown>;
    };
    applicant.platform.currentLimit = 300_000;
    applicant.platform.currentBalance = 400_000;
    applicant.controls = { selfSetCap: 200_000 };
    await cdp.evaluate(
      page,
      `(() => { document.getElementById('json').value = ${JSON.stringify(JSON.stringify(applicant))}; document.getElementById('apply-json').click(); })()`,
    );
    await cdp.waitFor(page, `document.getElementById('limit').dataset.fen === '200000' && ${settled}`);
    const assistant = await cdp.evaluate<string>(page, "document.getElementById('assistant').textContent");
    expect(assistant).not.toMatch(/A fully used/);
    expect(assistant).toMatch(/Repaying the ¥4,000 owed on this ¥2,000 line costs ¥362\.67 a month/);
    expect(await cdp.evaluate<string>(page, "document.getElementById('afford-summary').textContent")).toMatch(
      /repayment ¥362\.67 a month .* on the ¥4,000 owed, above the ¥2,000 limit tested;/,
    );
  });

  // Last: the server's 400 for the bad applicant is logged by the browser as a failed request.
  it('"Apply JSON" with an incomplete applicant or null shows the problem and no decision, never a page error', { timeout: 120_000 }, async () => {
    const before = cdp.events.filter((e) => e.method === 'Runtime.exceptionThrown').length;
    for (const json of ['{"id":"x"}', 'null']) {
      await cdp.evaluate(page, `(() => { document.getElementById('json').value = ${JSON.stringify(json)}; document.getElementById('apply-json').click(); })()`);
      await cdp.waitFor(page, "!document.getElementById('error').hidden");
      if (json === '{"id":"x"}') await cdp.waitFor(page, "document.getElementById('status').textContent.startsWith('Not decided')");
      expect(await cdp.evaluate<string>(page, "document.getElementById('error').innerText"), json).toMatch(json === 'null' ? /must be an object/ : /income/);
      if (json === '{"id":"x"}') expect(await cdp.evaluate<string>(page, "document.getElementById('limit').textContent")).toBe('-');
    }
    expect(cdp.events.filter((e) => e.method === 'Runtime.exceptionThrown').length).toBe(before);
  });

  // findings12-recheck R4: a blank certificate score or confidence was sent as 0 (Number('')), adding
  // an IELTS 0 certificate or one at confidence 0 without a word; a negative count of months over
  // budget or of other debt repayments was dropped the same way (n > 0 or nothing).
  it('a blank certificate score or confidence adds nothing and is named; a negative figure is named, not dropped', { timeout: 120_000 }, async () => {
    await cdp.evaluate(page, "(() => { const s = document.getElementById('example'); s.value = 'ex-new-graduate'; s.dispatchEvent(new Event('change')); })()");
    await cdp.waitFor(page, `JSON.parse(document.getElementById('json').value).id !== undefined && ${settled}`);
    const certificates = () => cdp.evaluate<number>(page, "JSON.parse(document.getElementById('json').value).evidence.length");
    const held = await certificates();
    const addWith = async (score: string, confidence: string) => {
      await cdp.evaluate(
        page,
        `(() => { showError(null); const k = document.getElementById('cert-kind'); k.value = 'ielts'; k.dispatchEvent(new Event('change'));
          document.getElementById('cert-score').value = ${JSON.stringify(score)};
          document.getElementById('cert-confidence').value = ${JSON.stringify(confidence)};
          document.getElementById('add-cert').click(); })()`,
      );
      await cdp.waitFor(page, "!document.getElementById('error').hidden");
      return cdp.evaluate<string>(page, "document.getElementById('error').innerText");
    };
    expect(await addWith('', '0.95')).toMatch(/score: .*IELTS/);
    expect(await certificates()).toBe(held);
    expect(await addWith('6.5', '')).toContain('verification.confidence');
    expect(await certificates()).toBe(held);

    const type = async (id: string, value: string) => {
      await cdp.evaluate(
        page,
        `(() => { const e = document.getElementById(${JSON.stringify(id)}); e.value = ${JSON.stringify(value)}; e.dispatchEvent(new Event('change')); })()`,
      );
      await cdp.waitFor(page, settled);
    };
    await type('over-budget', '-1');
    await cdp.waitFor(page, "document.getElementById('status').textContent.startsWith('Not decided')");
    expect(await cdp.evaluate<string>(page, "document.getElementById('error').innerText")).toContain('applicant.financialHealth.overBudgetMonths');
    await type('over-budget', '');
    await cdp.waitFor(page, "document.getElementById('error').hidden");
    expect(await cdp.evaluate<unknown>(page, "JSON.parse(document.getElementById('json').value).financialHealth ?? null")).toBe(null);
    await type('debt', '-5');
    await cdp.waitFor(page, "document.getElementById('status').textContent.startsWith('Not decided')");
    expect(await cdp.evaluate<string>(page, "document.getElementById('error').innerText")).toContain('applicant.bureau.otherMonthlyDebtService');
    await type('debt', '');
    await cdp.waitFor(page, "document.getElementById('error').hidden");
  });

  // Outside tester round 11, F3: the form changed the applicant without a word. "Other debt" set
  // bureau.hasFile to true and clearing it left it set; a blank "Dependants" was sent as 0; an income
  // of 6500.555 yuan became 650056 fen; the JSON editor kept the last of a repeated key.
  it('the form never changes the applicant silently: other debt leaves hasFile alone, blank and sub-fen amounts are refused, a repeated key is named', {
    timeout: 120_000,
  }, async () => {
    const pick = async (id: string) => {
      await cdp.evaluate(
        page,
        `(() => { const s = document.getElementById('example'); s.value = ${JSON.stringify(id)}; s.dispatchEvent(new Event('change')); })()`,
      );
      await cdp.waitFor(page, `JSON.parse(document.getElementById('json').value).id !== undefined && ${settled}`);
    };
    const type = async (id: string, value: string) => {
      await cdp.evaluate(
        page,
        `(() => { const e = document.getElementById(${JSON.stringify(id)}); e.value = ${JSON.stringify(value)}; e.dispatchEvent(new Event('change')); })()`,
      );
      await cdp.waitFor(page, settled);
    };
    const applicantJson = async () =>
      JSON.parse(await cdp.evaluate<string>(page, "document.getElementById('json').value")) as {
        bureau: Record<string, unknown>;
        household: Record<string, unknown>;
        income: { monthlyNet: number };
      };
    await pick('ex-new-graduate');
    const picked = await applicantJson();
    expect(picked.bureau.hasFile).toBe(false);
    await type('debt', '500');
    expect((await applicantJson()).bureau).toEqual({ ...picked.bureau, otherMonthlyDebtService: 50_000 });
    await type('debt', '');
    expect((await applicantJson()).bureau).toEqual(picked.bureau);

    await type('dependants', '');
    await cdp.waitFor(page, "document.getElementById('status').textContent.startsWith('Not decided')");
    expect(await cdp.evaluate<string>(page, "document.getElementById('error').innerText")).toContain('applicant.household.dependants');
    await type('dependants', '0');
    await cdp.waitFor(page, "document.getElementById('error').hidden");

    await type('income', '6500.555');
    expect(await cdp.evaluate<string>(page, "document.getElementById('error').innerText")).toMatch(/6500\.555.*fen/);
    expect((await applicantJson()).income.monthlyNet).toBe(picked.income.monthlyNet);
    await type('income', String(picked.income.monthlyNet / 100));
    await cdp.waitFor(page, "document.getElementById('error').hidden");

    const held = await limit();
    const text = JSON.stringify(picked).replace(/"monthlyNet":(\d+)/, '"monthlyNet":$1,"monthlyNet":9900000');
    await cdp.evaluate(page, `(() => { document.getElementById('json').value = ${JSON.stringify(text)}; document.getElementById('apply-json').click(); })()`);
    await cdp.waitFor(page, "!document.getElementById('error').hidden");
    expect(await cdp.evaluate<string>(page, "document.getElementById('error').innerText")).toContain('applicant.income.monthlyNet');
    expect(await limit()).toBe(held);
  });
});
