import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulateCommand } from '../../src/cli/simulateCommand.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { readOutcomes } from '../../src/simulate/readOutcomes.js';
import { runSimulation, type RunSimulationOptions, type SimulationRecordError } from '../../src/simulate/runSimulation.js';
import { simulateBook } from '../../src/simulate/simulateBook.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { captureIo } from '../cli/fakeDecider.js';

const rows = generatePopulation({ size: 8, seed: 21, asOf: '2026-10-01' });
const book = rows.map((r) => r.applicant);
const work = mkdtempSync(join(tmpdir(), 'creditlift-simulate-checks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(async () => {
  await scorer?.close();
});

const arm = () => ({ decide: (r: readonly unknown[]) => scorer.safeDecideBatch(r), assumptions: portfolioAssumptions(scorer.policy) });
const records = (values: readonly unknown[]) => values.map((value, i) => ({ line: i + 1, ok: true as const, value }));

async function refusal(
  run: () => Promise<unknown>,
): Promise<{ subject: string; issues: { path: readonly (string | number)[]; code: string; message: string }[] }> {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return { subject: e.subject, issues: e.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })) };
  }
  throw new Error('expected a ValidationError');
}

describe('simulation outcomes are checked as readOutcomes checks a file (tester F1)', () => {
  it('refuses values that are not true/false, naming each entry, where truthiness read "no" and "false" as defaults and null as a non-default', async () => {
    const outcomes = new Map<string, unknown>([
      [book[0]!.id, 'no'],
      [book[1]!.id, 0],
      [book[2]!.id, null],
      [book[3]!.id, 'false'],
      [book[4]!.id, true],
    ]);
    const r = await refusal(() =>
      runSimulation({ records: records(book), baseline: arm(), candidate: arm(), outcomes: outcomes as ReadonlyMap<string, boolean> }),
    );
    expect(r.issues.map((i) => [i.path, i.code])).toEqual([
      [['outcomes', book[0]!.id], 'invalid_outcome'],
      [['outcomes', book[1]!.id], 'invalid_outcome'],
      [['outcomes', book[2]!.id], 'invalid_outcome'],
      [['outcomes', book[3]!.id], 'invalid_outcome'],
    ]);
    expect(r.issues[0]?.message).toMatch(/must be true \(defaulted\) or false, got string/);
  });

  it('refuses a plain object or an array of pairs as outcomes with a ValidationError, not a bare TypeError', async () => {
    for (const outcomes of [{ [book[0]!.id]: true }, [[book[0]!.id, true]]]) {
      const r = await refusal(() =>
        runSimulation({ records: records(book), baseline: arm(), candidate: arm(), outcomes: outcomes as unknown as ReadonlyMap<string, boolean> }),
      );
      expect(r.issues).toEqual([expect.objectContaining({ path: ['outcomes'], code: 'invalid_type' })]);
    }
  });
});

describe('simulation options are refused up front, every one in one error (tester F4)', () => {
  it('runSimulation: chunkSize 0, -3, NaN and 2.5, a records that is not iterable, callbacks that are not functions, an unknown key', async () => {
    for (const chunkSize of [0, -3, Number.NaN, 2.5, 65_537]) {
      const r = await refusal(() => runSimulation({ records: records(book), baseline: arm(), candidate: arm(), chunkSize }));
      expect(r.issues.map((i) => i.path)).toEqual([['chunkSize']]);
    }
    const r = await refusal(() =>
      runSimulation({
        records: null,
        baseline: arm(),
        candidate: { assumptions: { lgd: 0.8, utilisation: 0.5 } },
        onFlip: 5,
        onError: 'x',
        inFlight: 0,
        chunkSze: 10,
      } as unknown as RunSimulationOptions),
    );
    expect(r.issues.map((i) => i.path)).toEqual([['chunkSze'], ['records'], ['candidate', 'decide'], ['inFlight'], ['onFlip'], ['onError']]);
  });

  it('simulateBook: book null, a missing features module, workers 0, chunkSize 2.5, onFlip 5, an unknown key in the options and in a side, before any worker starts', async () => {
    const r = await refusal(() =>
      simulateBook({
        book: null,
        featuresModule: join(work, 'nope.js'),
        workers: 0,
        chunkSize: 2.5,
        onFlip: 5,
        candidate: { polcy: {} },
        bookIsRecord: true,
        workerExecArgv: ['max-semi-space-size=2'],
      } as never),
    );
    expect(r.subject).toBe('simulateBook options');
    expect(r.issues.map((i) => [i.path, i.code])).toEqual([
      [['bookIsRecord'], 'unrecognized_key'],
      [['book'], 'invalid_type'],
      [['candidate', 'polcy'], 'unrecognized_key'],
      [['workers'], 'out_of_range'],
      [['chunkSize'], 'out_of_range'],
      [['onFlip'], 'invalid_type'],
      [['workerExecArgv'], 'invalid_type'],
      [['featuresModule'], 'unreadable_input'],
    ]);
  });
});

describe('a book of input records: malformed elements are refused naming what is wrong, the others decided (tester F3)', () => {
  it('a raw applicant, a record with no line, a refusal with no error, ok "yes" and a misspelled key are errors with a line and a reason', async () => {
    const errors: SimulationRecordError[] = [];
    const a = book[0]!;
    const result = await runSimulation({
      records: [
        { line: 1, ok: true, value: a },
        a,
        { ok: true, value: book[1] },
        { line: 4, ok: false },
        { line: 5, ok: 'yes', value: book[2] },
        { line: 6, ok: true, value: book[3], limitHistroy: [] },
        { line: 7, ok: true, value: book[4] },
      ] as never,
      baseline: arm(),
      candidate: arm(),
      onError: (e) => void errors.push(e),
    });
    expect(result.records).toBe(7);
    expect(result.summary.decided).toBe(2);
    expect(errors.map((e) => [e.line, e.arm, e.error.code, e.error.issues?.map((i) => i.path)])).toEqual([
      [2, 'input', 'data_invalid', [[]]],
      [3, 'input', 'data_invalid', [['line']]],
      [4, 'input', 'data_invalid', [['error']]],
      [5, 'input', 'data_invalid', [['ok']]],
      [6, 'input', 'data_invalid', [['limitHistroy']]],
    ]);
    for (const e of errors) expect(e.error.message).toMatch(new RegExp(`^line ${e.line}: `));
  });
});

describe('outcomes that match no record are counted and listed (tester F2)', () => {
  it('the summary says how many outcomes matched no record decided under both, with the first ids; refused records count as unmatched', async () => {
    const outcomes = new Map<string, boolean>([
      [` ${book[1]!.id}`, true],
      [book[2]!.id.toUpperCase(), true],
      [book[3]!.id, true],
      ['nobody', true],
      [book[4]!.id, false],
      [book[5]!.id, false],
    ]);
    const bad = { ...book[5]!, income: { monthlyNet: -5, source: 'payroll' } };
    const result = await runSimulation({
      records: records([...book.slice(0, 5), bad]),
      baseline: arm(),
      candidate: arm(),
      outcomes,
    });
    expect(result.summary.backtest).toMatchObject({
      observed: 2,
      unobserved: 3,
      outcomes: { given: 6, matched: 2, unmatched: 4, unmatchedIds: [` ${book[1]!.id}`, book[2]!.id.toUpperCase(), book[5]!.id, 'nobody'].sort() },
    });
  });

  it('outcomes given but none matched still give a backtest that says so (not null, as with no outcomes)', async () => {
    const result = await runSimulation({ records: records(book.slice(0, 2)), baseline: arm(), candidate: arm(), outcomes: new Map([['nobody', true]]) });
    expect(result.summary.backtest).toMatchObject({ observed: 0, unobserved: 2, outcomes: { given: 1, matched: 0, unmatched: 1, unmatchedIds: ['nobody'] } });
  });

  it('readOutcomes reads CSV cells as written: a padded id is kept (and shows as unmatched), a padded defaulted cell is refused, not trimmed', () => {
    expect([...readOutcomes('id,defaulted\n app-1,1\napp-2,TRUE\n', 'csv')]).toEqual([
      [' app-1', true],
      ['app-2', true],
    ]);
    let issues: readonly { message: string }[] = [];
    try {
      readOutcomes('id,defaulted\napp-5, TRUE \n', 'csv');
    } catch (e) {
      issues = (e as ValidationError).issues;
    }
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^line 2: "defaulted" must be 1\/0, true\/false or yes\/no as written \(cells are not trimmed\)/),
    ]);
  });
});

describe('a backtest book repeating an id its outcomes name is refused, naming the id and its lines, as featurize refuses it (adopt F4)', () => {
  it('runSimulation: sr-00000 twice with one default among three people was counted twice (observed 4, defaultRate 0.5 where it is 1 in 3); now a ValidationError per repeated id', async () => {
    const again = { ...book[0]!, asOf: '2026-09-28' };
    const outcomes = new Map([
      [book[0]!.id, true],
      [book[1]!.id, false],
      [book[2]!.id, false],
    ]);
    const r = await refusal(() => runSimulation({ records: records([book[0], book[1], book[2], again]), baseline: arm(), candidate: arm(), outcomes }));
    expect(r.subject).toBe('backtest book');
    expect(r.issues.map((i) => [i.path, i.code])).toEqual([[['book', 4], 'duplicate_id']]);
    expect(r.issues[0]?.message).toBe(
      `line 4: id "${book[0]!.id}" is on lines 1 and 4, and an outcome names it: a backtest counts one outcome once per customer, so keep one record per id`,
    );
  });

  it('a repeated id no outcome names is decided twice and counted unobserved: it adds no default to any cell', async () => {
    const result = await runSimulation({
      records: records([book[0], book[1], { ...book[1]!, asOf: '2026-09-28' }, book[2]]),
      baseline: arm(),
      candidate: arm(),
      outcomes: new Map([
        [book[0]!.id, true],
        [book[2]!.id, false],
      ]),
    });
    expect(result.summary.decided).toBe(4);
    expect(result.summary.backtest).toMatchObject({ observed: 2, unobserved: 2, outcomes: { given: 2, matched: 2, unmatched: 0 } });
  });

  it('creditlift simulate --outcomes on the tester book exits 1, naming the id with its lines, and writes no summary', async () => {
    const lines = [book[0], book[1], book[2], { ...book[0]!, asOf: '2026-09-28' }].map((a) => JSON.stringify(a));
    writeFileSync(join(work, 'dup-book.ndjson'), `${lines.join('\n')}\n`);
    writeFileSync(join(work, 'dup-out.csv'), `id,defaulted\n${book[0]!.id},1\n${book[1]!.id},0\n${book[2]!.id},0\n`);
    const c = captureIo();
    const code = await runSimulateCommand(
      ['--book', join(work, 'dup-book.ndjson'), '--outcomes', join(work, 'dup-out.csv'), '--out', join(work, 'dup.json')],
      c.io,
    );
    expect(code).toBe(1);
    expect(c.err()).toContain(`id "${book[0]!.id}" is on lines 1 and 4`);
    expect(existsSync(join(work, 'dup.json'))).toBe(false);
  });
});

describe('an empty book is said plainly, not shown as a policy approving nobody (tester F6)', () => {
  it('creditlift simulate on an empty file exits 1 naming the book, and writes no summary', async () => {
    writeFileSync(join(work, 'empty.ndjson'), '');
    const c = captureIo();
    const code = await runSimulateCommand(['--book', join(work, 'empty.ndjson'), '--out', join(work, 'e.json')], c.io);
    expect(code).toBe(1);
    expect(c.err()).toMatch(/error \[data_invalid\]: the book empty\.ndjson holds no records: nothing was simulated/);
    expect(existsSync(join(work, 'e.json'))).toBe(false);
    expect(existsSync(join(work, 'e.flips.ndjson'))).toBe(false);
    expect(existsSync(join(work, 'e.errors.ndjson'))).toBe(false);
  });

  it('the library reports no approval rate (null, as the means), not 0%', async () => {
    const result = await runSimulation({ records: [], baseline: arm(), candidate: arm() });
    expect(result.records).toBe(0);
    expect(result.summary.totals.baseline).toMatchObject({ decided: 0, approvalRate: null, meanLimit: null, meanApr: null });
  });
});

// The signal was read only after a chunk had been decided: a simulation aborted before it started
// (or while its last, partial chunk was being read) still decided that chunk.
describe('runSimulation stops at its signal', () => {
  it('aborted before it starts: nothing is decided, the result says interrupted', async () => {
    let decided = 0;
    const counting = () => ({ ...arm(), decide: (r: readonly unknown[]) => ((decided += r.length), scorer.safeDecideBatch(r)) });
    const result = await runSimulation({ records: records(book), baseline: counting(), candidate: counting(), signal: AbortSignal.abort() });
    expect(decided).toBe(0);
    expect(result).toMatchObject({ records: 0, errors: 0, interrupted: true });
  });

  it('aborted while a partial last chunk is read: that chunk is not started', async () => {
    const controller = new AbortController();
    let decided = 0;
    const counting = () => ({ ...arm(), decide: (r: readonly unknown[]) => ((decided += r.length), scorer.safeDecideBatch(r)) });
    async function* slowBook() {
      for (const [i, value] of book.entries()) {
        if (i === 3) controller.abort();
        yield { line: i + 1, ok: true as const, value };
      }
    }
    const result = await runSimulation({ records: slowBook(), baseline: counting(), candidate: counting(), signal: controller.signal, chunkSize: 256 });
    expect(decided).toBe(0);
    expect(result).toMatchObject({ records: 0, interrupted: true });
  });
});

describe('runSimulation says interrupted only when something is left', () => {
  it('aborted while its last chunk is decided, with nothing left to read: every record decided, not interrupted', async () => {
    // Two full chunks of 4; the signal comes inside the second chunk's baseline decide.
    const controller = new AbortController();
    let calls = 0;
    const aborting = () => ({
      ...arm(),
      decide: (r: readonly unknown[]) => {
        if (++calls === 2) controller.abort();
        return scorer.safeDecideBatch(r);
      },
    });
    const result = await runSimulation({ records: records(book), baseline: aborting(), candidate: arm(), signal: controller.signal, chunkSize: 4 });
    expect(result).toMatchObject({ records: book.length, interrupted: false });
    expect(result.summary.decided + result.errors).toBe(book.length);
  });
});
