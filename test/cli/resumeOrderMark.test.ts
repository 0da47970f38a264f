// F44: what a resume records before it writes an answer out of input order (see test/deep/resumeOrderRecorded
// for the run killed with -9).
import { describe, expect, it } from 'vitest';
import { ResumeOrderMark } from '../../src/cli/score/resumeOrderMark.js';
import type { ResumeState } from '../../src/cli/score/resumeState.js';
import type { RunStatus } from '../../src/cli/score/runManifestSchema.js';
import { runningStatus } from '../../src/cli/score/runStatus.js';
import { LineRangeList } from '../../src/cli/score/lineRanges.js';
import { LineSet } from '../../src/cli/score/lineSet.js';

/** What a resume found: input lines 1 and 5 to 8 answered, 2 to 4 not (missing, once met). */
function found(): ResumeState {
  const done = new LineSet();
  for (const line of [1, 5, 6, 7, 8]) done.add(line);
  const missing = new LineRangeList();
  return {
    done,
    rejected: 0,
    cut: [],
    retried: 1,
    unreadable: [],
    repeated: [],
    foreign: [],
    conflicts: [],
    highest: 8,
    highestDecision: 8,
    highestError: 0,
    answered: (line) => done.has(line) || (missing.addRange(line), false),
    missing: () => missing,
  };
}

/** Lines 1, 5 and 8 decided in the output, 6 and 7 rejected into the errors file apart. */
function foundApart(): ResumeState {
  return { ...found(), rejected: 2, highestDecision: 8, highestError: 7 };
}

const resumedStatus = (lineOrder?: RunStatus['lineOrder'], errorsApart = false): RunStatus =>
  runningStatus(
    {
      state: 'incomplete',
      runs: 1,
      decidedBy: { mode: 'in-process' },
      events: runningStatus(undefined, { mode: 'in-process' }).events,
      ...(lineOrder === undefined ? {} : { lineOrder }),
    },
    { mode: 'in-process' },
    true,
    errorsApart,
  );

describe('ResumeOrderMark', () => {
  it('records once, before the first answer below the highest line answered, with the counts known then; never for answers above it', async () => {
    const recorded: RunStatus[] = [];
    const resumed = found();
    const mark = new ResumeOrderMark(resumedStatus(), resumed, async (s) => void recorded.push(s));
    expect(mark.status.lineOrder).toBe('input');
    await mark.beforeWriting(9);
    expect(recorded).toHaveLength(0);
    resumed.answered(2);
    await Promise.all([mark.beforeWriting(2), mark.beforeWriting(3)]);
    await mark.beforeWriting(4);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ state: 'running', runs: 2, lineOrder: 'resumedDecidingAgain' });
    expect(recorded[0]?.events).toMatchObject({ missingAnswersDecidedAgain: 1, workerFailedDecidedAgain: 1 });
    // What the end adds its counts to: the order, not the counts (added once, at the end).
    expect(mark.status).toMatchObject({ lineOrder: 'resumedDecidingAgain', events: { missingAnswersDecidedAgain: 0 } });
  });

  it('a record that fails fails every answer out of order after it: none is written unsaid', async () => {
    let calls = 0;
    const mark = new ResumeOrderMark(resumedStatus(), found(), async () => {
      calls++;
      throw new Error('disk full');
    });
    await expect(mark.beforeWriting(2)).rejects.toThrow('disk full');
    await expect(mark.beforeWriting(3)).rejects.toThrow('disk full');
    await expect(mark.beforeWriting(9)).resolves.toBeUndefined();
    expect(calls).toBe(1);
  });

  it('not rewritten when an earlier resume said it; nothing for a run that resumes nothing', async () => {
    let calls = 0;
    const said = new ResumeOrderMark(resumedStatus('resumedDecidingAgain'), found(), async () => void calls++);
    await said.beforeWriting(2);
    const fresh = new ResumeOrderMark(runningStatus(undefined, { mode: 'in-process' }), undefined, async () => void calls++);
    await fresh.beforeWriting(1);
    expect(calls).toBe(0);
    expect(fresh.status.lineOrder).toBe('input');
  });

  it("a resumed run's order, when its manifest records none (an older creditlift): input after one run, else not known", () => {
    const events = runningStatus(undefined, { mode: 'in-process' }).events;
    const older = (runs: number) => runningStatus({ state: 'incomplete', runs, decidedBy: { mode: 'in-process' }, events }, { mode: 'in-process' });
    expect(older(1).lineOrder).toBe('input');
    expect(older(2).lineOrder).toBeUndefined();
    expect(runningStatus(undefined, { mode: 'in-process' }, true).lineOrder).toBeUndefined();
  });

  it('errors apart: each file keeps its own order; an answer out of order in one marks that file alone (both were marked)', async () => {
    const recorded: RunStatus[] = [];
    const mark = new ResumeOrderMark(resumedStatus(undefined, true), foundApart(), async (s) => void recorded.push(s), true);
    expect(mark.status).toMatchObject({ lineOrder: 'input', errorsLineOrder: 'input' });
    // Below the output's highest line (8), above the errors file's (7): in order in the file it goes to.
    await mark.beforeWriting(9, 'error');
    await mark.beforeWriting(9, 'decision');
    expect(recorded).toHaveLength(0);
    await mark.beforeWriting(2, 'error');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ lineOrder: 'input', errorsLineOrder: 'resumedDecidingAgain' });
    await mark.beforeWriting(3, 'decision');
    expect(recorded).toHaveLength(2);
    expect(recorded[1]).toMatchObject({ lineOrder: 'resumedDecidingAgain', errorsLineOrder: 'resumedDecidingAgain' });
    // One file: an error line goes to the output, and marks it.
    const one: RunStatus[] = [];
    const shared = new ResumeOrderMark(resumedStatus(), found(), async (s) => void one.push(s));
    await shared.beforeWriting(2, 'error');
    expect(one[0]?.lineOrder).toBe('resumedDecidingAgain');
    expect(one[0]?.errorsLineOrder).toBeUndefined();
  });

  it("errors apart: a resume of a manifest recording one order for both files (an older creditlift's) starts each file from it", () => {
    expect(resumedStatus('input', true)).toMatchObject({ lineOrder: 'input', errorsLineOrder: 'input' });
    expect(resumedStatus('resumedDecidingAgain', true)).toMatchObject({ lineOrder: 'resumedDecidingAgain', errorsLineOrder: 'resumedDecidingAgain' });
  });
});
