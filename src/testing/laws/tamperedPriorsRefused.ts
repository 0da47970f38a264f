import fc from 'fast-check';
import { NO_AUDIT_KEYS, sealDecision, type UnsealedDecision } from '../../decision/audit.js';
import type { Scorer } from '../../decision/createScorer.js';
import type { Decision } from '../../decision/decision.js';
import { lineOnFileAfter } from '../../decision/lineOnFile.js';
import { CreditliftError } from '../../errors/creditliftError.js';
import type { Applicant } from '../../schema/applicant.js';
import type { CreditLaw } from '../creditLaw.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { requireLaw } from '../_internals/runLaw.js';

type Path = readonly (string | number)[];

/** Every leaf of a JSON value, by path: the places a stored decision can be edited. */
function leafPaths(v: unknown, at: Path = []): Path[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leafPaths(x, [...at, i]));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => leafPaths(x, [...at, k]));
  return [at];
}

/** `d` with the leaf at `path` changed: a number moved by one, a string lengthened, a boolean flipped, null made 0. */
function editedAt(d: Decision, path: Path): Decision {
  const copy = structuredClone(d) as unknown as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  const v = node[last];
  node[last] = typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}0` : typeof v === 'boolean' ? !v : 0;
  return copy as unknown as Decision;
}

/**
 * `d` with its limit raised by a step and its keyless content hash recomputed, as a forger would:
 * the stale signature kept when it had one, a made-up one when it had none.
 */
function forged(d: Decision, step: number): Decision {
  const { contentHash: _c, signature, ...audit } = d.audit;
  const resealed = sealDecision({ ...d, limit: d.limit + step, audit } as UnsealedDecision, NO_AUDIT_KEYS);
  return { ...resealed, audit: { ...resealed.audit, signature: signature ?? 'f'.repeat(64) } };
}

type Tamper = { readonly kind: 'edit'; readonly leaf: number } | { readonly kind: 'forge' } | { readonly kind: 'drop_key'; readonly leaf: number };

/** `d` with one leaf's key removed from its object (or an array element dropped). */
function withoutLeaf(d: Decision, path: Path): Decision {
  const copy = structuredClone(d) as unknown as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (Array.isArray(node)) node.splice(last as number, 1);
  else delete node[last];
  return copy as unknown as Decision;
}

/** What each follow-up does with `prior`: `accepted`, or what it threw. */
async function followUps(scorer: Scorer, prior: Decision, applicant: Applicant, amount: number): Promise<readonly [string, unknown][]> {
  const out: [string, unknown][] = [];
  const attempt = async (name: string, f: () => unknown): Promise<void> => {
    try {
      await f();
      out.push([name, 'accepted']);
    } catch (e) {
      out.push([name, e]);
    }
  };
  await attempt('reassess', () => scorer.reassess(prior, { applicant, evidence: [] }));
  await attempt('requestReduction', () => scorer.requestReduction(prior, amount));
  await attempt('recordReview', () =>
    scorer.recordReview(prior, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, note: 'credit law' }, { applicant }),
  );
  await attempt('recordContest', () => scorer.recordContest(prior, { statement: 'credit law: please look again' }, { applicant }));
  return out;
}

/**
 * A stored decision changed after it was sealed is never a prior: every follow-up refuses it. A
 * scorer (or a lender's wrapper of one) that repairs, re-decides or reseals a prior it was given
 * would let an edited line through.
 */
export const tamperedPriorsRefused: CreditLaw = defineLaw({
  name: 'tampered_priors_refused',
  description:
    'A decision changed after it was sealed (any one value edited, any one key removed, or its limit raised with the content hash recomputed and a signature it does not hold) is refused as a prior by every follow-up (reassess, requestReduction, recordReview, recordContest) with a PriorInvalidError (`prior_invalid`), never decided on; the decision as made is taken by a reduction.',
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(
      fc.record({
        applicant: ctx.applicants(2),
        tamper: fc.oneof(
          fc.record({ kind: fc.constant('edit' as const), leaf: fc.nat() }),
          fc.record({ kind: fc.constant('drop_key' as const), leaf: fc.nat() }),
          fc.record({ kind: fc.constant('forge' as const) }),
        ) as fc.Arbitrary<Tamper>,
      }),
      async ({ applicant, tamper }) => {
        const d = await scorer.decide(applicant);
        const step = ctx.policy.limits.roundingStep;
        // At or above the line on file (never below the product minimum): a reduction that keeps the line.
        const amount = Math.max(lineOnFileAfter(d, step), ctx.policy.limits.productMin);
        const asMade = scorer.requestReduction(d, amount);
        requireLaw(asMade.audit.priorDecisionId === d.audit.decisionId, () => `a reduction of decision ${d.audit.decisionId} as made names another prior`);
        // The signature is outside what it signs: without it the decision is unchanged, an unsigned one.
        const paths = leafPaths(d).filter((p) => tamper.kind !== 'drop_key' || p.join('.') !== 'audit.signature');
        const path = tamper.kind === 'forge' ? ['limit'] : (paths[tamper.leaf % paths.length] as Path);
        const what =
          tamper.kind === 'forge'
            ? `decision ${d.audit.decisionId} with its limit raised by ${step} fen and its content hash recomputed (${d.audit.signature === undefined ? 'a made-up signature added' : 'its signature kept'})`
            : `decision ${d.audit.decisionId} with ${path.join('.')} ${tamper.kind === 'edit' ? 'edited' : 'removed'}`;
        const prior = tamper.kind === 'forge' ? forged(d, step) : tamper.kind === 'edit' ? editedAt(d, path) : withoutLeaf(d, path);
        for (const [call, result] of await followUps(scorer, prior, applicant, amount)) {
          requireLaw(
            result instanceof CreditliftError && result.code === 'prior_invalid',
            () =>
              `${call} of the ${what} ${result === 'accepted' ? 'was accepted' : `threw ${result instanceof CreditliftError ? result.code : String(result)}, not prior_invalid`}`,
          );
        }
      },
    ),
});
