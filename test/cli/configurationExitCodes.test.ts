// Exit 3 says "the applicant was rejected as bad data"; exit 1 "a file, the model, the policy ... is
// unusable". `decide` and `suggest` gave 3 for every validation_failed or data_invalid error, so a
// `--features` module that does not exist, one exporting no feature set, or a `--model` whose manifest
// is not valid read as a rejected applicant (exit 3), though the applicant was never looked at. Only an
// error of the applicant's own file (its JSON, its fields, its ledger) is a rejection now; every other
// error is the configuration's (exit 1), on every command that reports through reportCliError.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApplicantDataError } from '../../src/cli/applicantDataError.js';
import { main } from '../../src/cli/main.js';
import { reportCliError } from '../../src/cli/reportCliError.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { MANIFEST_METADATA_KEY } from '../../src/model/manifest.js';
import { encodeTreeEnsembleModel } from '../../src/model/onnx/encodeTreeEnsemble.js';
import { tinyEnsemble } from '../fixtures/onnx/tinyModel.js';
import { captureIo } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-config-exit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string) => join(work, name);
const applicant = exampleApplicants[0]!.applicant;
writeFileSync(file('app.json'), JSON.stringify(applicant));
writeFileSync(file('bad-app.json'), JSON.stringify({ ...applicant, income: { ...applicant.income, monthlyNet: -5 } }));
writeFileSync(file('not-json.json'), '{"id": ');
writeFileSync(file('no-export.mjs'), 'export const x = 1;\n');
// A model whose embedded manifest fails its schema: loadModel refuses it with a ValidationError (validation_failed).
writeFileSync(
  file('bad-manifest.onnx'),
  encodeTreeEnsembleModel({ ensemble: tinyEnsemble(), featureNames: ['f0', 'f1', 'f2'], metadata: { [MANIFEST_METADATA_KEY]: '{"format": 1}' } }),
);
writeFileSync(file('bad-catalog.json'), '[{"id": "x"}]');

/** Each configuration that was refused as validation_failed, with what its refusal names. */
const configurations: readonly (readonly [string, readonly string[], RegExp])[] = [
  ['a --features module that does not exist', ['--features', file('nosuch.mjs')], /no file at this path/],
  ['a --features module exporting no feature set', ['--features', file('no-export.mjs')], /exports no feature set/],
  ['a --model whose manifest is not valid', ['--model', file('bad-manifest.onnx')], /Invalid ModelManifest/],
];

describe('decide and suggest: a configuration error exits 1, only the applicant rejected exits 3', () => {
  for (const command of ['decide', 'suggest'] as const) {
    for (const [what, options, names] of configurations) {
      it(`${command} with ${what} exits 1 (it exited 3, "the applicant was rejected")`, async () => {
        const c = captureIo();
        expect(await main([command, file('app.json'), ...options], c.io), c.err()).toBe(1);
        expect(c.err()).toMatch(names);
        expect(c.out()).toBe('');
      });
    }
    it(`${command}: an applicant with a bad field, or a file that is not JSON, still exits 3`, async () => {
      const bad = captureIo();
      expect(await main([command, file('bad-app.json')], bad.io), bad.err()).toBe(3);
      expect(bad.err()).toContain('income.monthlyNet');
      const unreadable = captureIo();
      expect(await main([command, file('not-json.json')], unreadable.io), unreadable.err()).toBe(3);
      expect(unreadable.err()).toContain('[data_invalid]');
    });
    it(`${command}: a missing applicant file is a failure (1), not a rejection`, async () => {
      const c = captureIo();
      expect(await main([command, file('nosuch.json')], c.io)).toBe(1);
    });
  }
});

describe('catalog and playground have no applicant: every refusal is the configuration (exit 1)', () => {
  it('catalog --catalog with a malformed kind exits 1', async () => {
    const c = captureIo();
    expect(await main(['catalog', '--catalog', file('bad-catalog.json')], c.io)).toBe(1);
    expect(c.err()).toContain('[catalog_invalid]');
  });
  it('playground --catalog with a malformed kind exits 1 before anything listens', async () => {
    const c = captureIo();
    expect(await main(['playground', '--port', '0', '--catalog', file('bad-catalog.json')], c.io)).toBe(1);
    expect(c.out()).toBe('');
  });
});

describe('reportCliError: exit 3 only for an error marked as the applicant data', () => {
  const issue = { path: ['income', 'monthlyNet'], code: 'too_small', message: 'must be >= 0' } as const;
  it.each(['validation_failed', 'data_invalid'] as const)('an unmarked %s (an option, a module, a model) exits 1', (code) => {
    expect(reportCliError(new ValidationError('features module', [issue], code), captureIo().io, '')).toBe(1);
    expect(reportCliError(new CreditliftError(code, 'x'), captureIo().io, '')).toBe(1);
  });
  it.each(['validation_failed', 'data_invalid'] as const)("the applicant's %s exits 3, printed as the error itself", (code) => {
    const c = captureIo();
    expect(reportCliError(new ApplicantDataError(new ValidationError('Applicant', [issue], code)), c.io, '')).toBe(3);
    expect(c.err()).toBe(`error [${code}]: Invalid Applicant: 1 problem(s) at income.monthlyNet\n  - income.monthlyNet: must be >= 0\n`);
  });
  it("any other error of the applicant's file keeps its own code (a file system error: 1)", () => {
    const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    expect(reportCliError(new ApplicantDataError(enoent), captureIo().io, '')).toBe(1);
    expect(reportCliError(new ApplicantDataError(new CreditliftError('internal_error', 'x')), captureIo().io, '')).toBe(1);
  });
});
