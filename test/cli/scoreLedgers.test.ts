// `creditlift score` re-underwriting existing customers: a line may carry the customer's ledger
// ({"applicant": ..., "limitHistory": [...]}), so each line's step-limit window holds on the command
// line too, in process and pooled, exactly as the library decides it. The pooled twins run in the
// deep suite (test/deep/cliPooledPaths.test.ts), the rest here.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { createScorer } from '../../src/decision/createScorer.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { captureIo } from './fakeDecider.js';
import { POOLED_PATHS, WORKER_MODES } from './pooledPaths.js';
import { decodeRecords, encodeRecords } from '../../src/distributed/chunkInput.js';
import { readNdjsonRecords } from '../../src/cli/score/readNdjsonRecords.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'score-ledgers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string) => join(work, name);

const book = generatePopulation({ size: 30, seed: 17, asOf: '2026-11-01' }).map((r, i) => ({
  ...r.applicant,
  platform: { ...r.applicant.platform, currentLimit: 300_000 + 10_000 * i },
}));
/** Three rises in the last ten days: the default window (three rises in 30 days) is used up. */
const usedUp = (line: number) => [1, 2, 3].map((k) => ({ asOf: `2026-10-${30 - k}`, from: line - k * 10_000, to: line - (k - 1) * 10_000 }));
const lines = book.map((a, i) => (i % 2 === 0 ? JSON.stringify({ applicant: a, limitHistory: usedUp(a.platform.currentLimit) }) : JSON.stringify(a)));
const decisions = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map(
      (l) =>
        JSON.parse(l) as { line: number; decision?: unknown; error?: { code: string; message: string; issues: { path: (string | number)[]; code: string }[] } },
    );

let expected: string[];
beforeAll(async () => {
  writeFileSync(file('book.ndjson'), `${lines.join('\n')}\n`);
  const scorer = await createScorer({ suggestionsPerDecision: 0 });
  try {
    expected = await Promise.all(
      book.map(async (a, i) => JSON.stringify(await scorer.decide(a, { limitHistory: i % 2 === 0 ? usedUp(a.platform.currentLimit) : [] }))),
    );
  } finally {
    await scorer.close();
  }
});

/** The book as CSV: one column per top-level applicant key (objects as JSON cells), and a `limitHistory` JSON column. */
function csvOf(rows: readonly { applicant: Record<string, unknown>; ledger: string }[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.applicant)))];
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  const cellOf = (v: unknown) => (v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return `${[...keys, 'limitHistory'].join(',')}\n${rows.map((r) => [...keys.map((k) => cellOf(r.applicant[k])), r.ledger].map(quote).join(',')).join('\n')}\n`;
}

describe('score: a line with its own ledger', () => {
  for (const workers of WORKER_MODES) {
    it(`decides each line with its own ledger${workers === '0' ? ' in process' : ', pooled'}, as the library does`, async () => {
      const out = file(`out-${workers}.ndjson`);
      const extra = workers === '0' ? [] : ['--workers', workers, '--batch', '4'];
      expect(await runScoreCommand(['--in', file('book.ndjson'), '--out', out, '--suggestions', '0', ...extra], captureIo().io)).toBe(0);
      const got = decisions(out);
      expect(got.map((d) => JSON.stringify(d.decision))).toEqual(expected);
    });
  }

  it.runIf(!POOLED_PATHS)('the ledgers matter, and a bad envelope (unknown key, bad ledger) is its line error', async () => {
    const plain = file('plain.ndjson');
    writeFileSync(plain, `${book.map((a) => JSON.stringify(a)).join('\n')}\n`);
    expect(await runScoreCommand(['--in', plain, '--out', file('plain-out.ndjson'), '--suggestions', '0'], captureIo().io)).toBe(0);
    expect(decisions(file('plain-out.ndjson')).map((d) => JSON.stringify(d.decision))).not.toEqual(expected);
    const bad = [
      JSON.stringify({ applicant: book[0], limitHistroy: [] }),
      JSON.stringify({ applicant: book[1], limitHistory: [{ asOf: 'soon', from: 1, to: 2 }] }),
      JSON.stringify(book[2]),
    ];
    writeFileSync(file('bad.ndjson'), `${bad.join('\n')}\n`);
    expect(await runScoreCommand(['--in', file('bad.ndjson'), '--out', file('bad-out.ndjson'), '--suggestions', '0'], captureIo().io)).toBe(3);
    const got = decisions(file('bad-out.ndjson'));
    expect(got[0]?.error?.issues.map((i) => `${i.code} ${i.path.join('.')}`)).toEqual(['unrecognized_key limitHistroy']);
    expect(got[1]?.error?.issues.map((i) => i.path.join('.'))).toEqual(['limitHistory.0.asOf']);
    expect(got[2]?.decision).toBeDefined();
  });

  it.runIf(!POOLED_PATHS)("a distributed chunk carries each record's ledger to its worker (the records cross Redis as they were read)", async () => {
    const read = [];
    for await (const r of readNdjsonRecords(
      (async function* () {
        for (const [i, text] of lines.slice(0, 4).entries()) yield { line: i + 1, text, truncated: false };
      })(),
    ))
      read.push(r);
    expect(read.map((r) => r.ok && r.limitHistory !== undefined)).toEqual([true, false, true, false]);
    expect(decodeRecords(encodeRecords(read))).toEqual(read);
  });

  for (const workers of WORKER_MODES) {
    it(`a CSV row carries its ledger in a limitHistory column${workers === '0' ? '' : ', pooled'}, decided as the library does`, async () => {
      const csv = file(`book-${workers}.csv`);
      writeFileSync(csv, csvOf(book.map((a, i) => ({ applicant: a, ledger: i % 2 === 0 ? JSON.stringify(usedUp(a.platform.currentLimit)) : '' }))));
      const out = file(`csv-out-${workers}.ndjson`);
      const extra = workers === '0' ? [] : ['--workers', workers, '--batch', '4'];
      expect(await runScoreCommand(['--in', csv, '--out', out, '--suggestions', '0', ...extra], captureIo().io)).toBe(0);
      expect(decisions(out).map((d) => JSON.stringify(d.decision))).toEqual(expected);
    });
  }

  it.runIf(!POOLED_PATHS)('a bad ledger cell (not a ledger, not JSON, a repeated key) is its row error, naming limitHistory', async () => {
    const rows = [
      { applicant: book[0] as Record<string, unknown>, ledger: JSON.stringify([{ asOf: 'soon', from: 1, to: 2 }]) },
      { applicant: book[1] as Record<string, unknown>, ledger: '[{"asOf":' },
      { applicant: book[2] as Record<string, unknown>, ledger: '[{"asOf":"2026-10-01","from":1,"to":2,"to":3}]' },
      { applicant: book[3] as Record<string, unknown>, ledger: '' },
    ];
    writeFileSync(file('bad.csv'), csvOf(rows));
    expect(await runScoreCommand(['--in', file('bad.csv'), '--out', file('bad-csv-out.ndjson'), '--suggestions', '0'], captureIo().io)).toBe(3);
    const got = decisions(file('bad-csv-out.ndjson'));
    expect(got.map((d) => d.error?.issues.map((i) => `${i.code} ${i.path.join('.')}`))).toEqual([
      ['invalid_format limitHistory.0.asOf'],
      ['invalid_json limitHistory'],
      ['duplicate_key limitHistory.0.to'],
      undefined,
    ]);
    expect(got[3]?.decision).toBeDefined();
  });
});

// Outside tester (dates): the same ledger problem got `data_invalid` at `limitHistory.0.from` when the
// envelope reader caught it and `validation_failed` at `0.asOf` (no field name) when the decider did;
// and a line at fault elsewhere hid its ledger's date. The ledger is now read by the decider alone,
// beside the applicant: one code, and every path as it sits in the line.
describe('score: a ledger at fault has one code and its full path, named with the rest of the line', () => {
  const a = book[0] as (typeof book)[number];
  const future = { asOf: '2026-11-02', from: 200_000, to: 300_000 };
  const negative = { asOf: '2026-10-20', from: -5, to: 300_000 };
  const badBirth = { ...a, birthDate: '2003-02-30' };
  const lines = [
    JSON.stringify({ applicant: a, limitHistory: [negative] }),
    JSON.stringify({ applicant: a, limitHistory: [future] }),
    JSON.stringify({ applicant: badBirth, limitHistory: [future, negative] }),
    JSON.stringify({ applicant: badBirth, limitHistory: [future], note: 'x' }),
    JSON.stringify(badBirth),
    JSON.stringify({ applicant: a, limitHistory: null }),
  ];
  const faults = (path: string) => decisions(path).map((d) => [d.error?.code, ...(d.error?.issues.map((i) => `${i.path.join('.')} ${i.code}`) ?? [])]);
  const want = [
    ['validation_failed', 'limitHistory.0.from too_small'],
    ['validation_failed', 'limitHistory.0.asOf out_of_range'],
    ['validation_failed', 'applicant.birthDate invalid_format', 'limitHistory.0.asOf out_of_range', 'limitHistory.1.from too_small'],
    ['data_invalid', 'note unrecognized_key', 'applicant.birthDate invalid_format', 'limitHistory.0.asOf out_of_range'],
    ['validation_failed', 'birthDate invalid_format'],
    ['validation_failed', 'limitHistory invalid_type'],
  ];

  for (const workers of WORKER_MODES) {
    it(`NDJSON${workers === '0' ? ' in process' : ', pooled'}: a bad amount and a raise after the decision alike; beside the applicant's faults and the envelope's`, async () => {
      writeFileSync(file('faults.ndjson'), `${lines.join('\n')}\n`);
      const out = file(`faults-out-${workers}.ndjson`);
      const extra = workers === '0' ? [] : ['--workers', workers, '--batch', '2'];
      expect(await runScoreCommand(['--in', file('faults.ndjson'), '--out', out, '--suggestions', '0', ...extra], captureIo().io)).toBe(3);
      expect(faults(out)).toEqual(want);
      expect(decisions(out)[2]?.error?.message).toMatch(/applicant\.birthDate, limitHistory\.0\.asOf, limitHistory\.1\.from/);
    });
  }

  it.runIf(!POOLED_PATHS)('CSV: the limitHistory column is named as the NDJSON envelope names it, beside the cells at fault', async () => {
    const rows = [
      { applicant: a as Record<string, unknown>, ledger: JSON.stringify([negative]) },
      { applicant: a as Record<string, unknown>, ledger: JSON.stringify([future]) },
      { applicant: badBirth as Record<string, unknown>, ledger: JSON.stringify([future, negative]) },
    ];
    writeFileSync(file('faults.csv'), csvOf(rows));
    expect(await runScoreCommand(['--in', file('faults.csv'), '--out', file('faults-csv-out.ndjson'), '--suggestions', '0'], captureIo().io)).toBe(3);
    expect(faults(file('faults-csv-out.ndjson'))).toEqual([
      ['validation_failed', 'limitHistory.0.from too_small'],
      ['validation_failed', 'limitHistory.0.asOf out_of_range'],
      ['validation_failed', 'birthDate invalid_format', 'limitHistory.0.asOf out_of_range', 'limitHistory.1.from too_small'],
    ]);
  });
});
