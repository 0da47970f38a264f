// Outside tester findings15-audit:
// F5: `creditlift report` never checked a decision's seal: a limit edited from 1,680,000 to
//   19,680,000 fen (above the decision's own maxGrantable of 1,680,000) raised the headline total from
//   ¥94,800 to ¥274,800 with exit 0 and no warning. The content hash needs no key.
// F8: over one customer's history (decide 16,800 -> reduction 5,000 -> contest -> a person's decline)
//   the report said "4 decisions, 50.0% approved, ¥26,800 total", though the customer holds nothing:
//   every follow-up was counted as a new application.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo, resealed } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-report-seal-'));
const file = (name: string) => join(work, name);
const KEY_A = 'a'.repeat(32);
writeFileSync(file('keyA.txt'), `${KEY_A}\n`);
writeFileSync(file('keyB.txt'), `${'b'.repeat(32)}\n`);

let plain: Scorer;
let signed: Scorer;
let book: Decision[];
let signedBook: Decision[];
let chain: Decision[];

beforeAll(async () => {
  plain = await createScorer();
  signed = await createScorer({ signingKey: KEY_A });
  const applicants = exampleApplicants.slice(0, 4).map((e) => e.applicant);
  book = await Promise.all(applicants.map((a) => plain.decide(a)));
  signedBook = await Promise.all(applicants.map((a) => signed.decide(a)));
  // The tester's chain: decide -> the customer's reduction -> a contest -> a person's decline.
  const d0 = book[0] as Decision;
  const d1 = plain.requestReduction(d0, 500_000, { asOf: '2026-11-03' });
  const d2 = plain.recordContest(d1, { statement: 'x', asOf: '2026-11-04' });
  const d3 = plain.recordReview(d2, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, asOf: '2026-11-05' });
  chain = [d0, d1, d2, d3];
});
afterAll(async () => {
  await plain.close();
  await signed.close();
  rmSync(work, { recursive: true, force: true });
});

/** `creditlift score` lines of these decisions (as the tester's s1.ndjson holds them). */
const scoreLines = (ds: readonly Decision[]) => ds.map((decision, i) => `${JSON.stringify({ line: i + 1, decision })}\n`).join('');
const total = (ds: readonly Decision[]) => ds.reduce((s, d) => s + d.limit, 0);
const rmb = (fen: number) => `¥${(fen / 100).toLocaleString('en-US')}`;

async function report(name: string, text: string, ...more: string[]) {
  writeFileSync(file(`${name}.ndjson`), text);
  const c = captureIo();
  const code = await runReportCommand([file(`${name}.ndjson`), '--out', file(`${name}.html`), ...more], c.io);
  return { code, out: c.out(), err: c.err(), html: readFileSync(file(`${name}.html`), 'utf8') };
}

describe('creditlift report checks every decision seal (F5)', () => {
  it('the file as scored: every decision counts, exit 0, no seal warning', async () => {
    const r = await report('as-scored', scoreLines(book));
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/seal/);
    expect(r.html).toContain(rmb(total(book)));
  });

  it("an edited limit (the tester's sed) is left out of every figure, named by its line and audit.contentHash, exit 3; the other decisions still count", async () => {
    const text = scoreLines(book).replace(`"limit":${book[0]!.limit},`, `"limit":${book[0]!.limit + 18_000_000},`);
    expect(text).not.toBe(scoreLines(book));
    const r = await report('edited', text);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(
      /warning: 1 decision\(s\) of .*edited\.ndjson \(line 1\) fail their seal and were left out of every figure: 1 changed after they were made \(audit\.contentHash/,
    );
    expect(r.html).toContain('data-warning');
    expect(r.html).toMatch(/line 1\) fail their seal/);
    // The total is that of the three untouched decisions: neither the edited figure nor the original.
    expect(r.html).toContain(rmb(total(book.slice(1))));
    expect(r.html).not.toContain(rmb(total(book) + 18_000_000));
    expect(r.out).toMatch(/report of 3 decisions \(0 rejected, 0 unreadable lines, 1 left out: seal failed\)/);
  });

  it('a decision stripped of its content hash is left out too (it is not a sealed decision)', async () => {
    const stripped = { ...book[1]!, audit: { ...book[1]!.audit, contentHash: undefined } };
    const r = await report('stripped', scoreLines([book[0]!, JSON.parse(JSON.stringify(stripped)) as Decision]));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/\(line 2\) fail their seal .*1 carry no audit\.contentHash/);
  });

  it('--signing-key-file checks signatures: the signing key passes, another key or an unsigned decision is left out naming audit.signature', async () => {
    const good = await report('signed-a', scoreLines(signedBook), '--signing-key-file', file('keyA.txt'));
    expect([good.code, good.err]).toEqual([0, '']);
    const other = await report('signed-b', scoreLines(signedBook), '--signing-key-file', file('keyB.txt'));
    expect(other.code).toBe(3);
    expect(other.err).toMatch(/4 decision\(s\) .* fail their seal .*4 not signed under the key of --signing-key-file .*keyB\.txt \(audit\.signature/);
    const unsigned = await report('unsigned', scoreLines([signedBook[0]!, book[1]!]), '--signing-key-file', file('keyA.txt'));
    expect(unsigned.code).toBe(3);
    expect(unsigned.err).toMatch(/\(line 2\) fail their seal/);
  });

  it('after a rotation, --verification-key-file takes decisions signed under the earlier key; alone it is a usage error', async () => {
    const rotated = await report('rotated', scoreLines(signedBook), '--signing-key-file', file('keyB.txt'), '--verification-key-file', file('keyA.txt'));
    expect([rotated.code, rotated.err]).toEqual([0, '']);
    writeFileSync(file('alone.ndjson'), scoreLines(signedBook));
    const c = captureIo();
    expect(await runReportCommand([file('alone.ndjson'), '--out', file('alone.html'), '--verification-key-file', file('keyA.txt')], c.io)).toBe(2);
    expect(c.err()).toContain('--signing-key-file');
  });

  it('a short --signing-key-file is refused naming the option (exit 1), before any page is written', async () => {
    writeFileSync(file('short.txt'), 'short\n');
    writeFileSync(file('short.ndjson'), scoreLines(book));
    const c = captureIo();
    expect(await runReportCommand([file('short.ndjson'), '--out', file('short.html'), '--signing-key-file', file('short.txt')], c.io)).toBe(1);
    expect(c.err()).toContain('--signing-key-file');
  });
});

describe('creditlift report counts a chain of follow-ups as one application (F8)', () => {
  it("the tester's chain: one line, at its latest decision (a person's decline, ¥0), and the page says how it counted", async () => {
    expect(chain.map((d) => d.audit.kind)).toEqual(['decide', 'reduction', 'contest', 'review']);
    const r = await report('chain', chain.map((d) => `${JSON.stringify(d)}\n`).join(''));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/report of 1 decisions \(0 rejected, 0 unreadable lines, 3 earlier decisions followed by a later one, not counted\)/);
    expect(r.html).toMatch(/<p class="note" data-counting>Counted: each application once, at its latest decision\. 3 earlier decision\(s\)/);
    // One decision, declined, nothing granted: not "4 decisions, 50.0% approved, ¥26,800".
    expect(r.html).toMatch(/<b>1<\/b><span>decisions<\/span>/);
    expect(r.html).toMatch(/<b>100\.0%<\/b><span>declined<\/span>/);
    expect(r.html).toMatch(/<b>¥0<\/b><span>total limit granted or proposed<\/span>/);
  });

  it('the order of the lines does not matter, and other customers in the file count as their own lines', async () => {
    const mixed = [chain[3]!, book[1]!, chain[1]!, chain[0]!, book[2]!, chain[2]!];
    const r = await report('mixed', scoreLines(mixed));
    expect(r.out).toMatch(/report of 3 decisions .*3 earlier decisions followed by a later one/);
    expect(r.html).toContain(rmb(book[1]!.limit + book[2]!.limit));
  });

  it('a file without follow-ups says each decision counted as one application', async () => {
    const r = await report('plain', scoreLines(book));
    expect(r.html).toContain('<p class="note" data-counting>Counted: each decision as one application (no decision of this file follows another).</p>');
  });

  it('two follow-ups of the same decision (a forked chain) are both counted and warned of', async () => {
    const again = plain.requestReduction(chain[0]!, 600_000, { asOf: '2026-11-03' });
    const r = await report('fork', scoreLines([chain[0]!, chain[1]!, again]));
    expect(r.out).toMatch(/report of 2 decisions/);
    expect(r.err).toMatch(/warning: 1 decision\(s\) are followed by more than one decision of this file/);
  });

  it('a decision on two lines counts once and is warned of; a repeated follow-up is no fork (recheck: "2 decisions, ¥33,600")', async () => {
    const twice = await report('twice', scoreLines([book[0]!, book[0]!]));
    expect(twice.out).toMatch(/report of 1 decisions .*1 repeated, counted once/);
    expect(twice.err).toMatch(/warning: 1 decision\(s\) of .* appear on more than one line/);
    expect(twice.html).toContain(rmb(book[0]!.limit));
    const latestTwice = await report('latest-twice', scoreLines([chain[0]!, chain[1]!, chain[1]!]));
    expect(latestTwice.out).toMatch(/report of 1 decisions/);
    expect(latestTwice.err).not.toMatch(/followed by more than one decision/);
  });

  it('a line carrying a counted decisionId with other content (resealed without a key) is left out, named by line, exit 3', async () => {
    const forged = resealed({ ...book[0]!, limit: book[0]!.limit + 1_000_000 });
    const r = await report('forged-repeat', scoreLines([book[0]!, book[1]!, forged]));
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/report of 2 decisions .*1 repeated with other content, left out/);
    expect(r.err).toMatch(
      /warning: 1 line\(s\) of .* \(line 3\) repeat the audit\.decisionId of an earlier decision with other content: left out of every figure/,
    );
    expect(r.html).toContain(rmb(total([book[0]!, book[1]!])));
  });

  it('a sealed decision without audit.decisionId is counted on each line and the report says a repeat of it cannot be told', async () => {
    const { decisionId: _id, ...audit } = book[0]!.audit;
    const anonymous = resealed({ ...book[0]!, audit });
    const r = await report('no-id', scoreLines([anonymous, anonymous] as unknown as Decision[]));
    expect(r.out).toMatch(/report of 2 decisions/);
    expect(r.err).toMatch(/warning: 2 decision\(s\) of .* carry no audit\.decisionId .*each line is counted, as a repeat of one cannot be told/);
  });

  it("a changed follow-up's link is not believed: its prior still counts, and the change is warned of", async () => {
    const text = scoreLines([chain[0]!, chain[1]!]).replace(/"statement"|"limit":500000,/, (m) => (m === '"limit":500000,' ? '"limit":400000,' : m));
    const r = await report('bad-link', text);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/report of 1 decisions \(0 rejected, 0 unreadable lines, 1 left out: seal failed\)/);
    expect(r.html).toContain(rmb(chain[0]!.limit));
  });
});
