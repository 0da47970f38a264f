import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/commandLine/commandIo.js';
import { queueAddressOfArgs } from '../../src/distributed/queueAddressOfArgs.js';
import { queueAuthError } from '../../src/distributed/queueAuthError.js';
import { parseQueueUrl } from '../../src/distributed/queueUrl.js';

// The URL parser reads the port `06379` as 6379 and an empty port (`h:/0`) as none, so the default
// 6379; the database was read with /^\d{1,5}$/, so `/01` was database 1. A number in --queue is
// written as every number on the command line is: digits, no leading zero, not empty.
describe('--queue numbers are written in digits, as every number option is', () => {
  it('a port or database written another way is refused, naming the text', () => {
    for (const [url, text] of [
      ['redis://h:06379/0', '06379'],
      ['redis://h:/0', ''],
      ['redis://[::1]:06379/1', '06379'],
      ['redis://u:p@h:00/1', '00'],
      ['redis://h:6379/00', '00'],
      ['redis://h:6379/01', '01'],
      ['redis://h:6379/%31', '%31'],
    ] as const) {
      let message = '';
      try {
        parseQueueUrl(url);
      } catch (e) {
        expect(e, url).toBeInstanceOf(UsageError);
        message = (e as Error).message;
      }
      expect(message, url).toMatch(/^--queue (port|database) must be a whole number written in digits/);
      expect(message, url).toContain(`got "${text}"`);
    }
  });

  it('ports and databases written in digits, IPv6 hosts and passwords holding @ or : read as before', () => {
    expect(parseQueueUrl('redis://[::1]:6380/3')).toMatchObject({ host: '::1', port: 6380, db: 3 });
    expect(parseQueueUrl('redis://u:p%40x%3A1@h:1/0')).toMatchObject({ host: 'h', port: 1, db: 0, password: 'p@x:1' });
    expect(parseQueueUrl('redis://h')).toMatchObject({ port: 6379, db: 0 });
    expect(parseQueueUrl('redis://h/')).toMatchObject({ port: 6379, db: 0 });
  });
});

// Finding 23-1: the password could only be given in the URL, and a URL that did not parse was echoed
// whole, password included, into the error message (and the logs that keep it).
describe('the Redis password stays out of every message', () => {
  it('a --queue URL that does not parse is echoed with everything before its last @ masked, a password holding / ? # too', () => {
    for (const [raw, shown] of [
      ['redis://:S3cret@h:x/0', 'redis://***@h:x/0'],
      ['redis://user:S3c/ret@h:x', 'redis://***@h:x'],
      ['redis://:S3c#ret@h:x', 'redis://***@h:x'],
      ['://:S3cret@h', '://***@h'],
      [':S3cret@h', '***@h'],
      ['redis://h:x/0', 'redis://h:x/0'],
    ] as const) {
      expect(() => parseQueueUrl(raw), raw).toThrow(`--queue expects redis://HOST:PORT/DB, got "${shown}"`);
    }
  });

  it('--queue-password-file gives the password and names itself as its source; a password in the URL is warned about once, naming the URL without it; both ways are refused', async () => {
    const warnings: string[] = [];
    const warn = (t: string) => void warnings.push(t);
    const fromUrl = await queueAddressOfArgs('redis://:S3cret@h:1/2', undefined, warn, {});
    expect(fromUrl).toMatchObject({ password: 'S3cret', passwordFrom: '--queue', display: 'redis://:***@h:1/2', withoutPassword: 'redis://h:1/2' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^warning: --queue holds the Redis password: .*--queue-password-file FILE or CREDITLIFT_QUEUE_PASSWORD instead \(the URL then without it: redis:\/\/h:1\/2\)\n$/,
    );
    expect(warnings[0]).not.toContain('S3cret');
    expect(await queueAddressOfArgs('redis://h:1/2', undefined, warn, {})).not.toHaveProperty('password');
    expect(warnings).toHaveLength(1);
    await expect(queueAddressOfArgs('redis://:S3cret@h:1/2', '/nonexistent/pw', warn, {})).rejects.toThrow(UsageError);
  });

  it('WRONGPASS, NOAUTH and a Redis 5 "invalid password" are queue_unavailable naming the server and the password\'s source; other errors are left as they are', () => {
    const address = { ...parseQueueUrl('redis://u@h:1/2'), password: 'S3cret', passwordFrom: '--queue-password-file /run/pw' };
    expect(queueAuthError(new Error('WRONGPASS invalid username-password pair or user is disabled.'), address)).toMatchObject({
      code: 'queue_unavailable',
      message:
        'Redis at redis://u@h:1/2 refused the password from --queue-password-file /run/pw (WRONGPASS invalid username-password pair or user is disabled.)',
    });
    expect(queueAuthError(new Error('ERR invalid password'), address)?.code).toBe('queue_unavailable');
    expect(queueAuthError(new Error('NOAUTH Authentication required.'), parseQueueUrl('redis://h:1/2'))?.message).toBe(
      'Redis at redis://h:1/2 requires a password: give it with --queue-password-file FILE or CREDITLIFT_QUEUE_PASSWORD (NOAUTH Authentication required.)',
    );
    expect(queueAuthError(new Error('ECONNREFUSED 127.0.0.1:1'), address)).toBeUndefined();
    expect(queueAuthError(new Error('ERR unknown command'), address)).toBeUndefined();
  });
});
