import type { ResumeState } from './resumeState.js';
import type { RunStatus } from './runManifestSchema.js';
import { decidingAgainStatus, resumeEvents } from './runStatus.js';

/**
 * What keeps a resumed run's manifest true to the order of its output. An answer to an input line
 * below the highest one the output already answers goes after the rest, out of input order; before
 * the first such answer is written, the manifest is rewritten (whole, synced to disk) to say the
 * run decides records again (`status.lineOrder` `resumedDecidingAgain`), with what it took out and
 * decides again as known then. So a run killed from there on (kill -9, power lost) leaves it said,
 * and a manifest that does not say it vouches for the input order: the readers refuse lines out of
 * it (`lineOrderOf`). Recorded when it ended only, such a kill left the order unsaid.
 */
export class ResumeOrderMark {
  private marking: Promise<void> | undefined;

  /**
   * @param running the status the run wrote as it began
   * @param resumed what the run found in the output it continues; undefined for a run that does not
   * @param record rewrites the manifest's status, durably
   */
  constructor(
    private running: RunStatus,
    private readonly resumed: ResumeState | undefined,
    private readonly record: (status: RunStatus) => Promise<void>,
  ) {}

  /** The status the run began with, with the order it recorded since: what its end adds to. */
  get status(): RunStatus {
    return this.running;
  }

  /**
   * Resolves once an answer to input `line` may be written: at once for one in input order, else
   * once the manifest says the run decides records again (recorded once; every later call waits on
   * the same write, and fails as it failed, so nothing is written out of order unsaid).
   */
  beforeWriting(line: number): Promise<void> {
    if (this.resumed === undefined || line >= this.resumed.highest) return IN_ORDER;
    if (this.marking === undefined) {
      const said = this.running.lineOrder === 'resumedDecidingAgain';
      this.running = { ...this.running, lineOrder: 'resumedDecidingAgain' };
      // A manifest saying it already (an earlier resume) needs no rewrite: the end adds the counts.
      this.marking = said ? IN_ORDER : this.record(decidingAgainStatus(this.running, resumeEvents(this.resumed, this.resumed.missing().count)));
    }
    return this.marking;
  }
}

const IN_ORDER = Promise.resolve();
