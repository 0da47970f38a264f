import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { decisionLine, formatOutputLine } from '../../src/cli/score/outputLine.js';
import { REPORT_CHART_IDS } from '../../src/report/buildReportHtml.js';
import { OUTCOME_COLOURS } from '../../src/report/charts/chartFrame.js';
import { captureIo, fakeDecision } from '../cli/fakeDecider.js';
import { headlessChromium } from '../helpers/headlessChromium.js';
import { countColour, decodePng } from './decodePng.js';

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
});
