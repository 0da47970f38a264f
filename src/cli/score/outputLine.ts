import type { Decision } from '../../decision/decision.js';
import type { DecisionErrorData } from '../../decision/toErrorData.js';

/**
 * One line of `creditlift score` output: the input line number first, then the decision or the
 * error. The decision travels as its JSON text (serialised where it was made, possibly a worker
 * thread) with the two numbers the run's summary counts.
 */
export type OutputLine =
  | { readonly line: number; readonly decisionJson: string; readonly outcome: Decision['outcome']; readonly limit: number; readonly apr?: number; readonly previousLimit?: number }
  | { readonly line: number; readonly error: DecisionErrorData };

/** The NDJSON text of an output line. `line` is written first so a resumed run finds it at a fixed place. */
export function formatOutputLine(o: OutputLine): string {
  return 'decisionJson' in o ? `{"line":${o.line},"decision":${o.decisionJson}}\n` : `{"line":${o.line},"error":${JSON.stringify(o.error)}}\n`;
}

const LEADING_LINE = /^\{"line":(\d+),"(decision|error)":/;

/** The input line number an output line records and whether it is an error, or undefined when the text is not a complete output line. */
export function readOutputLineHead(text: string): { readonly line: number; readonly kind: 'decision' | 'error' } | undefined {
  const m = LEADING_LINE.exec(text);
  if (m === null || !text.endsWith('}')) return undefined;
  // A cut-off line can still end in "}" (a nested object closing); only a whole line parses.
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? { line: n, kind: m[2] as 'decision' | 'error' } : undefined;
}

/** The output line of a decision object (serialised here). */
export function decisionLine(line: number, d: Decision): OutputLine {
  return { line, decisionJson: JSON.stringify(d), outcome: d.outcome, limit: d.limit, apr: d.apr, previousLimit: d.previousLimit };
}
