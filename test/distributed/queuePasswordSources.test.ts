// The Redis password could be given in the URL or with --queue-password-file only: no environment
// variable, as redis-cli reads REDISCLI_AUTH, for a service manager or a container to pass it without
// a file. CREDITLIFT_QUEUE_PASSWORD now gives it; a password given more than one way is refused,
// naming the ways and never the password (which one was meant would be a guess).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/commandLine/commandIo.js';
import { queueAddressOfArgs } from '../../src/distributed/queueAddressOfArgs.js';
import { queueAuthError } from '../../src/distributed/queueAuthError.js';
import { QUEUE_PASSWORD_ENV, queuePasswordOf } from '../../src/distributed/queuePasswordOf.js';

const dir = mkdtempSync(join(tmpdir(), 'creditlift-queue-pw-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PW = 'Env-S3cret-9q';
const pwFile = join(dir, 'pw');
writeFileSync(pwFile, `${PW}\n`, { mode: 0o600 });

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('not refused');
}

describe('the Redis password from CREDITLIFT_QUEUE_PASSWORD, --queue-password-file or the URL: one way only', () => {
  it('the environment variable alone gives it, named by the variable, and nothing is warned', async () => {
    const warned: string[] = [];
    const address = await queueAddressOfArgs('redis://h:1/2', undefined, (t) => void warned.push(t), { [QUEUE_PASSWORD_ENV]: PW });
    expect(address).toMatchObject({ password: PW, passwordFrom: 'CREDITLIFT_QUEUE_PASSWORD', display: 'redis://h:1/2' });
    expect(warned).toEqual([]);
    expect(await queuePasswordOf(undefined, { [QUEUE_PASSWORD_ENV]: PW })).toEqual({ password: PW, from: 'CREDITLIFT_QUEUE_PASSWORD' });
    expect(await queuePasswordOf(pwFile, {})).toEqual({ password: PW, from: `--queue-password-file ${pwFile}` });
    expect(await queuePasswordOf(undefined, { OTHER: PW })).toBeUndefined();
  });

  it('two or three ways at once are refused whether or not they agree, naming each way, never the password', async () => {
    const cases = [
      [`redis://:${PW}@h:1/2`, undefined, 'the Redis password is given twice: in --queue and in CREDITLIFT_QUEUE_PASSWORD'],
      ['redis://h:1/2', pwFile, 'the Redis password is given twice: with --queue-password-file and in CREDITLIFT_QUEUE_PASSWORD'],
      [`redis://:${PW}@h:1/2`, pwFile, 'the Redis password is given three times: in --queue, with --queue-password-file and in CREDITLIFT_QUEUE_PASSWORD'],
    ] as const;
    for (const env of [{ [QUEUE_PASSWORD_ENV]: PW }, { [QUEUE_PASSWORD_ENV]: 'another' }])
      for (const [url, file, says] of cases) {
        const message = await refusal(() => queueAddressOfArgs(url, file, () => undefined, env));
        expect(message).toMatch(new RegExp(`^${says}; give it one way`));
        expect(message).not.toContain(PW);
      }
    expect(await refusal(() => queueAddressOfArgs(`redis://:${PW}@h:1/2`, pwFile, () => undefined, {}))).toMatch(
      /^the Redis password is given twice: in --queue and with --queue-password-file/,
    );
  });

  it('an empty variable or one holding a line break is refused naming the variable, never its value', async () => {
    expect(await refusal(() => queuePasswordOf(undefined, { [QUEUE_PASSWORD_ENV]: '' }))).toMatch(/^CREDITLIFT_QUEUE_PASSWORD is set but empty/);
    const broken = await refusal(() => queuePasswordOf(undefined, { [QUEUE_PASSWORD_ENV]: `${PW}\n` }));
    expect(broken).toMatch(/^CREDITLIFT_QUEUE_PASSWORD holds a line break/);
    expect(broken).not.toContain(PW);
  });

  it('the URL password warning and the NOAUTH hint name the variable as a way to give it', async () => {
    const warned: string[] = [];
    await queueAddressOfArgs(`redis://:${PW}@h:1/2`, undefined, (t) => void warned.push(t), {});
    expect(warned.join('')).toContain('--queue-password-file FILE or CREDITLIFT_QUEUE_PASSWORD');
    const noauth = queueAuthError(new Error('NOAUTH Authentication required.'), await queueAddressOfArgs('redis://h:1/2', undefined, () => undefined, {}));
    expect(noauth?.message).toContain('requires a password: give it with --queue-password-file FILE or CREDITLIFT_QUEUE_PASSWORD');
    const wrong = queueAuthError(
      new Error('WRONGPASS invalid username-password pair or user is disabled.'),
      await queueAddressOfArgs('redis://h:1/2', undefined, () => undefined, { [QUEUE_PASSWORD_ENV]: PW }),
    );
    expect(wrong?.message).toBe(
      'Redis at redis://h:1/2 refused the password from CREDITLIFT_QUEUE_PASSWORD (WRONGPASS invalid username-password pair or user is disabled.)',
    );
  });
});
