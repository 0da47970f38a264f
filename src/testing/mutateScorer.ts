import { deepFreeze } from '../common/deepFreeze.js';
import type { Scorer } from '../decision/createScorer.js';
import type { Decision } from '../decision/decision.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { readOptions } from '../errors/readOptions.js';

/** The paths of a scorer whose decisions {@link mutateScorer} can edit. */
export const MUTANT_PATHS = deepFreeze(['decide', 'decideBatch', 'reassess', 'requestReduction', 'recordReview', 'recordContest'] as const);

/** One path of a scorer whose decisions {@link mutateScorer} edits. */
export type MutantPath = (typeof MUTANT_PATHS)[number];

/** Where an edited decision came from: its path, and on a follow-up path the (sealed, unedited) prior it followed. */
export interface MutantEditContext {
  readonly path: MutantPath;
  /** The prior, on `reassess`, `requestReduction`, `recordReview` and `recordContest`. */
  readonly prior?: Decision;
}

/** Options of {@link mutateScorer}. */
export interface MutateScorerOptions {
  /** The paths whose decisions are edited. Default: all of {@link MUTANT_PATHS}. */
  readonly paths?: readonly MutantPath[];
  /**
   * On `decideBatch`, edit only batches of at least this many records (default 1), e.g. 2 for a
   * fault of the batch path that a batch of one, compared with `decide`, would not show.
   */
  readonly minBatch?: number;
}

/** The options read once into a plain copy (a getter or Proxy is `unreadable_input`, never thrown raw), and every fault of them. */
function readMutateOptions(options: MutateScorerOptions | undefined): { readonly value: MutateScorerOptions | undefined; readonly issues: ValidationIssue[] } {
  const read = readOptions(options, ['paths', 'minBatch'], [], (k) => `unknown option "${k}"; known: paths, minBatch`);
  const issues = read.issues.map(
    (i): ValidationIssue =>
      i.path.length === 0 && i.code === 'invalid_type'
        ? { path: ['options'], code: 'invalid_type', message: 'options must be an object ({ paths, minBatch }) or left out' }
        : i,
  );
  const o = read.value;
  if (o === undefined) return { value: undefined, issues };
  if (o.paths !== undefined) {
    if (!Array.isArray(o.paths) || o.paths.length === 0)
      issues.push({ path: ['paths'], code: 'invalid_type', message: `paths must be a non-empty array of ${MUTANT_PATHS.join(', ')}` });
    else
      o.paths.forEach((p, i) => {
        if (!(MUTANT_PATHS as readonly unknown[]).includes(p))
          issues.push({ path: ['paths', i], code: 'invalid_value', message: `unknown path ${JSON.stringify(p)}; known: ${MUTANT_PATHS.join(', ')}` });
      });
  }
  if (o.minBatch !== undefined && !(Number.isInteger(o.minBatch) && (o.minBatch as number) >= 1))
    issues.push({ path: ['minBatch'], code: 'out_of_range', message: 'minBatch must be an integer of at least 1' });
  return { value: o as MutateScorerOptions, issues };
}

/**
 * **For testing the credit laws only.** A deliberately broken scorer: the scorer, with the
 * decisions of the chosen paths passed through `edit`, every other path and method untouched (the
 * `safe*` methods, `suggest` and the rest are the scorer's own). Run the laws against it to see
 * that they catch your kind of mistake (a wrapper, a promotion, an override) before it reaches a
 * customer: a mutant the laws pass is a gap in your checks.
 *
 * An edited decision is not re-sealed (its content no longer matches its `audit.contentHash`, as
 * a tampered decision's would not): where it comes back as a prior (`reassess`, `requestReduction`,
 * `recordReview`, `recordContest` of it) the mutant hands the scorer the sealed original it was
 * edited from, so the follow-up is the scorer's own and a law catches the edit, never a
 * `PriorInvalidError`. Never serve decisions from a mutant.
 *
 * @example
 * // A reassessment that raises every line a step above what the engine allows:
 * const mutant = mutateScorer(scorer, (d) => (d.limit > 0 ? { ...d, limit: d.limit + 10_000 } : d), { paths: ['reassess'] });
 * await expect(creditLaws.step_limits_hold.check({ scorer: mutant })).rejects.toThrow(CreditLawViolation);
 *
 * @throws ValidationError naming every bad option (`paths` not of {@link MUTANT_PATHS}, `minBatch`
 *   below 1, an unknown key) or a scorer that is not one (`scorer`, `edit`).
 */
export function mutateScorer<S extends Scorer<never>>(
  scorer: S,
  edit: (decision: Decision, at: MutantEditContext) => Decision,
  given?: MutateScorerOptions,
): S {
  const { value: options, issues } = readMutateOptions(given);
  if (typeof scorer !== 'object' || scorer === null || typeof (scorer as { decide?: unknown }).decide !== 'function')
    issues.unshift({ path: ['scorer'], code: 'invalid_type', message: 'scorer must be a Scorer from createScorer' });
  if (typeof edit !== 'function') issues.push({ path: ['edit'], code: 'invalid_type', message: 'edit must be a function from a decision to a decision' });
  if (issues.length > 0) throw new ValidationError('mutateScorer options', issues);
  const paths = new Set<MutantPath>(options?.paths ?? MUTANT_PATHS);
  const minBatch = options?.minBatch ?? 1;
  const s = scorer as unknown as Scorer;
  const originals = new WeakMap<Decision, Decision>();
  const sealed = (d: Decision) => originals.get(d) ?? d;
  const edited = (d: Decision, at: MutantEditContext): Decision => {
    if (!paths.has(at.path)) return d;
    const e = edit(d, at);
    if (e !== d) originals.set(e, d);
    return e;
  };
  const mutant: Scorer = {
    ...s,
    policy: s.policy,
    decide: async (a, o) => edited(await s.decide(a, o), { path: 'decide' }),
    decideBatch: async (as, o) => {
      const results = await s.decideBatch(as, o);
      return as.length < minBatch ? results : results.map((r) => (r.ok ? { ...r, decision: edited(r.decision, { path: 'decideBatch' }) } : r));
    },
    reassess: async (p, u, o) => {
      const prior = sealed(p);
      return edited(await s.reassess(prior, u, o), { path: 'reassess', prior });
    },
    requestReduction: (p, amount, o) => {
      const prior = sealed(p);
      return edited(s.requestReduction(prior, amount, o), { path: 'requestReduction', prior });
    },
    recordReview: (p, review, o) => {
      const prior = sealed(p);
      return edited(s.recordReview(prior, review, o), { path: 'recordReview', prior });
    },
    recordContest: (p, contest, o) => {
      const prior = sealed(p);
      return edited(s.recordContest(prior, contest, o), { path: 'recordContest', prior });
    },
  };
  return mutant as unknown as S;
}
