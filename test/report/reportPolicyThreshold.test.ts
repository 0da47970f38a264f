// Outside tester findings9-rules2026 F5: `creditlift report` judged the average cost of new lines
// against the default policy's 20% alert unless told `--policy`, though every decision names the
// policy it was made under (`audit.policyHash`): a book scored under a policy alerting at 10% was
// flagged by `score` and not by `report`. Neither did it say anything when `--policy` was not the
// decisions' policy, and its `--policy` file was never validated (a malformed alert read as 20%).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { createScorer } from '../../src/decision/createScorer.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-report-policy-'));
const file = (name: string) => join(work, name);

beforeAll(async () => {
  writeFileSync(file('alert10.json'), JSON.stringify({ pricing: { averageCostAlertAbove: 0.1 } }));
  writeFileSync(file('bad.json'), JSON.stringify({ pricing: { averageCostAlertAbove: 'ten percent' } }));
  const scorer = await createScorer({ suggestionsPerDecision: 0, policyOverrides: { pricing: { averageCostAlertAbove: 0.1 } } });
  const plain = await createScorer({ suggestionsPerDecision: 0 });
  try {
    const lines = async (s: typeof scorer) =>
      (await s.decideBatch(exampleApplicants.map((e) => ({ ...e.applicant, platform: { ...e.applicant.platform, currentLimit: 0 } }))))
        .map((r, line) => JSON.stringify(r.ok ? { line: line + 1, decision: r.decision } : { line: line + 1, error: r.error }))
        .join('\n');
    writeFileSync(file('alert10.ndjson'), `${await lines(scorer)}\n`);
    writeFileSync(file('default.ndjson'), `${await lines(plain)}\n`);
  } finally {
    await scorer.close();
    await plain.close();
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const report = async (args: string[]) => {
  const c = captureIo();
  const code = await runReportCommand(args, c.io);
  return { code, err: c.err(), html: code === 0 ? readFileSync(args[args.indexOf('--out') + 1]!, 'utf8') : '' };
};

describe('report: whose alert judges the average cost', () => {
  it('decisions made under another policy than the threshold’s: a warning on stderr and in the page, naming both policies', async () => {
    const r = await report([file('alert10.ndjson'), '--out', file('a.html')]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: .*decision\(s\) were made under policy [0-9a-f]{12}.*not the default policy/);
    expect(r.html).toMatch(/were made under policy [0-9a-f]{12}/);
    // With the decisions' own policy given, no warning, and its 10% threshold flags the figure.
    const own = await report([file('alert10.ndjson'), '--out', file('b.html'), '--policy', file('alert10.json')]);
    expect(own.err).toBe('');
    expect(own.html).toMatch(/ABOVE the 10% threshold/);
    // The default book under the 10% policy file: warned too.
    const other = await report([file('default.ndjson'), '--out', file('c.html'), '--policy', file('alert10.json')]);
    expect(other.err).toMatch(/warning: .*not the policy of --policy/);
  });

  it('the default book without --policy: no warning', async () => {
    const r = await report([file('default.ndjson'), '--out', file('d.html')]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });

  it('a --policy file that is not a valid policy is refused naming the field, never read as the default', async () => {
    const r = await report([file('default.ndjson'), '--out', file('e.html'), '--policy', file('bad.json')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/averageCostAlertAbove/);
  });
});
