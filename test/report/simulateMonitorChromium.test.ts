import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OUTCOME_COLOURS } from '../../src/report/charts/chartFrame.js';
import { buildSimulationHtml, SIMULATION_CHART_IDS } from '../../src/simulate/buildSimulationHtml.js';
import { createSimulationAccumulator } from '../../src/simulate/simulationAccumulator.js';
import { buildMonitorHtml, MONITOR_CHART_IDS } from '../../src/monitor/buildMonitorHtml.js';
import { createMonitorAccumulator } from '../../src/monitor/monitorAccumulator.js';
import type { MonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { headlessChromium } from '../helpers/headlessChromium.js';
import { countColour, decodePng } from './decodePng.js';

const browser = headlessChromium('simulateMonitorChromium.test.ts');
const work = browser.work;
afterAll(() => browser.dispose());

const OUTCOMES = ['approve', 'refer', 'decline'] as const;
const regions = ['east', 'central', 'west', 'northeast'];

/** Simulation data made by hand (no model needed: the report only draws what it is given). */
function simulationHtml(): string {
  const a = { lgd: 0.85, utilisation: 0.5 };
  const acc = createSimulationAccumulator({ baseline: a, candidate: a });
  for (let i = 0; i < 300; i++) {
    const b = OUTCOMES[i % 7 === 0 ? 2 : i % 5 === 0 ? 1 : 0]!;
    const c = i % 4 === 0 && b === 'approve' ? 'decline' : b;
    const limit = b === 'decline' ? 0 : 200_000 + (i % 9) * 50_000;
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
        previousLimit: i % 2 ? 0 : 300_000,
        apr: 0.18,
        pd: 0.03,
        bindingConstraint: i % 3 ? 'risk' : 'affordability',
        comprehensiveCost: null,
        highestPlanCost: null,
        arm: null,
      },
      candidate: {
        outcome: c,
        limit: c === 'decline' ? 0 : Math.max(0, limit - 100_000),
        previousLimit: i % 2 ? 0 : 300_000,
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
  const baseline: MonitorBaseline = {
    format: 'creditlift.monitorBaseline/1',
    modelId: 'm@1',
    source: 'hand-made',
    count: 1000,
    score: { kind: 'numeric', edges: [0.02, 0.05], shares: [0.4, 0.4, 0.2, 0] },
    features: [{ name: 'income_rmb', kind: 'numeric', edges: [3000, 6000], shares: [0.3, 0.4, 0.3, 0] }],
    factors: [{ factor: 'income', kind: 'numeric', edges: [0], shares: [0.5, 0.5, 0] }],
  };
  const acc = createMonitorAccumulator(baseline, { period: 'month', featureNames: ['income_rmb'] });
  for (let m = 1; m <= 6; m++) {
    for (let i = 0; i < 100; i++) {
      // Incomes fall month by month: the income PSI climbs through watch into act.
      const income = 1000 + ((i * 97) % 80) * 100 - m * 400;
      acc.add({
        asOf: `2026-0${m}-15`,
        outcome: OUTCOMES[i % 6 === 0 ? 2 : i % 4 === 0 ? 1 : 0]!,
        limit: 300_000,
        pd: 0.01 + (i % 10) * 0.01,
        features: [income],
        factors: new Map([['income', (i % 3) - 1]]),
        segments: {
          employmentType: 'gig',
          cityTier: `tier ${1 + (i % 3)}`,
          region: regions[i % 4]!,
          ageBand: '25-34',
          bureauFile: 'bureau file',
          certificates: 'no certificates',
        },
      });
    }
  }
  return buildMonitorHtml({ summary: acc.finish(), records: 600, errors: 0, warnings: [] }, { source: 'applicants.ndjson' });
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
      expect(dom).toMatch(/<h2>Fair outcomes by group<\/h2>/);
      expect(dom).toMatch(/class="flag">below 0.8</);
      const png = join(work, `${name}.png`);
      await browser.screenshot(html, png, 1200, 1600);
      const image = decodePng(readFileSync(png));
      expect(image.width).toBe(1200);
      expect(countColour(image, OUTCOME_COLOURS.approve), 'approve-coloured pixels').toBeGreaterThan(300);
    });
  }
});
