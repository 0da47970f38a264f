import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { decisionLine, formatOutputLine } from '../../src/cli/score/outputLine.js';
import { REPORT_CHART_IDS } from '../../src/report/buildReportHtml.js';
import { OUTCOME_COLOURS } from '../../src/report/charts/chartFrame.js';
import { captureIo, fakeDecision, resealed } from '../cli/fakeDecider.js';
import { CdpPipe } from '../playground/cdpPipe.js';
import { headlessChromium } from '../helpers/headlessChromium.js';
import { pageScrollWidths } from '../helpers/pageScrollWidths.js';
import { policyReasons } from '../../src/policy/policyReasons.js';
import { countColour, decodePng } from '../report/decodePng.js';

const browser = headlessChromium('reportChromium.test.ts');
const work = browser.work;
afterAll(() => browser.dispose());

describe.skipIf(browser.bin === undefined)(`report in headless Chromium${browser.skipNote}`, () => {
  const html = join(work, 'report.html');

  it('creditlift report renders every chart with its data marks, offline', async () => {
    const lines: string[] = [];
    const grades = ['A', 'B', 'C', 'D', 'E'];
    for (let i = 0; i < 200; i++) {
      const outcome = i % 10 === 0 ? 'decline' : i % 7 === 0 ? 'refer' : 'approve';
      lines.push(
        formatOutputLine(
          decisionLine(
            i + 1,
            fakeDecision({
              id: `r${i}`,
              grade: grades[i % 5]!,
              outcome,
              limit: (6 - (i % 5)) * 150_000 + (i % 13) * 10_000,
              pd: 0.01 + (i % 5) * 0.025,
              kinds: i % 3 === 0 ? ['ielts'] : i % 4 === 0 ? ['toefl'] : [],
            }),
          ),
        ),
      );
    }
    lines.push(formatOutputLine({ line: 201, error: { code: 'validation_failed', message: 'x' } }));
    writeFileSync(join(work, 'decisions.ndjson'), lines.join(''));
    const c = captureIo();
    expect(await runReportCommand([join(work, 'decisions.ndjson'), '--out', html], c.io)).toBe(0);
    expect(c.out()).toMatch(/report of 200 decisions \(1 rejected/);

    const dom = await browser.dumpDom(html);
    for (const id of REPORT_CHART_IDS) {
      const svg = new RegExp(`<svg data-chart="${id}"[\\s\\S]*?</svg>`).exec(dom)?.[0];
      expect(svg, `chart ${id} in the rendered DOM`).toBeDefined();
      expect((svg!.match(/class="mark/g) ?? []).length, `data marks of ${id}`).toBeGreaterThan(0);
    }
    expect(dom).toMatch(/<rect class="mark" data-label="approve" data-value="\d+"/);
    expect((/<svg data-chart="limit-by-grade"[\s\S]*?<\/svg>/.exec(dom)?.[0].match(/class="mark box"/g) ?? []).length).toBe(5);
  });

  it('the screenshot shows the charts painted: outcome colours and grade boxes are on screen', async () => {
    const png = join(work, 'report.png');
    await browser.screenshot(html, png, 1200, 2000);
    const image = decodePng(readFileSync(png));
    expect(image.width).toBe(1200);
    // The outcome bar alone is hundreds of pixels wide and 44 high in each colour.
    for (const [outcome, colour] of Object.entries(OUTCOME_COLOURS)) expect(countColour(image, colour), `${outcome} pixels`).toBeGreaterThan(2_000);
  });

  it('every chart text fits inside its chart: no label runs off the left or right edge', async () => {
    // The longest binding-constraint name ("regulatory per-borrower cap (own lines)") once started
    // left of its chart and was cut. Chromium lays the text out; a script measures each box.
    const decision = { grade: 'A', outcome: 'approve', limit: 500_000, pd: 0.02, kinds: ['ride_hailing_rating'] } as const;
    const lines = [
      formatOutputLine(decisionLine(1, fakeDecision({ id: 'a', ...decision, kinds: [...decision.kinds] }))),
      // Another application (its own decisionId): a copy of the first, changed, would be one decision with two contents.
      formatOutputLine(decisionLine(2, fakeDecision({ id: 'b', ...decision, kinds: [...decision.kinds], bindingConstraint: 'regulatory' }))),
    ];
    writeFileSync(join(work, 'fit.ndjson'), lines.join(''));
    const page = join(work, 'fit.html');
    expect(await runReportCommand([join(work, 'fit.ndjson'), '--out', page], captureIo().io)).toBe(0);
    const measure = `<script>for (const svg of document.querySelectorAll('svg[data-chart]')) { const w = svg.viewBox.baseVal.width; for (const t of svg.querySelectorAll('text')) { const b = t.getBBox(); t.setAttribute('data-measured', String(b.x)); if (b.x < -0.5 || b.x + b.width > w + 0.5) t.setAttribute('data-overflow', svg.getAttribute('data-chart') + ': ' + t.textContent); } }</script>`;
    // The page forbids scripts (its CSP); the measuring copy lifts that for this one inline script.
    const measured = readFileSync(page, 'utf8')
      .replace("default-src 'none'; style-src 'unsafe-inline'", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
      .replace('</body>', `${measure}</body>`);
    expect(measured).toContain("script-src 'unsafe-inline'");
    writeFileSync(page, measured);
    const dom = await browser.dumpDom(page);
    expect(dom).toContain('regulatory per-borrower cap (own lines)');
    // A built-in kind is shown by its catalog name, not its id.
    expect(dom).toContain('>Ride-hailing driver rating</text>');
    // The script ran and measured the texts, so the empty list below is not vacuous.
    expect((dom.match(/data-measured=/g) ?? []).length).toBeGreaterThan(20);
    expect([...dom.matchAll(/data-overflow="([^"]*)"/g)].map((m) => m[1])).toEqual([]);
  });

  // Outside tester round 11, F13: at 375 px the report was 533 px wide (two-column grid of 480 px
  // minimum) and the simulation report 505 px.
  it('the report fits a 375 px phone without scrolling sideways', { timeout: 120_000 }, async () => {
    const cdp = new CdpPipe(browser.bin as string, browser.flags);
    try {
      const { targetId } = (await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
      const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      await cdp.send('Runtime.enable', {}, sessionId);
      await cdp.send('Page.enable', {}, sessionId);
      await cdp.send('Emulation.setDeviceMetricsOverride', { width: 375, height: 800, deviceScaleFactor: 1, mobile: true }, sessionId);
      await cdp.send('Page.navigate', { url: pathToFileURL(html).href }, sessionId);
      await cdp.waitFor(sessionId, "document.readyState === 'complete' && document.querySelector('svg[data-chart=outcomes]') !== null");
      expect(await cdp.evaluate<number>(sessionId, 'window.innerWidth')).toBe(375);
      expect(await cdp.evaluate<number>(sessionId, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    } finally {
      await cdp.close();
    }
  });
});

// Outside tester round 28, F5 (hidden figure tables widened the page: 1,303 px at 1280 for 10,000
// decisions, 6,334 px with a 400-character error code) and F4 (three certificate reasons drawn as
// three identical bars).
describe.skipIf(browser.bin === undefined)(`report page width and labels in headless Chromium${browser.skipNote}`, () => {
  it('a report with long figures and a 400-character error code does not scroll sideways at 1280, 1024 or 800 px', { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    for (let i = 0; i < 200; i++)
      lines.push(
        formatOutputLine(
          decisionLine(i + 1, fakeDecision({ id: `w${i}`, grade: 'ABCDE'[i % 5]!, outcome: i % 9 === 0 ? 'decline' : 'approve', pd: 0.0123 + i / 10_000 })),
        ),
      );
    // Written by hand: an error line of another tool's (or a later release's) code, as the tester's was.
    lines.push(`${JSON.stringify({ line: 201, error: { code: 'W'.repeat(400), message: 'x' } })}\n`);
    writeFileSync(join(work, 'wide.ndjson'), lines.join(''));
    const page = join(work, 'wide.html');
    const c = captureIo();
    expect(await runReportCommand([join(work, 'wide.ndjson'), '--out', page], c.io)).toBe(0);
    expect(c.out()).toMatch(/report of 200 decisions \(1 rejected/);
    expect(readFileSync(page, 'utf8')).toContain('<table class="sr-only" data-figures>');
    const widths = [1280, 1024, 800];
    expect(await pageScrollWidths(browser, page, widths)).toEqual(widths);
  });

  it('three reasons with one long beginning are drawn as three different labels', async () => {
    const codes = ['evidence_expired', 'evidence_not_in_update', 'evidence_no_longer_accepted'] as const;
    const lines = codes.map((code, i) => {
      const d = fakeDecision({ id: `e${i}`, outcome: 'refer' });
      // Resealed: a decision changed after it was made is left out of the report.
      return formatOutputLine(
        decisionLine(
          i + 1,
          resealed({
            ...d,
            reasons: [{ code, source: 'policy', factor: 'evidence', en: policyReasons[code].en, zhHans: policyReasons[code].zhHans }],
          } as typeof d),
        ),
      );
    });
    writeFileSync(join(work, 'reasons.ndjson'), lines.join(''));
    const page = join(work, 'reasons.html');
    expect(await runReportCommand([join(work, 'reasons.ndjson'), '--out', page], captureIo().io)).toBe(0);
    const svg = /<svg data-chart="principal-reasons"[\s\S]*?<\/svg>/.exec(await browser.dumpDom(page))?.[0] ?? '';
    const labels = [...svg.matchAll(/<text class="label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toHaveLength(3);
    expect(new Set(labels).size, labels.join(' | ')).toBe(3);
  });
});
