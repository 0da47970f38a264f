// Outside tester findings10-scale S4: a `score --queue` run whose chunk of lines 65-128 failed for good
// (64 of 600 records undecided, exit 1) left a manifest that looked like a finished run's.
import { describe, expect, it } from 'vitest';
import { runningStatus } from '../../src/cli/score/runStatus.js';
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
      decidedBy: { mode: 'queue', job: 'qp', workers: { 'host:1': 8 } },
      events: expect.objectContaining({ chunksFailed: 1, chunksEnqueuedAgain: 2 }),
      files: NO_FILES,
    });
    // What `report` says of it: not "525 decisions" alone.
    const warnings = runStatusWarnings('qp.ndjson', { status } as RunManifest, 525);
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
    expect(runStatusWarnings('qp.ndjson', { status } as RunManifest, 0)).toEqual([]);
  });
});
