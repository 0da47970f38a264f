import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSimulateCommand } from '../../src/cli/simulateCommand.js';
import { buildSimulationHtml } from '../../src/simulate/buildSimulationHtml.js';
import { createSimulationAccumulator } from '../../src/simulate/simulationAccumulator.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { captureIo } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-side-names-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function oneRecordResult() {
  const a = { lgd: 0.85, utilisation: 0.5 };
  const acc = createSimulationAccumulator({ baseline: a, candidate: a });
  const side = (outcome: 'approve' | 'decline', limit: number) => ({
    outcome,
    limit,
    previousLimit: 0,
    lineAction: outcome === 'approve' ? ('open' as const) : ('none' as const),
    maxGrantable: limit,
    apr: 0.18,
    pd: 0.03,
    bindingConstraint: 'risk',
    comprehensiveCost: null,
    highestPlanCost: null,
    arm: null,
  });
  acc.add({
    segments: { employmentType: 'salaried', cityTier: 'tier 1', region: 'east', ageBand: '25-34', bureauFile: 'bureau file', certificates: 'no certificates' },
    baseline: side('approve', 300_000),
    candidate: side('decline', 0),
    defaulted: false,
  });
  return { records: 1, errors: 0, interrupted: false, summary: acc.finish() };
}

const texts = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)`, 'g'))].map((m) => m[1]!);

// Outside tester round 28, F1: old/policy.json and new/policy.json were both "policy policy.json,
// embedded model": two identical chart captions, column heads and six identical fairness headings.
describe('the simulation page names each side as baseline or candidate', () => {
  it('two sides given the same label still read apart in every caption, column head and fairness heading', () => {
    const same = 'policy policy.json, embedded model';
    const html = buildSimulationHtml(oneRecordResult(), { baselineLabel: same, candidateLabel: same });
    const captions = texts(html, 'figcaption').filter((t) => t.startsWith('Outcomes'));
    expect(captions).toEqual([`Outcomes: baseline · ${same}`, `Outcomes: candidate · ${same}`]);
    const totalsHead = /<table class="totals"><thead><tr>(.*?)<\/tr>/.exec(html)?.[1] ?? '';
    expect(totalsHead).toContain(`<th>baseline · ${same}</th><th>candidate · ${same}</th>`);
    const headings = texts(html, 'h3');
    expect(headings.length).toBeGreaterThan(0);
    expect(headings.filter((h) => h.startsWith(`baseline · ${same}: `)).length).toBe(headings.length / 2);
    expect(headings.filter((h) => h.startsWith(`candidate · ${same}: `)).length).toBe(headings.length / 2);
    expect(html).toContain(`Rows: outcome under baseline · ${same}; columns: under candidate · ${same}.`);
  });

  it('with no labels given, the sides are "baseline" and "candidate" as before', () => {
    const html = buildSimulationHtml(oneRecordResult());
    expect(texts(html, 'figcaption').filter((t) => t.startsWith('Outcomes'))).toEqual(['Outcomes: baseline', 'Outcomes: candidate']);
  });
});

describe('creditlift simulate labels each side by the shortest path that tells the files apart, and their hashes', () => {
  it('old/policy.json and new/policy.json: two labels in sim.json and on the page', async () => {
    mkdirSync(join(work, 'policies', 'old'), { recursive: true });
    mkdirSync(join(work, 'policies', 'new'), { recursive: true });
    writeFileSync(join(work, 'policies', 'old', 'policy.json'), JSON.stringify({ pricing: { margin: 0.03 } }));
    writeFileSync(join(work, 'policies', 'new', 'policy.json'), JSON.stringify({ pricing: { margin: 0.06 } }));
    const rows = generatePopulation({ size: 12, seed: 7, asOf: '2026-03-31' });
    writeFileSync(join(work, 'book.ndjson'), `${rows.map((r) => JSON.stringify(r.applicant)).join('\n')}\n`);
    const c = captureIo();
    const code = await runSimulateCommand(
      [
        '--book',
        join(work, 'book.ndjson'),
        '--baseline-policy',
        join(work, 'policies', 'old', 'policy.json'),
        '--candidate-policy',
        join(work, 'policies', 'new', 'policy.json'),
        '--out',
        join(work, 'sim.json'),
        '--html',
        join(work, 'sim.html'),
        '--workers',
        '1',
      ],
      c.io,
    );
    expect(code, c.err()).toBe(0);
    const sim = JSON.parse(readFileSync(join(work, 'sim.json'), 'utf8')) as {
      baselineLabel: string;
      candidateLabel: string;
      provenance: { baseline: { policyHash: string }; candidate: { policyHash: string } };
    };
    const { baseline, candidate } = sim.provenance;
    expect(sim.baselineLabel).toBe(`policy old/policy.json (${baseline.policyHash.slice(0, 12)}), embedded model`);
    expect(sim.candidateLabel).toBe(`policy new/policy.json (${candidate.policyHash.slice(0, 12)}), embedded model`);
    const html = readFileSync(join(work, 'sim.html'), 'utf8');
    expect(texts(html, 'figcaption').filter((t) => t.startsWith('Outcomes'))).toEqual([
      `Outcomes: baseline · ${sim.baselineLabel}`,
      `Outcomes: candidate · ${sim.candidateLabel}`,
    ]);
    // The count of failed records names the file that holds them (the default: beside --out).
    expect(html).toContain('<span>in the errors file sim.errors.ndjson</span>');
  });

  it('the page names the errors file it is given, escaped, and says "the errors file" without one', () => {
    expect(buildSimulationHtml(oneRecordResult(), { errorsFile: 'a<b>.ndjson' })).toContain('<span>in the errors file a&lt;b&gt;.ndjson</span>');
    expect(buildSimulationHtml(oneRecordResult())).toContain('<span>in the errors file</span>');
    expect(() => buildSimulationHtml(oneRecordResult(), { errorsFile: 7 as never })).toThrow(/errorsFile/);
  });
});
