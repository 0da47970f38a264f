import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvTokenizer, tokenizeCsv, type CsvToken } from '../../src/csv/csvTokenizer.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { readCsvRecords } from '../../src/cli/score/readCsvRecords.js';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { createUtf8Decoder } from '../../src/text/utf8Decoder.js';
import { planCsvColumns } from '../../src/cli/score/csvColumns.js';

const rows = (tokens: CsvToken[]) => tokens.map((t) => (t.kind === 'row' ? [t.line, ...t.cells] : [t.line, `!${t.code}`]));

async function* chunksOf(bytes: Buffer, size: number) {
  const d = createUtf8Decoder();
  for (let i = 0; i < bytes.length; i += size) yield d.write(bytes.subarray(i, i + size));
  yield d.end();
}
async function scoreRecords(text: string | Buffer, chunk = 7, maxRecordLines?: number): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  for await (const r of readCsvRecords(chunksOf(bytes, chunk), maxRecordLines === undefined ? {} : { maxRecordLines })) out.push(r);
  return out;
}

describe('the one CSV tokenizer: edge cases (score, train and predict read alike)', () => {
  const cases: [string, string, (string | number)[][]][] = [
    [
      'LF',
      'a,b\n1,2\n',
      [
        [1, 'a', 'b'],
        [2, '1', '2'],
      ],
    ],
    [
      'CRLF',
      'a,b\r\n1,2\r\n',
      [
        [1, 'a', 'b'],
        [2, '1', '2'],
      ],
    ],
    [
      'CR only (old Mac)',
      'a,b\r1,2\r3,4',
      [
        [1, 'a', 'b'],
        [2, '1', '2'],
        [3, '3', '4'],
      ],
    ],
    [
      'mixed line ends',
      'a,b\r\n1,2\r3,4\n5,6',
      [
        [1, 'a', 'b'],
        [2, '1', '2'],
        [3, '3', '4'],
        [4, '5', '6'],
      ],
    ],
    [
      'BOM',
      '\ufeffa,b\n1,2',
      [
        [1, 'a', 'b'],
        [2, '1', '2'],
      ],
    ],
    [
      'quoted comma, quote and line breaks of each kind',
      'a,b\n"x, ""y""","p\r\nq\rr\ns"\n9,9\n',
      [
        [1, 'a', 'b'],
        [2, 'x, "y"', 'p\r\nq\rr\ns'],
        [6, '9', '9'],
      ],
    ],
    [
      'empty fields and empty quoted fields',
      'a,b,c\n,"",x\n',
      [
        [1, 'a', 'b', 'c'],
        [2, '', '', 'x'],
      ],
    ],
    [
      'blank lines are not records',
      'a,b\n\n1,2\r\n\r\n3,4\n',
      [
        [1, 'a', 'b'],
        [3, '1', '2'],
        [5, '3', '4'],
      ],
    ],
    [
      'no final line break',
      'a,b\n1,"2"',
      [
        [1, 'a', 'b'],
        [2, '1', '2'],
      ],
    ],
    [
      'text after a closing quote',
      'a,b\n"1"x,2\n3,4\n',
      [
        [1, 'a', 'b'],
        [2, '!invalid_quote'],
        [3, '3', '4'],
      ],
    ],
    [
      'a quote inside an unquoted field',
      'a,b\n1x"y,2\n3,4\n',
      [
        [1, 'a', 'b'],
        [2, '!invalid_quote'],
        [3, '3', '4'],
      ],
    ],
    [
      'a quote closed on a later line and followed by text is an error at its first line; the next lines are records again (line 4 vanished)',
      'id,s\na1,payroll\n"b2,payroll\na3,"payroll"\na4,payroll\n',
      [
        [1, 'id', 's'],
        [2, 'a1', 'payroll'],
        [3, '!invalid_quote'],
        [4, 'a3', 'payroll'],
        [5, 'a4', 'payroll'],
      ],
    ],
    [
      'a quote inside an unquoted field after a cell that spans lines: an error at the first line; the next lines are read again',
      'a,b\n"x\ny",a"b\nc,d\n',
      [
        [1, 'a', 'b'],
        [2, '!invalid_quote'],
        [3, '!invalid_quote'],
        [4, 'c', 'd'],
      ],
    ],
    [
      'an unclosed quote is an error at its line; the next lines are records again',
      'a,b\n1,"open\n2,2\n3,3\n',
      [
        [1, 'a', 'b'],
        [2, '!unclosed_quote'],
        [3, '2', '2'],
        [4, '3', '3'],
      ],
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(name, async () => {
      expect(rows(tokenizeCsv(text))).toEqual(expected);
      // Fed one character at a time, the tokens are the same.
      const t = createCsvTokenizer();
      const one: CsvToken[] = [];
      for (const ch of text) one.push(...t.push(ch));
      one.push(...t.end());
      expect(rows(one)).toEqual(expected);
    });
  }

  it('train and predict (parseCsv) and score (readCsvRecords) read the same cells, on the same lines, from the same text', async () => {
    const text = '\ufeffid,income.monthlyNet\r"a\r\nb",1\r"c ""q""",2\r\n\n';
    expect(parseCsv(text)).toEqual({
      header: ['id', 'income.monthlyNet'],
      rows: [
        ['a\r\nb', '1'],
        ['c "q"', '2'],
      ],
      // The lines score names for the same records.
      lines: [2, 4],
    });
    const rs = await scoreRecords(text);
    expect(rs.map((r) => [r.line, r.ok && (r.value as { id: string }).id])).toEqual([
      [2, 'a\r\nb'],
      [4, 'c "q"'],
    ]);
  });

  it('a CR-only file is read record by record by score (it used to read 0 records)', async () => {
    const rs = await scoreRecords('id,income.monthlyNet\ra,1\rb,2\rc,3\r');
    expect(rs.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('law: one stray quote never swallows the records after it (it swallowed up to 1000 lines)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 3, max: 80 }), fc.integer({ min: 0, max: 79 }), fc.integer({ min: 1, max: 11 }), async (count, at, chunk) => {
        const k = at % count;
        const lines = Array.from({ length: count }, (_, i) => (i === k ? `r${i},"${i}` : `r${i},${i}`));
        const rs = await scoreRecords(`id,income.monthlyNet\n${lines.join('\n')}\n`, chunk, 10);
        expect(rs.map((r) => r.line)).toEqual(Array.from({ length: count }, (_, i) => i + 2));
        expect(rs.filter((r) => !r.ok).map((r) => [r.line, !r.ok && r.error.issues?.[0]?.code])).toEqual([[k + 2, 'unclosed_quote']]);
      }),
      { numRuns: 40 },
    );
  });

  it('a quoted field may span up to --max-record-lines lines; longer, it is an unclosed quote', async () => {
    const text = 'id,income.monthlyNet\n"a\nb\nc",1\nz,2\n';
    expect((await scoreRecords(text, 5, 3)).map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [5, true],
    ]);
    expect((await scoreRecords(text, 5, 2)).map((r) => [r.line, r.ok])).toEqual([
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ]);
  });

  it('invalid UTF-8 is an error record naming the byte offset, never a silent U+FFFD; the other records read', async () => {
    const bytes = Buffer.concat([Buffer.from('id,income.monthlyNet\nok1,1\nbad'), Buffer.from([0xff, 0xc3]), Buffer.from(',2\n中文,3\n')]);
    for (const chunk of [1, 2, 5, 64]) {
      const rs = await scoreRecords(bytes, chunk);
      expect(rs.map((r) => [r.line, r.ok ? (r.value as { id: string }).id : r.error.issues?.[0]?.code])).toEqual([
        [2, 'ok1'],
        [3, 'invalid_utf8'],
        [4, '中文'],
      ]);
      expect(!rs[1]!.ok && rs[1]!.error.message).toMatch(/invalid byte at offset 30/);
    }
  });

  it('header planning is linear: 40,000 columns plan in well under a second (it took 19.5 s)', () => {
    const header = Array.from({ length: 40_000 }, (_, i) => `x${i}.y${i}`);
    const t0 = performance.now();
    expect(planCsvColumns(header)).toHaveLength(40_000);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(() => planCsvColumns(['a.b', 'a'])).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ code: 'overlapping_columns', message: 'column "a" overlaps column "a.b"' })] }),
    );
  });
});
