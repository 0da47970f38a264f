import { afterEach, describe, expect, it, vi } from 'vitest';
import { warnOnce } from '../../src/common/warnOnce.js';

describe('warnOnce', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says a code with a key once per process; another key or another code is said again; the message is built only when said', () => {
    const emitted = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    // Codes of this test's own, so no other file's warnings (files share a fork) count here.
    const built: string[] = [];
    const say = (code: string, key: string) =>
      warnOnce(code, key, () => {
        built.push(`${code}/${key}`);
        return `message ${code} ${key}`;
      });
    say('TEST_WARN_ONCE_A', 'x');
    say('TEST_WARN_ONCE_A', 'x');
    say('TEST_WARN_ONCE_A', 'y');
    say('TEST_WARN_ONCE_B', 'x');
    say('TEST_WARN_ONCE_B', 'x');
    expect(built).toEqual(['TEST_WARN_ONCE_A/x', 'TEST_WARN_ONCE_A/y', 'TEST_WARN_ONCE_B/x']);
    expect(emitted.mock.calls).toEqual(built.map((b) => [`message ${b.replace('/', ' ')}`, { code: b.split('/')[0] }]));
  });
});
