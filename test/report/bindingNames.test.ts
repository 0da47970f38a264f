// F86: the report's "What set the limit" chart named a person's review by its code, "person": a
// file counted at each chain's latest decision ends many a chain at a review that approved less than
// the policy grants (`bindingConstraint: 'person'`). Every constraint a Decision carries has a name.
import { describe, expect, it } from 'vitest';
import { buildReportHtml } from '../../src/report/buildReportHtml.js';
import { createReportAccumulator } from '../../src/report/reportData.js';
import { DecisionLimitSetBy } from '../../src/decision/decision.js';
import { fakeDecision } from '../cli/fakeDecider.js';

describe('the report names every binding constraint', () => {
  const acc = createReportAccumulator();
  acc.addDecision(fakeDecision({ id: 'r1', grade: 'A', outcome: 'approve', limit: 500_000, pd: 0.02, kinds: [] }));
  const data = acc.finish();
  const html = buildReportHtml({ ...data, bindingConstraints: DecisionLimitSetBy.options.map((name) => ({ name, count: 1 })) }, { source: 'd.ndjson' });
  const chart = /<svg data-chart="binding-constraints"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
  const labels = [...chart.matchAll(/data-label="([^"]*)"/g)].map((m) => m[1]);

  it('one bar per constraint', () => {
    expect(labels).toHaveLength(DecisionLimitSetBy.options.length);
  });

  it('each is named in words, never by a code (affordability is its own word)', () => {
    const codes = DecisionLimitSetBy.options.filter((c) => c !== 'affordability');
    expect(labels.filter((l) => (codes as readonly string[]).includes(l as string) || /_/.test(l as string))).toEqual([]);
  });
});
