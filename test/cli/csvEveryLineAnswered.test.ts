import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { captureIo, fakeDecider } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-csv-lines-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;

interface Answer {
  readonly line: number;
  readonly decision?: unknown;
  readonly error?: { readonly code: string; readonly issues?: readonly { readonly code: string }[] };
}

const answers = (file: string): Answer[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Answer);

/** Runs `score` on CSV text (fake decider): the decision and error lines, in the order written, and the summary. */
async function score(text: string, extra: readonly string[] = []): Promise<{ code: number; out: Answer[]; errors: Answer[]; recordsIn: number }> {
  n++;
  const input = join(work, `${n}-in.csv`);
  const out = join(work, `${n}-out.ndjson`);
  const errors = join(work, `${n}-err.ndjson`);
  writeFileSync(input, text);
  const c = captureIo();
  const code = await runScoreCommand(['--in', input, '--out', out, '--errors', errors, '--json-summary', '--batch', '3', ...extra], c.io, {
    openDecider: async () => fakeDecider(),
  });
  const summary = JSON.parse(c.out()) as { recordsIn: number };
  return { code, out: answers(out), errors: answers(errors), recordsIn: summary.recordsIn };
}

// What the tokenizer itself says of a stretch it could not read: such an error stands for its own line only.
const TOKENIZER_FAULTS = new Set(['invalid_quote', 'unclosed_quote', 'record_too_long']);

/**
 * Checks the law on one input: every physical data line is answered exactly once, or lies inside a
 * quoted field of the record answered before it. "Inside" is read from the text by quote parity
 * (RFC 4180: a line break is inside a quoted field when the record's quotes before it are odd), and
 * only a record that was read whole (not one the tokenizer refused) may span lines.
 */
function expectEveryLineAnswered(lines: readonly string[], answered: readonly Answer[]): void {
  const byLine = new Map<number, Answer>();
  for (const a of answered) {
    expect(byLine.has(a.line), `line ${a.line} answered twice`).toBe(false);
    byLine.set(a.line, a);
  }
  const quotes = (s: string) => s.split('"').length - 1;
  let start: number | undefined; // the answered record the current line may belong to
  let parity = 0; // quotes from `start` through the line before
  for (let ln = 2; ln <= lines.length; ln++) {
    const text = lines[ln - 1] as string;
    const inside = start !== undefined && parity % 2 === 1;
    if (byLine.has(ln)) {
      expect(inside, `line ${ln} is answered, but it lies inside the quoted field of line ${start}`).toBe(false);
      // A record the tokenizer refused stands for its own line: the lines after it are read again.
      const refused = TOKENIZER_FAULTS.has(byLine.get(ln)?.error?.issues?.[0]?.code ?? '');
      start = refused ? undefined : ln;
      parity = refused ? 0 : quotes(text);
      continue;
    }
    if (inside) {
      parity += quotes(text);
      continue;
    }
    // Neither answered nor inside a record read whole: only a blank line may be passed over.
    expect(text.trim(), `line ${ln} (${JSON.stringify(text)}) got neither a decision nor an error line, and no record spans it`).toBe('');
    start = undefined;
    parity = 0;
  }
  for (const a of answered) expect(a.line, 'an answer names a line past the end').toBeLessThanOrEqual(lines.length);
}

describe('score, CSV: every input line is answered (README: one decision or one error line per input line)', () => {
  it("the tester's file: a quote opened on line 3 and closed on line 4 before more text; line 4 was answered by nothing and counted by nothing", async () => {
    const r = await score('id,limit\na1,100\n"b2,200\na3,"300"\na4,400\n');
    expect(r.out.map((a) => a.line)).toEqual([2, 4, 5]);
    expect(r.errors.map((a) => [a.line, a.error?.issues?.[0]?.code])).toEqual([[3, 'invalid_quote']]);
    expect(r.recordsIn).toBe(4);
    expect(r.code).toBe(3);
  });

  it('a line holding only a written empty cell ("") is a record, answered with its field count; a line of spaces is blank', async () => {
    const r = await score('id,limit\na1,100\n""\n   \na4,400\n');
    expect(r.errors.map((a) => [a.line, a.error?.issues?.[0]?.code])).toEqual([[3, 'wrong_field_count']]);
    expect(r.out.map((a) => a.line)).toEqual([2, 5]);
  });

  it('law: for any CSV text with stray quotes, each data line is answered exactly once or lies inside the quoted field of the record before it', async () => {
    const piece = fc.constantFrom('a', 'b1', ',', ',', '"', '"', '""', ' ', '7');
    const line = fc.array(piece, { maxLength: 7 }).map((p) => p.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 14 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.constantFrom(2, 3, 100),
        async (rows, eol, maxLines) => {
          const lines = ['id,limit', ...rows];
          const r = await score(`${lines.join(eol)}${eol}`, ['--max-record-lines', String(maxLines)]);
          const answered = [...r.out, ...r.errors].sort((a, b) => a.line - b.line);
          expect(r.recordsIn, 'records counted = lines answered').toBe(answered.length);
          expectEveryLineAnswered(lines, answered);
        },
      ),
      { numRuns: 120, seed: 20261128 },
    );
  });
});
