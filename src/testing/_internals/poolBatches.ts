import type { BatchDecideOptions, BatchResult, Scorer } from '../../decision/createScorer.js';
import { scorerReassessBatch, type ReassessItem } from '../../decision/reassessBatch.js';
import type { ApplicantInput } from '../../schema/applicant.js';
import type { BatchResultJson } from '../../parallel/batchResultJson.js';
import type { LawPool } from '../creditLaw.js';
import { requireLaw } from './runLaw.js';

const shown = (x: unknown) => {
  const text = JSON.stringify(x) ?? String(x);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** The top-level fields where two decisions (as JSON objects) differ, at most three, each with both values. */
function differences(pooled: Record<string, unknown>, own: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(own), ...Object.keys(pooled)])].filter((k) => JSON.stringify(pooled[k]) !== JSON.stringify(own[k]));
  const listed = keys
    .slice(0, 3)
    .map((k) => `${k} ${shown(pooled[k])} (scorer: ${shown(own[k])})`)
    .join(', ');
  return keys.length > 3 ? `${listed} and ${keys.length - 3} more field(s)` : listed || 'the order of its fields';
}

/** What one batch result is, for a message: the decision's outcome and limit, or the error's code. */
const resultOf = (r: BatchResult) => (r.ok ? `${r.decision.outcome} ${r.decision.limit} fen` : `refused (${r.error.code})`);

/**
 * Holds one record of a pool's batch to the scorer's: the same result, byte for byte, on
 * `decideBatch` and on `decideBatchJson` (its text, and the outcome, limit, APR and line it
 * summarises for callers that only write results out).
 */
function checkRecord(at: string, pooled: BatchResult | undefined, json: BatchResultJson | undefined, own: BatchResult): void {
  requireLaw(pooled !== undefined && json !== undefined, () => `${at}: the pool returned no result for it`);
  const p = pooled as BatchResult;
  const j = json as BatchResultJson;
  requireLaw(p.ok === own.ok, () => `${at}: pool.decideBatch gave ${resultOf(p)}, the scorer ${resultOf(own)}`);
  if (!own.ok || !p.ok) {
    const code = (r: BatchResult | BatchResultJson) => (r.ok ? null : r.error.code);
    requireLaw(code(p) === code(own), () => `${at}: pool.decideBatch refused it with ${code(p)}, the scorer with ${code(own)}`);
    requireLaw(
      j.ok === false && code(j) === code(own),
      () => `${at}: pool.decideBatchJson gave ${j.ok ? 'a decision' : code(j)}, the scorer refused it (${code(own)})`,
    );
    return;
  }
  const ownJson = JSON.stringify(own.decision);
  requireLaw(
    JSON.stringify(p.decision) === ownJson,
    () => `${at}: pool.decideBatch differs from the scorer's decision: ${differences(JSON.parse(JSON.stringify(p.decision)), JSON.parse(ownJson))}`,
  );
  requireLaw(j.ok, () => `${at}: pool.decideBatchJson refused it (${j.ok ? '' : j.error.code}), the scorer decided it`);
  if (!j.ok) return;
  requireLaw(
    j.decisionJson === ownJson,
    () => `${at}: pool.decideBatchJson's text differs from the scorer's decision: ${differences(JSON.parse(j.decisionJson), JSON.parse(ownJson))}`,
  );
  const d = own.decision;
  const summary = { outcome: d.outcome, limit: d.limit, apr: d.apr, previousLimit: d.previousLimit };
  const given = { outcome: j.outcome, limit: j.limit, apr: j.apr, previousLimit: j.previousLimit };
  requireLaw(
    JSON.stringify(given) === JSON.stringify(summary),
    () => `${at}: pool.decideBatchJson summarises it as ${shown(given)}, its decision says ${shown(summary)}`,
  );
}

/**
 * Holds a pool's batch reassessment to the scorer's, item by item: each result of
 * `pool.safeReassessBatch(items)` is `scorer.reassess(prior, update)` of that item alone, byte for
 * byte, or refused with the same code, whatever else the batch holds.
 */
async function checkReassessBatch(scorer: Scorer, pool: LawPool, items: readonly ReassessItem[]): Promise<void> {
  const [pooled, own] = await Promise.all([pool.safeReassessBatch(items), scorerReassessBatch(scorer)(items)]);
  const n = items.length;
  requireLaw(pooled.length === n, () => `pool reassessment batch of ${n} item(s): pool.safeReassessBatch gave ${pooled.length} result(s)`);
  own.forEach((o, i) => {
    const p = pooled[i] as BatchResult;
    const at = `reassessment of "${items[i]?.prior.applicantId}" (pool.safeReassessBatch, item ${i + 1} of ${n})`;
    requireLaw(p.ok === o.ok, () => `${at}: the pool gave ${resultOf(p)}, scorer.reassess ${resultOf(o)}`);
    if (!p.ok || !o.ok) {
      const code = (r: BatchResult) => (r.ok ? null : r.error.code);
      requireLaw(code(p) === code(o), () => `${at}: the pool refused it with ${code(p)}, scorer.reassess with ${code(o)}`);
      return;
    }
    const ownJson = JSON.stringify(o.decision);
    requireLaw(
      JSON.stringify(p.decision) === ownJson,
      () => `${at}: differs from scorer.reassess: ${differences(JSON.parse(JSON.stringify(p.decision)), JSON.parse(ownJson))}`,
    );
  });
}

/**
 * The scorer, with every batch decided by the pool: a law's scorer property run on it meets the
 * pool on each batch it draws. Each batch goes to `pool.decideBatch`, `pool.decideBatchJson` and
 * the scorer's own `decideBatch`; the pool's results must be the scorer's byte for byte (the pool
 * promises the same results in the same order), and the law then checks the pool's decisions as
 * it checks the scorer's. The batch's decisions are then reassessed on the same records as one
 * `pool.safeReassessBatch`, each item held to `scorer.reassess` of it alone (a book reassessed on
 * the workers is the book reassessed one by one).
 */
export function poolBacked(scorer: Scorer, pool: LawPool): Scorer {
  return {
    ...scorer,
    decideBatch: async (applicants: readonly ApplicantInput[], options?: BatchDecideOptions): Promise<BatchResult[]> => {
      const [pooled, json, own] = await Promise.all([
        pool.decideBatch(applicants, options),
        pool.decideBatchJson(applicants, options),
        scorer.decideBatch(applicants, options),
      ]);
      const n = applicants.length;
      requireLaw(
        pooled.length === n && json.length === n,
        () => `pool batch of ${n} record(s): pool.decideBatch gave ${pooled.length} result(s), pool.decideBatchJson ${json.length}`,
      );
      own.forEach((r, i) => checkRecord(`"${String((applicants[i] as { id?: unknown }).id)}" (pool batch, record ${i + 1} of ${n})`, pooled[i], json[i], r));
      const items = pooled.flatMap((r, i): ReassessItem[] => (r.ok ? [{ prior: r.decision, update: { applicant: applicants[i] } }] : []));
      if (items.length > 0) await checkReassessBatch(scorer, pool, items);
      return pooled;
    },
  };
}
