// Outside tester findings13-lifecycle: the monitor page's line charts (score, feature and factor
// stability by period, approval rate, outcome mix, mean PD) had no figures table, so a reader who
// cannot see a chart, or wants its numbers, got nothing (the report's charts each carry one).
import { beyondSamplingNoise } from '../../src/monitor/samplingNoise.js';
import { describe, expect, it } from 'vitest';
import { buildMonitorHtml, formatStabilityIndex, MONITOR_CHART_IDS } from '../../src/monitor/buildMonitorHtml.js';
import { lineChart } from '../../src/report/charts/lineChart.js';
import { stabilityBand } from '../../src/monitor/stabilityIndex.js';
import { formatPercent } from '../../src/report/formatMoney.js';
import { handMadeMonitorResult } from './handMadeMonitor.js';

const result = handMadeMonitorResult();
const html = buildMonitorHtml(result, { source: 'applicants.ndjson' });
const periods = result.summary.timeline.map((t) => t.period);
const LINE_CHARTS = [...MONITOR_CHART_IDS, 'psi-feature-income_rmb', 'psi-factor-income'];

/** A chart's figures table: its column heads and its rows (row head first). */
function figures(id: string): { head: string[]; rows: string[][] } {
  const figure = new RegExp(`<figure class="chart" id="chart-${id}">[\\s\\S]*?</figure>`).exec(html)?.[0] ?? '';
  const table = /<details class="figures"><summary>[^<]+<\/summary>\s*<table data-figures>[\s\S]*?<\/table>\s*<\/details>/.exec(figure)?.[0] ?? '';
  const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1] as string);
  const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => cells(m[1] as string));
  return { head: rows[0] ?? [], rows: rows.slice(1) };
}

describe('monitor page: every line chart has its figures as a table', () => {
  it('each chart: a closed <details> after the drawing, a table with a caption, a column per line and a row per period', () => {
    for (const id of LINE_CHARTS) {
      const f = figures(id);
      expect(f.head[0], id).toBe('period');
      expect(
        f.rows.map((r) => r[0]),
        id,
      ).toEqual(periods);
      for (const row of f.rows) expect(row, id).toHaveLength(f.head.length);
    }
    expect(html).toMatch(
      /<table data-figures><caption>Approval rate: the figures<\/caption><thead><tr><th scope="col">period<\/th><th scope="col">approval rate<\/th>/,
    );
    expect(html).toMatch(/<tbody>\s*<tr><th scope="row">2026-01<\/th><td>/);
  });

  it('the figures are the measured values, more precise than the axis', () => {
    const s = result.summary;
    const t0 = s.timeline[0]!;
    expect(figures('approval-rate').rows[0]).toEqual(['2026-01', formatPercent(t0.approvalRate, 1)]);
    expect(figures('outcome-mix').head).toEqual(['period', 'approve', 'refer', 'decline']);
    expect(figures('outcome-mix').rows[0]).toEqual([
      '2026-01',
      ...(['approve', 'refer', 'decline'] as const).map((o) => formatPercent(t0.outcomes[o] / t0.count, 1)),
    ]);
    expect(figures('mean-pd').rows[0]).toEqual(['2026-01', formatPercent(t0.meanPd, 2)]);
    const income = s.features?.find((f) => f.name === 'income_rmb');
    expect(figures('psi-feature-income_rmb').rows.map((r) => r[1])).toEqual(
      income!.byPeriod.map((p) => {
        if (p.index === null) return '-';
        const band = stabilityBand(p.index);
        const noise = band === 'stable' || beyondSamplingNoise(p.noise) ? '' : ', within sampling noise';
        return `${formatStabilityIndex(p.index)} (${band}${noise}; ${p.count} records)`;
      }),
    );
    // The incomes fall into the act band by the last month: the table says so in words, not only by the threshold lines.
    expect(figures('psi-feature-income_rmb').rows.at(-1)![1]).toMatch(/^0\.\d{3} \(act; 100 records\)$/);
    expect(figures('psi-feature-income_rmb').rows[0]![1]).toMatch(/\((stable|watch)[^)]*; 100 records\)$/);
    // A shift a period of 100 records makes by chance is said to be one.
    expect(figures('psi-feature-income_rmb').rows.map((r) => r[1])).toContain(
      `${formatStabilityIndex(income!.byPeriod[3]!.index!)} (watch, within sampling noise; 100 records)`,
    );
  });

  it('a period without a value shows "-", and a chart without periods has no table', () => {
    const chart = lineChart({ id: 'gap', title: 'Gap', x: ['a', 'b'], lines: [{ label: 'v', values: [0.5, null] }], formatTick: (y) => y.toFixed(1) });
    expect(chart).toContain('<tr><th scope="row">b</th><td>-</td></tr>');
    expect(lineChart({ id: 'none', title: 'None', x: [], lines: [], formatTick: String })).not.toContain('data-figures');
  });
});
