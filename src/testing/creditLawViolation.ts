import type { CreditLawName, LawPart, LawReplayOptions } from './creditLaw.js';
import { SCORER_SHRINK_BUDGET_MS } from './_internals/shrinkBudget.js';

/** The facts of one violation, as plain data. */
export interface CreditLawViolationDetails {
  readonly law: CreditLawName;
  readonly description: string;
  readonly part: LawPart;
  /** Why the counterexample breaks the law, in words and numbers. */
  readonly why: string;
  /** The shrunk minimal counterexample (applicant, PD, ... by name). */
  readonly counterexample: unknown;
  readonly numShrinks: number;
  /**
   * True when shrinking stopped at the kit's budget end to end (20 s of the scorer or pool part
   * from the first failure, so a failing law reports within a test timeout) with candidates left
   * untried: the counterexample breaks the law but may not be the smallest, and the same seed run
   * again may shrink it further or less far (`replay` gives this one exactly). Absent is false.
   */
  readonly shrinkCutShort?: boolean;
  /** fast-check seed and path that replay the failure (in `part`). */
  readonly seed: number;
  readonly path: string | null;
  /** Every run option that replays exactly this failure, as printed: `creditLaws[law].check(subject, replay)`. */
  readonly replay: LawReplayOptions;
}

/** The replay options as the object literal a caller copies; keys in a fixed order. */
function formatReplay(replay: LawReplayOptions): string {
  const keys = ['seed', 'path', 'part', 'segment', 'asOf'] as const;
  const fields = keys.flatMap((k) => (replay[k] === undefined ? [] : [`${k}: ${JSON.stringify(replay[k])}`]));
  // An arbitrary does not print: the caller passes the same one again.
  if (replay.attributes !== undefined) fields.push('attributes /* the same attributes option */');
  return `{ ${fields.join(', ')} }`;
}

function render(d: CreditLawViolationDetails): string {
  const example = d.counterexample === undefined ? '(none: the property could not run)' : JSON.stringify(d.counterexample, null, 2);
  return [
    `Credit law "${d.law}" failed (${d.part}): ${d.description}`,
    `Why: ${d.why}`,
    d.shrinkCutShort === true
      ? `Counterexample (shrunk ${d.numShrinks} time(s), then stopped at the kit's budget of ${SCORER_SHRINK_BUDGET_MS / 1000} s of shrinking end to end: it may shrink further; Reproduce replays this one):`
      : `Minimal counterexample (shrunk ${d.numShrinks} time(s)):`,
    example,
    `Reproduce: creditLaws.${d.law}.check(subject, ${formatReplay(d.replay)})`,
  ].join('\n');
}

/**
 * Thrown when a credit law fails: names the law, says why, and carries the shrunk minimal
 * counterexample. When several laws fail at once, the first is thrown and the others are in
 * `alsoFailed`, and named in the message.
 */
export class CreditLawViolation extends Error implements CreditLawViolationDetails {
  readonly law: CreditLawName;
  readonly description: string;
  readonly part: LawPart;
  readonly why: string;
  readonly counterexample: unknown;
  readonly numShrinks: number;
  readonly shrinkCutShort: boolean;
  readonly seed: number;
  readonly path: string | null;
  readonly replay: LawReplayOptions;
  /** Other laws that failed in the same run. */
  readonly alsoFailed: readonly CreditLawViolation[];

  constructor(details: CreditLawViolationDetails, alsoFailed: readonly CreditLawViolation[] = []) {
    const others =
      alsoFailed.length === 0 ? '' : `\n\nAlso failed: ${alsoFailed.map((v) => v.law).join(', ')}\n\n${alsoFailed.map((v) => v.message).join('\n\n')}`;
    super(`${render(details)}${others}`);
    this.name = 'CreditLawViolation';
    this.law = details.law;
    this.description = details.description;
    this.part = details.part;
    this.why = details.why;
    this.counterexample = details.counterexample;
    this.numShrinks = details.numShrinks;
    this.shrinkCutShort = details.shrinkCutShort === true;
    this.seed = details.seed;
    this.path = details.path;
    this.replay = details.replay;
    this.alsoFailed = alsoFailed;
  }

  /** Plain data, safe to log: the details without the stack. */
  toJSON(): CreditLawViolationDetails & { readonly name: string; readonly alsoFailed: readonly CreditLawName[] } {
    const { law, description, part, why, counterexample, numShrinks, shrinkCutShort, seed, path } = this;
    // The attributes option is an arbitrary or a function: not data.
    const { attributes: _notData, ...replay } = this.replay;
    return {
      name: this.name,
      law,
      description,
      part,
      why,
      counterexample,
      numShrinks,
      shrinkCutShort,
      seed,
      path,
      replay,
      alsoFailed: this.alsoFailed.map((v) => v.law),
    };
  }
}
