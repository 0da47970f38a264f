// monitor --decisions counts each application once, as `creditlift report` does (findings16 F4): the
// same 120 decisions twice gave "monitored 240 of 240" (and a chi-square doubled into a flag); a
// customer whose line was reduced twice counted as three approvals (approval rate 0.786 where report
// said 0.727); decisions under two policies were blended without a word.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { createScorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { accumulateDecisionLine } from '../../src/report/accumulateDecisionLine.js';
import { createFollowUpIndex, forkWarning } from '../../src/report/followUps.js';
import { createReportAccumulator } from '../../src/report/reportData.js';
import { NO_AUDIT_KEYS } from '../../src/decision/audit.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { captureIo, resealed } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-monitor-once-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const applicants = generatePopulation({ size: 40, seed: 21, asOf: '2026-11-01' }).map((r) => r.applicant);
let decisions: Decision[] = [];
let tight: Decision[] = [];
let chain: Decision[] = [];
let forked: Decision[] = [];
beforeAll(async () => {
  const scorer = await createScorer({ suggestionsPerDecision: 0 });
  const strict = await createScorer({ suggestionsPerDecision: 0, policyOverrides: { affordability: { dsrBands: [{ incomeUpTo: null, maxDsr: 0.05 }] } } });
  try {
    const decided = (rs: Awaited<ReturnType<typeof scorer.decideBatch>>) => rs.map((r) => (r.ok ? r.decision : expect.fail(r.error.message)));
    decisions = decided(await scorer.decideBatch(applicants));
    tight = decided(await strict.decideBatch(applicants));
    const big = decisions.find((d) => d.outcome === 'approve' && d.limit > 200_000)!;
    const once = scorer.requestReduction(big, Math.floor(big.limit / 2));
    chain = [...decisions, once, scorer.requestReduction(once, 100_000)];
    // Two reductions both made from the same decision: the chain forks.
    forked = [...decisions, once, scorer.requestReduction(big, 100_000)];
  } finally {
    await scorer.close();
    await strict.close();
  }
});

const lines = (ds: readonly Decision[]) => `${ds.map((d) => JSON.stringify(d)).join('\n')}\n`;

async function monitor(name: string, text: string) {
  writeFileSync(join(work, name), text);
  const c = captureIo();
  const code = await runMonitorCommand(['--decisions', join(work, name), '--out', join(work, `${name}.json`)], c.io);
  return { code, out: c.out(), json: JSON.parse(readFileSync(join(work, `${name}.json`), 'utf8')) };
}

/** What `creditlift report` counts of the same text: its decisions (each application once). */
function reportCount(text: string): number {
  const followUps = createFollowUpIndex(NO_AUDIT_KEYS);
  const all = text.split('\n');
  for (const t of all) followUps.addLine(t);
  const acc = createReportAccumulator();
  const context = { keys: NO_AUDIT_KEYS, followed: followUps.followed, counted: new Map<string, string>() };
  all.forEach((t, i) => accumulateDecisionLine(acc, t, { ...context, line: i + 1 }));
  return acc.finish().decisions;
}

describe('monitor --decisions counts each application once, as report does', () => {
  it('the same decisions twice: counted once with a warning, the same figures as the file once', async () => {
    const once = await monitor('once.ndjson', lines(decisions));
    const twice = await monitor('twice.ndjson', lines(decisions) + lines(decisions));
    expect(twice.json.observations).toBe(40);
    expect(twice.json.observations).toBe(reportCount(lines(decisions) + lines(decisions)));
    expect(twice.json.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/40 decision\(s\) .*more than one line .*counted once/)]));
    expect(twice.json.score).toEqual(once.json.score);
    expect(twice.json.timeline).toEqual(once.json.timeline);
    expect(twice.code).toBe(once.code);
  });

  it("a line repeating a decision id with other content is that line's error (exit 3), not a second count nor a silent repeat", async () => {
    // Sealed again, as a decision made twice under one id would be (else its seal fails first, below).
    const changed = resealed({ ...decisions[0]!, limit: decisions[0]!.limit + 100 });
    const got = await monitor('changed.ndjson', lines(decisions) + lines([changed]));
    expect(got.json.observations).toBe(40);
    expect(got.json.errors).toBe(1);
    expect(got.code).toBe(3);
    expect(readFileSync(join(work, 'changed.ndjson.errors.ndjson'), 'utf8')).toMatch(
      /line 41: decision dec_\w+ was read on an earlier line with other content/,
    );
  });

  // Gap left by the thirteenth session: monitor --decisions checked no seal, so a decision edited
  // after it was made (its limit raised) was measured as the lender's; report leaves it out.
  it("a decision changed after it was made (its seal fails) is that line's error, named, and left out of every figure, as report leaves it out", async () => {
    const edited = decisions.map((d, i) => (i === 3 ? { ...d, limit: d.limit + 500_000 } : d));
    const got = await monitor('edited.ndjson', lines(edited));
    const clean = await monitor('clean.ndjson', lines(decisions.filter((_, i) => i !== 3)));
    expect(got.json.observations).toBe(decisions.length - 1);
    expect(got.json.errors).toBe(1);
    expect(got.code).toBe(3);
    expect(got.json.timeline).toEqual(clean.json.timeline);
    expect(got.json.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/1 decision\(s\) were not measured: their seal failed/)]));
    const errorLine = JSON.parse(readFileSync(join(work, 'edited.ndjson.errors.ndjson'), 'utf8').trim()) as {
      line: number;
      error: { message: string; issues: unknown[] };
    };
    expect(errorLine.line).toBe(4);
    expect(errorLine.error.message).toMatch(/line 4: decision dec_\w+ does not match its audit\.contentHash \(changed after it was made\): not measured/);
    expect(errorLine.error.issues).toEqual([expect.objectContaining({ path: ['audit', 'contentHash'], code: 'seal_invalid' })]);
  });

  it('a chain of reductions counts once, at its latest decision, as report counts it', async () => {
    const text = lines(chain);
    const got = await monitor('chain.ndjson', text);
    expect(got.json.observations).toBe(40);
    expect(got.json.observations).toBe(reportCount(text));
    const approved = decisions.filter((d) => d.outcome === 'approve').length;
    expect(got.json.timeline.reduce((n: number, p: { outcomes: { approve: number } }) => n + p.outcomes.approve, 0)).toBe(approved);
    expect(got.json.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/2 earlier decision\(s\) .*followed by a later one/)]));
    expect(got.out).toMatch(/monitored 40 of 42 records/);
  });

  it('a forked chain (two follow-ups of one decision) is warned of in the words report uses', async () => {
    const got = await monitor('forked.ndjson', lines(forked));
    expect(got.json.warnings).toContain(forkWarning(1));
    expect(got.out).toContain(`note: ${forkWarning(1)}`);
    const plain = await monitor('plain.ndjson', lines(chain));
    expect(plain.json.warnings.some((w: string) => w.includes('followed by more than one decision'))).toBe(false);
  });

  it('decisions under two policies are warned of, naming each policy with its count', async () => {
    const got = await monitor('mixed.ndjson', lines(decisions) + lines(tight));
    const [a, b] = [decisions[0]!.audit.policyHash.slice(0, 12), tight[0]!.audit.policyHash.slice(0, 12)];
    expect(a).not.toBe(b);
    expect(got.json.warnings).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`2 policies.*(${a} 40.*${b} 40|${b} 40.*${a} 40)`))]));
  });
});
