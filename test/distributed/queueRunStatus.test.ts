// Outside tester findings10-scale S4: a `score --queue` run whose chunk of lines 65-128 failed for good
// (64 of 600 records undecided, exit 1) left a manifest that looked like a finished run's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readToEndOutcome } from '../../src/cli/score/readToEndOutcome.js';
import { endedStatus, runningStatus } from '../../src/cli/score/runStatus.js';
import { UndecidedTracker } from '../../src/cli/score/undecidedTracker.js';
import { runStatusWarnings } from '../../src/cli/score/runStatusWarnings.js';
import type { RunManifest } from '../../src/cli/score/runManifest.js';
import { countDecision, countRejection, countUndecided, emptyScoreSummary } from '../../src/cli/score/scoreSummary.js';
import { queueRunStatus, type QueueRunEnd } from '../../src/distributed/queueRunStatus.js';
import { captureIo } from '../cli/fakeDecider.js';

const NO_FILES = { output: { size: 0, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } };

function tester(): QueueRunEnd {
  const summary = emptyScoreSummary();
  for (let i = 0; i < 525; i++) countDecision(summary, { outcome: 'approve', limit: 100_000, previousLimit: 0, plans: [], highestPlanCost: null });
  for (let i = 0; i < 11; i++) countRejection(summary, { code: 'validation_failed', message: 'x' });
  countUndecided(summary, 64);
  return {
    summary,
    failed: [{ firstLine: 65, lastLine: 128 }],
    unwritten: [],
    workerFailedLines: [],
    stopped: false,
    lastLineRead: 600,
    chunksEnqueuedAgain: 2,
    lockTakeovers: 0,
    job: 'qp',
    workers: new Map([['host:1', 8]]),
  };
}

describe('score --queue: the status a producer records as it ends', () => {
  it("the tester's run: incomplete, exit 1, 64 records undecided in lines 65-128, the chunk failures and requeues counted, the workers named", () => {
    const status = queueRunStatus(runningStatus(undefined, { mode: 'queue', job: 'qp', workers: {} }), tester(), captureIo().io, NO_FILES);
    expect(status).toEqual({
      state: 'incomplete',
      runs: 1,
      exitCode: 1,
      reason: '1 chunk failed for good (lines 65-128)',
      decisions: 525,
      rejected: 11,
      workerFailed: 0,
      undecided: { records: 64, lines: [{ first: 65, last: 128 }] },
      // The input was read to its end (its last record on line 600): verify --manifest holds line numbers to it.
      lastInputLine: 600,
      // A first run writes its chunks in input order, failed ones left out.
      lineOrder: 'input',
      decidedBy: { mode: 'queue', job: 'qp', workers: { 'host:1': 8 } },
      events: expect.objectContaining({ chunksFailed: 1, chunksEnqueuedAgain: 2 }),
      files: NO_FILES,
    });
    // What `report` says of it: not "525 decisions" alone.
    const warnings = runStatusWarnings('qp.ndjson', { status } as RunManifest);
    expect(warnings).toEqual([
      'the run that wrote qp.ndjson is incomplete (exit 1): 1 chunk failed for good (lines 65-128). 64 input records have no answer (lines 65-128): these figures leave them out. Run the same score command with --resume to decide them',
    ]);
  });

  it('the same run with nothing failed: finished, exit 3 (rejections), no undecided lines, no warning', () => {
    const end = tester();
    const summary = emptyScoreSummary();
    countRejection(summary, { code: 'validation_failed', message: 'x' });
    const status = queueRunStatus(
      runningStatus(undefined, { mode: 'queue', job: 'qp', workers: {} }),
      { ...end, summary, failed: [] },
      captureIo().io,
      NO_FILES,
    );
    expect(status).toMatchObject({ state: 'finished', exitCode: 3 });
    expect(status.undecided).toBeUndefined();
    expect(runStatusWarnings('qp.ndjson', { status } as RunManifest)).toEqual([]);
  });
});

// Outside tester findings24-scale 1: a queue run whose worker wrote a worker_failed line for line 451
// exited 4, but its manifest said finished, exit 3, nothing undecided (report stayed silent), where
// `score --workers 2` of the same book recorded incomplete, exit 4, line 451 undecided.
const APPROVE = { outcome: 'approve', limit: 100_000, previousLimit: 0, plans: [], highestPlanCost: null } as const;
const WORKER_FAILED = { code: 'worker_failed', message: 'Not decided: the scorer worker stopped' } as const;

describe('score --queue: worker_failed lines in the status, as in process', () => {
  it("the tester's run: a worker_failed line for line 451 is incomplete, exit 4, line 451 undecided, and report warns", () => {
    const summary = emptyScoreSummary();
    for (let i = 0; i < 1995; i++) countDecision(summary, APPROVE);
    for (let i = 0; i < 3; i++) countRejection(summary, { code: 'validation_failed', message: 'x' });
    countRejection(summary, WORKER_FAILED);
    const end: QueueRunEnd = { ...tester(), summary, failed: [], workerFailedLines: [451], lastLineRead: 2003, chunksEnqueuedAgain: 0 };
    const status = queueRunStatus(runningStatus(undefined, { mode: 'queue', job: 'qp', workers: {} }), end, captureIo().io, NO_FILES);
    expect(status).toMatchObject({
      state: 'incomplete',
      exitCode: 4,
      reason: '1 records were not decided because a scorer worker failed (error code worker_failed)',
      rejected: 3,
      workerFailed: 1,
      undecided: { records: 1, lines: [{ first: 451, last: 451 }] },
      lastInputLine: 2003,
    });
    const warnings = runStatusWarnings('cq.ndjson', { status } as RunManifest);
    expect(warnings.join('\n')).toMatch(/incomplete \(exit 4\).*1 input record has no answer \(line 451\)/);
  });

  it('stopped by a signal: worker_failed lines and unwritten chunks both undecided, in line order', () => {
    const summary = emptyScoreSummary();
    for (let i = 0; i < 9; i++) countDecision(summary, APPROVE);
    countRejection(summary, WORKER_FAILED);
    const end: QueueRunEnd = {
      ...tester(),
      summary,
      failed: [],
      workerFailedLines: [7],
      unwritten: [{ recordLines: [11, 12, 13] }],
      stopped: true,
      lastLineRead: 13,
    };
    const status = queueRunStatus(runningStatus(undefined, { mode: 'queue', job: 'qp', workers: {} }), end, captureIo().io, NO_FILES);
    expect(status).toMatchObject({
      state: 'incomplete',
      exitCode: 130,
      undecided: {
        records: 4,
        lines: [
          { first: 7, last: 7 },
          { first: 11, last: 13 },
        ],
        afterLine: 13,
      },
    });
  });

  it('law: a run read to its end records the same state, exit code, reason, counts and undecided lines as the same answers written in process', () => {
    const outcome = fc.constantFrom('decision', 'rejected', 'worker_failed');
    // Each record's answer, and the blank lines before it (no record, no answer).
    const records = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 2 }), outcome }), { maxLength: 60 });
    fc.assert(
      fc.property(records, (rs) => {
        const summary = emptyScoreSummary();
        const tracker = new UndecidedTracker();
        const workerFailedLines: number[] = [];
        let line = 0;
        for (const r of rs) {
          line += r.gap + 1;
          tracker.read(line, false);
          if (r.outcome === 'decision') countDecision(summary, APPROVE);
          else countRejection(summary, r.outcome === 'rejected' ? { code: 'validation_failed', message: 'x' } : WORKER_FAILED);
          if (r.outcome === 'worker_failed') workerFailedLines.push(line);
          tracker.written(line, r.outcome === 'worker_failed');
        }
        // As `score` (in process or --workers N) ends a run read to its end.
        const { undecided, lastInputLine } = tracker.end(false);
        const failedRecords = workerFailedLines.length;
        const readToEnd = readToEndOutcome(failedRecords, summary.rejected - failedRecords);
        const inProcess = endedStatus(runningStatus(undefined, { mode: 'pool', workers: 2 }), {
          exitCode: readToEnd.exitCode,
          ...(readToEnd.reason === undefined ? {} : { reason: readToEnd.reason }),
          summary,
          undecided,
          ...(lastInputLine === undefined ? {} : { lastInputLine }),
          events: {},
          files: NO_FILES,
        });
        const end: QueueRunEnd = { ...tester(), summary, failed: [], workerFailedLines, lastLineRead: line, chunksEnqueuedAgain: 0 };
        const queued = queueRunStatus(runningStatus(undefined, { mode: 'queue', job: 'qp', workers: {} }), end, captureIo().io, NO_FILES);
        const { decidedBy: _a, events: _b, ...same } = inProcess;
        const { decidedBy: _c, events: _d, ...queuedSame } = queued;
        expect(queuedSame).toEqual(same);
      }),
      { numRuns: 200 },
    );
  });
});
