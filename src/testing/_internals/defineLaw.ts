import type fc from 'fast-check';
import type { Scorer } from '../../decision/createScorer.js';
import { ValidationError, type ValidationIssue } from '../../errors/validationError.js';
import type { CreditLaw, CreditLawName, LawPart, LawRunOptions, LawSubject } from '../creditLaw.js';
import { forScorer, lawContext, type LawContext } from './lawContext.js';
import { poolBacked } from './poolBatches.js';
import { lineTally, tallyingPolicy, tallyingScorer, vacuousLineIssue, type LineTally } from './lineTally.js';
import { runLaw } from './runLaw.js';
import { vacuousRunRefusal } from './vacuousRun.js';

/**
 * How one law is checked: on the pure policy, and end to end when a scorer is given. A law about
 * what only a scorer does (what-if previews need a model and a catalog) has no policy half.
 */
export interface LawSpec<P, S> {
  readonly name: CreditLawName;
  readonly description: string;
  readonly policyProperty?: (ctx: LawContext) => fc.IProperty<[P]>;
  readonly scorerProperty?: (ctx: LawContext, scorer: Scorer) => fc.IAsyncProperty<[S]>;
  /**
   * The scorer property decides batches (`decideBatch`), on every run: the law has a pool part,
   * the scorer property again with the batches decided by a pool (see `LawSubject.pool`).
   */
  readonly decidesBatches?: true;
  /**
   * Why the scorer part would check nothing for this scorer (nothing of what the law is about can be
   * drawn from it), as the issue refusing the check (`nothing_to_check`); undefined when there is
   * something to draw. A check that would test nothing is refused, never passed.
   */
  readonly nothingToCheck?: (scorer: Scorer) => ValidationIssue | undefined;
  /**
   * The case a run of the scorer part checks, for a law whose runs may each check nothing (the
   * certificate drawn was not accepted): the property counts each one it checks (`ctx.caseChecked`),
   * and a part that ran without checking one is refused (`nothing_to_check`), never passed. Words
   * that follow "no run checked", e.g. "a certificate the scorer accepted".
   */
  readonly checkedCase?: string;
  /**
   * The law's promise is about a granted line (its size, its caps, its price, its steps): on runs
   * that met no decision granting one it holds of nothing, so such a run is refused
   * (`nothing_to_check`), never passed. Left out by a law that promises something of every decision,
   * a decline too (its reasons, the same decision twice, evidence that cannot count, priors
   * refused), or that draws no decision of the policy's.
   */
  readonly judgedOnLines?: true;
}

/** Each law's spec, for {@link nothingToCheckIssue} and {@link judgedOnLines}. */
const specs = new WeakMap<CreditLaw, LawSpec<unknown, unknown>>();

/**
 * The issue refusing `law` for `subject` because its end-to-end part would draw nothing (see
 * {@link LawSpec.nothingToCheck}), or undefined: the part runs on another subject, or there is
 * something to draw. Asked only of a scorer the kit can read (a malformed one is named elsewhere).
 */
export function nothingToCheckIssue(law: CreditLaw, subject: unknown, part: LawPart | undefined): ValidationIssue | undefined {
  const hook = specs.get(law)?.nothingToCheck;
  const scorer = typeof subject === 'object' && subject !== null ? (subject as LawSubject).scorer : undefined;
  if (hook === undefined || part === 'policy' || typeof scorer !== 'object' || scorer === null || typeof scorer.decide !== 'function') return undefined;
  // A policy the kit cannot read is named by lawContext, with every other problem of the subject.
  const jurisdiction = (scorer.policy as { jurisdiction?: { bannedDataCategories?: unknown } } | undefined)?.jurisdiction;
  if (!Array.isArray(jurisdiction?.bannedDataCategories)) return undefined;
  return hook(scorer as Scorer);
}

/** Whether `law` is refused on runs that met no granted line (see {@link LawSpec.judgedOnLines}). */
export function judgedOnLines(law: CreditLaw): boolean {
  return specs.get(law)?.judgedOnLines === true;
}

/**
 * Why this law would check nothing for these options, as issues: a `part` it does not have, or no
 * scorer for a law checked end to end only. Never a silent pass.
 */
export function lawPartIssues(name: CreditLawName, parts: readonly LawPart[], subject: unknown, options: unknown): ValidationIssue[] {
  const part = typeof options === 'object' && options !== null ? (options as LawRunOptions).part : undefined;
  const given = typeof subject === 'object' && subject !== null ? (subject as LawSubject) : {};
  const { scorer, pool } = given;
  const how: Record<LawPart, string> = {
    policy: 'it is checked end to end only, run it with a scorer',
    scorer: 'leave part out',
    pool: 'it decides no batch, and a batch is all a pool decides: check it with the scorer alone',
  };
  if ((part === 'policy' || part === 'scorer' || part === 'pool') && !parts.includes(part))
    return [{ path: ['part'], code: 'part_unavailable', message: `${name} has no ${part} part (its parts: ${parts.join(', ')}): ${how[part]}` }];
  // A pool given to a law that cannot check it would pass having checked nothing of the pool.
  if (pool !== undefined && part === undefined && !parts.includes('pool'))
    return [
      {
        path: ['subject', 'pool'],
        code: 'part_unavailable',
        message: `${name} has no pool part (its parts: ${parts.join(', ')}): it decides no batch, and a batch is all a pool decides; check it with the scorer alone, or give part 'policy' or 'scorer'`,
      },
    ];
  // part 'scorer' without a scorer is named by lawContext.
  if (!parts.includes('policy') && scorer === undefined && part === undefined)
    return [{ path: ['subject', 'scorer'], code: 'missing_subject', message: `${name} is checked end to end only (it has no policy part): give a scorer` }];
  // numRuns and applyPolicy given to a law with no policy part are not refused here: one settings
  // object serves every law of a loop over creditLaws (the README's), read by each law with the
  // part. assertCreditLaws refuses them when no law it runs has one.
  return [];
}

/**
 * Runs a law's end-to-end part, counting the cases it checks where the law says what they are
 * ({@link LawSpec.checkedCase}): a part that held having checked none is refused, since at
 * `minConfidence: 1` a law about accepted certificates passed having checked nothing at all.
 * A replay (`path`) runs one input to see it again and is not held to a count.
 */
async function runCounted<P, S>(
  spec: LawSpec<P, S>,
  part: 'scorer' | 'pool',
  ctx: LawContext,
  property: (ctx: LawContext) => fc.IAsyncProperty<[S]>,
): Promise<void> {
  let checked = 0;
  const counted: LawContext = { ...forScorer(ctx), caseChecked: () => void checked++ };
  await runLaw(spec, part, property(counted), ctx.scorerRuns);
  if (spec.checkedCase === undefined || checked > 0 || ctx.scorerRuns.path !== undefined) return;
  throw new ValidationError('credit law options', [
    {
      path: ['subject', 'scorer'],
      code: 'nothing_to_check',
      message: `${spec.name} checked nothing on this scorer (${part} part): in ${ctx.scorerRuns.numRuns} run(s) no run checked ${spec.checkedCase} (scorer minConfidence ${ctx.minConfidence}, ${ctx.catalog?.size ?? 0} certificate kind(s)); a law that checked nothing is refused, never passed: raise scorerNumRuns, or see why the scorer accepts none of the kit's valid certificates`,
    },
  ]);
}

/** Builds a frozen {@link CreditLaw} from its properties. */
export function defineLaw<P, S>(spec: LawSpec<P, S>): CreditLaw {
  const { name, description } = spec;
  const parts: readonly LawPart[] = Object.freeze([
    ...(spec.policyProperty === undefined ? [] : ['policy' as const]),
    ...(spec.scorerProperty === undefined ? [] : ['scorer' as const]),
    ...(spec.scorerProperty === undefined || spec.decidesBatches !== true ? [] : ['pool' as const]),
  ]);
  const law: CreditLaw = Object.freeze({
    name,
    description,
    parts,
    nothingToCheck(subject: LawSubject, options?: Pick<LawRunOptions, 'part'>): string | undefined {
      const issue = nothingToCheckIssue(law, subject, typeof options === 'object' && options !== null ? options.part : undefined);
      return issue?.code === 'nothing_to_check' ? issue.message : undefined;
    },
    async check(subject: LawSubject, options?: LawRunOptions): Promise<void> {
      const part = typeof options === 'object' && options !== null ? (options as LawRunOptions).part : undefined;
      const empty = nothingToCheckIssue(law, subject, part);
      const ctx = lawContext(subject, options, [...lawPartIssues(name, parts, subject, options), ...(empty === undefined ? [] : [empty])]);
      // The two parts draw different inputs from one seed, so a replay path belongs to one part:
      // the one named, else the law's first.
      const first: LawPart = spec.policyProperty === undefined ? 'scorer' : 'policy';
      const only = ctx.part ?? (ctx.scorerRuns.path === undefined ? undefined : first);
      // A law about granted lines counts the decisions its runs received: runs that met no line
      // are refused (nothing_to_check), never passed. A replay checks one case by design.
      const judged = spec.judgedOnLines === true && ctx.scorerRuns.path === undefined;
      const lineChecked = async (on: LawPart, run: (tally: LineTally | undefined) => Promise<void>, numRuns: number) => {
        const tally = judged ? lineTally() : undefined;
        await run(tally);
        const vacuous = tally === undefined ? undefined : vacuousLineIssue(name, on, numRuns, tally);
        if (vacuous !== undefined) throw vacuousRunRefusal(vacuous);
      };
      const { policyProperty } = spec;
      if (policyProperty !== undefined && only !== 'scorer')
        await lineChecked(
          'policy',
          (tally) =>
            runLaw(
              spec,
              'policy',
              policyProperty(tally === undefined ? ctx : { ...ctx, decidePolicy: tallyingPolicy(ctx.decidePolicy, tally) }),
              ctx.policyRuns,
            ),
          ctx.policyRuns.numRuns,
        );
      const { scorer, catalog } = ctx;
      const { scorerProperty } = spec;
      if (only === 'policy' || scorer === undefined || catalog === undefined || scorerProperty === undefined) return;
      const counted = (s: Scorer, tally: LineTally | undefined) => (tally === undefined ? s : tallyingScorer(s, tally));
      // End to end the scorer runs its own policy: lawContext refused a `policy` that is not it.
      // Evidence is drawn from the scorer's catalog (forScorer), the lender's own kinds included,
      // and a law that draws a certificate itself passes `ctx.catalog`.
      if (only !== 'pool')
        await lineChecked('scorer', (tally) => runCounted(spec, 'scorer', ctx, (c) => scorerProperty(c, counted(scorer, tally))), ctx.scorerRuns.numRuns);
      // The pool: the same property, every batch decided by the pool and held to the scorer's.
      const { pool } = ctx;
      if (only === 'scorer' || pool === undefined || !parts.includes('pool')) return;
      await lineChecked(
        'pool',
        (tally) => runCounted(spec, 'pool', ctx, (c) => scorerProperty(c, counted(poolBacked(scorer, pool), tally))),
        ctx.scorerRuns.numRuns,
      );
    },
  });
  specs.set(law, spec as LawSpec<unknown, unknown>);
  return law;
}
