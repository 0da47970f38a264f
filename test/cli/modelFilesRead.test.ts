// A lone model file (`--model x.onnx`) made every command that checks its outputs refuse one over the
// `manifest.json` beside it ("is the input --model DIR/manifest.json"), though none of them reads that
// file: they read the manifest embedded in the model, and a folder holding a lone model may hold any
// manifest.json. Only the files a command reads are protected now.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelFilesRead } from '../../src/cli/modelFilesRead.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'model-files-read-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the files a --model path stands for are the files the command reads', () => {
  it('a lone model file is that file alone; a model folder is its model.onnx and manifest.json', () => {
    const lone = join(work, 'lone');
    mkdirSync(lone);
    cpSync(defaultModelPath(), join(lone, 'x.onnx'));
    writeFileSync(join(lone, 'manifest.json'), '{}');
    expect(modelFilesRead('--model', join(lone, 'x.onnx'))).toEqual([['--model', join(lone, 'x.onnx')]]);
    const folder = join(defaultModelPath(), '..');
    expect(modelFilesRead('--model', folder)).toEqual([
      ['--model', join(folder, 'model.onnx')],
      ['--model', join(folder, 'manifest.json')],
    ]);
  });

  it('score --model DIR/x.onnx --out DIR/manifest.json --overwrite decides (exit 0), writing over that manifest.json it never read', async () => {
    const dir = join(work, 'score');
    mkdirSync(dir);
    cpSync(defaultModelPath(), join(dir, 'x.onnx'));
    writeFileSync(join(dir, 'manifest.json'), '{"not":"this model\'s"}\n');
    writeFileSync(join(dir, 'in.ndjson'), `${JSON.stringify(exampleApplicants[0]?.applicant)}\n`);
    const c = captureIo();
    const code = await runScoreCommand(
      ['--in', join(dir, 'in.ndjson'), '--model', join(dir, 'x.onnx'), '--out', join(dir, 'manifest.json'), '--overwrite', '--suggestions', '0'],
      c.io,
    );
    expect(code, c.err()).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8').split('\n')[0] as string)).toMatchObject({ line: 1 });
    const refused = captureIo();
    expect(
      await runScoreCommand(['--in', join(dir, 'in.ndjson'), '--model', join(dir, 'x.onnx'), '--out', join(dir, 'x.onnx'), '--overwrite'], refused.io),
    ).toBe(2);
    expect(refused.err()).toContain(`--out ${join(dir, 'x.onnx')} is the input --model ${join(dir, 'x.onnx')}`);
  });
});
