import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCsvColumns, readCsvCell, readCsvRow } from '../../src/cli/score/csvColumns.js';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { readCsvRecords } from '../../src/cli/score/readCsvRecords.js';
import { readNdjsonRecords } from '../../src/cli/score/readNdjsonRecords.js';
import { splitLines } from '../../src/cli/score/splitLines.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

async function records(text: string, format: 'csv' | 'ndjson'): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const r of format === 'csv' ? readCsvRecords(once(text)) : readNdjsonRecords(splitLines(once(text)))) out.push(r);
  return out;
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

describe('NDJSON input', () => {
  it('a line with bytes that are not UTF-8 is an error record naming the byte offset, never decided with U+FFFD', async () => {
    async function* bytes() {
      yield Buffer.from('{"id":"a"}\n{"id":"b');
      yield Buffer.from([0xe4, 0xb8]); // a character cut short by the next byte
      yield Buffer.from('x"}\n{"id":"c"}\n');
    }
    const out: InputRecord[] = [];
    for await (const r of readNdjsonRecords(splitLines(bytes()))) out.push(r);
    expect(out.map((r) => [r.line, r.ok ? (r.value as { id: string }).id : r.error.issues?.[0]?.code])).toEqual([
      [1, 'a'],
      [2, 'invalid_utf8'],
      [3, 'c'],
    ]);
    expect(!out[1]!.ok && out[1]!.error.message).toMatch(/offset 19 /);
  });

  it('numbers records by physical line, skips blank lines, and turns bad JSON into an error record', async () => {
    const rs = await records('{"id":"a"}\n\n{oops\n  \n[1,2]\n{"id":"b"}', 'ndjson');
    expect(rs.map((r) => [r.line, r.ok])).toEqual([
      [1, true],
      [3, false],
      [5, true],
      [6, true],
    ]);
    const bad = rs[1] as Extract<InputRecord, { ok: false }>;
    expect(bad.error.code).toBe('data_invalid');
    expect(bad.error.issues?.[0]?.code).toBe('invalid_json');
    expect(bad.error.message).toMatch(/^line 3: not valid JSON/);
  });

  it('never echoes the raw line into the error (it may hold personal data)', async () => {
    const [r] = await records('{"name":"Zhang San", secret}', 'ndjson');
    expect(JSON.stringify(r)).not.toContain('Zhang');
  });

  it('a line nested deeper than any applicant (5,000 levels) is its own too_deep error record; the lines around it read', async () => {
    const d = 5_000;
    const rs = await records(
      `{"id":"a"}\n{"id":${'['.repeat(d)}${']'.repeat(d)}}\n{"applicant":{"id":"b"},"limitHistory":${'['.repeat(d)}${']'.repeat(d)}}\n{"id":"c"}\n`,
      'ndjson',
    );
    expect(rs.map((r) => [r.line, r.ok ? (r.value as { id: string }).id : r.error.issues?.[0]?.code])).toEqual([
      [1, 'a'],
      [2, 'too_deep'],
      [3, 'too_deep'],
      [4, 'c'],
    ]);
    // The path names where the nesting went too deep, under the field that holds it.
    expect(!rs[1]!.ok && rs[1]!.error.issues?.[0]?.path.slice(0, 2)).toEqual(['id', 0]);
    expect(!rs[2]!.ok && rs[2]!.error.issues?.[0]?.path[0]).toBe('limitHistory');
  });

  it('a line no deeper than an applicant may be is read whole, to be judged by validation as any record', async () => {
    const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const [envelope] = await records(`{"applicant":${nested(33)}}`, 'ndjson');
    expect(envelope!.ok).toBe(true);
  });

  it('law: every non-blank line yields exactly one record, whatever its text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.json(),
            fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, '')),
          ),
          { maxLength: 30 },
        ),
        async (lines) => {
          const rs = await records(lines.join('\n'), 'ndjson');
          const expected = lines
            .map((l, i) => ({ l, n: i + 1 }))
            .filter(({ l }) => l.trim() !== '')
            .map(({ n }) => n);
          expect(rs.map((r) => r.line)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('CSV input', () => {
  it('maps dotted headers to nested applicant fields, typed by the applicant schema', async () => {
    const csv =
      'id,income.monthlyNet,bureau.hasFile,platform.onTimeRepaymentRate,residence.cityTier,evidence.0.kind,evidence.0.score,controls\n' +
      'a1,650000,false,0.98,2,ielts,6.5,"{""requestedLimit"":1000000}"\n';
    const [r] = await records(csv, 'csv');
    expect(r).toEqual({
      line: 2,
      ok: true,
      value: {
        id: 'a1',
        income: { monthlyNet: 650000 },
        bureau: { hasFile: false },
        platform: { onTimeRepaymentRate: 0.98 },
        residence: { cityTier: 2 },
        evidence: [{ kind: 'ielts', score: 6.5 }],
        controls: { requestedLimit: 1000000 },
      },
    });
  });

  it('leaves empty cells out and keeps unreadable cells as text, so validation names the field', () => {
    const cols = planCsvColumns(['id', 'income.monthlyNet', 'bureau.hasFile', 'nickname']);
    expect(readCsvRow(cols, ['x', 'lots', '', 'bob'])).toEqual({
      value: { id: 'x', income: { monthlyNet: 'lots' }, nickname: 'bob' },
      issues: [],
      lenient: [],
    });
    expect(readCsvCell('boolean', 'YES')).toEqual({ value: true, issues: [] });
    // Read without its spaces, and said so for the run to count (findings22-text F2).
    expect(readCsvCell('integer', ' 12 ')).toEqual({ value: 12, issues: [], lenient: ['cells_trimmed'] });
    expect(readCsvCell('json', '{bad')).toEqual({ value: '{bad', issues: [] });
  });

  it('a JSON cell (or the ledger) repeating keys: every repeat of the row is its own issue at its field path', async () => {
    const controls = csvCell('{"selfSetCap":100000,"selfSetCap":null,"requestedLimit":1,"requestedLimit":2}');
    const ledger = csvCell('[{"asOf":"2026-01-01","from":1,"from":2,"to":3}]');
    const rs = await records(`id,controls,limitHistory\na,${controls},${ledger}\nb,,\n`, 'csv');
    expect(rs.map((r) => r.ok)).toEqual([false, true]);
    expect(!rs[0]!.ok && rs[0]!.error.issues?.map((i) => [i.code, i.path])).toEqual([
      ['duplicate_key', ['controls', 'selfSetCap']],
      ['duplicate_key', ['controls', 'requestedLimit']],
      ['duplicate_key', ['limitHistory', 0, 'from']],
    ]);
  });

  it('refuses a header that is empty, duplicated, overlapping or reaches the prototype', () => {
    for (const header of [['id', ''], ['id', 'id'], ['income', 'income.monthlyNet'], ['__proto__.polluted'], ['a..b']]) {
      expect(() => planCsvColumns(header), header.join(',')).toThrow(ValidationError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses two columns that name one field through a zero-padded index, naming both (no value silently overwritten)', () => {
    const issuesOf = (header: string[]) => {
      try {
        planCsvColumns(header);
        return [];
      } catch (e) {
        return (e as ValidationError).issues.map((i) => [i.code, i.message]);
      }
    };
    expect(issuesOf(['id', 'evidence.0.score', 'evidence.00.score'])).toEqual([
      ['duplicate_column', 'column "evidence.00.score" names the same field as column "evidence.0.score"'],
    ]);
    expect(issuesOf(['id', 'evidence.01.kind', 'evidence.1.kind'])).toEqual([
      ['duplicate_column', 'column "evidence.1.kind" names the same field as column "evidence.01.kind"'],
    ]);
    // A JSON column for the whole element beside a field of it, through the padded index.
    expect(issuesOf(['id', 'evidence.0.kind', 'evidence.00'])).toEqual([['overlapping_columns', 'column "evidence.00" overlaps column "evidence.0.kind"']]);
    // One padded index alone names one field: read as that index.
    expect(planCsvColumns(['id', 'evidence.01.kind']).map((c) => c.path)).toEqual([['id'], ['evidence', 1, 'kind']]);
  });

  it('a row with the wrong field count or a broken quote is an error record; later rows still read', async () => {
    const rs = await records('id,income.monthlyNet\na,1\nb\n"c"x,2\n"d\nstill d",3\n"e,4\n', 'csv');
    expect(rs.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [3, false],
      [4, false],
      [5, true],
      [7, false],
    ]);
    expect(rs.map((r) => (r.ok ? null : r.error.issues?.[0]?.code))).toEqual([null, 'wrong_field_count', 'invalid_quote', null, 'unclosed_quote']);
    expect((rs[3] as { value: { id: string } }).value.id).toBe('d\nstill d');
  });

  it('a cell nested 5,000 deep (a JSON column or the limitHistory ledger) is a too_deep error record of its row; the other rows read', async () => {
    const deep = `"${'['.repeat(5_000)}${']'.repeat(5_000)}"`;
    const rs = await records(`id,controls,limitHistory\na,,\nb,${deep},\nc,,${deep}\nd,,\n`, 'csv');
    expect(rs.map((r) => [r.line, r.ok ? (r.value as { id: string }).id : r.error.issues?.[0]?.code])).toEqual([
      [2, 'a'],
      [3, 'too_deep'],
      [4, 'too_deep'],
      [5, 'd'],
    ]);
    expect(!rs[1]!.ok && rs[1]!.error.issues?.[0]?.path[0]).toBe('controls');
    expect(!rs[2]!.ok && rs[2]!.error.issues?.[0]?.path[0]).toBe('limitHistory');
  });

  it('an empty file or a header-only file has no records; an empty one says the header is missing', async () => {
    await expect(records('', 'csv')).rejects.toThrow(CreditliftError);
    expect(await records('id,asOf\n', 'csv')).toEqual([]);
  });

  it('law: CSV round trip - quoted cells come back exactly and each record is numbered by the line it starts on', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\n', '中'), minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 12 }), async (rows) => {
        const text = `id,issuer\n${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
        const rs = await records(text, 'csv');
        // Two columns always hold a comma, so no row is blank.
        expect(rs).toHaveLength(rows.length);
        let line = 2;
        rs.forEach((r, i) => {
          expect(r.line).toBe(line);
          expect(r.ok).toBe(true);
          const [a, b] = rows[i]!;
          expect((r as { value: Record<string, unknown> }).value).toEqual({ id: a, issuer: b });
          line += 1 + (a.split('\n').length - 1) + (b.split('\n').length - 1);
        });
      }),
      { numRuns: 200 },
    );
  });
});
