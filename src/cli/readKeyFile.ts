import { OptionFileError } from '../commandLine/commandIo.js';
import type { AuditKeys } from '../decision/audit.js';
import { MIN_KEY_BYTES } from '../decision/lenderKey.js';
import { readOptionFile } from './readOptionFile.js';

/**
 * A key file's bytes, less a leading UTF-8 BOM (what Notepad's "UTF-8 with BOM" writes, and every
 * other text input of the command line drops) and one trailing newline (what `openssl rand -hex 32 >
 * key` leaves), so the key equals the same text passed to `createScorer` as a string; with the BOM
 * kept the file signed with another key, without a word. Bytes, so they reach workers as is.
 *
 * A file that cannot be read, or whose key is shorter than the scorer takes, is refused here naming
 * `option` and the file: a configuration failure (exit 1), where the scorer's own refusal read as a
 * rejected applicant (`decide` exited 3) and a missing file's error did not say which option named it.
 * A stream (`<(pass show key)`, /dev/stdin) is read once, up to 12 MiB: /dev/zero was read without end.
 *
 * @throws OptionFileError naming `option`, the file and the problem
 */
export async function readKeyFile(path: string, option: string): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readOptionFile(option, path));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const end = bytes.at(-1) === 0x0a ? (bytes.at(-2) === 0x0d ? bytes.length - 2 : bytes.length - 1) : bytes.length;
  const key = bytes.slice(start, Math.max(start, end));
  if (key.length < MIN_KEY_BYTES)
    throw new OptionFileError(
      option,
      path,
      `the key is ${key.length} byte(s) (after a leading BOM and one trailing newline are dropped); at least ${MIN_KEY_BYTES} are needed (openssl rand -hex 32 > FILE makes one)`,
    );
  return key;
}

/**
 * The keys a seal is checked under, read from `--signing-key-file` and each `--verification-key-file`
 * (keys used before a rotation), as `verify` and `report` take them; each file read by
 * {@link readKeyFile}, so an unusable one names its option. No personal-data key: a seal needs none.
 */
export async function readSealKeys(signingFile: string | undefined, verificationFiles: readonly string[]): Promise<AuditKeys> {
  const signing = signingFile === undefined ? null : await readKeyFile(signingFile, '--signing-key-file');
  const verification: Uint8Array[] = [];
  for (const f of verificationFiles) verification.push(await readKeyFile(f, '--verification-key-file'));
  return { signing, personalData: null, ...(verification.length === 0 ? {} : { verification }) };
}
