import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { WHAT_IF_CONFIDENCE } from '../../decision/hypotheticalEvidence.js';
import type { Applicant } from '../../schema/applicant.js';
import type { CertificateEvidenceInput } from '../../schema/certificateEvidence.js';
import type { CreditLaw } from '../creditLaw.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { fen } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';

/** Suggestions asked for per applicant: the default `suggest` shows five; three keeps a run short. */
const TOP = 3;

/**
 * The certificate a suggestion tells the customer to upload, as a real upload would carry it: the
 * kind at the assumed result, issued on the decision date, verified by the kind's first method at
 * the confidence a preview assumes, under a credential and document of its own (so nothing about it
 * is the engine's own what-if row).
 */
function uploadOf(
  applicant: Applicant,
  kind: string,
  method: string,
  assumed: { readonly score?: number | undefined; readonly level?: string | undefined },
): CertificateEvidenceInput {
  return {
    kind,
    issuer: 'credit law upload',
    credentialId: `law-${kind}-${applicant.id}`,
    holder: { idHash: applicant.identity.idHash },
    issueDate: applicant.asOf,
    ...(assumed.score === undefined ? {} : { score: assumed.score }),
    ...(assumed.level === undefined ? {} : { level: assumed.level }),
    verification: { method, confidence: WHAT_IF_CONFIDENCE },
    documentHash: createHash('sha256').update(`credit law upload ${kind} ${applicant.id}`).digest('hex'),
  } as CertificateEvidenceInput;
}

/** A what-if preview is a promise to the customer. */
export const suggestionsComeTrue: CreditLaw = defineLaw({
  name: 'suggestions_come_true',
  description:
    "Every what-if suggestion (from suggest, and in a decision) comes true: deciding the applicant with the certificate it names (its kind at the assumed result, issued on the decision date, verified by the kind's first method) gives exactly the suggested PD, and the suggested limit is that decision's limit, capped at today's healthy limit or today's limit, whichever is higher.",
  // Previews need a model and a catalog; the policy half of the promise (a lower PD never gives a
  // lower limit) is accepted_evidence_never_lowers_limit's.
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(ctx.applicants(2), async (applicant) => {
      const [suggested, today] = await Promise.all([scorer.suggest(applicant, { top: TOP }), scorer.decide(applicant)]);
      const ceiling = Math.max(today.health.healthyLimit, today.limit);
      // What `suggest` answers, and what the decision itself suggests (the scorer's default count).
      for (const item of [...suggested.items, ...today.suggestions.items]) {
        const spec = scorer.certificateKinds.find((k) => k.id === item.kind);
        const method = spec?.verificationMethods[0];
        requireLaw(method !== undefined, () => `"${applicant.id}": a suggested ${item.kind} is not among the scorer's certificate kinds`);
        if (method === undefined) return;
        const withIt = await scorer.decide({ ...applicant, evidence: [...applicant.evidence, uploadOf(applicant, item.kind, method, item.assumed)] });
        const promised = withIt.outcome === 'decline' ? 0 : Math.min(withIt.limit, ceiling);
        const who = `"${applicant.id}" uploading the suggested ${item.kind} (${JSON.stringify(item.assumed)})`;
        requireLaw(withIt.pd === item.pd, () => `${who}: PD ${withIt.pd}, but the suggestion said ${item.pd}`);
        requireLaw(
          item.limit === promised,
          () =>
            `${who}: the suggestion promised ${fen(item.limit)}, the decision gives ${withIt.outcome} ${fen(withIt.limit)} (ceiling ${fen(ceiling)}: so ${fen(promised)})`,
        );
        requireLaw(
          item.limitGain === item.limit - today.limit,
          () => `${who}: limitGain ${fen(item.limitGain)} is not the suggested limit less today's ${fen(today.limit)}`,
        );
      }
    }),
});
