// Outside probe F85 (pricing under 2026's rules): `creditlift report` counts a chain of follow-ups
// at its latest decision, and a line's follow-ups (the upload reassessed at once, a person's review
// of the opening) are never new lines themselves, so a new line followed in the same file dropped
// out of the average comprehensive cost of new lines: three lines opened, an upload on one and a
// review of another, and the page said "1 new lines" at the third one's cost alone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { createScorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor, exampleUploadStep } from '../../src/examples/exampleApplicants.js';
import { averageCostOfNewLines, emptyNewLineCostTally, tallyNewLineCost } from '../../src/policy/averageCostOfNewLines.js';
import { percentBesideThresholds } from '../../src/report/formatBesideThresholds.js';
import { captureIo } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-report-new-lines-'));
const file = (name: string) => join(work, name);
// No instalment plans: each line's dearest plan is its revolving line, priced by its own PD, so the
// average depends on which lines are counted.
const policy = { fees: { instalmentPlans: [] } };

let openings: Decision[];
let chains: Decision[];

beforeAll(async () => {
  writeFileSync(file('policy.json'), JSON.stringify(policy));
  const scorer = await createScorer({ suggestionsPerDecision: 0, policyOverrides: policy });
  try {
    const steps = (['new_graduate', 'factory_worker', 'retail_clerk'] as const).map((s) => exampleUploadStep(exampleFor(s)));
    const applicants = steps.map((s) => ({ ...s.before, platform: { ...s.before.platform, currentLimit: 0, currentBalance: 0 } }));
    openings = await Promise.all(applicants.map((a) => scorer.decide(a)));
    const [a, b] = openings as [Decision, Decision, Decision];
    const uploaded = await scorer.reassess(a, { applicant: applicants[0]!, evidence: [steps[0]!.certificate] });
    const reviewed = scorer.recordReview(b, { reviewerRole: 'credit_officer', outcome: 'approve', limit: b.limit, note: 'checked' });
    chains = [a, uploaded, b, reviewed, openings[2]!];
  } finally {
    await scorer.close();
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function report(name: string, ds: readonly Decision[]) {
  writeFileSync(file(`${name}.ndjson`), ds.map((d) => `${JSON.stringify(d)}\n`).join(''));
  const c = captureIo();
  const code = await runReportCommand([file(`${name}.ndjson`), '--out', file(`${name}.html`), '--policy', file('policy.json')], c.io);
  return { code, err: c.err(), html: readFileSync(file(`${name}.html`), 'utf8') };
}

/** The figure as the page writes it beside the default 20% alert. */
const shown = (x: number) => percentBesideThresholds(x, 2, [0.2]);

function averageOf(ds: readonly Decision[]): number {
  const t = emptyNewLineCostTally();
  for (const d of ds) tallyNewLineCost(t, d);
  return averageCostOfNewLines(t) as number;
}

describe('creditlift report: the average cost of new lines counts each line opened, followed or not (F85)', () => {
  it('the chains as made: every opening is new, its follow-ups are not', () => {
    expect(openings.map((d) => [d.outcome, d.previousLimit])).toEqual([
      ['approve', 0],
      ['approve', 0],
      ['approve', 0],
    ]);
    expect(chains[1]!.previousLimit).toBe(openings[0]!.limit);
    expect(chains[3]!.previousLimit).toBe(openings[1]!.limit);
    // The three lines are priced apart, so leaving one out moves the average.
    expect(new Set(openings.map((d) => d.apr)).size).toBe(3);
  });

  it('three lines opened, one reassessed on an upload and one reviewed by a person: 3 new lines at their opening terms', async () => {
    const r = await report('chains', chains);
    expect(r.code).toBe(0);
    expect(r.html).toContain(`${shown(averageOf(openings))}</b><span>average comprehensive cost of 3 new lines`);
  });

  it('the order of the lines does not change it, and an opening on two lines counts once', async () => {
    const r = await report('reversed', [...chains].reverse());
    const repeated = await report('repeated', [...chains, chains[0]!]);
    for (const x of [r, repeated]) expect(x.html).toContain(`${shown(averageOf(openings))}</b><span>average comprehensive cost of 3 new lines`);
  });
});
