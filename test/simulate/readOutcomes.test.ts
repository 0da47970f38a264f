import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { readOutcomes } from '../../src/simulate/readOutcomes.js';
import { decodeUtf8Strict } from '../../src/text/decodeUtf8Strict.js';

function issuesOf(text: string, format: 'ndjson' | 'csv') {
  try {
    readOutcomes(text, format);
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.issues.map((i) => ({ path: i.path, code: i.code, message: i.message }));
  }
}

describe('readOutcomes', () => {
  it('reads NDJSON and CSV outcomes by id', () => {
    expect(readOutcomes('{"id":"a","defaulted":true}\n\n{"id":"b","defaulted":false}\n', 'ndjson')).toEqual(
      new Map([
        ['a', true],
        ['b', false],
      ]),
    );
    expect(readOutcomes('id,defaulted\na,1\nb,no\n', 'csv')).toEqual(
      new Map([
        ['a', true],
        ['b', false],
      ]),
    );
  });

  // Outside tester findings16-text F6: `simulate --outcomes` refused an NDJSON file saved "UTF-8 with BOM"
  // as "line 1: not valid JSON", while the CSV outcomes, `score --in`, `decide FILE` and key files drop it.
  it('drops a UTF-8 BOM before the first NDJSON line, as every other reader does; a BOM further in is refused at its line', () => {
    const bytes = new TextEncoder().encode('\uFEFF{"id":"a","defaulted":true}\r\n{"id":"b","defaulted":false}\r\n');
    expect(bytes[0]).toBe(0xef);
    const expected = new Map([
      ['a', true],
      ['b', false],
    ]);
    expect(readOutcomes(decodeUtf8Strict(bytes, 'oc.ndjson'), 'ndjson')).toEqual(expected);
    expect(readOutcomes('\uFEFFid,defaulted\r\na,1\r\nb,0\r\n', 'csv')).toEqual(expected);
    expect(issuesOf('{"id":"a","defaulted":true}\n\uFEFF{"id":"b","defaulted":false}\n', 'ndjson').map((i) => i.path[0])).toEqual([2]);
  });

  it('refuses an NDJSON line that repeats a key (JSON would keep the last value), naming the line and the key', () => {
    const issues = issuesOf(
      '{"id":"a","defaulted":false}\n{"id":"b","defaulted":true,"defaulted":false}\n{"id":"c","i\\u0064":"d","defaulted":true}\n',
      'ndjson',
    );
    expect(issues).toEqual([
      { path: [2, 'defaulted'], code: 'duplicate_key', message: expect.stringMatching(/^line 2: key "defaulted" appears twice in one object/) },
      { path: [3, 'id'], code: 'duplicate_key', message: expect.stringMatching(/^line 3: key "id" appears twice/) },
    ]);
  });

  it('a line that is not JSON is named by its line, with the code invalid_json, and never echoed', () => {
    expect(issuesOf('{"id":"secret-person"\n', 'ndjson')).toEqual([
      { path: [1], code: 'invalid_json', message: expect.stringMatching(/^line 1: not valid JSON/) },
    ]);
    expect(JSON.stringify(issuesOf('{"id":"secret-person"\n', 'ndjson'))).not.toContain('secret');
  });
});
