import { addYears, isBefore } from 'date-fns';
import type { CertificateKindSpec } from '../catalog/certificateKindSpec.js';
import type { Catalog } from '../catalog/resolveCatalog.js';
import type { TypicalEvidence } from '../catalog/typicalEvidence.js';
import { parseIsoDate } from '../dates/parseIsoDate.js';
import { assessEvidence } from '../evidence/assessEvidence.js';
import type { EvidenceAssessment } from '../evidence/evidenceAssessment.js';
import type { EvidenceSummary } from '../evidence/evidenceSummary.js';
import type { Applicant } from '../schema/applicant.js';
import { rememberParsed } from '../schema/parsedApplicants.js';
import type { Scenario } from './decisionPlan.js';
import type { EngineContext } from './engineContext.js';
import { hypotheticalEvidence } from './hypotheticalEvidence.js';

/** One what-if of a plan: a catalog kind the applicant does not hold, its typical result, and the applicant with it. */
export interface WhatIfScenario {
  readonly spec: CertificateKindSpec;
  readonly typical: TypicalEvidence;
  readonly scenario: Scenario;
}

/** Employment types that earn on platforms and so can hold a platform's rating or follower count. */
const PLATFORM_WORKERS: ReadonlySet<string> = new Set(['gig', 'self_employed', 'other']);

/**
 * A what-if is offered only where the applicant could plausibly get it: a kind proven only by a
 * platform's feed (a driver rating, courier reviews, followers) is suggested to platform workers,
 * not to a salaried teacher; every other kind is open to anyone.
 */
function isRelevant(spec: CertificateKindSpec, applicant: Applicant): boolean {
  const platformOnly = spec.verificationMethods.every((m) => m === 'platform_api');
  return !platformOnly || PLATFORM_WORKERS.has(applicant.employment.type);
}

/** A hypothetical certificate's assessment on its own (index 0), or none when the kind has no typical result. */
type CachedWhatIf = { readonly typical: TypicalEvidence; readonly alone: EvidenceAssessment } | null;

/** Entries kept per catalog and confidence floor before the cache starts over (a service sees a few `asOf` dates a day). */
const MAX_ENTRIES = 4096;

/** Per catalog, per confidence floor: `kind|asOf|tooYoung` to the hypothetical assessment. */
const cache = new WeakMap<Catalog, Map<number, Map<string, CachedWhatIf>>>();

function cacheFor(catalog: Catalog, minConfidence: number): Map<string, CachedWhatIf> {
  let byFloor = cache.get(catalog);
  if (byFloor === undefined) cache.set(catalog, (byFloor = new Map()));
  let entries = byFloor.get(minConfidence);
  if (entries === undefined) byFloor.set(minConfidence, (entries = new Map()));
  if (entries.size >= MAX_ENTRIES) entries.clear();
  return entries;
}

/**
 * The assessment of a hypothetical certificate (see {@link hypotheticalEvidence}) as if uploaded
 * alone, cached. Why a cache is exact: the certificate is issued on `asOf`, held by the applicant's
 * own id hash, carries no holder name, a constant credential id and document hash, the kind's
 * typical result and first method at a fixed confidence. So of the applicant, assessEvidence reads
 * only `asOf` (expiry, issue date, fade) and, through the plausible-age check, whether `asOf` falls
 * before the birth date plus the kind's minimum holder age. The key holds exactly those; a miss
 * runs the real assessment on the real applicant.
 */
function hypotheticalAssessment(ctx: EngineContext, applicant: Applicant, spec: CertificateKindSpec, tooYoung: boolean): CachedWhatIf {
  const entries = cacheFor(ctx.catalog, ctx.minConfidence);
  const key = `${spec.id}\u0000${applicant.asOf}\u0000${tooYoung ? 1 : 0}`;
  const hit = entries.get(key);
  if (hit !== undefined) return hit;
  const hypo = hypotheticalEvidence(applicant, spec, ctx.catalog);
  const value: CachedWhatIf =
    hypo === undefined
      ? null
      : {
          typical: hypo.typical,
          // Its document hash and credential id are its own, so no earlier item can make it a duplicate.
          // Built by the engine from the parsed applicant, so trusted as parsed (as decisionPlan's scenarios are).
          // Frozen: one cached assessment is shared by every plan that appends it.
          alone: freezeAssessment(
            assessEvidence(rememberParsed({ ...applicant, evidence: [hypo.evidence] }), { catalog: ctx.catalog, minConfidence: ctx.minConfidence })
              .items[0] as EvidenceAssessment,
          ),
        };
  entries.set(key, value);
  return value;
}

function freezeAssessment(item: EvidenceAssessment): EvidenceAssessment {
  Object.freeze(item.reasons);
  return Object.freeze(item);
}

/**
 * The summary of `items` plus one item appended last, from the summary of `items`: the same
 * values {@link summarizeEvidence} computes over the longer list, without walking it again.
 */
function summaryWithOneMore(summary: EvidenceSummary, item: EvidenceAssessment): EvidenceSummary {
  const duplicate = item.reasons.includes('duplicate_document') || item.reasons.includes('duplicate_credential');
  const mismatch = item.reasons.includes('holder_mismatch');
  const accepted = item.status === 'accepted' && item.category !== undefined;
  let byCategory = summary.byCategory;
  if (accepted) {
    const c = byCategory[item.category];
    byCategory = { ...byCategory, [item.category]: { maxStrength: Math.max(c.maxStrength, item.strength), count: c.count + 1 } };
  }
  return {
    byCategory,
    acceptedCount: summary.acceptedCount + (accepted ? 1 : 0),
    rejectedCount: summary.rejectedCount + (accepted ? 0 : 1),
    duplicateDetected: summary.duplicateDetected || duplicate,
    holderMismatchDetected: summary.holderMismatchDetected || mismatch,
  };
}

/**
 * One what-if per catalog kind the applicant does not hold and could plausibly get: the main
 * scenario with the kind's typical certificate appended last. Exact without re-assessing the
 * applicant: an item appended last is assessed on its own (see `counterfactual` in decisionPlan),
 * and that assessment comes from {@link hypotheticalAssessment}'s cache.
 */
export function whatIfScenarios(ctx: EngineContext, main: Scenario): WhatIfScenario[] {
  const { applicant, report } = main;
  const items = report.items;
  const held = new Set<string>();
  for (const i of items) if (i.status === 'accepted') held.add(i.kind);
  const asOf = parseIsoDate(applicant.asOf);
  const birth = parseIsoDate(applicant.birthDate);
  // The plausible-age check of assessEvidence, once per distinct minimum age.
  const tooYoungAt = new Map<number, boolean>();
  const out: WhatIfScenario[] = [];
  for (const spec of ctx.catalog.values()) {
    if (held.has(spec.id) || !isRelevant(spec, applicant)) continue;
    const minAge = spec.minHolderAgeAtIssue;
    let tooYoung = tooYoungAt.get(minAge);
    if (tooYoung === undefined) tooYoungAt.set(minAge, (tooYoung = isBefore(asOf, addYears(birth, minAge))));
    const cached = hypotheticalAssessment(ctx, applicant, spec, tooYoung);
    if (cached === null) continue;
    const added: EvidenceAssessment = { ...cached.alone, index: items.length };
    out.push({
      spec,
      typical: cached.typical,
      scenario: { applicant, report: { items: [...items, added], summary: summaryWithOneMore(report.summary, added) } },
    });
  }
  return out;
}
