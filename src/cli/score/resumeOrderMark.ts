import type { ResumeState } from './resumeState.js';
import type { RunStatus } from './runManifestSchema.js';
import { decidingAgainStatus, resumeEvents } from './runStatus.js';

/** What an answer line is, and so which file it goes to: a decision to the output, an error line to `--errors`. */
export type AnswerKind = 'decision' | 'error';

/** The status field that says a file's order: the output's, or the errors file's when apart. */
type OrderField = 'lineOrder' | 'errorsLineOrder';

/**
 * What keeps a resumed run's manifest true to the order of each file it writes. An answer to an
 * input line below the highest one its file already answers goes after the rest, out of input
 * order; before the first such answer in a file is written, the manifest is rewritten (whole, synced
 * to disk) to say so for that file (`status.lineOrder` for the output, `status.errorsLineOrder` for
 * an errors file apart: `resumedDecidingAgain`), with what the run took out and decides again as
 * known then. So a run killed from there on (kill -9, power lost) leaves it said, and a manifest
 * that does not say it vouches for the input order: the readers refuse lines out of it
 * (`lineOrderOf`). One order for both files marked the output out of order for an error line
 * written after the errors file's rest.
 */
export class ResumeOrderMark {
  private readonly marking = new Map<OrderField, Promise<void>>();

  /**
   * @param running the status the run wrote as it began
   * @param resumed what the run found in the output it continues; undefined for a run that does not
   * @param record rewrites the manifest's status, durably
   * @param errorsApart the run writes its error lines to a file of their own
   */
  constructor(
    private running: RunStatus,
    private readonly resumed: ResumeState | undefined,
    private readonly record: (status: RunStatus) => Promise<void>,
    private readonly errorsApart = false,
  ) {}

  /** The status the run began with, with the order it recorded since: what its end adds to. */
  get status(): RunStatus {
    return this.running;
  }

  /**
   * Resolves once an answer (`kind`) to input `line` may be written: at once for one in input order
   * in its file, else once the manifest says that file's answers are out of order (recorded once per
   * file; every later call waits on the same write, and fails as it failed, so nothing is written
   * out of order unsaid).
   */
  beforeWriting(line: number, kind: AnswerKind = 'decision'): Promise<void> {
    if (this.resumed === undefined) return IN_ORDER;
    const apart = this.errorsApart && kind === 'error';
    const highest = !this.errorsApart ? this.resumed.highest : apart ? this.resumed.highestError : this.resumed.highestDecision;
    if (line >= highest) return IN_ORDER;
    const field: OrderField = apart ? 'errorsLineOrder' : 'lineOrder';
    let marking = this.marking.get(field);
    if (marking === undefined) {
      const said = this.running[field] === 'resumedDecidingAgain';
      this.running = { ...this.running, [field]: 'resumedDecidingAgain' };
      // A manifest saying it already (an earlier resume) needs no rewrite: the end adds the counts.
      marking = said ? IN_ORDER : this.record(decidingAgainStatus(this.running, resumeEvents(this.resumed, this.resumed.missing().count)));
      this.marking.set(field, marking);
    }
    return marking;
  }
}

const IN_ORDER = Promise.resolve();
