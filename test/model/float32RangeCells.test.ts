import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runModelCommand } from '../../src/cli/modelCommand.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { importOnnxModel } from '../../src/model/import/importOnnxModel.js';
import { runTrainCommand } from '../../src/train/commands/trainCommand.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { encodeTable } from '../../src/train/dataset/tabularEncoding.js';
import { thrown } from '../helpers/thrown.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-float32-cells-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
}

const xgbDir = join(import.meta.dirname, '..', 'fixtures', 'xgboost');
const spec = {
  name: 'xgb-free',
  version: '1.0.0',
  features: ['x0', 'x1', 'x2', 'x3', 'x4'].map((name) => ({ name, kind: 'numeric', monotone: 0 })),
};
const loans = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'train', 'loans.csv'), 'utf8');

/** loans.csv with monthly_income of data row `row` (0-based) set to `cell`. */
function loansWith(row: number, cell: string): string {
  const lines = loans.split('\n');
  const fields = lines[row + 1]!.split(',');
  fields[1] = cell;
  lines[row + 1] = fields.join(',');
  return lines.join('\n');
}

describe('a numeric cell beyond float32 is refused naming its row and column, never turned into Infinity', () => {
  it('law: encodeTable refuses exactly the decimal cells whose float32 is infinite or a 0 the cell is not, at rows.<i>.<column>', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.double({ min: -9.99, max: 9.99, noNaN: true }), fc.integer({ min: -400, max: 400 }), (row, m, e) => {
        const cell = `${m.toFixed(4)}e${e}`;
        const value = Number(cell);
        const csv = `a,b\n${Array.from({ length: 5 }, (_, r) => (r === row ? `1,${cell}` : '1,2')).join('\n')}\n`;
        const error = thrown(() =>
          encodeTable(parseCsv(csv), [
            { name: 'a', kind: 'numeric' },
            { name: 'b', kind: 'numeric' },
          ]),
        );
        // Refused exactly where float32 would change what the cell says: infinite, or 0 for a number that is not.
        const f = Math.fround(value);
        if (Number.isFinite(f) && (f !== 0 || value === 0)) expect(error).toBeUndefined();
        else {
          expect(error).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).issues).toEqual([
            expect.objectContaining({ path: ['rows', row, 'b'], code: 'out_of_range', message: expect.stringContaining(`Line ${row + 2}:`) }),
          ]);
        }
      }),
      { numRuns: 200, seed: 6_1129 },
    );
    // float32's largest value and what still rounds to it pass; one step further is infinite.
    expect(
      thrown(() => encodeTable(parseCsv('b\n1e39\n-1e400\n3.4028234e38\n-3.40282356e38\n3.4028236e38\n'), [{ name: 'b', kind: 'numeric' }])),
    ).toMatchObject({
      issues: [
        expect.objectContaining({ path: ['rows', 0, 'b'] }),
        expect.objectContaining({ path: ['rows', 1, 'b'] }),
        expect.objectContaining({ path: ['rows', 4, 'b'] }),
      ],
    });
  });

  it('creditlift train: a 1e39 income is refused at its record and column, not at the manifest’s trainingRange', () => {
    for (const cell of ['1e39', '1e400']) {
      const data = join(work, `big-${cell}.csv`);
      writeFileSync(data, loansWith(59, cell));
      const { out, io } = capture();
      expect(
        runTrainCommand(
          ['--data', data, '--target', 'defaulted', '--positive', 'yes', '--exclude', 'applicant_id', '--rounds', '3', '--out', join(work, 'o')],
          io,
        ),
      ).toBe(1);
      expect(out.stderr).toMatch(/rows\.59\.monthly_income: Line 61: "monthly_income" is .* beyond float32/);
      expect(out.stderr).not.toMatch(/trainingRange/);
    }
  });

  it('creditlift model import: a 1e39 background cell is a typed error naming its record and column (was internal_error and a Zod dump)', () => {
    const background = readFileSync(join(xgbDir, 'background.csv'), 'utf8').split('\n');
    const fields = background[1]!.split(',');
    fields[0] = '1e39';
    background[1] = fields.join(',');
    writeFileSync(join(work, 'bg_big.csv'), background.join('\n'));
    writeFileSync(join(work, 'spec.json'), JSON.stringify(spec));
    const { out, io } = capture();
    const code = runModelCommand(
      [
        'import',
        '--onnx',
        join(xgbDir, 'free_classifier.onnx'),
        '--features',
        join(work, 'spec.json'),
        '--background',
        join(work, 'bg_big.csv'),
        '--out',
        join(work, 'imp'),
      ],
      io,
    );
    expect(code).toBe(1);
    expect(out.stderr).not.toMatch(/internal_error/);
    expect(out.stderr).toMatch(/error \[validation_failed\][\s\S]*rows\.0\.x0: Line 2: "x0" is 1e39/);
  });

  it('importOnnxModel: an infinite value in a Float32Array background is a ValidationError at rows.<r>.<feature>', () => {
    const width = spec.features.length;
    const data = new Float32Array(30 * width).map((_, i) => ((i * 7) % 13) / 13);
    data[4 * width + 2] = Number.POSITIVE_INFINITY;
    data[9 * width + 0] = Number.NEGATIVE_INFINITY;
    const error = thrown(() => importOnnxModel(new Uint8Array(readFileSync(join(xgbDir, 'free_classifier.onnx'))), { spec, background: { data, nRows: 30 } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([
      ['rows', 4, spec.features[2]!.name],
      ['rows', 9, spec.features[0]!.name],
    ]);
  });
});
