import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScorer } from '../src/decision/createScorer.js';
import { ValidationError } from '../src/errors/validationError.js';
import { createFeatureEncoder, defaultFeatureColumns } from '../src/features/featureEncoder.js';
import { FeatureMismatchError } from '../src/features/featureMismatchError.js';
import { runFeaturizeCommand } from '../src/train/commands/featurizeCommand.js';
import { trainFromCsv } from '../src/train/commands/trainCommand.js';
import { parseCsv } from '../src/train/dataset/parseCsv.js';
import { featurizeApplicants } from '../src/train/defaultModel/featurizeApplicants.js';
import { featurizeBook } from '../src/train/featurize/featurizeBook.js';
import { generatePopulation } from '../src/train/synthetic/generatePopulation.js';
import { monthsOnBookFeaturesModule } from './helpers/monthsOnBookFeatures.js';

const rows = generatePopulation({ size: 300, seed: 5, asOf: '2026-10-01' });
const applicants = rows.map((r) => r.applicant);
const outcomesText = ['id,defaulted', ...rows.map((r) => `${r.applicant.id},${r.defaulted12m ? 1 : 0}`)].join('\n');
const work = mkdtempSync(join(tmpdir(), 'creditlift-featurize-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

describe('featurize', () => {
  it("writes categories by name and numbers that read back as the scorer's float32", () => {
    const book = featurizeBook(applicants, parseCsv(outcomesText), { idColumn: 'id', target: 'defaulted' });
    const table = parseCsv(book.csv);
    expect(table.header.at(-1)).toBe('defaulted');
    const j = table.header.indexOf('employment_type');
    expect(new Set(table.rows.map((r) => r[j]))).toContain('salaried');
    const k = table.header.indexOf('income_rmb');
    table.rows.forEach((r, i) => expect(Math.fround(Number(r[k]))).toBe(book.matrix[i * book.featureNames.length + k]));
    expect(book.trainArgs).toContain('--monotone');
  });

  it('nothing is dropped silently: an invalid applicant, one without an outcome and a duplicated id are all named', () => {
    const bad = [{ ...applicants[0]!, income: { monthlyNet: -1, source: 'payroll' } }, { ...applicants[1]!, id: 'nobody' }, applicants[2]!, applicants[2]!];
    let caught: unknown;
    try {
      featurizeBook(bad, parseCsv(outcomesText), { idColumn: 'id', target: 'defaulted' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const codes = (caught as ValidationError).issues.map((i) => `${i.code} ${i.path.slice(0, 2).join('.')}`);
    expect(codes).toEqual(expect.arrayContaining(['no_outcome applicants.2', 'duplicate_id applicants.4']));
    expect(codes.some((c) => c.endsWith('applicants.1'))).toBe(true);
    const noTarget = parseCsv('id,defaulted\nA,\n');
    expect(() => featurizeBook([], noTarget, { idColumn: 'id', target: 'defaulted' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ code: 'missing_target' })] }),
    );
  });

  it("the issue's trap: a model trained on category codes is refused at createScorer, naming the three features", async () => {
    const encoder = createFeatureEncoder(defaultFeatureColumns());
    const matrix = featurizeApplicants(applicants, encoder);
    const lines = [[...encoder.names, 'defaulted'].join(',')];
    rows.forEach((r, i) =>
      lines.push(
        [...Array.from(matrix.subarray(i * encoder.width, (i + 1) * encoder.width), (x) => (Number.isNaN(x) ? '' : String(x))), r.defaulted12m ? 1 : 0].join(
          ',',
        ),
      ),
    );
    const codes = trainFromCsv(lines.join('\n'), {
      target: 'defaulted',
      positive: '1',
      categorical: ['employment_type', 'industry', 'region'],
      monotone: featurizeBook(applicants, parseCsv(outcomesText), { idColumn: 'id', target: 'defaulted' }).trainArgs[1]!,
      params: { rounds: 5 },
    });
    const e = await createScorer({ model: codes.onnx }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FeatureMismatchError);
    expect((e as FeatureMismatchError).code).toBe('model_shape_mismatch');
    expect((e as FeatureMismatchError).mismatches.map((m) => `${m.feature}:${m.code}`)).toEqual([
      'employment_type:unknown_category',
      'industry:unknown_category',
      'region:unknown_category',
    ]);
  });

  it('outcome ids are compared as written, as simulate compares them: " A" and "A " match no applicant "A", and each applicant says which outcome line nearly matched (adopt F5)', async () => {
    const [a0, a1, a2] = [applicants[0]!, applicants[1]!, applicants[2]!];
    const padded = parseCsv(`id,defaulted\n ${a0.id},0\n${a1.id} ,1\n${a2.id},0\n`);
    let caught: unknown;
    try {
      featurizeBook([a0, a1, a2], padded, { idColumn: 'id', target: 'defaulted' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues.map((i) => [i.code, i.path, i.message])).toEqual([
      [
        'no_outcome',
        ['applicants', 1, 'id'],
        `Applicant line 1: id "${a0.id}" has no row in the outcomes (outcome line 2 has " ${a0.id}", with surrounding spaces: ids are compared as written)`,
      ],
      [
        'no_outcome',
        ['applicants', 2, 'id'],
        `Applicant line 2: id "${a1.id}" has no row in the outcomes (outcome line 3 has "${a1.id} ", with surrounding spaces: ids are compared as written)`,
      ],
    ]);
    // The command refuses it (exit 1), where it trimmed both ids and wrote 2 rows without a word.
    writeFileSync(join(work, 'padded.ndjson'), `${[a0, a1].map((a) => JSON.stringify(a)).join('\n')}\n`);
    writeFileSync(join(work, 'padded.csv'), `id,defaulted\n ${a0.id},0\n${a1.id} ,1\n`);
    const c = capture();
    const argv = ['--in', join(work, 'padded.ndjson'), '--outcomes', join(work, 'padded.csv'), '--target', 'defaulted', '--out', join(work, 'padded-t.csv')];
    expect(await runFeaturizeCommand(argv, c.io)).toBe(1);
    expect(c.err.join('')).toContain(`outcome line 2 has " ${a0.id}", with surrounding spaces`);
  });

  it('an outcome id matching an applicant only untrimmed is the match; the padded row beside it is an unmatched outcome, warned', () => {
    const a0 = applicants[0]!;
    const book = featurizeBook([a0], parseCsv(`id,defaulted\n${a0.id},1\n ${a0.id},0\n`), { idColumn: 'id', target: 'defaulted' });
    expect(book.outcomes).toEqual(['1']);
    expect(book.warnings).toEqual([`1 outcome row(s) have no applicant (e.g. " ${a0.id}"); they are not in the output`]);
  });

  it('the command writes the CSV and prints the train command; bad input exits 1 naming the line', async () => {
    writeFileSync(
      join(work, 'a.ndjson'),
      applicants
        .slice(0, 50)
        .map((a) => JSON.stringify(a))
        .join('\n') + '\n{not json\n',
    );
    writeFileSync(join(work, 'o.csv'), outcomesText);
    const bad = capture();
    expect(
      await runFeaturizeCommand(
        ['--in', join(work, 'a.ndjson'), '--outcomes', join(work, 'o.csv'), '--target', 'defaulted', '--out', join(work, 't.csv')],
        bad.io,
      ),
    ).toBe(1);
    expect(bad.err.join('')).toMatch(/line 51/);
    writeFileSync(
      join(work, 'a.ndjson'),
      applicants
        .slice(0, 50)
        .map((a) => JSON.stringify(a))
        .join('\n') + '\n',
    );
    const ok = capture();
    expect(
      await runFeaturizeCommand(
        ['--in', join(work, 'a.ndjson'), '--outcomes', join(work, 'o.csv'), '--target', 'defaulted', '--out', join(work, 't.csv')],
        ok.io,
      ),
    ).toBe(0);
    expect(ok.out.join('')).toMatch(/wrote 50 rows x 28 features[\s\S]*next: creditlift train --data .*--monotone employment_tenure_months:-1/);
    expect(ok.err.join('')).toMatch(/250 outcome row\(s\) have no applicant/);
    expect(readFileSync(join(work, 't.csv'), 'utf8').split('\n')).toHaveLength(52);
  });
});

describe('featurize --features', () => {
  it('loads a lender feature set from a module and writes its column', async () => {
    const module = join(work, 'features.ts');
    writeFileSync(module, monthsOnBookFeaturesModule());
    writeFileSync(
      join(work, 'b.ndjson'),
      applicants
        .slice(0, 20)
        .map((a, i) => JSON.stringify({ ...a, attributes: { months_on_book: i } }))
        .join('\n') + '\n',
    );
    writeFileSync(join(work, 'o2.csv'), outcomesText);
    const c = capture();
    const code = await runFeaturizeCommand(
      ['--in', join(work, 'b.ndjson'), '--outcomes', join(work, 'o2.csv'), '--target', 'defaulted', '--out', join(work, 'b.csv'), '--features', module],
      c.io,
    );
    expect(c.err.join('')).not.toMatch(/error/);
    expect(code).toBe(0);
    const table = parseCsv(readFileSync(join(work, 'b.csv'), 'utf8'));
    const j = table.header.indexOf('months_on_book');
    expect(table.rows.map((r) => r[j])).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(c.out.join('')).toMatch(/months_on_book:-1/);
  });
});
