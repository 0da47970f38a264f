// A line of a run's --errors file is read as its output's lines are (readDecisionFileLine): named for
// its text before any JSON is looked for, never decoded with U+FFFD in place of a byte.
import { describe, expect, it } from 'vitest';
import { splitLines, type TextLine } from '../../src/cli/score/splitLines.js';
import { readErrorFileLine } from '../../src/report/errorFileLine.js';

async function linesOf(bytes: Buffer, maxLength?: number): Promise<TextLine[]> {
  const out: TextLine[] = [];
  async function* one() {
    yield bytes;
  }
  for await (const l of splitLines(one(), maxLength)) out.push(l);
  return out;
}

const errorLine = (line: number, code: string) => JSON.stringify({ line, error: { code, message: 'refused' } });

describe('readErrorFileLine', () => {
  it('an error line gives its code and input line; a blank line is blank', async () => {
    const [a, b, c] = await linesOf(Buffer.from(`${errorLine(7, 'validation_failed')}\n  \n${JSON.stringify({ error: { code: 'x' } })}\n`));
    expect(readErrorFileLine(a!)).toEqual({ kind: 'error', code: 'validation_failed', inputLine: 7 });
    expect(readErrorFileLine(b!)).toEqual({ kind: 'blank' });
    expect(readErrorFileLine(c!)).toEqual({ kind: 'error', code: 'x' });
  });

  it('a byte that is not UTF-8 is named with its offset, though the line read with U+FFFD is an error line', async () => {
    const bytes = Buffer.from(`${errorLine(1, 'a')}\n${errorLine(2, 'b')}\n`);
    const at = bytes.indexOf('refused', bytes.indexOf('\n'));
    bytes[at] = 0xff;
    const [first, second] = await linesOf(bytes);
    expect(readErrorFileLine(first!).kind).toBe('error');
    expect(readErrorFileLine(second!)).toEqual({
      kind: 'unread',
      fault: {
        code: 'invalid_utf8',
        message: `not UTF-8: invalid byte at offset ${at} of the file`,
        issues: [{ path: [], code: 'invalid_utf8', message: `not UTF-8: invalid byte at offset ${at} of the file` }],
      },
    });
  });

  it('a line too long to hold, one not JSON, and JSON that is no error line are each named for why', async () => {
    const long = errorLine(3, 'c');
    const [tooLong] = await linesOf(Buffer.from(`${long}\n`), long.length - 1);
    expect(readErrorFileLine(tooLong!)).toMatchObject({ kind: 'unread', fault: { code: 'line_too_long' } });
    const [notJson, decision] = await linesOf(Buffer.from(`not json\n${JSON.stringify({ line: 4, decision: { outcome: 'approve' } })}\n`));
    expect(readErrorFileLine(notJson!)).toMatchObject({
      kind: 'unread',
      fault: { code: 'invalid_json', message: 'not valid JSON: unexpected text at line 1, column 2', issues: [{ path: [], code: 'invalid_json' }] },
    });
    expect(readErrorFileLine(decision!)).toEqual({ kind: 'unread', fault: { code: 'data_invalid', message: 'not an error line' } });
  });
});
