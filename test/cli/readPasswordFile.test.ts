import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OptionFileError } from '../../src/commandLine/commandIo.js';
import { readPasswordFile } from '../../src/cli/readPasswordFile.js';

const dir = mkdtempSync(join(tmpdir(), 'creditlift-pwfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('readPasswordFile: the password as written, less one trailing newline and a BOM; anything else a guess is refused', () => {
  it('echo, printf, a Windows editor and Notepad with a BOM give the same password; spaces inside and around it are kept', async () => {
    for (const [name, text] of [
      ['echo', 'S3cret pw\n'],
      ['printf', 'S3cret pw'],
      ['crlf', 'S3cret pw\r\n'],
      ['bom', '\uFEFFS3cret pw\n'],
    ] as const)
      expect(await readPasswordFile(file(name, text), '--queue-password-file'), name).toBe('S3cret pw');
    expect(await readPasswordFile(file('spaces', ' pw \n'), '--queue-password-file')).toBe(' pw ');
  });

  it('an empty file, a second line, bytes that are not UTF-8 or a missing file are refused naming the option and the file, never quoting the content', async () => {
    for (const [name, bytes, problem] of [
      ['empty', '', /holds no password/],
      ['newline', '\n', /holds no password/],
      ['twoLines', 'S3cret\nmore\n', /spans more than one line/],
      ['twoNewlines', 'S3cret\n\n', /spans more than one line/],
      ['latin1', Buffer.from([0x53, 0x33, 0xe9, 0x0a]), /not UTF-8 text \(invalid byte at offset 2\)/],
    ] as const) {
      const path = file(name, bytes);
      const e = await readPasswordFile(path, '--queue-password-file').catch((x: unknown) => x);
      expect(e, name).toBeInstanceOf(OptionFileError);
      expect((e as Error).message, name).toMatch(new RegExp(`^--queue-password-file ${path.replace(/[.\\/]/g, '\\$&')}: `));
      expect((e as Error).message, name).toMatch(problem);
      expect((e as Error).message, name).not.toContain('S3cret');
    }
    await expect(readPasswordFile(join(dir, 'nosuch'), '--queue-password-file')).rejects.toThrow(/^--queue-password-file .*nosuch: no such file$/);
  });
});
