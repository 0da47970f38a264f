import { DEFAULT_CATALOG_HASH } from '../../src/catalog/catalogHash.js';
import { canonicalJson } from '../../src/hashing/canonicalJson.js';
import { sha256Hex } from '../../src/hashing/sha256Hex.js';
import type { BatchResult } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { NO_AUDIT_KEYS, sealDecision, type UnsealedDecision } from '../../src/decision/audit.js';
import type { BatchDecider, DecideRecords } from '../../src/cli/score/batchDecider.js';
import { ENGINE_VERSION } from '../../src/version.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { policyHash } from '../../src/policy/policyHash.js';

/**
 * A decision-like value sealed again as the engine seals (content hash over its canonical JSON, no
 * key): a test that changes a fake decision on purpose seals the change, as the report refuses a
 * decision whose content hash does not match.
 */
export function resealed<T>(d: T): T {
  const { contentHash: _c, signature: _s, ...audit } = (d as { audit: Record<string, unknown> }).audit;
  return sealDecision({ ...(d as object), audit } as unknown as UnsealedDecision, NO_AUDIT_KEYS) as unknown as T;
}

/** A fake decider's policy: the default one's hash, as its decisions name it (the report compares them with the default policy). */
export const FAKE_POLICY_HASH = policyHash(defaultPolicy);

/** The date of a fake decision whose record gives none; test books give it, so --resume finds each decision answers its record. */
export const FAKE_AS_OF = '2026-11-01';

/** What a fake decision is made of; `bindingConstraint` defaults to `risk`. */
export interface FakeDecisionOptions {
  id: string;
  /** The decision's date (default 2026-11-01); `null` leaves it out, as for a record that gives none. */
  asOf?: string | null;
  /** Audit fields beside `modelId` (a fake decider's identity: model, policy, catalog, engine). */
  audit?: Record<string, string>;
  limit?: number;
  outcome?: Decision['outcome'];
  pd?: number;
  grade?: string;
  kinds?: string[];
  bindingConstraint?: string;
}

/**
 * A Decision with just enough filled in for the CLI's summary and the report, sealed (audit.contentHash); the rest is cast.
 * Its `audit.decisionId` hashes its content, as the engine's hashes its inputs: the same fake twice is one decision.
 */
export function fakeDecision(o: FakeDecisionOptions): Decision {
  const d = unidentifiedFakeDecision(o);
  return resealed({ ...d, audit: { ...d.audit, decisionId: `dec_${sha256Hex(canonicalJson(d)).slice(0, 32)}` } });
}

function unidentifiedFakeDecision(o: FakeDecisionOptions): Decision {
  const outcome = o.outcome ?? (o.limit === 0 ? 'decline' : 'approve');
  return resealed({
    applicantId: o.id,
    ...(o.asOf === null ? {} : { asOf: o.asOf ?? FAKE_AS_OF }),
    outcome,
    limit: outcome === 'decline' ? 0 : (o.limit ?? 500_000),
    pd: o.pd ?? 0.03,
    grade: o.grade ?? 'B',
    bindingConstraint: o.bindingConstraint ?? 'risk',
    certificateImpacts: (o.kinds ?? []).map((kind, index) => ({
      index,
      kind,
      credentialId: `c${index}`,
      pdReduction: 0.01,
      limitGain: 100_000,
      limitWithout: 400_000,
    })),
    reasons:
      outcome === 'approve'
        ? []
        : [{ code: 'model_income', source: 'model', factor: 'income', en: 'Income is low for the limit', zhHans: '收入偏低', contribution: 0.3 }],
    // The revolving line alone, at a flat price: what the average cost of new lines reads.
    plans: [{ kind: 'revolving', months: null, dailyRate: 0.0005, feeRate: 0, comprehensiveApr: 0.1825, effectiveAnnualRate: 0.1984 }],
    audit: { modelId: 'fake@1', ...o.audit },
  } as unknown as Decision);
}

/**
 * Decides records of the form `{ id, limit?, outcome? }`: anything without a string `id` is
 * rejected with a validation error naming `id`. Counts the records it was asked to decide.
 */
export function fakeDecider(
  options: { inFlight?: number; failOnCall?: number; modelSha256?: string; workerFailId?: string } = {},
): Omit<BatchDecider, 'decide'> & { decide: DecideRecords; decided: unknown[]; checked: unknown[]; calls: number } {
  const self = {
    decided: [] as unknown[],
    /** Records `--resume` asked again to check a kept error line (decided alike, never written). */
    checked: [] as unknown[],
    calls: 0,
    inFlight: options.inFlight ?? 1,
    identity: { model: { id: 'fake@1', sha256: options.modelSha256 ?? 'f'.repeat(64) }, policyHash: FAKE_POLICY_HASH, catalogHash: DEFAULT_CATALOG_HASH },
    async decide(records: readonly unknown[], _limitHistories?: unknown, purpose?: 'answer' | 'check'): Promise<BatchResult[]> {
      self.calls++;
      if (options.failOnCall === self.calls) throw new Error('runtime exploded');
      await Promise.resolve();
      return records.map((r, index): BatchResult => {
        (purpose === 'check' ? self.checked : self.decided).push(r);
        const id = (r as { id?: unknown } | null)?.id;
        if (typeof id !== 'string') {
          return {
            ok: false,
            index,
            error: {
              code: 'validation_failed',
              message: 'Invalid Applicant: 1 problem(s) at id',
              issues: [{ path: ['id'], code: 'invalid_type', message: 'expected string' }],
            },
          };
        }
        if (id === options.workerFailId)
          return {
            ok: false,
            index,
            error: { code: 'worker_failed', message: 'Not decided: the scorer worker stopped (signal SIGKILL) before answering, twice; rerun this record' },
          };
        const x = r as { limit?: number | string; outcome?: Decision['outcome']; asOf?: unknown };
        return {
          ok: true,
          index,
          // A CSV cell is text: the limit as a number, as a scorer's decision carries it.
          // The audit names the decider's identity and the record's date, as a scorer's decision does:
          // score --resume keeps a decision only when it is the run's answer for its record.
          decision: fakeDecision({
            id,
            ...(typeof x.asOf === 'string' ? { asOf: x.asOf } : {}),
            audit: {
              modelSha256: self.identity.model.sha256,
              policyHash: self.identity.policyHash,
              catalogHash: self.identity.catalogHash,
              engineVersion: ENGINE_VERSION,
              kind: 'decide',
              hashing: 'sha256',
            },
            ...(x.limit === undefined ? {} : { limit: Number(x.limit) }),
            ...(x.outcome === undefined ? {} : { outcome: x.outcome }),
          }),
        };
      });
    },
    async close() {},
  };
  return self;
}

/** Captures a command's stdout and stderr. */
export function captureIo(extra: Record<string, unknown> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), ...extra },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
