// Task F22: `--resume` read its output whole, and the input to hold the kept answers to, without
// looking at a signal. The reading now stops between two lines, before any line is taken out: a
// file it would rewrite is left as it was, with no temporary file beside it.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnswersReadInterruptedError } from '../../src/cli/score/answersReadInterruptedError.js';
import type { KeptAnswerCheck } from '../../src/cli/score/keptAnswerCheck.js';
import { readResumeState } from '../../src/cli/score/resumeState.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-resume-read-stops-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const errorLine = (line: number) => `{"line":${line},"error":{"code":"validation_failed","message":"no"}}\n`;
// Line 2 twice, byte for byte (a resume takes the second out), and an unfinished last line.
const OUTPUT = `${errorLine(1)}${errorLine(2)}${errorLine(2)}${errorLine(3)}{"line":4,"err`;

async function stopped(run: Promise<unknown>): Promise<AnswersReadInterruptedError> {
  const e = await run.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AnswersReadInterruptedError);
  return e as AnswersReadInterruptedError;
}

describe('readResumeState stops at a signal, before it takes a line out', () => {
  it('a signal aborted before it starts: nothing read, nothing cut', async () => {
    const out = join(work, 'before.ndjson');
    writeFileSync(out, OUTPUT);
    const stop = new AbortController();
    stop.abort();
    const cuts: unknown[] = [];
    const e = await stopped(readResumeState([out], [], undefined, { signal: stop.signal, onCut: (c) => cuts.push(c) }));
    expect(e.message).toBe(`interrupted while reading ${out} for the answers it already holds (0 of ${OUTPUT.length} bytes read)`);
    expect(readFileSync(out, 'utf8')).toBe(OUTPUT);
    expect(cuts).toEqual([]);
  });

  it('a signal while it reads the input to hold the answers to: the repeated line it found stays, the cut is said, no temporary file is left', async () => {
    const out = join(work, 'during.ndjson');
    const input = join(work, 'input.ndjson');
    writeFileSync(out, OUTPUT);
    writeFileSync(input, '{}\n{}\n{}\n');
    const stop = new AbortController();
    const check: KeptAnswerCheck = {
      decisionFault: () => undefined,
      decisionIdentity: () => [0, 0],
      recordIdentity: () => undefined,
      inputRecords() {
        // The signal comes as the input is opened: after the output was read, before a line is taken out.
        stop.abort();
        let read = 0;
        return {
          path: input,
          bytesRead: () => read,
          close: () => undefined,
          records: (async function* () {
            for (let line = 1; line <= 3; line++) {
              read += 3;
              yield { line, ok: false, error: { code: 'validation_failed', message: 'no' } } as never;
            }
          })(),
        };
      },
    };
    const cuts: { path: string; bytes: number }[] = [];
    const e = await stopped(readResumeState([out], [], check, { signal: stop.signal, onCut: (c) => cuts.push(c) }));
    expect(e.message).toBe(`interrupted while reading ${input} to hold the answers kept to its records (3 of 9 bytes read)`);
    // The unfinished last line is cut (a resume cuts it anyway) and said; line 2's repeat stays.
    expect(cuts).toEqual([{ path: out, bytes: '{"line":4,"err'.length }]);
    expect(readFileSync(out, 'utf8')).toBe(`${errorLine(1)}${errorLine(2)}${errorLine(2)}${errorLine(3)}`);
    expect(existsSync(`${out}.resume-tmp`)).toBe(false);
    // Without a signal the same reading takes the repeat out.
    const state = await readResumeState([out], [], check);
    expect(state.repeated.map((r) => r.fileLines.count)).toEqual([1]);
    expect(readFileSync(out, 'utf8')).toBe(`${errorLine(1)}${errorLine(2)}${errorLine(3)}`);
  });
});
