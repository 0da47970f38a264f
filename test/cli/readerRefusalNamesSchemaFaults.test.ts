// A record refused by its reader (a repeated key, an imprecise number, its envelope) also names
// the faults the applicant's schema finds: "a typed error naming every offending field", not the
// reader's first and the schema's only once those are mended. Each path that reads records is held
// to it: score (NDJSON, CSV), decide FILE, simulate and monitor.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { readNdjsonRecords } from '../../src/cli/score/readNdjsonRecords.js';
import { main } from '../../src/cli/main.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { loadModel } from '../../src/model/loadModel.js';
import { parseMonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { monitorApplicants } from '../../src/monitor/runMonitor.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { runSimulation, type SimulationArm } from '../../src/simulate/runSimulation.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'reader-refusal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string) => join(work, name);

const applicant = exampleApplicants[0]!.applicant;
/** One repeated key (income.source) and, elsewhere, a negative number of dependants the schema refuses. */
const repeatAndBadValue = (): string =>
  JSON.stringify({ ...applicant, household: { ...applicant.household, dependants: -2 } }).replace(/"source":"(\w+)"/, '"source":"$1","source":"self_declared"');
/** An imprecise number (income.monthly) beside the same schema fault. */
const impreciseAndBadValue = (): string =>
  JSON.stringify({ ...applicant, household: { ...applicant.household, dependants: -2 } }).replace(/"monthlyNet":(\d+)/, '"monthlyNet":999999.99999999999');

interface Line {
  line: number;
  decision?: unknown;
  error?: { code: string; message: string; issues: { path: (string | number)[]; code: string }[] };
}
const readOut = (name: string): Line[] =>
  readFileSync(file(name), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
const paths = (l: Line | undefined) => l?.error?.issues.map((i) => `${i.path.join('.')} ${i.code}`);

async function readAll(text: string): Promise<InputRecord[]> {
  const lines = text.split('\n').map((t, i) => ({ line: i + 1, text: t, truncated: false }));
  async function* it() {
    yield* lines;
  }
  const out: InputRecord[] = [];
  for await (const r of readNdjsonRecords(it())) out.push(r);
  return out;
}

describe('a record its reader refuses also names its schema faults', () => {
  it('score NDJSON: a repeated key and an imprecise number, each beside a bad value, name both; the other lines decide', async () => {
    expect(repeatAndBadValue()).toMatch(/"source":"\w+","source"/);
    expect(impreciseAndBadValue()).toMatch(/999999\.99999999999/);
    const lines = [repeatAndBadValue(), JSON.stringify(applicant), impreciseAndBadValue()];
    writeFileSync(file('book.ndjson'), `${lines.join('\n')}\n`);
    const c = captureIo();
    expect(await runScoreCommand(['--in', file('book.ndjson'), '--out', file('out.ndjson'), '--suggestions', '0'], c.io)).toBe(3);
    const out = readOut('out.ndjson');
    expect(out.map((l) => [l.line, l.decision !== undefined])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    expect(paths(out[0])).toEqual(['income.source duplicate_key', expect.stringMatching(/^household\.dependants /)]);
    expect(out[0]?.error?.message).toMatch(/^line 1: income\.source: .*\(and 1 more\)$/);
    expect(paths(out[2])).toEqual(['income.monthlyNet imprecise_number', expect.stringMatching(/^household\.dependants /)]);
  });

  it('score NDJSON: a refused envelope names the applicant faults under "applicant"; a fault at the repeated key itself is not named twice', async () => {
    const envelope = JSON.stringify({ applicant: { ...applicant, household: { ...applicant.household, dependants: -2 } }, note: 'x' });
    // The repeated key's last value is itself bad: the reader's word on that field stands alone.
    const repeatedBad = JSON.stringify(applicant).replace(/"dependants":(\d+)/, '"dependants":$1,"dependants":-4');
    writeFileSync(file('env.ndjson'), `${envelope}\n${repeatedBad}\n`);
    const c = captureIo();
    expect(await runScoreCommand(['--in', file('env.ndjson'), '--out', file('env.out.ndjson'), '--suggestions', '0'], c.io)).toBe(3);
    const out = readOut('env.out.ndjson');
    expect(paths(out[0])).toEqual(['note unrecognized_key', expect.stringMatching(/^applicant\.household\.dependants /)]);
    expect(paths(out[1])).toEqual(['household.dependants duplicate_key']);
  });

  it('score CSV: a JSON cell that repeats a key and a bad value in another column are both named', async () => {
    const header = 'id,asOf,household.dependants,evidence';
    writeFileSync(file('book.csv'), `${header}\n${applicant.id},${applicant.asOf},-2,"[{""kind"":""ielts"",""kind"":""toefl""}]"\n`);
    const c = captureIo();
    await runScoreCommand(['--in', file('book.csv'), '--out', file('csv.out.ndjson'), '--suggestions', '0'], c.io);
    const [l] = readOut('csv.out.ndjson');
    expect(l?.error?.code).toBe('data_invalid');
    const named = paths(l) ?? [];
    expect(named[0]).toBe('evidence.0.kind duplicate_key');
    expect(named.some((p) => p.startsWith('household.dependants '))).toBe(true);
    // Faults of the record beyond the two columns (the CSV has none of the other required fields) are named too.
    expect(named.length).toBeGreaterThan(2);
  });

  it('decide FILE: the refusal names the repeated key and the schema fault', async () => {
    writeFileSync(file('one.json'), repeatAndBadValue());
    const c = captureIo();
    expect(await main(['decide', file('one.json')], c.io)).toBe(3);
    expect(c.err()).toMatch(/income\.source: key "source" appears twice/);
    expect(c.err()).toMatch(/household\.dependants/);
  });

  describe('simulate and monitor', () => {
    let scorer: Scorer;
    beforeAll(async () => {
      scorer = await createScorer({ suggestionsPerDecision: 0 });
    });
    afterAll(async () => scorer?.close());
    const book = () => readAll([JSON.stringify(applicant), repeatAndBadValue()].join('\n'));

    it('simulate: the refused record is an input error naming both; nothing lost', async () => {
      const arm: SimulationArm = {
        decide: (r, h) => scorer.safeDecideBatch(r, h === undefined ? undefined : { limitHistories: h }),
        assumptions: portfolioAssumptions(scorer.policy),
      };
      const errors: { line: number; arm: string; error: { issues?: readonly { path: readonly (string | number)[]; code: string }[] } }[] = [];
      const r = await runSimulation({ records: await book(), baseline: arm, candidate: arm, chunkSize: 8, onError: (e) => void errors.push(e) });
      expect(r.records).toBe(2);
      expect(r.errors).toBe(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.arm).toBe('input');
      expect(errors[0]?.error.issues?.map((i) => `${i.path.join('.')} ${i.code}`)).toEqual([
        'income.source duplicate_key',
        expect.stringMatching(/^household\.dependants /),
      ]);
    });

    it('monitor: the refused record names both', async () => {
      const baseline = parseMonitorBaseline(JSON.parse(readFileSync(join(defaultModelPath(), '..', 'monitorBaseline.json'), 'utf8')));
      const errors: { line: number; error: { issues?: readonly { path: readonly (string | number)[]; code: string }[] } }[] = [];
      const r = await monitorApplicants({
        records: await book(),
        baseline,
        period: 'month',
        model: await loadModel(defaultModelPath()),
        onError: (e) => void errors.push(e),
      });
      expect(r.errors).toBe(1);
      expect(errors[0]?.error.issues?.map((i) => `${i.path.join('.')} ${i.code}`)).toEqual([
        'income.source duplicate_key',
        expect.stringMatching(/^household\.dependants /),
      ]);
    });
  });
});
