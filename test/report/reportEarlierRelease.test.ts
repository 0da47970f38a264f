// Outside tester findings13-upgrade (report over 0.1.0 decisions): the policy warning advised "pass
// the decisions' own policy with --policy", which no 0.1.0 policy can be (its key
// limits.regulatoryCapPerBorrower is refused today), and the binding-constraint chart named 0.1.0's
// `regulatory` "regulatory per-borrower cap (own lines)", though 0.1.0's cap counted the borrower's
// other consumer-finance balances.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { isEarlierReleaseDecision } from '../../src/decision/earlierRelease.js';
import { canonicalJson } from '../../src/hashing/canonicalJson.js';
import { sha256Hex } from '../../src/hashing/sha256Hex.js';
import { captureIo, fakeDecision, resealed } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-report-earlier-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string) => join(work, name);

// Decisions sealed by the released 0.1.0 (test/fixtures/release0.1.0): a referral and an approval,
// both limited by the step limit, and the approval again as 0.1.0 wrote one its regulatory cap set.
const release010 = JSON.parse(readFileSync(new URL('../fixtures/release0.1.0/decisions.json', import.meta.url), 'utf8')) as {
  refer: Record<string, unknown>;
  approve: Record<string, unknown>;
};
const oldRegulatory = as010({ ...release010.approve, bindingConstraint: 'regulatory', applicantId: 'ex-regulatory' });
const OLD_POLICY = (release010.approve.audit as { policyHash: string }).policyHash;
// Today's decisions: one its regulatory cap set, under another policy than the default.
const todayRegulatory = resealed({
  ...fakeDecision({ id: 'today', limit: 400_000 }),
  bindingConstraint: 'regulatory',
  audit: { modelId: 'fake@1', policyHash: 'ab'.repeat(32) },
});
/**
 * A 0.1.0 decision for another applicant, its audit as 0.1.0 wrote it: its decisionId the first 32
 * hex digits of the SHA-256 of the canonical JSON of the rest of the audit (a copy of a decision
 * under its old id is that decision again, and counts once).
 */
function as010(d: Record<string, unknown>): Record<string, unknown> {
  const audit: Record<string, unknown> = { ...(d.audit as Record<string, unknown>), applicantId: d.applicantId };
  const { decisionId: _id, ...rest } = audit;
  return { ...d, audit: { decisionId: `dec_${sha256Hex(canonicalJson(rest)).slice(0, 32)}`, ...rest } };
}
const lines = (ds: readonly unknown[]) => ds.map((decision, i) => `${JSON.stringify({ line: i + 1, decision })}\n`).join('');

const report = async (name: string, ds: readonly unknown[]) => {
  writeFileSync(file(`${name}.ndjson`), lines(ds));
  const c = captureIo();
  const code = await runReportCommand([file(`${name}.ndjson`), '--out', file(`${name}.html`)], c.io);
  return { code, out: c.out(), err: c.err(), html: readFileSync(file(`${name}.html`), 'utf8') };
};

/** The rows of a chart's figures table: label and value. */
function figures(html: string, id: string): [string, string][] {
  const figure = new RegExp(`<figure class="chart" id="chart-${id}">[\\s\\S]*?</figure>`).exec(html)?.[0] ?? '';
  return [...figure.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1] as string, m[2] as string]);
}

describe('report over decisions of the released 0.1.0', () => {
  it('the fixtures are 0.1.0-shaped, as follow-ups recognise them', () => {
    for (const d of [release010.refer, release010.approve, oldRegulatory]) expect(isEarlierReleaseDecision(d)).toBe(true);
    expect(isEarlierReleaseDecision(todayRegulatory)).toBe(false);
  });

  it('warns that they come from an earlier release, says what it can and cannot compare, and does not advise --policy for them', async () => {
    const r = await report('old', [release010.refer, release010.approve, oldRegulatory]);
    expect(r.code).toBe(0);
    const warnings = r.err.split('\n').filter((l) => l.startsWith('warning: '));
    expect(warnings).toHaveLength(1);
    const [w] = warnings as [string];
    expect(w).toMatch(/3 decision\(s\) were sealed by an earlier release of creditlift \(0\.1\.0/);
    expect(w).toContain(OLD_POLICY.slice(0, 12));
    // Why no --policy can be theirs, and what is compared and what is not.
    expect(w).toMatch(/limits\.regulatoryCapPerBorrower/);
    expect(w).toMatch(/counts their outcomes, limits, PDs/);
    expect(w).toMatch(/cannot/);
    expect(w).toMatch(/average cost of new lines leaves them out/);
    expect(w).not.toMatch(/pass the decisions' own policy/);
    expect(r.html).toContain('were sealed by an earlier release of creditlift');
    expect(r.html).not.toContain('pass the decisions&#39; own policy');
  });

  it('a mixed file: the --policy advice names only the decisions of this release, and counts only them', async () => {
    const r = await report('mixed', [release010.refer, release010.approve, oldRegulatory, todayRegulatory]);
    const warnings = r.err.split('\n').filter((l) => l.startsWith('warning: '));
    const other = warnings.find((w) => w.includes('were made under policy'));
    expect(other).toMatch(/^warning: 1 decision\(s\) were made under policy abababababab,/);
    expect(other).not.toContain(OLD_POLICY.slice(0, 12));
    expect(other).toMatch(/pass the decisions' own policy with --policy/);
    expect(warnings.find((w) => w.includes('earlier release'))).toMatch(/3 decision\(s\)/);
  });

  it("names 0.1.0's binding constraints by what they meant then: its regulatory cap counted other consumer-finance balances", async () => {
    const r = await report('binding', [release010.refer, release010.approve, oldRegulatory, todayRegulatory]);
    const rows = figures(r.html, 'binding-constraints');
    expect(rows).toContainEqual(['0.1.0: regulatory cap less other consumer-finance balances', '1 (25.0%)']);
    expect(rows).toContainEqual(['0.1.0: step limit on raising a line', '2 (50.0%)']);
    // Today's regulatory cap keeps its own name and count: the two are not one bar.
    expect(rows).toContainEqual(['regulatory per-borrower cap (own lines)', '1 (25.0%)']);
    expect(rows.filter(([label]) => label.includes('own lines'))).toHaveLength(1);
    expect(r.html).toMatch(/0\.1\.0 are decisions sealed by the released 0\.1\.0/);
  });

  it("0.1.0's decisionId is the SHA-256 of the rest of its audit, so a copy of a decision is told by it", () => {
    for (const d of [release010.refer, release010.approve]) expect(as010(d)).toEqual(d);
  });

  it('a 0.1.0 decision on two lines counts once and is warned of, as a repeat of this release is (was: counted twice)', async () => {
    const r = await report('old-twice', [release010.approve, release010.refer, release010.approve]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/report of 2 decisions .*1 repeated, counted once/);
    const warnings = r.err.split('\n').filter((l) => l.startsWith('warning: '));
    expect(warnings.find((w) => w.includes('more than one line'))).toMatch(
      /^warning: 1 decision\(s\) of .* appear on more than one line \(the same audit\.decisionId; line 3\): each is counted once; 1 of them sealed by 0\.1\.0/,
    );
    expect(warnings.find((w) => w.includes('earlier release'))).toMatch(/2 decision\(s\) were sealed by an earlier release/);
    // The limit total counts the approval once: the referral proposes 3,000 RMB, the approval its own.
    const once = await report('old-once', [release010.approve, release010.refer]);
    expect(r.html.match(/¥[\d,]+/g)).toEqual(once.html.match(/¥[\d,]+/g));
  });

  it('a 0.1.0 decision repeated with other content (no content hash to tell which is as made) is left out and named by line, exit 3', async () => {
    const edited = { ...release010.approve, limit: (release010.approve.limit as number) + 1_000_000 };
    const r = await report('old-edited', [release010.approve, release010.refer, edited]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/report of 2 decisions .*1 repeated with other content, left out/);
    expect(r.err).toMatch(
      /warning: 1 line\(s\) of .* \(line 3\) repeat the audit\.decisionId of an earlier decision with other content: left out of every figure.*0\.1\.0 decisions carry no audit\.contentHash/,
    );
    expect(r.html).toContain('repeat the audit.decisionId of an earlier decision with other content');
  });

  it('a file of this release only: no earlier-release warning, no 0.1.0 bars', async () => {
    const r = await report('today', [todayRegulatory]);
    expect(r.err).not.toMatch(/earlier release/);
    expect(figures(r.html, 'binding-constraints').map(([l]) => l)).toEqual(['regulatory per-borrower cap (own lines)']);
    expect(r.html).not.toMatch(/sealed by the released 0\.1\.0/);
  });
});
