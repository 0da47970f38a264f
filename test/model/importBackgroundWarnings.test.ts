// `model import --background rows.csv` read a category the spec does not list as missing, and skipped a
// column no spec feature names, without a word (predict warns of both): the background sets the covers
// TreeSHAP explains by and the manifest's ranges and missing shares. Both are now warnings on stderr.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runModelCommand } from '../../src/cli/modelCommand.js';

const onnx = join(import.meta.dirname, '..', 'fixtures', 'xgboost', 'free_classifier.onnx');
const work = mkdtempSync(join(tmpdir(), 'creditlift-import-bg-warn-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('model import --background: an unlisted category and an unread column are each a warning; the import goes ahead', () => {
  const spec = {
    name: 'xgb',
    version: '1',
    features: [
      { name: 'employment_type', kind: 'categorical', categories: ['salaried', 'gig'], monotone: 0 },
      ...['x1', 'x2', 'x3', 'x4'].map((name) => ({ name, kind: 'numeric', monotone: 0 })),
    ],
  };
  writeFileSync(join(work, 'spec.json'), JSON.stringify(spec));
  const kinds = ['salaried', 'gig', 'student'];
  const lines = Array.from({ length: 30 }, (_, r) =>
    [r % 10 === 9 ? kinds[2] : kinds[r % 2], ...[1, 2, 3, 4].map((j) => ((r * 7 + j * 3) % 11) / 11), 'x'].join(','),
  );
  writeFileSync(join(work, 'bg.csv'), `employment_type,x1,x2,x3,x4,note\n${lines.join('\n')}\n`);
  let stderr = '';
  const code = runModelCommand(
    ['import', '--onnx', onnx, '--features', join(work, 'spec.json'), '--background', join(work, 'bg.csv'), '--out', join(work, 'm')],
    { stdout: () => {}, stderr: (s) => void (stderr += s) },
  );
  expect(code).toBe(0);
  expect(stderr).toBe(
    'warning (unseen_categories): "employment_type": 3 of 30 rows hold a category the spec does not list, read as missing: "student" (3 rows)\n' +
      'warning: --background column "note" is no feature of the spec and not read\n',
  );
  expect(JSON.parse(readFileSync(join(work, 'm', 'manifest.json'), 'utf8')).features[0].missingShare).toBeCloseTo(3 / 30, 6);
});
