import type { Catalog } from '../catalog/resolveCatalog.js';
import { isoOfCalendarDate } from '../dates/calendarDate.js';
import { lastValidDay } from '../evidence/lastValidDay.js';
import type { PolicyReasonCode } from '../policy/policyReasons.js';
import type { CertificateEvidence } from '../schema/certificateEvidence.js';
import type { DecisionEvidence, EvidenceNoLongerCounted } from './decision.js';

/** The policy reason each way a certificate stops counting is told to the customer by. */
export const LAPSE_REASON: Readonly<Record<EvidenceNoLongerCounted['why'], PolicyReasonCode>> = Object.freeze({
  expired: 'evidence_expired',
  not_in_update: 'evidence_not_in_update',
  rejected: 'evidence_no_longer_accepted',
});

/**
 * The certificates `prior` accepted that a reassessment's evidence no longer counts, in the prior's
 * order (see {@link EvidenceNoLongerCounted}). Dropping evidence from a profile, or letting it
 * expire, lowers the PD's support as surely as a worse income: the customer is told which.
 *
 * Each prior certificate is found, in three passes so no guess takes what an exact match would:
 * an accepted item with its keyed `credentialRef` (both decisions carry one under a personal-data
 * key); else an accepted certificate of its kind (a renewed IELTS stands for the expired one); else,
 * to say why it fails, a rejected item with its reference, or without references to tell two
 * certificates apart, a rejected item of its kind. Each item of the reassessment answers for one
 * prior certificate at most.
 *
 * @param now the reassessment's evidence as assessed, with `index` into `held`
 * @param held the reassessment's evidence as given (dates for `validThrough`)
 */
export function evidenceNoLongerCounted(
  prior: readonly DecisionEvidence[],
  now: readonly DecisionEvidence[],
  held: readonly CertificateEvidence[],
  catalog: Catalog,
): EvidenceNoLongerCounted[] {
  const accepted = prior.filter((p) => p.status === 'accepted');
  if (accepted.length === 0) return [];
  const used = new Set<number>();
  const match = new Map<DecisionEvidence, DecisionEvidence>();
  const pass = (test: (p: DecisionEvidence, n: DecisionEvidence) => boolean) => {
    for (const p of accepted) {
      if (match.has(p)) continue;
      const found = now.find((n) => !used.has(n.index) && test(p, n));
      if (found === undefined) continue;
      used.add(found.index);
      match.set(p, found);
    }
  };
  pass((p, n) => n.status === 'accepted' && p.credentialRef !== null && n.credentialRef === p.credentialRef);
  pass((p, n) => n.status === 'accepted' && n.kind === p.kind);
  pass((p, n) => (p.credentialRef !== null && n.credentialRef !== null ? n.credentialRef === p.credentialRef : n.kind === p.kind));
  const out: EvidenceNoLongerCounted[] = [];
  for (const p of accepted) {
    const n = match.get(p);
    if (n?.status === 'accepted') continue;
    const named = { index: p.index, kind: p.kind, credentialRef: p.credentialRef };
    if (n === undefined) {
      out.push({ ...named, why: 'not_in_update' });
      continue;
    }
    const item = held[n.index];
    const last = item === undefined ? null : lastValidDay(item, catalog.get(item.kind));
    if (n.reasons.includes('expired') && last !== null) out.push({ ...named, why: 'expired', validThrough: isoOfCalendarDate(last) });
    else out.push({ ...named, why: 'rejected', reasons: [...n.reasons] });
  }
  return out;
}
