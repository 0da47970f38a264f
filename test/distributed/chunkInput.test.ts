import { DEFAULT_CATALOG_HASH } from '../../src/catalog/catalogHash.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { openInputRecords } from '../../src/cli/score/openInputRecords.js';
import { chunkRecords, decodeRecords, encodeRecords } from '../../src/distributed/chunkInput.js';
import { checkJobName, chunkJobId, fingerprintMismatch, lineRange } from '../../src/distributed/chunkJob.js';
import { renderDistributedProgress } from '../../src/distributed/distributedProgress.js';
import { parseQueueUrl } from '../../src/distributed/queueUrl.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-chunks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** The records `score` reads from a file, and the same records after chunking and the trip through a job. */
async function wholeAndChunked(
  format: 'csv' | 'ndjson',
  text: string,
  size: number,
): Promise<{ whole: InputRecord[]; chunked: InputRecord[]; sizes: number[] }> {
  const file = join(work, `in.${format}`);
  writeFileSync(file, text);
  const whole = await collect(openInputRecords(file, { format, maxRecordLines: 100 }).records);
  const chunks = await collect(chunkRecords(openInputRecords(file, { format, maxRecordLines: 100 }).records, size));
  const chunked = chunks.flatMap((c) => {
    const back = decodeRecords(encodeRecords(c.records));
    expect(back.map((r) => r.line)).toEqual(c.recordLines);
    return back;
  });
  return { whole, chunked, sizes: chunks.map((c) => c.recordLines.length) };
}

// Cells that stress the CSV reader: quotes, doubled quotes, commas and line breaks inside quotes,
// a quote never closed, text after a closing quote, numbers JSON cannot carry.
const csvCell = fc.oneof(
  fc.constantFrom('', 'x', '12', '1e400', '-0', 'yes', '"a,b"', '"line\nbreak"', '"say ""hi"""', '"never closed', '"bad"tail', '"\n\n"'),
  fc.string({ maxLength: 4 }).map((s) => s.replace(/[",\n\r]/g, '')),
);

describe('chunks travel as exactly the records score reads', () => {
  it('CSV: every record, in order, unchanged by chunking and the job (Infinity, -0, broken quotes)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(csvCell, { minLength: 1, maxLength: 4 }), { maxLength: 25 }), fc.integer({ min: 1, max: 6 }), async (rows, size) => {
        const text = `id,income.monthlyNet,bureau.hasFile\n${rows.map((r) => r.join(',')).join('\n')}\n`;
        const { whole, chunked, sizes } = await wholeAndChunked('csv', text, size);
        expect(chunked).toEqual(whole);
        expect(sizes.slice(0, -1).every((n) => n === size)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('NDJSON (bad JSON, blank lines, -0)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('{"id":"a"}', '', '   ', '{bad', '[1,2]', '"text"', '{"n":-0}', '{"__proto__":{"x":1}}'), { maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        async (lines, size) => {
          const { whole, chunked } = await wholeAndChunked('ndjson', lines.join('\n'), size);
          expect(chunked).toEqual(whole);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('values JSON would change survive the job: Infinity, -0, holes, an own __proto__ key', () => {
    const sparse: unknown[] = [];
    sparse[2] = { kind: 'ielts' };
    const own = JSON.parse('{"__proto__":{"polluted":true}}') as object;
    const records: InputRecord[] = [{ line: 2, ok: true, value: { a: Infinity, b: -0, evidence: sparse, own } }];
    const [back] = decodeRecords(encodeRecords(records)) as unknown as [{ value: { a: number; b: number; evidence: unknown[]; own: object } }];
    expect(back.value.a).toBe(Infinity);
    expect(Object.is(back.value.b, -0)).toBe(true);
    expect(0 in back.value.evidence).toBe(false);
    expect(back.value.evidence).toHaveLength(3);
    expect(Object.hasOwn(back.value.own, '__proto__')).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('queue addressing', () => {
  it('reads redis URLs with defaults, hides the password, refuses anything else', () => {
    expect(parseQueueUrl('redis://10.0.0.5:6380/2')).toMatchObject({ host: '10.0.0.5', port: 6380, db: 2, tls: false, display: 'redis://10.0.0.5:6380/2' });
    expect(parseQueueUrl('redis://localhost')).toMatchObject({ port: 6379, db: 0 });
    expect(parseQueueUrl('rediss://:s3cret@h:1/0')).toMatchObject({ password: 's3cret', tls: true, display: 'rediss://:***@h:1/0' });
    // What a run manifest keeps to remove an abandoned job: read back, the same server, no password.
    expect(parseQueueUrl('rediss://:s3cret@h:1/0').withoutPassword).toBe('rediss://h:1/0');
    expect(parseQueueUrl(parseQueueUrl('redis://u:p@h:1/2').withoutPassword)).toMatchObject({ host: 'h', port: 1, db: 2, username: 'u', tls: false });
    expect(parseQueueUrl('redis://u:p@h:1/2').withoutPassword).toBe('redis://u@h:1/2');
    for (const bad of ['http://h:1/0', 'redis://h:1/x', 'redis://h:1/0?db=2', 'h:1']) expect(() => parseQueueUrl(bad), bad).toThrow(/--queue/);
  });

  it('job names are safe in keys and ids; chunk ids are derived from name and index', () => {
    expect(checkJobName('book-2026.11_q4')).toBe('book-2026.11_q4');
    for (const bad of ['', '-x', 'a:b', 'a b', 'x'.repeat(101)]) expect(() => checkJobName(bad), bad).toThrow(/--job/);
    expect(chunkJobId('book', 17)).toBe('book-c17');
    expect(lineRange([4, 9, 12])).toBe('lines 4-12');
    expect(lineRange([7])).toBe('line 7');
  });

  it('a worker fingerprint names every field that differs from the job', () => {
    const keys = { signing: 'd'.repeat(32), personalData: null };
    const job = {
      modelSha256: 'a'.repeat(64),
      policyHash: 'b'.repeat(64),
      catalogHash: DEFAULT_CATALOG_HASH,
      engineVersion: '0.1.0',
      featuresSha256: null,
      keys,
      suggestions: 3,
    };
    expect(fingerprintMismatch(job, job)).toEqual([]);
    const diff = fingerprintMismatch(job, {
      modelSha256: 'c'.repeat(64),
      policyHash: 'b'.repeat(64),
      catalogHash: 'f'.repeat(64),
      engineVersion: '0.2.0',
      featuresSha256: 'e'.repeat(64),
      keys: { signing: null, personalData: null },
    });
    expect(diff).toHaveLength(5);
    expect(diff[0]).toMatch(/^model SHA-256 cccccccccccc\.\.\. is not the job's aaaaaaaaaaaa/);
    expect(diff[1]).toBe("certificate catalog ffffffffffff... is not the job's the default catalog");
    expect(diff[2]).toMatch(/engine version 0\.2\.0 is not the job's 0\.1\.0/);
    expect(diff[3]).toBe("features module eeeeeeeeeeee... is not the job's the built-in features");
    expect(diff[4]).toBe('the signing key differs: the job was made with key dddddddddddd..., this worker has none');
  });

  it('the progress line shows chunks written, queued and failed, records and rate', () => {
    const line = renderDistributedProgress(
      { bytesDone: 50, bytesTotal: 100, chunksWritten: 4, chunksQueued: 8, chunksFailed: 1, records: 1024, rejected: 3 },
      2000,
      140,
    );
    expect(line).toMatch(/^\[#+-+\]\s+50%\s+chunks 4 done, 8 queued, 1 FAILED\s+1,024 records\s+512\/s\s+3 rejected$/);
  });
});
