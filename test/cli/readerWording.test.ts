// F39: the readers of a score output said too little. `report` (and `monitor --decisions`) called every
// JSON line it could not use "neither a decision nor an error line", a decision line lacking its asOf,
// an error line with a numeric code and `[1]` alike; `verify` and `report` said only "empty" of an empty
// output with no manifest; and lines out of input order in a run its manifest records never resumed only
// warned (exit 0), though no score run writes them so.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { besideManifest as besideRun, runReaders, scoredExamples, type ScoredExamples } from './scoreOutputReaderRig.js';

let rig: ScoredExamples;
let file: (name: string) => string;
let base: readonly string[];
beforeAll(async () => {
  rig = await scoredExamples('reader-wording', 4);
  ({ file, base } = rig);
}, 90_000);
afterAll(() => rig?.remove());

const readers = runReaders;
const besideManifest = (name: string, lines: readonly string[], runs: number) => besideRun(rig, name, lines, runs);

describe('report names why each JSON line it cannot use is left out, in the page too', () => {
  it('a decision line lacking a field, an error line with a numeric code, an array, another object: each its own reason', async () => {
    const path = file('kinds.ndjson');
    writeFileSync(
      path,
      `${[base[0], '{"line":2,"decision":{"outcome":"approve"}}', '{"line":3,"error":{"code":5,"message":"m"}}', '[1]', '{"x":1}'].join('\n')}\n`,
    );
    const r = await readers(path);
    expect(r.exits.report).toBe(3);
    expect(r.report).not.toMatch(/neither a decision nor an error line/);
    expect(r.report).toMatch(
      /4 line\(s\) of .*kinds\.ndjson were not read as a decision or an error line and were left out of every figure, each for its reason: /,
    );
    const said = [
      'line 2: a decision line whose decision is no Decision as creditlift writes one: decision.asOf: ',
      'line 3: an error line not as score writes it ({"line":N,"error":{"code":"...","message":"..."}}): error.code: ',
      'line 4: a JSON array, not a decision line',
    ];
    for (const s of said) expect(r.report).toContain(s);
    // The first 3 of a reason are named, the rest counted; monitor names each.
    expect(r.report).toContain('and 1 more (data_invalid');
    // The page a person reads names them, escaped, and no longer says "neither".
    for (const s of said) expect(r.html).toContain(s.replace(/"/g, '&quot;'));
    expect(r.html).not.toMatch(/neither a decision nor an error line/);
    // monitor names them alike.
    expect(r.monitorErrors).toContain('line 2: a decision line whose decision is no Decision as creditlift writes one: decision.');
    expect(r.monitorErrors).toContain('line 4: a JSON array, not a decision line');
    expect(r.monitorErrors).toContain(
      'line 5: neither a score output line ({\\"line\\":N,\\"decision\\":...} or {\\"line\\":N,\\"error\\":...}) nor a Decision: asOf: ',
    );
  }, 60_000);
});

describe('an empty output with no manifest: what it means', () => {
  it('report and verify say no record was written and how to get the answers; exit 3 as before', async () => {
    const path = file('empty.ndjson');
    writeFileSync(path, '');
    const r = await readers(path);
    expect(r.exits.report).toBe(3);
    expect(r.exits.verify).toBe(3);
    const note =
      /no record was written to it, and no run manifest \(.*empty\.ndjson\.run\.json\) is beside it: if a creditlift score run was to write it and was killed before writing any, run it again \(score --resume continues a run whose manifest is beside its output; with none, start again with --overwrite\)/;
    expect(r.report).toMatch(note);
    expect(r.verify).toMatch(/no decision found in .*empty\.ndjson: nothing was verified; no record was written/);
    expect(r.verify).toMatch(note);
  }, 60_000);
});

describe('lines out of input order', () => {
  const swapped = () => [base[1]!, base[0]!, ...base.slice(2)];

  it('in a run its manifest records never resumed: not as the run wrote it, exit 3 in all three (was 0)', async () => {
    const r = await readers(besideManifest('never.ndjson', swapped(), 1), true);
    expect(r.exits).toEqual({ report: 3, verify: 3, monitor: 3 });
    const said =
      /1 line\(s\) of .* name a lower input line than the line before \(line 2 \(input line 1 after 2\)\): the run's manifest records them in input order \(one run, never resumed/;
    expect(r.report).toMatch(said);
    expect(r.verify).toMatch(said);
    expect(r.verify).toMatch(
      /1 line\(s\) name a lower input line than the line before in a run whose manifest records them in input order \(named above\), so the file is not as the run wrote it/,
    );
    expect(r.monitorWarnings).toMatch(/1 line\(s\) of the file name a lower input line than the line before .*records them in input order/);
    expect(JSON.parse(readFileSync(file('never.ndjson.json'), 'utf8'))).toMatchObject({ lineNumberFaults: 1 });
  }, 60_000);

  it('the run as written, never resumed: exit 0', async () => {
    const r = await readers(besideManifest('asis.ndjson', base, 1), true);
    expect(r.exits.report).toBe(0);
    expect(r.exits.verify).toBe(0);
    expect(r.report).not.toMatch(/lower input line/);
  }, 60_000);

  it('resumed without a record of deciding again (a resume killed before it recorded its end), or no manifest: warned, saying why only warned, exit 0', async () => {
    for (const path of [besideManifest('resumed.ndjson', swapped(), 2), file('bare.ndjson')]) {
      if (path.endsWith('bare.ndjson')) writeFileSync(path, `${swapped().join('\n')}\n`);
      const r = await readers(path, path.endsWith('resumed.ndjson'));
      expect(r.exits.report, r.report).toBe(0);
      expect(r.exits.verify, r.verify).toBe(0);
      expect(r.report).toMatch(/name a lower input line than the line before .*only warned of, as no manifest records the order/);
      expect(r.verify).toMatch(/only warned of/);
      expect(r.monitorWarnings).toMatch(/only warned of/);
      expect(JSON.parse(readFileSync(`${path}.json`, 'utf8'))).toMatchObject({ lineNumberFaults: 0 });
    }
  }, 60_000);
});
