import { describe, expect, it } from 'vitest';
import { stderrEnding, stdoutEnding } from '../../src/cli/checkedStdout.js';

const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

// The spawned cases (a real pipe closed early, /dev/full) are in test/deep/stdoutReaderClosed.test.ts
// and test/deep/stdoutFailure.test.ts; this is the rule they follow, every code against every failure.
describe('how a command ends once its standard output has settled', () => {
  it('a reader that closed the pipe (EPIPE) turns 0 into 141 and prints nothing; a failing code stays', () => {
    expect(stdoutEnding('schema', 0, epipe)).toEqual({ code: 141 });
    for (const code of [1, 2, 3, 4, 130]) expect(stdoutEnding('report', code, epipe)).toEqual({ code });
  });
  it('any other failure (a full disk) turns 0 into 1 and names the command; a failing code stays, still said', () => {
    const message =
      'error: the output of "creditlift decide" could not be written to standard output (ENOSPC: no space left on device, write); what reached it is incomplete\n';
    expect(stdoutEnding('decide', 0, enospc)).toEqual({ code: 1, message });
    expect(stdoutEnding('decide', 3, enospc)).toEqual({ code: 3, message });
  });
  it('output that all arrived leaves the code as it is', () => {
    for (const code of [0, 1, 2, 3, 4, 130]) expect(stdoutEnding('score', code, undefined)).toEqual({ code });
  });
  it("a worker's standard output is its log: a reader that closed it leaves the worker's own code (the worker says so on stderr)", () => {
    for (const code of [0, 1, 130]) expect(stdoutEnding('worker', code, epipe)).toEqual({ code });
    expect(stdoutEnding('worker', 0, enospc).code).toBe(1);
  });
});

describe('how a command ends once its standard error has settled', () => {
  it("a reader that closed standard error (2>&1 | true) leaves the run's own code: its warnings were for that reader (it exited 1)", () => {
    for (const code of [0, 1, 2, 3, 4, 130, 141]) expect(stderrEnding(code, epipe)).toBe(code);
  });
  it('a standard error that could not be written (2>/dev/full) turns 0 into 1, nowhere to say it; a failing code stays', () => {
    expect(stderrEnding(0, enospc)).toBe(1);
    for (const code of [1, 3, 141]) expect(stderrEnding(code, enospc)).toBe(code);
  });
  it('a standard error that took everything leaves the code', () => {
    for (const code of [0, 3]) expect(stderrEnding(code, undefined)).toBe(code);
  });
});
