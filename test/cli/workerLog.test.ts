import { describe, expect, it } from 'vitest';
import { createWorkerLog } from '../../src/cli/workerLog.js';

const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });

function streams() {
  const out: string[] = [];
  const err: string[] = [];
  const stdoutLost = new AbortController();
  const stderrLost = new AbortController();
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), stdoutLost: stdoutLost.signal, stderrLost: stderrLost.signal };
  return { io, out, err, stdoutLost, stderrLost };
}

// A worker's log lines after its log's reader had gone were dropped without a word (its run went
// on, and exited 141 at the end).
describe("a worker's log, when its reader goes", () => {
  it('writes its lines to standard output, escaped for the terminal', () => {
    const s = streams();
    const log = createWorkerLog(s.io);
    log('chunk a\u001b[2J: deciding 20 records\n');
    expect(s.out).toEqual(['chunk a\\u{1b}[2J: deciding 20 records\n']);
    expect(s.err).toEqual([]);
  });

  it('says once on standard error that its log is gone, naming why, and writes no line to the lost stream', () => {
    const s = streams();
    const log = createWorkerLog(s.io);
    log('one\n');
    s.stdoutLost.abort(epipe);
    log('two\n');
    log('three\n');
    expect(s.out).toEqual(['one\n']);
    expect(s.err).toHaveLength(1);
    expect(s.err[0]).toMatch(/^warning: .*standard output.*write EPIPE.*keeps deciding/);
  });

  it('a lost standard error is said once in the log, which still gets every line', () => {
    const s = streams();
    const log = createWorkerLog(s.io);
    s.stderrLost.abort(epipe);
    log('one\n');
    expect(s.out).toHaveLength(2);
    expect(s.out[0]).toMatch(/^warning: .*standard error.*write EPIPE/);
    expect(s.out[1]).toBe('one\n');
  });

  it('both lost: nothing is said anywhere, and nothing throws', () => {
    const s = streams();
    const log = createWorkerLog(s.io);
    s.stdoutLost.abort(epipe);
    s.stderrLost.abort(epipe);
    log('one\n');
    expect(s.out).toEqual([]);
    expect(s.err).toHaveLength(1);
  });
});
