// Outside tester findings17-forensics F4: a current signed decision with its seal stripped and
// reshaped as a 0.1.0 decision (no contentHash, signature, hashing, kind, catalogHash, lineAction,
// maxGrantable, plans, dataCategories, review; credentialRef renamed credentialId), its limit set to
// 19,000,000 fen, appended to a file: `report --signing-key-file` counted it (total ¥18,248,600 ->
// ¥18,438,600, exit 0), and `monitor --decisions` measured it, though it names today's default model
// (then c543316c...) and today's default policy, which no 0.1.0 decision can have.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { monitorDecisions, type MonitorRecordError } from '../../src/monitor/runMonitor.js';
import { parseMonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { createFollowUpIndex } from '../../src/report/followUps.js';
import { NO_AUDIT_KEYS } from '../../src/decision/audit.js';
import { captureIo } from '../cli/fakeDecider.js';
import { as010, release010 } from '../helpers/release010.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-report-posing-'));
const file = (name: string) => join(work, name);
const KEY = 'k'.repeat(32);
writeFileSync(file('key.txt'), `${KEY}\n`);
writeFileSync(file('pol2.json'), JSON.stringify({ pricing: { margin: 0.04 } }));

let signed: Scorer;
let book: Decision[];
beforeAll(async () => {
  signed = await createScorer({ signingKey: KEY, suggestionsPerDecision: 0 });
  book = await Promise.all(exampleApplicants.slice(0, 4).map((e) => signed.decide(e.applicant)));
});
afterAll(async () => {
  await signed.close();
  rmSync(work, { recursive: true, force: true });
});

/** The tester's forgery: a decision of today stripped to 0.1.0's shape, its limit raised to 190,000 RMB. */
function posing(d: Decision, audit: Record<string, unknown> = {}): Record<string, unknown> {
  const { lineAction: _a, maxGrantable: _m, plans: _p, dataCategories: _c, review: _r, ...rest } = d as unknown as Record<string, unknown>;
  const { contentHash: _h, signature: _s, hashing: _g, catalogHash: _k, kind: _d, ...keptAudit } = d.audit as unknown as Record<string, unknown>;
  const evidence = (d.evidence as unknown as Record<string, unknown>[]).map(({ credentialRef: _ref, ...e }) => ({ ...e, credentialId: 'X123' }));
  return { ...rest, evidence, limit: 19_000_000, outcome: 'approve', audit: { ...keptAudit, decisionId: 'dec_forged00000000000000000000000', ...audit } };
}

const lines = (ds: readonly unknown[]) => ds.map((decision, i) => `${JSON.stringify({ line: i + 1, decision })}\n`).join('');

async function report(name: string, ds: readonly unknown[], ...args: string[]) {
  writeFileSync(file(`${name}.ndjson`), lines(ds));
  const c = captureIo();
  const code = await runReportCommand([file(`${name}.ndjson`), '--out', file(`${name}.html`), ...args], c.io);
  const html = readFileSync(file(`${name}.html`), 'utf8');
  const total = /<b>([^<]*)<\/b><span>total limit granted or proposed<\/span>/.exec(html)?.[1];
  return { code, out: c.out(), err: c.err(), html, total };
}

describe('report: a line posing as a 0.1.0 decision is not counted', () => {
  it("the tester's forgery (today's model and policy) is left out as unsealed, named by its line, exit 3; the total is the book's, with and without --signing-key-file", async () => {
    const clean = await report('clean', book, '--signing-key-file', file('key.txt'));
    expect(clean.code).toBe(0);
    for (const key of [['--signing-key-file', file('key.txt')], []]) {
      const r = await report('forged', [...book, posing(book[0]!)], ...key);
      expect(r.code).toBe(3);
      expect(r.total).toBe(clean.total);
      expect(r.out).toMatch(/report of 4 decisions .*1 left out: seal failed/);
      expect(r.err).toMatch(
        /1 decision\(s\) of .*forged\.ndjson \(line 5\) fail their seal .*shaped as decisions of the released 0\.1\.0, but are not 0\.1\.0's/,
      );
      expect(r.err).not.toMatch(/sealed by an earlier release/);
    }
  });

  it('each tell alone leaves it out: the default model, the default policy, the --policy given, an id 0.1.0 would not derive', async () => {
    const old = release010.approve.audit;
    // Every field 0.1.0's but one, its id derived as 0.1.0 derived it.
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['model', { modelSha256: book[0]!.audit.modelSha256, policyHash: old.policyHash, catalogHash: old.catalogHash, kind: 'decide' }, []],
      ['policy', { modelSha256: old.modelSha256, policyHash: book[0]!.audit.policyHash, catalogHash: old.catalogHash, kind: 'decide' }, []],
    ];
    for (const [name, audit, args] of cases) {
      const r = await report(`tell-${name}`, [...book, as010(posing(book[0]!, audit))], ...args);
      expect(r.code, name).toBe(3);
      expect(r.err, name).toMatch(/are not 0\.1\.0's/);
    }
    // A policy of --policy: the forgery names it (as a pol2 run's decision would).
    const pol2 = await createScorer({ policyOverrides: { pricing: { margin: 0.04 } }, suggestionsPerDecision: 0 });
    const pol2Hash = (await pol2.decide(exampleApplicants[0]!.applicant)).audit.policyHash;
    await pol2.close();
    const forged = as010(posing(book[0]!, { modelSha256: old.modelSha256, policyHash: pol2Hash, catalogHash: old.catalogHash, kind: 'decide' }));
    const withPolicy = await report('tell-pol2', [...book, forged], '--policy', file('pol2.json'));
    expect(withPolicy.code).toBe(3);
    expect(withPolicy.err).toMatch(/are not 0\.1\.0's/);
    // 0.1.0's model and policy, but an id 0.1.0 did not derive from that audit.
    const badId = posing(book[0]!, { modelSha256: old.modelSha256, policyHash: old.policyHash, catalogHash: old.catalogHash, kind: 'decide' });
    const r = await report('tell-id', [...book, badId]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/are not 0\.1\.0's/);
  });

  it('genuine 0.1.0 decisions still count without a key, and under --signing-key-file are left out as unsigned (0.1.0 signed nothing), exit 3', async () => {
    const old = [release010.refer, as010({ ...release010.approve, applicantId: 'ex-other' })];
    const open = await report('old-open', [...book, ...old]);
    expect(open.code).toBe(0);
    expect(open.out).toMatch(/report of 6 decisions/);
    expect(open.err).toMatch(/2 decision\(s\) were sealed by an earlier release/);
    const keyed = await report('old-keyed', [...book, ...old], '--signing-key-file', file('key.txt'));
    expect(keyed.code).toBe(3);
    expect(keyed.out).toMatch(/report of 4 decisions .*2 left out: seal failed/);
    expect(keyed.err).toMatch(/\(lines 5, 6\) fail their seal .*2 are decisions of the released 0\.1\.0, which signed nothing/);
  });

  it('a line posing as 0.1.0 that names a decision as its prior does not supersede it', () => {
    const forged = { ...posing(book[1]!), audit: { ...(posing(book[1]!).audit as object), priorDecisionId: book[0]!.audit.decisionId } };
    const index = createFollowUpIndex(NO_AUDIT_KEYS);
    index.addLine(JSON.stringify({ line: 1, decision: forged }));
    expect(index.followed.has(book[0]!.audit.decisionId)).toBe(false);
  });
});

describe('monitor --decisions: a line posing as a 0.1.0 decision is not measured', () => {
  it("the tester's forgery is a record error (seal_invalid, naming why it is not 0.1.0's), not an observation", async () => {
    const baseline = parseMonitorBaseline(JSON.parse(readFileSync(join(defaultModelPath(), '..', 'monitorBaseline.json'), 'utf8')));
    const errors: MonitorRecordError[] = [];
    async function* linesOf() {
      let line = 0;
      for (const d of [...book, posing(book[0]!)]) yield { line: ++line, text: JSON.stringify(d), truncated: false };
    }
    const r = await monitorDecisions({ lines: linesOf(), baseline, period: 'month', onError: (e) => void errors.push(e) });
    expect(r.summary.observations).toBe(book.length);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(5);
    expect(errors[0]!.error.message).toMatch(/is not a 0\.1\.0 decision, as its shape claims: it names this release's default model/);
    expect(errors[0]!.error.issues?.[0]?.code).toBe('seal_invalid');
  });
});
