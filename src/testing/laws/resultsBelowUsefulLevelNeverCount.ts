import fc from 'fast-check';
import type { Catalog } from '../../catalog/resolveCatalog.js';
import type { Scorer } from '../../decision/createScorer.js';
import type { Decision } from '../../decision/decision.js';
import type { Applicant } from '../../schema/applicant.js';
import type { CertificateEvidence } from '../../schema/certificateEvidence.js';
import type { CreditLaw } from '../creditLaw.js';
import { certificateEvidenceArbitrary } from '../certificateEvidenceArbitrary.js';
import { batchDecisions } from '../_internals/batchDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import type { LawContext } from '../_internals/lawContext.js';
import { requireLaw } from '../_internals/runLaw.js';

const catalogs = new WeakMap<Scorer, Catalog>();

/** The scorer's own kinds as a catalog (what its uploads are assessed against), made once per scorer. */
function catalogOf(scorer: Scorer): Catalog {
  let catalog = catalogs.get(scorer);
  if (catalog === undefined) catalogs.set(scorer, (catalog = new Map(scorer.certificateKinds.map((k) => [k.id, k]))));
  return catalog;
}

/**
 * An applicant and a certificate of one of the scorer's kinds whose result is below the kind's
 * useful level, or none when no kind of the catalog has such a result this applicant could hold
 * (pass/fail kinds only): then the run checks nothing.
 */
type Drawn = { readonly applicant: Applicant; readonly worthless: CertificateEvidence | null };

function drawn(ctx: LawContext, scorer: Scorer): fc.Arbitrary<Drawn> {
  const catalog = catalogOf(scorer);
  return ctx.applicants(1).chain((applicant): fc.Arbitrary<Drawn> => {
    try {
      return certificateEvidenceArbitrary({ applicant, validity: 'below_useful_level', catalog, minConfidence: ctx.minConfidence }).map(
        (worthless): Drawn => ({ applicant, worthless }),
      );
    } catch {
      return fc.constant<Drawn>({ applicant, worthless: null });
    }
  });
}

/** What the line and its price are made of: the same with and without an item that counts for nothing. */
function counted(d: Decision) {
  return {
    outcome: d.outcome,
    pd: d.pd,
    limit: d.limit,
    apr: d.apr,
    reasons: d.reasons.map((r) => r.code),
    certificateImpacts: d.certificateImpacts.map((c) => `${c.index} ${c.kind} ${c.pdReduction} ${c.limitGain}`),
    suggestions: d.suggestions.items.map((s) => `${s.kind} ${s.pd} ${s.limit}`),
  };
}

function compare(path: string, before: Decision, after: Decision, item: CertificateEvidence): void {
  const what = `${item.kind} of ${item.score ?? item.level ?? '(no result)'}`;
  const assessed = after.evidence.at(-1);
  requireLaw(
    assessed?.status === 'rejected',
    () =>
      `${path}: a ${what}, below its kind's useful level, was ${assessed?.status ?? 'missing'} (strength ${assessed?.strength}) instead of refused with a reason`,
  );
  const [a, b] = [counted(before), counted(after)];
  for (const key of Object.keys(a) as (keyof typeof a)[]) {
    requireLaw(
      JSON.stringify(a[key]) === JSON.stringify(b[key]),
      () => `${path}: adding a ${what}, below its kind's useful level, changed ${key} from ${JSON.stringify(a[key])} to ${JSON.stringify(b[key])}`,
    );
  }
}

/** A result below its kind's useful level (a fail, a CET-6 of 221, 1 follower) is no evidence for a higher limit. */
export const resultsBelowUsefulLevelNeverCount: CreditLaw = defineLaw({
  name: 'results_below_useful_level_never_count',
  description:
    "A certificate whose result is below its kind's useful level (the scale's usefulFrom, else a scale value of 0.1: a TEM-8 fail, a CET-6 under 425, a 4.01 driver rating, 1 follower) is refused with a reason and counts for nothing: deciding with it gives the outcome, PD, limit, APR, reasons, certificate impacts and suggestions of deciding without it, alone (decide) and in a batch (decideBatch). Scorer only: results are read on the scorer's catalog.",
  decidesBatches: true,
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(drawn(ctx, scorer), async ({ applicant, worthless }) => {
      if (worthless === null) return;
      const withIt = { ...applicant, evidence: [...applicant.evidence, worthless] };
      compare('decide', await scorer.decide(applicant), await scorer.decide(withIt), worthless);
      const [before, after] = batchDecisions(await scorer.decideBatch([applicant, withIt])) as [Decision, Decision];
      compare('decideBatch', before, after, worthless);
    }),
});
