// Every JSON file a command reads is read strictly: a key written twice in one object keeps only its
// last value under JSON.parse (a repeated "monotone" in an import spec, a repeated share list in a
// monitor baseline), so it is refused by name instead of being decided on silently.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runModelCommand } from '../../src/cli/modelCommand.js';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { defaultMonitorBaselinePath } from '../../src/monitor/defaultMonitorBaselinePath.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-json-files-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  writeFileSync(join(work, name), text);
  return join(work, name);
};

describe('JSON files read by commands refuse a repeated key', () => {
  it('model import --features: a repeated key in the spec is refused, naming it (exit 1, nothing written)', () => {
    const onnx = join(import.meta.dirname, '..', 'fixtures', 'xgboost', 'free_classifier.onnx');
    const features = ['x0', 'x1', 'x2', 'x3', 'x4'].map((name) => `{"name":"${name}","kind":"numeric","monotone":0${name === 'x2' ? ',"monotone":1' : ''}}`);
    const spec = file('spec.json', `{"name":"xgb","version":"1","features":[${features.join(',')}]}`);
    const c = captureIo();
    const code = runModelCommand(['import', '--onnx', onnx, '--features', spec, '--out', join(work, 'model')], c.io);
    expect(code).toBe(1);
    expect(c.err()).toMatch(/appears twice/);
    expect(c.err()).toMatch(/features\.2\.monotone/);
  });

  it('monitor --baseline: a repeated key in the baseline is refused, naming it', async () => {
    const baseline = readFileSync(defaultMonitorBaselinePath(), 'utf8');
    const repeated = baseline.replace(/^\{/, '{"format":"x",');
    expect(repeated).not.toBe(baseline);
    const book = file('book.ndjson', `${JSON.stringify(exampleApplicants[0]!.applicant)}\n`);
    const c = captureIo();
    const code = await runMonitorCommand(['--applicants', book, '--baseline', file('baseline.json', repeated), '--out', join(work, 'mon.json')], c.io);
    expect(code).not.toBe(0);
    expect(c.err()).toMatch(/"format" appears twice/);
  });
});
