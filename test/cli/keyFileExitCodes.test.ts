// Outside tester findings15-audit F9: `decide` and `suggest` given a key file under 32 bytes exited
// 3, which their help documents as "the applicant was rejected", while `score` exited 1 for the same
// file; a missing key file's error ("ENOENT: no such file or directory, open 'nosuch.txt'") did not
// say which option named it. Every command now exits 1 (a file the command line names is unusable)
// and names the option and the file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-keyexit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string) => join(work, name);
writeFileSync(file('app.json'), JSON.stringify(exampleApplicants[0]!.applicant));
writeFileSync(file('book.ndjson'), `${JSON.stringify(exampleApplicants[0]!.applicant)}\n`);
// 31 bytes and a newline: one byte short of the 32 the scorer takes.
writeFileSync(file('short.txt'), `${'k'.repeat(31)}\n`);

const commands: Record<string, (keyOption: string, key: string) => string[]> = {
  decide: (o, k) => ['decide', file('app.json'), o, k],
  suggest: (o, k) => ['suggest', file('app.json'), o, k],
  score: (o, k) => ['score', '--in', file('book.ndjson'), '--out', file(`s-${o.slice(2)}-${k.length}.ndjson`), o, k],
};

describe('an unusable key file is a configuration failure on every deciding command (exit 1, the option named)', () => {
  for (const [name, argv] of Object.entries(commands)) {
    for (const option of ['--signing-key-file', '--personal-data-key-file']) {
      it(`${name} ${option} with a 31-byte key exits 1 naming ${option} and the byte count`, async () => {
        const c = captureIo();
        expect(await main(argv(option, file('short.txt')), c.io)).toBe(1);
        expect(c.err()).toContain(`${option} ${file('short.txt')}: the key is 31 byte(s)`);
        expect(c.err()).toMatch(/at least 32/);
      });
      it(`${name} ${option} naming a missing file exits 1 naming ${option}`, async () => {
        const c = captureIo();
        expect(await main(argv(option, file('nosuch.txt')), c.io)).toBe(1);
        expect(c.err()).toContain(`${option} ${file('nosuch.txt')}: no such file`);
      });
    }
  }
});

describe('reportCliError', () => {
  it("a refusal of the scorer's options (subject ScorerOptions) exits 1, the applicant's file refused 3", async () => {
    const { reportCliError } = await import('../../src/cli/reportCliError.js');
    const { ApplicantDataError } = await import('../../src/cli/applicantDataError.js');
    const { ValidationError } = await import('../../src/errors/validationError.js');
    const issue = { path: ['signingKey'], code: 'invalid_key', message: 'too short' } as const;
    expect(reportCliError(new ValidationError('ScorerOptions', [issue]), captureIo().io, '')).toBe(1);
    expect(reportCliError(new ApplicantDataError(new ValidationError('Applicant', [{ ...issue, path: ['id'] }])), captureIo().io, '')).toBe(3);
  });
});
