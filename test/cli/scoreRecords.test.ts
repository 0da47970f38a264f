import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { unreadableRecord } from '../../src/cli/score/inputRecord.js';
import type { OutputLine } from '../../src/cli/score/outputLine.js';
import { decisionLine, formatOutputLine, readOutputLineHead } from '../../src/cli/score/outputLine.js';
import { scoreRecords } from '../../src/cli/score/scoreRecords.js';
import { emptyScoreSummary, countDecision, formatScoreSummary } from '../../src/cli/score/scoreSummary.js';
import { renderProgress } from '../../src/cli/score/progressBar.js';
import { LineSet } from '../../src/cli/score/lineSet.js';
import { fakeDecider, fakeDecision } from './fakeDecider.js';

async function* from(records: readonly InputRecord[]): AsyncGenerator<InputRecord> {
  for (const r of records) yield r;
}

const recordArb = fc.oneof(
  fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), limit: fc.integer({ min: 0, max: 6_000_000 }) }),
  fc.constant({ id: 42 }),
  fc.constant(null),
  fc.constant('unreadable'),
);

function toInput(values: readonly unknown[]): InputRecord[] {
  // Line numbers with gaps, as blank lines and multi-line CSV records leave them.
  return values.map((v, i) => (v === 'unreadable' ? unreadableRecord(3 * i + 1, 'invalid_json', 'not valid JSON') : { line: 3 * i + 1, ok: true, value: v }));
}

describe('scoreRecords', () => {
  it('law: every record read gives exactly one output line, in input order, decision or error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordArb, { maxLength: 60 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 4 }),
        async (values, chunkSize, inFlight) => {
          const input = toInput(values);
          const written: OutputLine[] = [];
          const decider = fakeDecider();
          const { summary, interrupted } = await scoreRecords({
            records: from(input),
            decide: decider.decide,
            write: async (l) => void written.push(l),
            chunkSize,
            inFlight,
          });
          expect(interrupted).toBe(false);
          expect(written.map((w) => w.line)).toEqual(input.map((r) => r.line));
          expect(summary.recordsIn).toBe(input.length);
          expect(summary.decisions + summary.rejected).toBe(input.length);
          expect(written.filter((w) => 'decisionJson' in w)).toHaveLength(summary.decisions);
          // Unreadable records never reach the decider.
          expect(decider.decided).toHaveLength(input.filter((r) => r.ok).length);
          expect(summary.limitBands.reduce((s, b) => s + b.count, 0)).toBe(summary.decisions);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('law: skipped lines are never decided or written, and are counted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb, { maxLength: 40 }), fc.func(fc.boolean()), async (values, pick) => {
        const input = toInput(values);
        const skip = new Set(input.filter((r) => pick(r.line)).map((r) => r.line));
        const written: OutputLine[] = [];
        const { summary } = await scoreRecords({
          records: from(input),
          decide: fakeDecider().decide,
          write: async (l) => void written.push(l),
          skip: (n) => skip.has(n),
          chunkSize: 4,
        });
        expect(written.map((w) => w.line)).toEqual(input.map((r) => r.line).filter((n) => !skip.has(n)));
        expect(summary.skipped).toBe(skip.size);
      }),
      { numRuns: 100 },
    );
  });

  it('stops starting chunks once aborted, and writes the chunks already in flight', async () => {
    const stop = new AbortController();
    const input = toInput(Array.from({ length: 100 }, (_, i) => ({ id: `r${i}` })));
    const written: OutputLine[] = [];
    const { interrupted, summary } = await scoreRecords({
      records: from(input),
      decide: fakeDecider().decide,
      write: async (l) => void written.push(l),
      chunkSize: 10,
      inFlight: 2,
      signal: stop.signal,
      onChunk: (s) => {
        if (s.recordsIn >= 20) stop.abort();
      },
    });
    expect(interrupted).toBe(true);
    expect(written.length).toBe(summary.recordsIn);
    expect(written.length).toBeGreaterThanOrEqual(20);
    expect(written.length).toBeLessThan(100);
    expect(written.map((w) => w.line)).toEqual(input.slice(0, written.length).map((r) => r.line));
  });

  it('aborted before it starts (a signal while the run was opening): decides and writes nothing, interrupted', async () => {
    // A signal before the first chunk still decided that chunk: the whole of a small input, exit 0
    // or 3, not the 130 a later signal gives (findings13-lifecycle, CLI signals).
    const stop = new AbortController();
    stop.abort();
    const decider = fakeDecider();
    const written: OutputLine[] = [];
    const { interrupted, summary } = await scoreRecords({
      records: from(toInput([{ id: 'a' }, { id: 'b' }, 'unreadable'])),
      decide: decider.decide,
      write: async (l) => void written.push(l),
      signal: stop.signal,
    });
    expect(interrupted).toBe(true);
    expect(written).toEqual([]);
    expect(decider.calls).toBe(0);
    expect(summary.recordsIn).toBe(0);
  });

  it('a runtime failure is thrown after the chunks that finished were written', async () => {
    const input = toInput(Array.from({ length: 50 }, (_, i) => ({ id: `r${i}` })));
    const written: OutputLine[] = [];
    await expect(
      scoreRecords({
        records: from(input),
        decide: fakeDecider({ failOnCall: 3 }).decide,
        write: async (l) => void written.push(l),
        chunkSize: 10,
        inFlight: 1,
      }),
    ).rejects.toThrow('runtime exploded');
    expect(written.map((w) => w.line)).toEqual(input.slice(0, 20).map((r) => r.line));
  });
});

describe('output lines', () => {
  it('law: the line number and kind read back from every formatted line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.boolean(), fc.string(), (line, ok, id) => {
        const decision = fakeDecision({ id });
        const o: OutputLine = ok ? decisionLine(line, decision) : { line, error: { code: 'validation_failed', message: id } };
        const text = formatOutputLine(o);
        expect(text.endsWith('\n')).toBe(true);
        expect(JSON.parse(text)).toEqual(ok ? { line, decision: JSON.parse(JSON.stringify(decision)) } : JSON.parse(JSON.stringify(o)));
        expect(readOutputLineHead(text.slice(0, -1))).toEqual(
          ok ? { line, kind: 'decision', decision: JSON.parse(JSON.stringify(decision)) } : { line, kind: 'error', errorCode: 'validation_failed' },
        );
      }),
    );
  });

  it('an unfinished line is not taken as done', () => {
    const text = formatOutputLine(decisionLine(7, fakeDecision({ id: 'x' }))).slice(0, -1);
    for (let cut = 0; cut < text.length; cut += 7) expect(readOutputLineHead(text.slice(0, cut))).toBeUndefined();
  });
});

describe('LineSet', () => {
  it('law: behaves as a set of line numbers (model-based against Set)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 200_000 }), { maxLength: 50 }),
        (adds, probes) => {
          const s = new LineSet();
          const model = new Set<number>();
          for (const n of adds) expect(s.add(n)).toBe(!model.has(n) && model.add(n) !== undefined);
          expect(s.size).toBe(model.size);
          for (const n of [...adds, ...probes]) expect(s.has(n)).toBe(model.has(n));
        },
      ),
    );
  });

  // A line number read from a file (report, monitor --decisions, verify) can be any safe integer: 2^32 + 1
  // was line 1 (the bit index wrapped at 32 bits), and one line naming 4,000,000,000 grew the bitset to 500 MB.
  it('law: any safe line number is its own, sparse numbers held apart, iterated in increasing order', () => {
    const line = fc.oneof(
      fc.integer({ min: 1, max: 5_000 }),
      fc.constantFrom(2 ** 31, 2 ** 32 + 1, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER),
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 120 }), fc.array(line, { maxLength: 30 }), (adds, removes) => {
        const s = new LineSet();
        const model = new Set<number>();
        for (const n of adds) expect(s.add(n)).toBe(!model.has(n) && model.add(n) !== undefined);
        for (const n of removes) expect(s.delete(n)).toBe(model.delete(n));
        expect(s.size).toBe(model.size);
        for (const n of [...adds, ...removes, 1, 5]) expect(s.has(n)).toBe(model.has(n));
        expect([...s]).toEqual([...model].sort((a, b) => a - b));
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('one line number in the billions keeps the bitset small', () => {
    const s = new LineSet();
    s.add(4_000_000_000);
    s.add(3);
    expect((s as unknown as { bits: Uint8Array }).bits.length).toBeLessThan(1 << 20);
    expect([...s]).toEqual([3, 4_000_000_000]);
  });

  it('a line held apart stays one line once the bitset grows past it', () => {
    const s = new LineSet();
    expect(s.add(20_000_000)).toBe(true);
    for (let line = 1; line <= 400_000; line++) s.add(line);
    expect(s.add(20_000_001)).toBe(true);
    expect(s.add(20_000_000)).toBe(false);
    expect(s.size).toBe(400_002);
    expect(s.delete(20_000_000)).toBe(true);
    expect(s.has(20_000_000)).toBe(false);
    expect([...s].slice(-2)).toEqual([400_000, 20_000_001]);
  });
});

describe('summary and progress', () => {
  it('law: limit bands partition the decisions', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20_000_000 }), { maxLength: 50 }), (limits) => {
        const s = emptyScoreSummary();
        for (const [i, limit] of limits.entries()) countDecision(s, fakeDecision({ id: String(i), limit }));
        expect(s.limitBands.reduce((t, b) => t + b.count, 0)).toBe(limits.length);
        expect(s.limitBands[0]!.count).toBe(limits.filter((l) => l === 0).length);
        expect(s.limitTotalFen).toBe(limits.reduce((a, b) => a + b, 0));
      }),
    );
  });

  it('the text summary names records, decisions, rejections, throughput, outcome shares and limit bands', () => {
    const s = emptyScoreSummary();
    countDecision(s, fakeDecision({ id: 'a', limit: 300_000 }));
    countDecision(s, fakeDecision({ id: 'b', limit: 0 }));
    s.recordsIn++;
    s.rejected++;
    s.errorCodes.validation_failed = 1;
    s.seconds = 2;
    const text = formatScoreSummary(s, { out: 'o.ndjson', errors: 'e.ndjson' });
    expect(text).toContain('3 records read in 2.0 s (2 records/s)');
    expect(text).toMatch(/decisions\s+2\s+-> o\.ndjson/);
    expect(text).toMatch(/rejected\s+1\s+-> e\.ndjson\s+\(validation_failed 1\)/);
    expect(text).toContain('approve 50.0%, refer 0.0%, decline 50.0%');
    expect(text).toMatch(/¥2,000-¥5,000\s+1\s+50\.0% #+/);
  });

  it('law: the progress bar stays within its width and its share within 0..100%', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.nat(10_000),
        fc.nat(1_000_000),
        fc.nat(100),
        fc.nat(10_000_000),
        fc.integer({ min: 20, max: 300 }),
        (done, total, records, rejected, elapsedMs, columns) => {
          const line = renderProgress({ done, total, records, rejected, elapsedMs, columns });
          const bar = /^\[([#-]+)\]\s+(\d+)%/.exec(line);
          expect(bar).not.toBeNull();
          expect(bar![1]!.length).toBeLessThanOrEqual(40);
          expect(Number(bar![2])).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});
