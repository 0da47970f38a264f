import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { previewConfidence } from '../../decision/hypotheticalEvidence.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../evidence/assessEvidence.js';
import type { Decision } from '../../decision/decision.js';
import type { Scorer } from '../../decision/createScorer.js';
import type { LimitChange } from '../../policy/stepLimit.js';
import type { Applicant } from '../../schema/applicant.js';
import type { CertificateEvidenceInput } from '../../schema/certificateEvidence.js';
import type { CreditLaw } from '../creditLaw.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { shiftIsoDate } from '../_internals/isoDates.js';
import { LATER_FOLLOW_UP_MAX_DAYS } from '../_internals/laterFollowUp.js';
import { fen, limitHistoryArbitrary, usedWindowHistoryArbitrary, withLine } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';

/** Suggestions asked for per applicant: the default `suggest` shows five; three keeps a run short. */
const TOP = 3;

/**
 * The certificate a suggestion tells the customer to upload, as a real upload would carry it: the
 * kind at the result, issue date and verification the suggestion says it assumes (`assumed`), under
 * a credential and document of its own (so nothing about it is the engine's own what-if row).
 */
function uploadOf(
  applicant: Applicant,
  issueDate: string,
  kind: string,
  method: string,
  assumed: { readonly score?: number | undefined; readonly level?: string | undefined },
  confidence: number,
): CertificateEvidenceInput {
  return {
    kind,
    issuer: 'credit law upload',
    // The applicant's id hashed: an id is any text up to 128 characters, a registration number is
    // written in A-Z, 0-9 and Chinese characters within 128 (an id in Cyrillic would be refused).
    credentialId: `law-${kind}-${createHash('sha256').update(applicant.id).digest('hex').slice(0, 16)}`,
    holder: { idHash: applicant.identity.idHash },
    issueDate,
    ...(assumed.score === undefined ? {} : { score: assumed.score }),
    ...(assumed.level === undefined ? {} : { level: assumed.level }),
    verification: { method, confidence },
    documentHash: createHash('sha256').update(`credit law upload ${kind} ${applicant.id}`).digest('hex'),
  } as CertificateEvidenceInput;
}

type Preview = Decision['suggestions']['items'][number];

/** Each preview of `base` must be what `withUpload` gives for the certificate it names. */
async function checkPreviews(
  scorer: Scorer,
  applicant: Applicant,
  base: Decision,
  previews: readonly Preview[],
  withUpload: (upload: CertificateEvidenceInput) => Promise<Decision>,
): Promise<number> {
  const ceiling = Math.max(base.health.healthyLimit, base.limit);
  for (const item of previews) {
    const spec = scorer.certificateKinds.find((k) => k.id === item.kind);
    const method = spec?.verificationMethods[0];
    requireLaw(method !== undefined, () => `"${applicant.id}": a suggested ${item.kind} is not among the scorer's certificate kinds`);
    if (method === undefined) return 0;
    const who = `"${applicant.id}" (${base.audit.kind} on ${base.asOf}) uploading the suggested ${item.kind} (${JSON.stringify(item.assumed)})`;
    // The suggestion says what it assumes, and says it truly: issued on the decision's date,
    // verified by the kind's first method at the preview confidence, in words too.
    const { issueDate, verification } = item.assumed;
    requireLaw(
      issueDate === base.asOf,
      () => `${who}: the suggestion says it assumes a certificate issued on ${issueDate ?? '(nothing)'}, not on the decision's date ${base.asOf}`,
    );
    // At WHAT_IF_CONFIDENCE, or at the decision's own floor where that is higher (audit.minConfidence).
    const confidence = previewConfidence(base.audit.minConfidence ?? DEFAULT_MIN_CONFIDENCE);
    requireLaw(
      verification?.method === method && verification.confidence === confidence,
      () => `${who}: the suggestion says it assumes verification ${JSON.stringify(verification)}, not ${method} at ${confidence}`,
    );
    requireLaw(
      item.assumption?.en.includes(base.asOf) === true && item.assumption.zhHans.includes(base.asOf),
      () => `${who}: the suggestion's assumption does not name the issue date ${base.asOf} in both languages`,
    );
    const withIt = await withUpload(
      uploadOf(applicant, issueDate ?? base.asOf, item.kind, verification?.method ?? method, item.assumed, verification?.confidence ?? confidence),
    );
    const promised = withIt.outcome === 'decline' ? 0 : Math.min(withIt.limit, ceiling);
    requireLaw(withIt.pd === item.pd, () => `${who}: PD ${withIt.pd}, but the suggestion said ${item.pd}`);
    requireLaw(withIt.outcome === item.outcome, () => `${who}: outcome ${withIt.outcome}, but the suggestion said ${item.outcome}`);
    requireLaw(
      item.limit === promised,
      () =>
        `${who}: the suggestion promised ${fen(item.limit)}, the decision gives ${withIt.outcome} ${fen(withIt.limit)} (ceiling ${fen(ceiling)}: so ${fen(promised)})`,
    );
    requireLaw(item.limitGain === item.limit - base.limit, () => `${who}: limitGain ${fen(item.limitGain)} is not the suggested limit less ${fen(base.limit)}`);
  }
  return previews.length;
}

/**
 * The applicant in good standing: no bureau file to knock it out, twice the income (at least 10,000
 * RMB a month), nothing owed on the platform and every repayment on time. A run whose applicant was
 * declined or capped in every view then still meets previews to check.
 */
function inGoodStanding(applicant: Applicant): Applicant {
  const { requestedLimit: _r, selfSetCap: _c, ...open } = applicant.controls;
  return {
    ...applicant,
    bureau: { hasFile: false, currentDaysPastDue: 0, otherConsumerCreditBalance: 0, otherMonthlyDebtService: 0 },
    income: { ...applicant.income, monthlyNet: Math.max(2 * applicant.income.monthlyNet, 1_000_000) },
    platform: { ...applicant.platform, currentBalance: 0, onTimeRepaymentRate: 1 },
    controls: open,
    evidence: [],
  };
}

/** A what-if preview is a promise to the customer. */
export const suggestionsComeTrue: CreditLaw = defineLaw({
  name: 'suggestions_come_true',
  description:
    "Every what-if suggestion (from suggest, in a decision, in a reassessment on its decision's day or days later, in a person's decline or a customer's contest; existing lines and raise histories included) comes true on the path it previews: suggest's by deciding the applicant again with the certificate it names, a decision's (or reassessment's) by uploading that certificate to it with reassess on its date. The certificate is the one the suggestion says it assumes (`assumed`: the kind's typical result, `issueDate` that decision's date, `verification` the kind's first method at WHAT_IF_CONFIDENCE, or at the scorer's minConfidence where that is higher, and the `assumption` note naming the date in both languages): an older certificate of a kind that fades or expires is not what was previewed. That decision gives exactly the suggested PD and outcome, and the suggested limit is its limit, capped at today's healthy limit or today's limit, whichever is higher.",
  // Previews need a model and a catalog; the policy half of the promise (a lower PD never gives a
  // lower limit) is accepted_evidence_never_lowers_limit's.
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(
      fc
        .oneof(ctx.applicants(2), withLine(ctx.applicants(2), ctx.policy))
        .chain((applicant) =>
          fc
            .oneof(limitHistoryArbitrary(applicant.asOf, ctx.policy), usedWindowHistoryArbitrary(applicant.asOf, ctx.policy))
            .map((limitHistory) => ({ applicant, limitHistory })),
        )
        .chain((x) => fc.integer({ min: 1, max: LATER_FOLLOW_UP_MAX_DAYS }).map((laterDays) => ({ ...x, laterDays }))),
      async ({ applicant, limitHistory, laterDays }) => {
        // Three views of the applicant: as drawn with the ledger (a used-up window blocks previews), as
        // drawn with none, and asking for nothing in particular (no request or own cap to bind), where
        // a certificate most often helps: so every run meets previews to check.
        const { requestedLimit: _r, selfSetCap: _c, ...open } = applicant.controls;
        const views = [
          { applicant, limitHistory },
          { applicant, limitHistory: [] },
          { applicant: { ...applicant, controls: open }, limitHistory: [] },
        ];
        let checked = 0;
        const check = async (view: { readonly applicant: Applicant; readonly limitHistory: readonly LimitChange[] }) => {
          const options = { limitHistory: view.limitHistory };
          const [suggested, today] = await Promise.all([scorer.suggest(view.applicant, { top: TOP, ...options }), scorer.decide(view.applicant, options)]);
          // What `suggest` answers comes true by deciding again with the upload.
          checked += await checkPreviews(scorer, view.applicant, today, suggested.items, (upload) =>
            scorer.decide({ ...view.applicant, evidence: [...view.applicant.evidence, upload] }, options),
          );
          // What a decision suggests comes true by uploading to it: the reassessment the customer
          // runs (the decision's line on file, its raise in the ledger), on the decision's date.
          checked += await checkPreviews(scorer, view.applicant, today, today.suggestions.items, (upload) =>
            scorer.reassess(today, { applicant: view.applicant, evidence: [upload] }),
          );
          // A reassessment's own previews, by uploading to that reassessment.
          const again = await scorer.reassess(today, { applicant: view.applicant, evidence: [] });
          checked += await checkPreviews(scorer, view.applicant, again, again.suggestions.items, (upload) =>
            scorer.reassess(again, { applicant: view.applicant, evidence: [upload] }),
          );
          // And of one dated days later (the customer comes back weeks on): uploading to it that day.
          const asOf = shiftIsoDate(today.asOf, laterDays);
          const later = await scorer.reassess(today, { applicant: view.applicant, evidence: [], asOf });
          checked += await checkPreviews(scorer, view.applicant, later, later.suggestions.items, (upload) =>
            scorer.reassess(later, { applicant: view.applicant, evidence: [upload], asOf }),
          );
          // A person's decline and a customer's contest are decisions the customer holds too: what
          // they suggest comes true by uploading to them (a closed line; a person awaited).
          const followUp = { applicant: view.applicant, limitHistory: view.limitHistory };
          const declined = scorer.recordReview(today, { reviewerRole: 'credit_law', outcome: 'decline', limit: 0 }, followUp);
          const contested = scorer.recordContest(today, { statement: 'credit law contest' }, followUp);
          for (const held of [declined, contested]) {
            checked += await checkPreviews(scorer, view.applicant, held, held.suggestions.items, (upload) =>
              scorer.reassess(held, { applicant: view.applicant, evidence: [upload] }),
            );
          }
        };
        for (const view of views) await check(view);
        // Declined or capped in every view (a knock-out, affordability, a cap): the same applicant in
        // good standing, so no run passes without a preview put to the test.
        if (checked === 0) await check({ applicant: inGoodStanding(applicant), limitHistory: [] });
      },
    ),
});
