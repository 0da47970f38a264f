import type { Decision } from '../../decision/decision.js';
import type { DecisionErrorData } from '../../decision/toErrorData.js';
import { highestPlanCost } from '../../policy/averageCostOfNewLines.js';

/**
 * One line of `creditlift score` output: the input line number first, then the decision or the
 * error. The decision travels as its JSON text (serialised where it was made, possibly a worker
 * process) with the numbers the run's summary counts.
 */
export type OutputLine =
  | {
      readonly line: number;
      readonly decisionJson: string;
      readonly outcome: Decision['outcome'];
      readonly limit: number;
      readonly previousLimit?: number;
      /** The dearest plan the decision offers (`highestPlanCost`), for the average cost of new lines. */
      readonly highestPlanCost?: number | null;
    }
  | { readonly line: number; readonly error: DecisionErrorData };

/** The NDJSON text of an output line. `line` is written first so a resumed run finds it at a fixed place. */
export function formatOutputLine(o: OutputLine): string {
  return 'decisionJson' in o ? `{"line":${o.line},"decision":${o.decisionJson}}\n` : `{"line":${o.line},"error":${JSON.stringify(o.error)}}\n`;
}

const LEADING_LINE = /^\{"line":(\d+),"(decision|error)":/;

/** What {@link readOutputLineHead} reads from an output line. */
export interface OutputLineHead {
  readonly line: number;
  readonly kind: 'decision' | 'error';
  /** The error's code, for an error line (`worker_failed` lines are re-decided by `--resume`). */
  readonly errorCode?: string;
  /** The line's decision as parsed, for a decision line. */
  readonly decision?: unknown;
}

/** The input line number an output line records, whether it is an error (and its code) or a decision (and the decision), or undefined when the text is not a complete output line. */
export function readOutputLineHead(text: string): OutputLineHead | undefined {
  const m = LEADING_LINE.exec(text);
  if (m === null || !text.endsWith('}')) return undefined;
  // A cut-off line can still end in "}" (a nested object closing); only a whole line parses.
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const n = Number(m[1]);
  if (!Number.isSafeInteger(n) || n <= 0) return undefined;
  if (m[2] === 'decision') return { line: n, kind: 'decision', decision: (parsed as { decision?: unknown }).decision };
  const code = (parsed as { error?: { code?: unknown } }).error?.code;
  return typeof code === 'string' ? { line: n, kind: 'error', errorCode: code } : { line: n, kind: 'error' };
}

/** The output line of a decision object (serialised here). */
export function decisionLine(line: number, d: Decision): OutputLine {
  return {
    line,
    decisionJson: JSON.stringify(d),
    outcome: d.outcome,
    limit: d.limit,
    previousLimit: d.previousLimit,
    highestPlanCost: highestPlanCost(d.plans),
  };
}
