import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readCsvCell } from '../../src/cli/score/csvColumns.js';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { readCsvRecords } from '../../src/cli/score/readCsvRecords.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { defineFeatureSet } from '../../src/features/featureSet.js';
import { builtInFeatures } from '../../src/features/index.js';
import { parseFeatureApplicant } from '../../src/features/parseFeatureApplicant.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { flattenApplicant, rowsToCsv } from '../helpers/applicantCsv.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

// A lender's CSV export carries its own attributes in dotted columns (`attributes.months_on_book`),
// as the built-in fields are carried (`income.monthlyNet`): each is read by its declared type.
const attributes = z.strictObject({
  months_on_book: z.number().int().min(0),
  segment: z.enum(['gold', 'silver']),
  bureau_score: z.number().nullable().optional(),
  vip: z.boolean().optional(),
});

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** The records of a CSV text read with an attribute schema (null: with none, as without --features). */
async function read(text: string, schema: z.ZodType | null = attributes): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const r of readCsvRecords(once(text), { attributes: schema ?? undefined })) out.push(r);
  return out;
}

const attributesRead = (r: InputRecord | undefined) => (r?.ok === true ? (r.value as { attributes?: Record<string, unknown> }).attributes : r);

describe('CSV attribute columns (attributes.<name>) are read by the lender feature set', () => {
  it('a numeric attribute reads as a number, a categorical one as the text written, a boolean as a boolean', async () => {
    const rs = await read(
      'id,attributes.months_on_book,attributes.segment,attributes.bureau_score,attributes.vip\na,25,gold,640.5,yes\nb,2.5e1,silver,,false\n',
    );
    expect(rs.map(attributesRead)).toEqual([
      { months_on_book: 25, segment: 'gold', bureau_score: 640.5, vip: true },
      { months_on_book: 25, segment: 'silver', vip: false },
    ]);
  });

  it('the tester row (attributes.months_on_book 25, attributes.trips_12m 1177) validates against the declared schema: it was refused "expected number, received string"', async () => {
    const features = defineFeatureSet({
      attributes: { months_on_book: z.number().int().min(0).max(600), trips_12m: z.number().int().min(0).max(100_000) },
      features: [...builtInFeatures],
    });
    const applicant = exampleApplicants[0]!.applicant;
    const csv = rowsToCsv([flattenApplicant({ ...applicant, attributes: { months_on_book: 25, trips_12m: 1177 } })]);
    const [r] = await read(csv, features.attributes);
    expect(r?.ok).toBe(true);
    const parsed = parseFeatureApplicant((r as Extract<InputRecord, { ok: true }>).value, features);
    expect(parsed.attributes).toEqual({ months_on_book: 25, trips_12m: 1177 });
  });

  it('law: a numeric attribute cell reads exactly as a built-in numeric cell does (same number, same text kept, same imprecise_number)', async () => {
    const cells = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }).map(String),
      fc.double({ noNaN: true }).map(String),
      fc.constantFrom('25 ', ' 25', '1,177', 'NA', '２５', '25.0000000000000001', '0x19', 'Infinity', '+1', '-0', '1e3', 'abc', '2.5.1'),
      fc.string({ minLength: 1, maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(cells, async (cell) => {
        if (cell.trim() === '' || /[",\r\n]/.test(cell)) return;
        const [r] = await read(`id,attributes.months_on_book\na,${cell}\n`);
        const builtIn = readCsvCell('integer', cell);
        if (builtIn.issues.length > 0) {
          expect(r?.ok).toBe(false);
          expect(r?.ok === false && r.error.issues?.map((i) => [i.code, i.path])).toEqual([['imprecise_number', ['attributes', 'months_on_book']]]);
        } else expect(attributesRead(r)).toEqual({ months_on_book: builtIn.value });
      }),
      { seed: 20261201, numRuns: 200 },
    );
  });

  it('a cell that is not a number is kept as text, so validation refuses it by name (attributes.months_on_book), as a built-in numeric column', async () => {
    const features = defineFeatureSet({ attributes: { months_on_book: z.number().int().min(0) }, features: [...builtInFeatures] });
    const applicant = exampleApplicants[0]!.applicant;
    const csv = rowsToCsv([flattenApplicant({ ...applicant, attributes: { months_on_book: '1,177' } })]);
    const [r] = await read(csv, features.attributes);
    const error = validationErrorOf(() => parseFeatureApplicant((r as Extract<InputRecord, { ok: true }>).value, features));
    expect(error.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['attributes.months_on_book', 'invalid_type']]);
  });

  it('an attribute whose declared type no cell can state (a union) is refused at the header, naming the column and the JSON attributes column', async () => {
    const union = z.strictObject({ code: z.union([z.number(), z.string()]), months_on_book: z.number() });
    const error = await read('id,attributes.code,attributes.months_on_book\na,12,3\n', union).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues.map((i) => [i.code, i.path])).toEqual([['untyped_column', ['header', 1]]]);
    expect(issues[0]?.message).toMatch(/column "attributes\.code".*JSON in one "attributes" column/);
    // The JSON column carries it as written.
    const [r] = await read('id,attributes\na,"{""code"":12,""months_on_book"":3}"\n', union);
    expect(attributesRead(r)).toEqual({ code: 12, months_on_book: 3 });
  });

  it('an undeclared attribute, or any attribute column without a feature set, is kept as text for validation to refuse (unrecognized_key)', async () => {
    expect((await read('id,attributes.other\na,5\n')).map(attributesRead)).toEqual([{ other: '5' }]);
    expect((await read('id,attributes.months_on_book\na,5\n', null)).map(attributesRead)).toEqual([{ months_on_book: '5' }]);
  });
});
