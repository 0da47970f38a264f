import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/commandLine/commandIo.js';
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
