import { describe, expect, it } from 'vitest';
import { runDemoCommand } from '../../src/cli/demoCommand.js';
import { exampleApplicants } from '../../src/examples/index.js';

// `creditlift demo --json | head -1` decided every one of the examples after head had gone (1.43 s
// against 0.5 s to the first line): its standard output is all it makes, so no one read the rest.
describe('demo stops once its standard output is lost', () => {
  it('--json: the reader gone after the first line, no further example is decided or written', async () => {
    const lost = new AbortController();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runDemoCommand(['--json'], {
      stdout: (t) => {
        out.push(t);
        lost.abort(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
      stderr: (t) => void err.push(t),
      stdoutLost: lost.signal,
    });
    expect(exampleApplicants.length).toBeGreaterThan(2);
    expect(out).toHaveLength(1);
    expect(err.join('')).toBe('');
    // The bin turns it into 141 (stdoutEnding): the command itself did nothing wrong.
    expect(code).toBe(0);
  });
});
