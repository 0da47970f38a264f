import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkStdout } from '../../src/cli/checkedStdout.js';

/** A stream whose reader has gone: every write fails as a pipe's does (`| head -1` after its line). */
function closedPipe(): Writable & { readonly written: string[] } {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString('utf8'));
      done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  });
  return Object.assign(stream, { written });
}

describe('a checked output says when it is lost, so a command can stop writing to no one', () => {
  it('lost is aborted at the first failed write, with that failure as its reason; nothing more is written', async () => {
    const pipe = closedPipe();
    const out = checkStdout(pipe);
    expect(out.lost.aborted).toBe(false);
    out.write('first\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.lost.aborted).toBe(true);
    expect((out.lost.reason as NodeJS.ErrnoException).code).toBe('EPIPE');
    out.write('second\n');
    expect(pipe.written).toEqual(['first\n']);
    expect((await out.settled())?.message).toBe('write EPIPE');
  });

  it('an output that takes every write is never lost', async () => {
    const taken: string[] = [];
    const out = checkStdout(new Writable({ write: (chunk: Buffer, _e, done) => (taken.push(chunk.toString()), done()) }));
    out.write('a\n');
    expect(await out.settled()).toBeUndefined();
    expect(out.lost.aborted).toBe(false);
  });
});
