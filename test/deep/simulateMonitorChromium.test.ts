import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LineAction } from '../../src/decision/decision.js';
import { OUTCOME_COLOURS } from '../../src/report/charts/chartFrame.js';
import { buildSimulationHtml, SIMULATION_CHART_IDS } from '../../src/simulate/buildSimulationHtml.js';
import { createSimulationAccumulator } from '../../src/simulate/simulationAccumulator.js';
import { buildMonitorHtml, MONITOR_CHART_IDS } from '../../src/monitor/buildMonitorHtml.js';
import { headlessChromium } from '../helpers/headlessChromium.js';
import { pageScrollWidths } from '../helpers/pageScrollWidths.js';
import { handMadeMonitorResult } from '../monitor/handMadeMonitor.js';
import { countColour, decodePng } from '../report/decodePng.js';

const browser = headlessChromium('simulateMonitorChromium.test.ts');
const work = browser.work;
afterAll(() => browser.dispose());

const OUTCOMES = ['approve', 'refer', 'decline'] as const;

/** The line action `decide` gives an outcome and limit against the line before (see `LineAction`). */
function decidedLineAction(outcome: (typeof OUTCOMES)[number], limit: number, previousLimit: number): LineAction {
  if (outcome === 'refer') return 'review';
  if (outcome === 'decline') return previousLimit > 0 ? 'close' : 'none';
  if (previousLimit === 0) return 'open';
  return limit > previousLimit ? 'raise' : limit === previousLimit ? 'keep' : 'lower';
}
const regions = ['east', 'central', 'west', 'northeast'];

/** Simulation data made by hand (no model needed: the report only draws what it is given). */
function simulationHtml(): string {
  const a = { lgd: 0.85, utilisation: 0.5 };
  const acc = createSimulationAccumulator({ baseline: a, candidate: a });
  for (let i = 0; i < 300; i++) {
    const b = OUTCOMES[i % 7 === 0 ? 2 : i % 5 === 0 ? 1 : 0]!;
    const c = i % 4 === 0 && b === 'approve' ? 'decline' : b;
    const limit = b === 'decline' ? 0 : 200_000 + (i % 9) * 50_000;
    const previousLimit = i % 2 ? 0 : 300_000;
    const candidateLimit = c === 'decline' ? 0 : Math.max(0, limit - 100_000);
    acc.add({
      segments: {
        employmentType: 'salaried',
        cityTier: `tier ${1 + (i % 5)}`,
        region: regions[i % 4]!,
        ageBand: ['18-24', '25-34', '35-44'][i % 3]!,
        bureauFile: i % 2 ? 'bureau file' : 'no bureau file',
        certificates: 'no certificates',
      },
      baseline: {
        outcome: b,
        limit,
        previousLimit,
        lineAction: decidedLineAction(b, limit, previousLimit),
        maxGrantable: limit,
        apr: 0.18,
        pd: 0.03,
        bindingConstraint: i % 3 ? 'risk' : 'affordability',
        comprehensiveCost: null,
        highestPlanCost: null,
        arm: null,
      },
      candidate: {
        outcome: c,
        limit: candidateLimit,
        previousLimit,
        lineAction: decidedLineAction(c, candidateLimit, previousLimit),
        maxGrantable: candidateLimit,
        apr: 0.19,
        pd: 0.03,
        bindingConstraint: 'affordability',
        comprehensiveCost: null,
        highestPlanCost: null,
        arm: null,
      },
      defaulted: i % 17 === 0,
    });
  }
  return buildSimulationHtml({ records: 301, errors: 1, interrupted: false, summary: acc.finish() }, { source: 'book.ndjson' });
}

function monitorHtml(): string {
  return buildMonitorHtml(handMadeMonitorResult(), { source: 'applicants.ndjson' });
}

describe.skipIf(browser.bin === undefined)(`simulation and monitoring reports in headless Chromium${browser.skipNote}`, () => {
  for (const [name, build, ids] of [
    ['simulation', simulationHtml, SIMULATION_CHART_IDS],
    ['monitor', monitorHtml, MONITOR_CHART_IDS],
  ] as const) {
    it(`the ${name} report renders offline with every chart's data marks, and the screenshot shows them painted`, async () => {
      const html = join(work, `${name}.html`);
      writeFileSync(html, build());
      const dom = await browser.dumpDom(html);
      for (const id of ids) {
        const svg = new RegExp(`<svg data-chart="${id}"[\\s\\S]*?</svg>`).exec(dom)?.[0];
        expect(svg, `chart ${id} in the rendered DOM`).toBeDefined();
        expect((svg!.match(/class="mark/g) ?? []).length, `data marks of ${id}`).toBeGreaterThan(0);
      }
      if (name === 'monitor') {
        // Every line chart carries its figures, a row per period, in the rendered page (findings13-lifecycle).
        for (const id of [...ids, 'psi-feature-income_rmb', 'psi-factor-income']) {
          const figure = new RegExp(`<figure class="chart" id="chart-${id}">[\\s\\S]*?</figure>`).exec(dom)?.[0] ?? '';
          const table = /<details class="figures"><summary>Figures<\/summary>\s*<table data-figures(?:="")?>[\s\S]*?<\/table>/.exec(figure)?.[0] ?? '';
          expect((table.match(/<th scope="row">2026-0\d<\/th>/g) ?? []).length, `figures of ${id}`).toBe(6);
        }
      }
      if (name === 'simulation') {
        // Which path each side ran, and the line actions beside the outcome swap set (findings19-adoption F2), as rendered.
        expect(dom).toMatch(/<p class="paths" data-paths="decide"><strong>Paths:<\/strong> both sides decide each record afresh/);
        const swap = /<table class="swap line-action-swap">[\s\S]*?<\/table>/.exec(dom)?.[0] ?? '';
        expect(swap).toMatch(/<td>raise under baseline<\/td>(<td[^>]*>[\d,]+<\/td>)+/);
        expect(swap).toContain('<th>lower under candidate</th>');
        const table = /<table class="line-actions">[\s\S]*?<\/table>/.exec(dom)?.[0] ?? '';
        expect(table).toMatch(/<td>RMB taken off lines lowered<\/td><td>¥[\d,]+<\/td><td>¥[1-9][\d,]*<\/td>/);
      }
      expect(dom).toMatch(/<h2>Fair outcomes by group<\/h2>/);
      expect(dom).toMatch(/class="flag">below 0.8 \(\d[\d,]* of \d[\d,]* against \d[\d,]* of \d[\d,]*\)</);
      const png = join(work, `${name}.png`);
      await browser.screenshot(html, png, 1200, 1600);
      const image = decodePng(readFileSync(png));
      expect(image.width).toBe(1200);
      expect(countColour(image, OUTCOME_COLOURS.approve), 'approve-coloured pixels').toBeGreaterThan(300);
    });
  }

  // Outside tester round 28, F5: the hidden figure tables share the report's stylesheet.
  for (const [name, build] of [
    ['simulation', simulationHtml],
    ['monitor', monitorHtml],
  ] as const) {
    it(`the ${name} report does not scroll sideways at 1280 or 1024 px`, { timeout: 120_000 }, async () => {
      const html = join(work, `${name}-width.html`);
      writeFileSync(html, build());
      // The simulation page's bar charts carry hidden figure tables; the monitor's line charts a "Figures" disclosure.
      expect(readFileSync(html, 'utf8')).toContain(name === 'simulation' ? '<table class="sr-only" data-figures>' : '<details class="figures">');
      expect(await pageScrollWidths(browser, html, [1280, 1024])).toEqual([1280, 1024]);
    });
  }
});
