import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReportHtml, REPORT_CHART_IDS } from '../../src/report/buildReportHtml.js';
import { escapeHtml } from '../../src/report/escapeHtml.js';
import { createReportAccumulator, type ReportData } from '../../src/report/reportData.js';
import { fakeDecision } from '../cli/fakeDecider.js';
import { resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { lenderGigKinds } from '../helpers/lenderGigCatalog.js';
import { policyReasons } from '../../src/policy/policyReasons.js';

function sampleData(): ReportData {
  const acc = createReportAccumulator();
  const grades = ['A', 'B', 'C', 'D', 'E'];
  for (let i = 0; i < 60; i++) {
    const grade = grades[i % 5]!;
    const outcome = i % 6 === 0 ? 'decline' : i % 6 === 1 ? 'refer' : 'approve';
    acc.addDecision(
      fakeDecision({
        id: `r${i}`,
        grade,
        outcome,
        limit: (5 - (i % 5)) * 200_000 + i * 1000,
        pd: 0.01 + (i % 5) * 0.03,
        kinds: i % 3 === 0 ? ['ielts'] : i % 4 === 0 ? ['teacher_qualification', 'toefl'] : [],
      }),
    );
  }
  acc.addRejection('validation_failed');
  return acc.finish();
}

/** The SVG of one chart, by its `data-chart` id. */
function chartSvg(html: string, id: string): string {
  const m = new RegExp(`<svg data-chart="${id}"[\\s\\S]*?</svg>`).exec(html);
  if (m === null) throw new Error(`no chart ${id}`);
  return m[0];
}

describe('buildReportHtml', () => {
  const html = buildReportHtml(sampleData(), { source: 'decisions.ndjson' });

  it('is one self-contained document: no script, no external reference, a CSP that forbids fetching', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=|href=/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('has every chart, each with one data mark per category', () => {
    for (const id of REPORT_CHART_IDS) expect(html).toContain(`data-chart="${id}"`);
    const marks = (id: string) => (chartSvg(html, id).match(/class="mark/g) ?? []).length;
    expect(marks('outcomes')).toBe(3);
    expect(marks('limit-by-grade')).toBe(5);
    expect(marks('pd-by-grade')).toBe(5);
    expect(marks('grade-counts')).toBe(5);
    expect(marks('certificate-uplift')).toBe(3);
    expect(marks('principal-reasons')).toBe(1);
    expect(marks('rejections')).toBe(1);
    expect(chartSvg(html, 'outcomes')).toMatch(/data-label="approve" data-value="40"/);
    expect(chartSvg(html, 'binding-constraints')).toContain('risk (grade x income)');
  });

  it("names a lender's own certificate kinds from the catalog given, and a step limit as one on raising a line (first decision or reassessment)", () => {
    const data: ReportData = {
      ...sampleData(),
      certificates: [{ kind: 'swiftride_driver_rating', count: 4, meanLimitGainFen: 20_000, totalLimitGainFen: 80_000, meanPdReduction: 0.001 }],
      bindingConstraints: [{ name: 'step_limit', count: 3 }],
    };
    const catalog = resolveCatalog(lenderGigKinds);
    const named = buildReportHtml(data, { catalog });
    expect(chartSvg(named, 'certificate-uplift')).toContain('SwiftRide driver rating');
    expect(chartSvg(named, 'certificate-uplift')).not.toContain('swiftride_driver_rating');
    expect(chartSvg(buildReportHtml(data), 'certificate-uplift')).toContain('swiftride_driver_rating');
    expect(chartSvg(named, 'binding-constraints')).toContain('step limit on raising a line');
    expect(named).not.toContain('reassessment step limit');
  });

  it('is deterministic: the same data gives the same bytes', () => {
    expect(buildReportHtml(sampleData(), { source: 'decisions.ndjson' })).toBe(html);
  });

  it('an empty file gives a report that says "no data" rather than failing', () => {
    const empty = buildReportHtml(createReportAccumulator().finish());
    for (const id of REPORT_CHART_IDS) expect(chartSvg(empty, id)).toContain('no data');
  });

  it('law: text from the decisions file never becomes markup', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '&', 'a', '/', 's', ' ', '='), minLength: 1, maxLength: 20 }), (evil) => {
        const make = (text: string) => {
          const acc = createReportAccumulator();
          const d = fakeDecision({ id: 'x', outcome: 'refer', grade: text, kinds: [text] });
          acc.addDecision({ ...d, bindingConstraint: text, reasons: [{ ...d.reasons[0]!, code: text, en: text, zhHans: text }] } as typeof d);
          acc.addRejection(text);
          return buildReportHtml(acc.finish(), { title: text, source: text });
        };
        const out = make(evil);
        const benign = make('x');
        // Same elements as with harmless text: the count of tags does not depend on the data.
        const tags = (h: string) => (h.match(/<[a-zA-Z/!]/g) ?? []).length;
        expect(tags(out)).toBe(tags(benign));
        if (/[<>&"']/.test(evil)) expect(out).not.toContain(`>${evil}<`);
      }),
      { numRuns: 200 },
    );
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    // Bidi controls are shown, not obeyed: one in a model id reversed the dates beside it.
    expect(escapeHtml('acme-model\u202e v2')).toBe('acme-model[U+202E] v2');
    expect(escapeHtml('a\u2066b\u200fc')).toBe('a[U+2066]b[U+200F]c');
  });
});

describe('boxPlotChart', () => {
  it('law: a larger median is drawn further right, on linear and log axes alike', async () => {
    const { boxPlotChart } = await import('../../src/report/charts/boxPlotChart.js');
    const { distribution } = await import('../../src/report/distribution.js');
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 1e-4, max: 1, noNaN: true }), { minLength: 1, maxLength: 9 }), { minLength: 2, maxLength: 5 }),
        fc.constantFrom('linear', 'log') as fc.Arbitrary<'linear' | 'log'>,
        (samples, scale) => {
          const rows = samples.map((s, i) => ({ label: `g${i}`, dist: distribution([...s]) }));
          const svg = boxPlotChart({ id: 'pd', title: 'PD', rows, format: String, scale });
          const medians = [...svg.matchAll(/data-median="([^"]+)"[\s\S]*?class="median" x1="([^"]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
          expect(medians).toHaveLength(rows.length);
          for (const [m1, x1] of medians) for (const [m2, x2] of medians) if (m1 < m2) expect(x1).toBeLessThanOrEqual(x2);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('buildReportHtml: every principal reason is counted', () => {
  it('past twelve codes, the chart says it shows the most frequent and the table lists every code with its count', () => {
    const acc = createReportAccumulator();
    for (let k = 0; k < 20; k++) {
      for (let i = 0; i <= k; i++) {
        const d = fakeDecision({ id: `d${k}-${i}`, outcome: 'decline' });
        acc.addDecision({ ...d, reasons: [{ code: `code_${k}`, source: 'policy', factor: 'f', en: `Reason ${k}`, zhHans: `原因${k}` }] } as typeof d);
      }
    }
    const html = buildReportHtml(acc.finish(), { source: 'x.ndjson' });
    expect(chartSvg(html, 'principal-reasons')).toContain('the 12 most frequent of 20');
    const table = /<table class="reasons">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    for (let k = 0; k < 20; k++) expect(table, `code_${k}`).toContain(`code_${k}`);
  });
});

// Outside tester round 28, F4: reasons were cut to 44 characters, so the three "A certificate that
// counted at your last decision ..." reasons became three identical bars, hover titles and
// screen-reader rows, though each asks the customer for another action.
describe('buildReportHtml: reasons that share a long beginning stay apart', () => {
  it('three certificate reasons get three chart labels; titles and the hidden table carry each full text', () => {
    const acc = createReportAccumulator();
    const codes = ['evidence_expired', 'evidence_not_in_update', 'evidence_no_longer_accepted'] as const;
    const full = codes.map((code) => policyReasons[code].en);
    codes.forEach((code, i) => {
      const d = fakeDecision({ id: `c${i}`, outcome: 'refer' });
      acc.addDecision({ ...d, reasons: [{ code, source: 'policy', factor: 'evidence', en: full[i]!, zhHans: policyReasons[code].zhHans }] } as typeof d);
    });
    const svg = chartSvg(buildReportHtml(acc.finish()), 'principal-reasons');
    const labels = [...svg.matchAll(/<text class="label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(labels).toHaveLength(3);
    expect(new Set(labels).size, labels.join(' | ')).toBe(3);
    const titles = [...svg.matchAll(/<rect class="mark"[^>]*><title>([^<]*)<\/title>/g)].map((m) => m[1]!);
    for (const text of full)
      expect(
        titles.some((t) => t.startsWith(`${escapeHtml(text)}: `)),
        text,
      ).toBe(true);
    const hidden =
      /<table class="sr-only" data-figures>[\s\S]*?<\/table>/.exec(/id="chart-principal-reasons"[\s\S]*/.exec(buildReportHtml(acc.finish()))?.[0] ?? '')?.[0] ??
      '';
    for (const text of full) expect(hidden, text).toContain(`<th scope="row">${escapeHtml(text)}</th>`);
  });
});
