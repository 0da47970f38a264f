// Outside tester findings16-concurrency F1: a producer wrote another run's decisions under its own
// line numbers, because an answer was accepted when its line numbers matched the chunk's. Now an
// answer must name the run and the SHA-256 of the very records it was made from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { answerProblem, chunkJobId, chunkLinesKey, chunkRecordsKey, isRunId, newRunId, runOf } from '../../src/distributed/chunkJob.js';
import { recordsDigest } from '../../src/distributed/recordsDigest.js';

const recordsOf = (lines: readonly number[], tag: string): InputRecord[] => lines.map((line) => ({ line, ok: true, value: { id: `${tag}-${line}` } }));
const answerOf = (lines: readonly number[]) => lines.map((line) => ({ line, error: { code: 'data_invalid' as const, message: `line ${line}` } }));

describe('a chunk answer is accepted only for its own run and records', () => {
  it('run ids are 12 hex digits, drawn afresh; two runs of one job name share no chunk key or job id', () => {
    const a = newRunId();
    const b = newRunId();
    expect(isRunId(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(runOf('book', a)).toBe(`book@${a}`);
    expect(runOf('book', undefined)).toBe('book');
    expect(chunkJobId(runOf('book', a), 3)).toBe(`book@${a}-c3`);
    expect(chunkRecordsKey(runOf('book', a), 3)).not.toBe(chunkRecordsKey(runOf('book', b), 3));
    expect(chunkLinesKey(runOf('book', a), 3)).not.toBe(chunkLinesKey(runOf('book', b), 3));
    for (const bad of ['', 'ABCDEF012345', '0123456789a', 'x'.repeat(12), 5]) expect(isRunId(bad), String(bad)).toBe(false);
  });

  it('property: whatever the records and lines, only an answer naming the run and the digest of the records stored is accepted', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 20 }).map((xs) => xs.sort((x, y) => x - y)),
        fc.constantFrom('mine', 'other run', 'other records', 'no identity', 'lines shifted'),
        (recordLines, variant) => {
          const run = 'book@0123456789ab';
          const digest = recordsDigest(recordsOf(recordLines, 'mine'));
          const chunk = { run, recordsDigest: digest, recordLines };
          const base = { lines: answerOf(recordLines), worker: 'h:1', run, recordsDigest: digest };
          const problem = answerProblem(
            variant === 'mine'
              ? base
              : variant === 'other run'
                ? { ...base, run: 'book@ba9876543210' }
                : variant === 'other records'
                  ? { ...base, recordsDigest: recordsDigest(recordsOf(recordLines, 'theirs')) }
                  : variant === 'no identity'
                    ? { lines: base.lines, worker: 'h:1' }
                    : { ...base, lines: answerOf(recordLines.map((l) => l + 1)) },
            chunk,
          );
          const expected = { mine: undefined, 'other run': 'foreign', 'other records': 'stale', 'no identity': 'unanswered', 'lines shifted': 'unanswered' }[
            variant
          ];
          expect(problem?.kind).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('says whose answer it was and why it is refused', () => {
    const chunk = { run: 'book@0123456789ab', recordsDigest: 'a'.repeat(64), recordLines: [1, 2] };
    expect(answerProblem({ lines: answerOf([1, 2]), worker: 'h:9', run: 'book@ba9876543210', recordsDigest: 'a'.repeat(64) }, chunk)).toEqual({
      kind: 'foreign',
      message: 'the answer of h:9 was made for another run (book@ba9876543210)',
    });
    // A worker of a build that named the bytes it decided (`recordsSha256`): nothing the producer can check.
    expect(answerProblem({ lines: answerOf([1, 2]), worker: 'h:9', run: chunk.run, recordsSha256: chunk.recordsDigest } as object, chunk)).toEqual({
      kind: 'unanswered',
      message: "the answer of h:9 does not say which run's records it was made from (a creditlift worker older than this producer?)",
    });
    expect(answerProblem(undefined, chunk)?.message).toBe('the answer of an unknown worker is no chunk result');
    expect(answerProblem({ lines: answerOf([1]), worker: 'h:9', run: chunk.run, recordsDigest: chunk.recordsDigest }, chunk)?.message).toBe(
      "the result of h:9 does not answer the chunk's 2 records line for line: 1 lines starting at line 1",
    );
  });
});
