import { CreditliftError } from '../../errors/creditliftError.js';
import { everyKeyOf } from '../../errors/argumentIssues.js';
import { PolicyInvalidError } from '../../policy/policyInvalidError.js';
import { checkLimitHistories } from '../limitHistories.js';
import { ValidationError, type ValidationIssue } from '../../errors/validationError.js';
import type { LoadedModel } from '../../model/loadModel.js';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import type { PolicyOverrides } from '../../policy/resolvePolicy.js';
import type { BatchResult, Scorer, ScorerOptions } from '../createScorer.js';
import type { Decision, ShadowDecision } from '../decision.js';
import { toErrorData } from '../toErrorData.js';
import { sealDecision, type AuditKeys } from '../audit.js';
import { assignArm, CHAMPION_ARM, DEFAULT_ASSIGNMENT_KEY } from './assignArm.js';
import { challengerPolicyOptions } from './challengerPolicy.js';

/** One challenger: a policy and/or model tried on a share of applicants. */
export interface Challenger {
  /** Arm name, as the audit and reports show it; not "champion". */
  readonly name: string;
  /** A complete policy for this arm. Default: the champion's policy (or overrides). */
  readonly policy?: PolicyConfig;
  /**
   * Changes to the champion's policy for this arm (merged into it as `resolvePolicy(overrides, champion.policy)`),
   * instead of a complete `policy`.
   */
  readonly policyOverrides?: PolicyOverrides;
  /** Default: the champion's model. */
  readonly model?: string | Uint8Array | LoadedModel;
  /** Share of applicants in this arm, in [0, 1]; all shares together at most 1. */
  readonly share: number;
}

/**
 * `live`: an applicant in a challenger's arm is decided by the challenger. `shadow`: the champion
 * decides everyone; a challenger's decision for the applicants in its arm is attached as
 * `decision.shadow`, for logging only.
 */
export type ChallengerMode = 'live' | 'shadow';

/** The keys a challenger is read by: any other is refused, never skipped. */
const CHALLENGER_FIELDS = everyKeyOf<Challenger>()(['name', 'share', 'policy', 'policyOverrides', 'model']);

const ARM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Checks challengers: names valid and distinct, shares in [0, 1] summing to at most 1. @throws ValidationError naming every problem */
export function checkChallengers(challengers: unknown, mode: unknown): readonly Challenger[] {
  const issues: ValidationIssue[] = [];
  if (mode !== undefined && mode !== 'live' && mode !== 'shadow')
    issues.push({ path: ['challengerMode'], code: 'invalid_value', message: 'challengerMode must be "live" or "shadow"' });
  if (!Array.isArray(challengers)) {
    issues.push({ path: ['challengers'], code: 'invalid_type', message: 'challengers must be an array', expected: 'array' });
    throw new ValidationError('ScorerOptions', issues);
  }
  const names = new Set<string>();
  let sum = 0;
  challengers.forEach((c: Partial<Challenger> | null, i) => {
    if (typeof c !== 'object' || c === null || Array.isArray(c)) {
      issues.push({
        path: ['challengers', i],
        code: 'invalid_type',
        message: 'a challenger must be an object { name, share, policy?, policyOverrides?, model? }',
        expected: 'object',
      });
      return;
    }
    const name = c.name;
    if (typeof name !== 'string' || !ARM_NAME.test(name))
      issues.push({
        path: ['challengers', i, 'name'],
        code: 'invalid_format',
        message: 'name must be 1-64 letters, digits, "_", "." or "-", starting with a letter or digit',
      });
    else if (name === CHAMPION_ARM) issues.push({ path: ['challengers', i, 'name'], code: 'invalid_value', message: '"champion" names the champion arm' });
    else if (names.has(name)) issues.push({ path: ['challengers', i, 'name'], code: 'invalid_value', message: `duplicate arm name "${name}"` });
    else names.add(name);
    const share = c.share;
    if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1)
      issues.push({ path: ['challengers', i, 'share'], code: 'out_of_range', message: 'share must be a number in [0, 1]' });
    else sum += share;
    // A key never read left the arm as the champion: `policyOverride` (no s) decided under the champion's policy.
    for (const key of Object.keys(c))
      if (!(CHALLENGER_FIELDS as readonly string[]).includes(key))
        issues.push({
          path: ['challengers', i, key],
          code: 'unrecognized_key',
          message: `Unknown field "${key}": a challenger takes ${CHALLENGER_FIELDS.slice(0, -1).join(', ')} and ${CHALLENGER_FIELDS.at(-1)}`,
        });
  });
  // A little slack for shares written as decimals (0.1 + 0.2 + 0.7 is 1.0000000000000002).
  if (sum > 1 + 1e-9) issues.push({ path: ['challengers'], code: 'out_of_range', message: `challenger shares sum to ${sum}, more than 1` });
  if (issues.length > 0) throw new ValidationError('ScorerOptions', issues);
  return challengers as Challenger[];
}

/**
 * A challenger's own policy refused, its fields named under the challenger (`challengers.1.policyOverrides.pricing.margin`):
 * named as the champion's are (`pricing.margin`), two challengers' faults could not be told apart from each
 * other or from the champion's. The champion is built first, so a policy refusal here is the arm's own.
 */
function armPolicyError(e: unknown, index: number, c: Challenger): unknown {
  const field = c.policy !== undefined ? 'policy' : c.policyOverrides !== undefined ? 'policyOverrides' : undefined;
  if (!(e instanceof PolicyInvalidError) || field === undefined) return c.model === undefined ? e : armModelError(e, index, c);
  const issues = e.issues.map((issue) => ({ ...issue, path: ['challengers', index, field, ...issue.path] }));
  return new PolicyInvalidError(new ValidationError(`challenger "${c.name}" ${field}`, issues));
}

/**
 * The refusal of a challenger's own model, named for the challenger: the champion's model beside it
 * is refused by the same codes and messages ("Cannot read model file ..."), which told neither the
 * arm nor the field. The error keeps its class, code and details (a FeatureMismatchError's mismatches).
 */
function armModelError(e: unknown, index: number, c: Challenger): unknown {
  if (!(e instanceof Error)) return e;
  e.message = `challenger "${c.name}" (challengers.${index}.model): ${e.message}`;
  return e;
}

function idOf(input: unknown): string | undefined {
  const id = (input as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The decision with its arm (and shadow) added, sealed again: the content hash and signature cover them too. */
function withArm(d: Decision, arm: string, keys: AuditKeys, shadow?: ShadowDecision): Decision {
  const { contentHash: _c, signature: _s, ...audit } = d.audit;
  return sealDecision({ ...d, ...(shadow === undefined ? {} : { shadow }), audit: { ...audit, arm } }, keys);
}

/** A challenger's refusal, as the shadow carries it: the code and message (issues stay in the challenger's own logs). */
function shadowError(arm: string, e: { readonly code: string; readonly message: string }): ShadowDecision {
  return { arm, error: { code: e.code, message: e.message } };
}

function shadowOf(arm: string, d: Decision): ShadowDecision {
  return {
    arm,
    outcome: d.outcome,
    limit: d.limit,
    apr: d.apr,
    pd: d.pd,
    grade: d.grade,
    bindingConstraint: d.bindingConstraint,
    decisionId: d.audit.decisionId,
    modelId: d.audit.modelId,
    policyHash: d.audit.policyHash,
  };
}

/**
 * A scorer that routes applicants to a champion and challengers by a keyed hash of the applicant
 * id ({@link assignArm}), and names the arm in every decision's audit (`audit.arm`). Records
 * without a string id go to the champion (they fail validation there). In shadow mode a
 * challenger's failure never touches the champion's decision: it is attached as `shadow.error`.
 *
 * @param create builds each arm's plain scorer (createScorer itself; passed in to keep imports one-way)
 * @param keys the scorer's audit keys, to seal each decision again once its arm is named
 */
export async function createChampionChallengerScorer(options: ScorerOptions, create: (o: ScorerOptions) => Promise<Scorer>, keys: AuditKeys): Promise<Scorer> {
  const challengers = checkChallengers(options.challengers, options.challengerMode);
  const mode: ChallengerMode = options.challengerMode ?? 'shadow';
  const key = options.assignmentKey ?? DEFAULT_ASSIGNMENT_KEY;
  if (typeof key !== 'string' || key.length === 0)
    throw new ValidationError('ScorerOptions', [{ path: ['assignmentKey'], code: 'invalid_type', message: 'assignmentKey must be a non-empty string' }]);
  const { challengers: _c, challengerMode: _m, assignmentKey: _k, ...base } = options;
  const champion = await create(base);
  const arms = new Map<string, Scorer>();
  try {
    for (const [i, c] of challengers.entries()) {
      const model = c.model ?? base.model;
      // The champion's sha256 pin is for the champion's model; a challenger with its own model is not held to it.
      const { expectedSha256: _pin, ...shared } = base;
      const own = c.model === undefined ? base : shared;
      const { policy: _p, policyOverrides: _o, ...ownWithoutPolicy } = own;
      try {
        arms.set(c.name, await create({ ...ownWithoutPolicy, ...challengerPolicyOptions(c, champion.policy), ...(model === undefined ? {} : { model }) }));
      } catch (e) {
        throw armPolicyError(e, i, c);
      }
    }
  } catch (e) {
    await Promise.all([champion, ...arms.values()].map((s) => s.close()));
    throw e;
  }
  const armOf = (input: unknown): string => {
    const id = idOf(input);
    return id === undefined ? CHAMPION_ARM : assignArm(id, challengers, key);
  };
  const scorerOf = (arm: string): Scorer => arms.get(arm) ?? champion;
  const decider = (arm: string): Scorer => (mode === 'live' ? scorerOf(arm) : champion);
  // Checked first by every method, as a plain scorer does: the wrapper reads the input (ids, the
  // ledgers' length) before an arm would say it is closed.
  let closed = false;
  const checkOpen = (): void => {
    if (closed) throw new CreditliftError('scorer_closed', 'this scorer has been closed (close()); create another to decide');
  };

  const scorer: Scorer = {
    model: champion.model,
    policy: champion.policy,
    // The champion's, like model and policy (an arm deciding live may hold another catalog).
    certificateKinds: champion.certificateKinds,
    bannedCertificateKinds: champion.bannedCertificateKinds,
    catalogHash: champion.catalogHash,
    minConfidence: champion.minConfidence,
    async decide(input, opts) {
      checkOpen();
      const arm = armOf(input);
      const decision = await decider(arm).decide(input, opts);
      if (mode === 'live' || arm === CHAMPION_ARM) return withArm(decision, arm, keys);
      try {
        return withArm(decision, CHAMPION_ARM, keys, shadowOf(arm, await scorerOf(arm).decide(input, opts)));
      } catch (e) {
        return withArm(decision, CHAMPION_ARM, keys, shadowError(arm, toErrorData(e)));
      }
    },
    async decideBatch(inputs, opts) {
      checkOpen();
      if (!Array.isArray(inputs)) return champion.decideBatch(inputs, opts);
      // Each record's own ledger goes with it to its arm: checked whole first, as one scorer would.
      checkLimitHistories(opts?.limitHistories, inputs.length);
      const optsFor = (indexes: readonly number[]) => {
        const h = opts?.limitHistories;
        return opts === undefined || h === undefined ? opts : { ...opts, limitHistories: indexes.map((i) => h[i]) };
      };
      const armsOf = inputs.map(armOf);
      const byArm = new Map<string, number[]>();
      armsOf.forEach((arm, i) => {
        const list = byArm.get(arm);
        if (list === undefined) byArm.set(arm, [i]);
        else list.push(i);
      });
      const results: BatchResult[] = new Array(inputs.length);
      const place = (indexes: readonly number[], got: readonly BatchResult[], arm: string) => {
        got.forEach((r, k) => {
          const index = indexes[k] as number;
          results[index] = r.ok ? { ok: true, index, decision: withArm(r.decision, arm, keys) } : { ...r, index };
        });
      };
      if (mode === 'live') {
        for (const [arm, indexes] of byArm)
          place(
            indexes,
            await scorerOf(arm).decideBatch(
              indexes.map((i) => inputs[i]),
              optsFor(indexes),
            ),
            arm,
          );
        return results;
      }
      place(
        inputs.map((_, i) => i),
        await champion.decideBatch(inputs, opts),
        CHAMPION_ARM,
      );
      for (const [arm, indexes] of byArm) {
        if (arm === CHAMPION_ARM) continue;
        const shadows = await scorerOf(arm).decideBatch(
          indexes.map((i) => inputs[i]),
          optsFor(indexes),
        );
        shadows.forEach((s, k) => {
          const r = results[indexes[k] as number] as BatchResult;
          if (!r.ok) return;
          results[r.index] = { ...r, decision: withArm(r.decision, CHAMPION_ARM, keys, s.ok ? shadowOf(arm, s.decision) : shadowError(arm, s.error)) };
        });
      }
      return results;
    },
    async safeDecide(input, opts) {
      try {
        // decide validates at run time whatever the static type says.
        return { ok: true, decision: await scorer.decide(input as Parameters<Scorer['decide']>[0], opts) };
      } catch (e) {
        return {
          ok: false,
          error: e instanceof CreditliftError ? e : new CreditliftError('internal_error', e instanceof Error ? e.message : String(e), { cause: e }),
        };
      }
    },
    // decideBatch validates every record itself (a bad one gets its own error), so it serves unknown input too.
    safeDecideBatch: (inputs, opts) => scorer.decideBatch(inputs as Parameters<Scorer['decideBatch']>[0], opts),
    async reassess(prior, update, opts) {
      checkOpen();
      // Live: the arm that made the prior decision keeps the customer. Shadow: the champion's prior is the champion's to reassess.
      const arm = mode === 'live' ? armOf({ id: (prior as { applicantId?: unknown } | null)?.applicantId }) : CHAMPION_ARM;
      return withArm(await scorerOf(arm).reassess(prior, update, opts), arm, keys);
    },
    async suggest(input, opts) {
      checkOpen();
      return (mode === 'live' ? scorerOf(armOf(input)) : champion).suggest(input, opts);
    },
    requestReduction(prior, amount, opts) {
      checkOpen();
      const arm = mode === 'live' ? armOf({ id: (prior as { applicantId?: unknown } | null)?.applicantId }) : CHAMPION_ARM;
      return withArm(scorerOf(arm).requestReduction(prior, amount, opts), arm, keys);
    },
    recordReview(prior, review, opts) {
      checkOpen();
      // Like a reduction: the arm that made the decision records its review, and the arm is named again.
      const arm = mode === 'live' ? armOf({ id: (prior as { applicantId?: unknown } | null)?.applicantId }) : CHAMPION_ARM;
      return withArm(scorerOf(arm).recordReview(prior, review, opts), arm, keys);
    },
    recordContest(prior, contest, opts) {
      checkOpen();
      const arm = mode === 'live' ? armOf({ id: (prior as { applicantId?: unknown } | null)?.applicantId }) : CHAMPION_ARM;
      return withArm(scorerOf(arm).recordContest(prior, contest, opts), arm, keys);
    },
    async close() {
      closed = true;
      await Promise.all([champion, ...arms.values()].map((s) => s.close()));
    },
  };
  return scorer;
}
