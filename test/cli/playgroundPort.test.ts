// Outside tester round 11, F10: `creditlift playground --port ""` served on a random port
// (Number('') is 0), `--port 1e0` on port 1 and `--port 0x1f90` on 8080, while `--top` refused the
// same text. A port is written in decimal digits only.
import { describe, expect, it } from 'vitest';
import { CliExitCode } from '../../src/cli/cliExitCode.js';
import { runPlaygroundCommand } from '../../src/cli/playgroundCommand.js';
import { captureIo } from './fakeDecider.js';

describe('creditlift playground --port', () => {
  it('refuses a port not written in decimal digits, naming it, and starts nothing', async () => {
    for (const port of ['', ' ', '1e0', '0x1f90', '8080.0', '+80', '65536', ' 80', '0b1']) {
      const c = captureIo();
      expect(await runPlaygroundCommand(['--port', port], c.io), JSON.stringify(port)).toBe(CliExitCode.usage);
      expect(c.err()).toContain(`--port expects a whole number in [0, 65535] written in digits, got "${port}"`);
      expect(c.out()).toBe('');
    }
  });
});
