import type fc from 'fast-check';
import type { Scorer } from '../../decision/createScorer.js';
import type { CreditLaw, CreditLawName, LawPart, LawRunOptions, LawSubject } from '../creditLaw.js';
import { forScorer, lawContext, type LawContext } from './lawContext.js';
import { runLaw } from './runLaw.js';

/**
 * How one law is checked: on the pure policy, and end to end when a scorer is given. A law about
 * what only a scorer does (what-if previews need a model and a catalog) has no policy half.
 */
export interface LawSpec<P, S> {
  readonly name: CreditLawName;
  readonly description: string;
  readonly policyProperty?: (ctx: LawContext) => fc.IProperty<[P]>;
  readonly scorerProperty?: (ctx: LawContext, scorer: Scorer) => fc.IAsyncProperty<[S]>;
}

/** Builds a frozen {@link CreditLaw} from its properties. */
export function defineLaw<P, S>(spec: LawSpec<P, S>): CreditLaw {
  const { name, description } = spec;
  return Object.freeze({
    name,
    description,
    async check(subject: LawSubject, options?: LawRunOptions): Promise<void> {
      const ctx = lawContext(subject, options);
      // The two parts draw different inputs from one seed, so a replay path belongs to one part:
      // the one named, else the law's first.
      const first: LawPart = spec.policyProperty === undefined ? 'scorer' : 'policy';
      const only = options?.part ?? (options?.path === undefined ? undefined : first);
      if (spec.policyProperty !== undefined && only !== 'scorer') await runLaw(spec, 'policy', spec.policyProperty(ctx), ctx.policyRuns);
      const { scorer, catalog } = ctx;
      const { scorerProperty } = spec;
      if (only === 'policy' || scorer === undefined || catalog === undefined || scorerProperty === undefined) return;
      // End to end the scorer runs its own policy: lawContext refused a `policy` that is not it.
      // Evidence is drawn from the scorer's catalog (forScorer), the lender's own kinds included,
      // and a law that draws a certificate itself passes `ctx.catalog`.
      await runLaw(spec, 'scorer', scorerProperty(forScorer(ctx), scorer), ctx.scorerRuns);
    },
  });
}
