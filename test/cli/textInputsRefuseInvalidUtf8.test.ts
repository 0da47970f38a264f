import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { processCliIo, readTextInput } from '../../src/cli/cliIo.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

// GBK, the legacy encoding of many Chinese text files: 张三 and 李四 are each four bytes that are not
// UTF-8, and a lenient decoder turns both into the same four U+FFFD, so two people's names compare equal.
const ZHANG_SAN_GBK = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]);
const LI_SI_GBK = Buffer.from([0xc0, 0xee, 0xcb, 0xc4]);

const dir = mkdtempSync(join(tmpdir(), 'creditlift-utf8-'));

/** The applicant as JSON text, with `"@NAME@"` and `"@HOLDER@"` left for raw bytes. */
function gbkApplicantFile(): string {
  const base = structuredClone(exampleFor('new_graduate').applicant) as Record<string, unknown>;
  const json = JSON.stringify({ ...base, id: 'gbk-1' });
  const path = join(dir, 'gbk.json');
  const [head, tail] = json.split('"gbk-1"') as [string, string];
  writeFileSync(path, Buffer.concat([Buffer.from(`${head}"gbk-`), ZHANG_SAN_GBK, LI_SI_GBK, Buffer.from(`"${tail}`)]));
  return path;
}

describe('text inputs other than score are read as strict UTF-8 (never a replaced byte)', () => {
  it('decide and suggest refuse a file that is not UTF-8, naming the file and the offset', async () => {
    const path = gbkApplicantFile();
    for (const command of ['decide', 'suggest']) {
      const c = captureIo();
      const code = await main([command, path], c.io);
      expect(code, `${command}: ${c.err()}`).toBe(3);
      expect(c.err()).toMatch(/not UTF-8: invalid byte at offset \d+/);
      expect(c.err()).toContain(path);
    }
  });

  it('standard input that is not UTF-8 is refused the same way', async () => {
    const original = Object.getOwnPropertyDescriptor(process, 'stdin');
    const { Readable } = await import('node:stream');
    Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from('{"id":"'), LI_SI_GBK, Buffer.from('"}')]), configurable: true });
    try {
      await expect(readTextInput('-', processCliIo)).rejects.toThrow(/standard input is not UTF-8: invalid byte at offset 7/);
    } finally {
      if (original) Object.defineProperty(process, 'stdin', original);
    }
  });

  it('a policy file that is not UTF-8 is refused', async () => {
    writeFileSync(join(dir, 'valid.json'), JSON.stringify(exampleFor('new_graduate').applicant));
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, Buffer.concat([Buffer.from('{"jurisdiction":{"name":"'), ZHANG_SAN_GBK, Buffer.from('"}}')]));
    const c = captureIo();
    // The policy is the configuration's, not the applicant's: exit 1 naming --policy, where it exited 3.
    expect(await main(['decide', join(dir, 'valid.json'), '--policy', policy], c.io)).toBe(1);
    expect(c.err()).toContain(`error: --policy ${policy}: not UTF-8: invalid byte at offset 25`);
  });
});
