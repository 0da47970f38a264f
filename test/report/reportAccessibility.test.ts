// Outside tester round 11: F5 (policy grade labels cut in the box plots; grades in alphabetical, not
// risk, order), F6 (a 120-character catalog name drew the uplift axis backwards; an escaped bidi
// control was measured raw and cut), F11 (charts exposed only their titles to a screen reader),
// F12 (in-bar percentages 2.25:1 to 3.87:1, flags 3.87:1: under WCAG AA's 4.5:1).
import { describe, expect, it } from 'vitest';
import { REPORT_CHART_IDS, buildReportHtml } from '../../src/report/buildReportHtml.js';
import { barChart } from '../../src/report/charts/barChart.js';
import { boxPlotChart } from '../../src/report/charts/boxPlotChart.js';
import { INBAR_TEXT, OUTCOME_COLOURS, labelTextWidth } from '../../src/report/charts/chartFrame.js';
import { FLAG_TEXT } from '../../src/report/htmlPage.js';
import { createReportAccumulator } from '../../src/report/reportData.js';
import { fakeDecision } from '../cli/fakeDecider.js';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

const grades = ['prime', 'near-prime', 'thin-file-watch', 'subprime', 'deep-subprime'];
function report(gradeOrder?: readonly string[]): string {
  const acc = createReportAccumulator();
  grades.forEach((grade, i) => {
    for (let k = 0; k < 3; k++)
      acc.addDecision(
        fakeDecision({ id: `${grade}${k}`, grade, outcome: k === 2 ? 'refer' : 'approve', limit: (5 - i) * 100_000 + k, pd: 0.01 * (i + 1), kinds: ['ielts'] }),
      );
  });
  acc.addDecision(fakeDecision({ id: 'd', grade: 'deep-subprime', outcome: 'decline', limit: 0, pd: 0.4 }));
  acc.addRejection('validation_failed');
  return buildReportHtml(acc.finish(), gradeOrder === undefined ? {} : { gradeOrder });
}

describe('report accessibility and layout', () => {
  it('every chart has a text alternative: a table of its figures (refer share, uplift per kind, rejections included)', () => {
    const html = report(grades);
    for (const id of REPORT_CHART_IDS) {
      const figure = new RegExp(`<figure class="chart" id="chart-${id}">[\\s\\S]*?</figure>`).exec(html)?.[0] ?? '';
      expect(figure, id).toMatch(/<table class="sr-only" data-figures><caption>[^<]+: the figures<\/caption><tbody><tr><th scope="row">/);
    }
    const figures = (id: string) =>
      /<table class="sr-only" data-figures>[\s\S]*?<\/table>/.exec(/id="chart-[\s\S]*/.exec(html.slice(html.indexOf(`id="chart-${id}"`)))?.[0] ?? '')?.[0] ??
      '';
    expect(figures('outcomes')).toContain('<th scope="row">refer</th><td>5 (31.3%)</td>');
    expect(figures('rejections')).toContain('validation_failed');
    expect(figures('certificate-uplift')).toMatch(/IELTS/);
    expect(figures('limit-by-grade')).toMatch(/grade prime<\/th><td>n 3, median ¥5,000/);
  });

  it('text on the outcome colours and the flags meets WCAG AA (4.5:1)', () => {
    for (const [outcome, colour] of Object.entries(OUTCOME_COLOURS)) expect(contrast(INBAR_TEXT, colour), outcome).toBeGreaterThanOrEqual(4.5);
    expect(contrast(FLAG_TEXT, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    const html = report();
    expect(html).toContain(`svg .inbar{fill:${INBAR_TEXT}`);
    expect(html).toContain(`span.flag{color:${FLAG_TEXT}`);
  });

  it('grades follow the risk order given, not the alphabet', () => {
    const order = (html: string) =>
      [...html.matchAll(/<table class="grades">[\s\S]*?<\/table>/g)][0]?.[0].match(/<tr><td>[a-z-]+<\/td>/g)?.map((t) => t.slice(8, -5));
    expect(order(report(grades))).toEqual(grades);
    expect(order(report())).toEqual([...grades].sort());
  });

  it('law: a box plot label never starts left of its chart, and a bar chart axis always runs forwards', () => {
    for (const label of ['grade deep-subprime', `grade ${'w'.repeat(16)}`, `grade ${'宽'.repeat(16)}`]) {
      const svg = boxPlotChart({
        id: 'b',
        title: 't',
        rows: [{ label, dist: { n: 1, min: 1, p10: 1, p25: 1, p50: 1, p75: 1, p90: 1, max: 1, mean: 1 } }],
        format: String,
        width: 520,
      });
      const shown = /<text class="label" x="([\d.]+)"[^>]*>([^<]*)<\/text>/.exec(svg)!;
      expect(Number(shown[1]) - labelTextWidth(shown[2]!), label).toBeGreaterThanOrEqual(0);
      expect(shown[2]!.length > 0 && (shown[2] === label || shown[2]!.endsWith('\u2026'))).toBe(true);
    }
    for (const label of ['x'.repeat(120), '宽'.repeat(120), `evil\u202Ename${'y'.repeat(60)}`]) {
      const svg = barChart({ id: 'u', title: 't', bars: [{ label, value: 60_000, text: '+¥600 limit · −1.20 pts PD' }], formatTick: String, valueWidth: 260 });
      const ticks = [...svg.matchAll(/<text class="tick" x="([\d.-]+)"/g)].map((m) => Number(m[1]));
      expect(ticks.length).toBeGreaterThan(1);
      for (let i = 1; i < ticks.length; i++) expect(ticks[i]!, label.slice(0, 8)).toBeGreaterThan(ticks[i - 1]!);
      const shown = /<text class="label" x="([\d.]+)"[^>]*>([^<]*)<\/text>/.exec(svg)!;
      // Measured as the text it shows (labelTextWidth escapes it): each [U+XXXX] read back, as escaping it again would count its "[" twice.
      const text = shown[2]!.replace(/&[a-z]+;/g, '&').replace(/\[U\+([0-9A-F]{4,6})\]/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
      expect(Number(shown[1]) - labelTextWidth(text)).toBeGreaterThanOrEqual(0);
    }
  });
});
