import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKeyFile } from '../../src/cli/openScorer.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-key-'));
const key = 'k'.repeat(40);

function keyIn(name: string, bytes: Buffer): string {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
}

describe('readKeyFile', () => {
  // An outside recheck: a key saved by Notepad as "UTF-8 with BOM" signed with the BOM as key bytes
  // (signature 51704f1f... for 8b784af8...), exit 0 and no word, while CRLF was dropped like LF.
  it('the key is the same text with a UTF-8 BOM, a trailing LF or CRLF, or both', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const files = {
      plain: Buffer.from(key),
      lf: Buffer.from(`${key}\n`),
      crlf: Buffer.from(`${key}\r\n`),
      bom: Buffer.concat([bom, Buffer.from(key)]),
      bomCrlf: Buffer.concat([bom, Buffer.from(`${key}\r\n`)]),
    };
    for (const [name, bytes] of Object.entries(files))
      expect(Buffer.from(await readKeyFile(keyIn(name, bytes), '--signing-key-file')).toString('latin1'), name).toBe(key);
  });

  it('drops only a leading BOM and one trailing newline: other bytes are key bytes', async () => {
    const inner = Buffer.concat([Buffer.from(key), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\n\n')]);
    expect(Buffer.from(await readKeyFile(keyIn('inner', inner), '--signing-key-file'))).toEqual(inner.subarray(0, inner.length - 1));
  });
});
