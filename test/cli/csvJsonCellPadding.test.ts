// CSV JSON cells (`controls`, `evidence`, a JSON `attributes`, and the `limitHistory` and `prior`
// columns) were read through JavaScript's trim, uncounted: `\u00a0{"selfSetCap":100000}\u3000` was
// the cap 100000 with nothing said, and a `limitHistory` cell holding only NBSP (or a BOM, or U+2028)
// was read as "no ledger", so the step-limit window was decided without the customer's raises. An
// NDJSON line cannot carry either: JSON's whitespace is spaces, tabs and line ends, and none stands
// around a value inside a line. Now spaces and tabs around a JSON cell are read off and counted as
// number cells' are (`cells_trimmed`), and any other whitespace around one refuses the record,
// naming the column and the code point.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvCell } from '../../src/cli/score/csvColumns.js';
import { readCsvJsonCell } from '../../src/cli/score/csvJsonCell.js';
import { jsonCellText } from '../../src/csv/jsonCellText.js';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { readCsvRecords } from '../../src/cli/score/readCsvRecords.js';
import { readNdjsonRecords } from '../../src/cli/score/readNdjsonRecords.js';
import { splitLines } from '../../src/cli/score/splitLines.js';
import { CliExitCode } from '../../src/cli/cliExitCode.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { createLenientCellTally, type LenientCellTally } from '../../src/csv/lenientCells.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';
import { captureIo } from './fakeDecider.js';

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

async function readCsv(text: string, tally?: LenientCellTally): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const r of readCsvRecords(once(text), { lenientCells: tally })) out.push(r);
  return out;
}

async function readNdjson(text: string): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const r of readNdjsonRecords(splitLines(once(text)))) out.push(r);
  return out;
}

const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
const issuesOf = (r: InputRecord | undefined) =>
  r?.ok === false ? (r.error.issues ?? []).map((i) => ({ path: i.path, code: i.code, message: i.message })) : [];

describe('a CSV JSON cell: spaces and tabs around it are read off and counted, other whitespace refuses it', () => {
  it('readCsvCell (an applicant JSON column): spaces and tabs read off and counted; nothing counted for a cell as written', () => {
    expect(readCsvCell('json', ' \t{"selfSetCap":100000} ', 'controls')).toEqual({ value: { selfSetCap: 100000 }, issues: [], lenient: ['cells_trimmed'] });
    expect(readCsvCell('json', '{"selfSetCap":100000}', 'controls')).toEqual({ value: { selfSetCap: 100000 }, issues: [] });
    // Whitespace inside the JSON is JSON's own, not padding.
    expect(readCsvCell('json', '{ "selfSetCap" :\t100000 }', 'controls')).toEqual({ value: { selfSetCap: 100000 }, issues: [] });
  });

  it('readCsvCell: NBSP, U+3000, a BOM, U+2028 or a line end around the JSON refuses the cell, naming the column and the code point', () => {
    for (const [cell, label] of [
      ['\u00a0{"selfSetCap":100000}', 'U+00A0'],
      ['{"selfSetCap":100000}\u3000', 'U+3000'],
      ['\ufeff{"selfSetCap":100000}', 'U+FEFF'],
      [' {"selfSetCap":100000}\u2028', 'U+2028'],
      ['{"selfSetCap":100000}\n', 'U+000A'],
    ] as const) {
      const read = readCsvCell('json', cell, 'controls');
      expect(read.lenient, label).toBeUndefined();
      expect(read.issues, label).toEqual([{ path: [], code: 'invalid_cell_padding', message: expect.stringContaining(label) as unknown }]);
      expect(read.issues[0]?.message, label).toContain('"controls"');
    }
    expect(readCsvCell('json', '\u3000{}\u00a0', 'controls').issues[0]?.message).toMatch(/U\+3000, U\+00A0/);
  });

  it('readCsvJsonCell (limitHistory, prior): the same reading, at the column', () => {
    expect(readCsvJsonCell('\t[] ', 'limitHistory')).toEqual({ ok: true, value: [], trimmed: true });
    expect(readCsvJsonCell('[]', 'limitHistory')).toEqual({ ok: true, value: [], trimmed: false });
    const refused = readCsvJsonCell('\ufeff[]', 'limitHistory');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.issues).toEqual([
      { path: ['limitHistory'], code: 'invalid_cell_padding', message: expect.stringMatching(/"limitHistory".*U\+FEFF/) as unknown },
    ]);
    expect(readCsvJsonCell('{}\u3000', 'prior')).toMatchObject({ ok: false, issues: [{ path: ['prior'], code: 'invalid_cell_padding' }] });
  });

  it('a book: padded JSON cells are counted per column; a ledger cell of NBSP alone is refused, not read as no ledger', async () => {
    const a = baseApplicantInput({ id: 'a' });
    const { controls: _c, ...rest } = a;
    const header = [...Object.keys(rest), 'controls', 'limitHistory'];
    const row = (controls: string, ledger: string) =>
      [...Object.values(rest).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))), controls, ledger].map(quote).join(',');
    const text = `${header.join(',')}\n${[row(' {} ', ''), row('{}', '\t[]'), row('{}', '  '), row('{}', '\u00a0'), row('\u3000{}', '[]')].join('\n')}\n`;
    const tally = createLenientCellTally();
    const rs = await readCsv(text, tally);
    expect(rs.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [3, true],
      [4, true],
      [5, false],
      [6, false],
    ]);
    // Spaces alone are no ledger, as an empty cell, and counted as train counts a whitespace-only cell read as missing.
    expect(rs[2]?.ok === true && Object.hasOwn(rs[2], 'limitHistory')).toBe(false);
    expect(issuesOf(rs[3])).toEqual([{ path: ['limitHistory'], code: 'invalid_cell_padding', message: expect.stringContaining('U+00A0') as unknown }]);
    expect(issuesOf(rs[4])).toEqual([{ path: ['controls'], code: 'invalid_cell_padding', message: expect.stringContaining('U+3000') as unknown }]);
    expect(tally.counts()).toEqual([
      { code: 'cells_trimmed', column: 'controls', count: 1, firstLine: 2 },
      { code: 'cells_trimmed', column: 'limitHistory', count: 2, firstLine: 3 },
    ]);
  });

  it('score: the warning and the summary count padded JSON cells; a refused one is its line error naming the column', async () => {
    const scratch = new URL('../../.tmp/', import.meta.url).pathname;
    mkdirSync(scratch, { recursive: true });
    const work = mkdtempSync(join(scratch, 'csv-json-padding-'));
    try {
      const a = baseApplicantInput({ id: 'a' });
      const { controls: _c, ...rest } = a;
      const row = (controls: string) =>
        [...Object.values(rest).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))), controls].map(quote).join(',');
      const book = join(work, 'book.csv');
      writeFileSync(book, `${[...Object.keys(rest), 'controls'].join(',')}\n${row(' {} ')}\n${row('{}\u3000')}\n`);
      const c = captureIo();
      const errors = join(work, 'errors.ndjson');
      expect(await runScoreCommand(['--in', book, '--out', join(work, 'out.ndjson'), '--errors', errors, '--suggestions', '0', '--json-summary'], c.io)).toBe(
        CliExitCode.rejected,
      );
      const [refused] = readFileSync(errors, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { line: number; error: { issues: { path: string[]; code: string; message: string }[] } });
      expect(refused?.line).toBe(3);
      expect(refused?.error.issues).toEqual([
        { path: ['controls'], code: 'invalid_cell_padding', message: expect.stringMatching(/"controls".*U\+3000/) as unknown },
      ]);
      const summary = JSON.parse(c.out()) as { decisions: number; rejected: number; lenientCells: unknown };
      expect([summary.decisions, summary.rejected]).toEqual([1, 1]);
      expect(summary.lenientCells).toEqual([{ code: 'cells_trimmed', column: 'controls', count: 1, firstLine: 2 }]);
      expect(c.err()).toContain('warning (cells_trimmed): "controls": 1 cell has surrounding whitespace, read without it (first on line 2)\n');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('law: a CSV record and its NDJSON twin decide the same', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await createScorer({ suggestionsPerDecision: 0 });
  });
  afterAll(async () => {
    await scorer.close();
  });

  // Half the paddings are of spaces and tabs alone, so rows padded only so (all four cells) are met often.
  const padding = fc.oneof(
    fc.array(fc.constantFrom(' ', '\t'), { maxLength: 3 }).map((cs) => cs.join('')),
    fc.array(fc.constantFrom(' ', '\t', '\u00a0', '\u3000', '\ufeff', '\u2028', '\n', '\r'), { maxLength: 3 }).map((cs) => cs.join('')),
  );
  const controls = fc.record(
    { selfSetCap: fc.integer({ min: 0, max: 100 }).map((k) => k * 10_000), requestedLimit: fc.integer({ min: 1, max: 100 }).map((k) => k * 10_000) },
    { requiredKeys: [] },
  );
  const ledger = fc
    .array(fc.integer({ min: 1, max: 29 }), { maxLength: 4 })
    .map((days) =>
      [...days].sort((x, y) => y - x).map((d, k) => ({ asOf: `2026-10-${String(d).padStart(2, '0')}`, from: 400_000 + k * 10_000, to: 410_000 + k * 10_000 })),
    );

  it('padded by spaces and tabs: read off, and decided as the twin is; padded by anything else: refused naming the column and the code point', async () => {
    const seen = { decided: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(controls, ledger, padding, padding, padding, padding, async (ctl, led, c0, c1, l0, l1) => {
        const applicant = baseApplicantInput({ id: 'twin', controls: ctl });
        const { controls: _c, ...rest } = applicant;
        const cells = [
          ...Object.values(rest).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))),
          `${c0}${JSON.stringify(ctl)}${c1}`,
          `${l0}${JSON.stringify(led)}${l1}`,
        ];
        const [csv] = await readCsv(`${[...Object.keys(rest), 'controls', 'limitHistory'].join(',')}\n${cells.map(quote).join(',')}\n`);
        const [twin] = await readNdjson(`${JSON.stringify({ applicant, limitHistory: led })}\n`);
        expect(twin?.ok).toBe(true);
        const odd = (p: string) => [...new Set(p.replace(/[ \t]/g, ''))];
        const refusedAt = [...(odd(c0 + c1).length > 0 ? ['controls'] : []), ...(odd(l0 + l1).length > 0 ? ['limitHistory'] : [])];
        if (refusedAt.length > 0) {
          const issues = issuesOf(csv);
          expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual(refusedAt.map((c) => [c, 'invalid_cell_padding']));
          for (const c of odd(c0 + c1)) expect(issues[0]?.message).toContain(`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
          seen.refused++;
          return;
        }
        expect(csv?.ok).toBe(true);
        const decide = (r: InputRecord | undefined) =>
          r?.ok === true
            ? scorer.decide(r.value as never, { limitHistory: (r.limitHistory ?? []) as never }).then((d) => JSON.stringify(d))
            : Promise.resolve('not read');
        expect(await decide(csv)).toBe(await decide(twin));
        seen.decided++;
      }),
      { seed: 20261201, numRuns: 40 },
    );
    // Both sides of the law were met, not one alone.
    expect(seen.decided).toBeGreaterThan(3);
    expect(seen.refused).toBeGreaterThan(3);
  });
});

describe('jsonCellText reads a cell in one pass', () => {
  it('whitespace between the JSON tokens stays inside (40,000 spaces took 1.1 s through /\\s*$/); padding at the end is still read off', () => {
    const inner = `{"a":${' '.repeat(200_000)}1}`;
    expect(jsonCellText(inner, 'controls')).toEqual({ ok: true, text: inner, trimmed: false });
    expect(jsonCellText(` ${inner}\t `, 'controls')).toEqual({ ok: true, text: inner, trimmed: true });
    expect(jsonCellText(`${inner}\u3000`, 'controls')).toMatchObject({ ok: false, issue: { code: 'invalid_cell_padding' } });
    expect(jsonCellText(' \t ', 'limitHistory')).toEqual({ ok: true, text: '', trimmed: true });
  });
});
