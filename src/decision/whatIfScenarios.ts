import { kindDataCategory, type CertificateKindSpec } from '../catalog/certificateKindSpec.js';
import type { Catalog } from '../catalog/resolveCatalog.js';
import type { TypicalEvidence } from '../catalog/typicalEvidence.js';
import { birthdayAt } from '../dates/birthdayAt.js';
import { calendarDateOf } from '../dates/calendarDate.js';
import { assessEvidenceUnder } from '../evidence/assessEvidence.js';
import type { EvidenceAssessment } from '../evidence/evidenceAssessment.js';
import type { EvidenceSummary } from '../evidence/evidenceSummary.js';
import { isBannedDataItem } from '../evidence/bannedDataItem.js';
import type { Applicant } from '../schema/applicant.js';
import { rememberParsed } from '../schema/parsedApplicants.js';
import type { Scenario } from './decisionPlan.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import type { EngineContext } from './engineContext.js';
import { hypotheticalEvidence, previewConfidence } from './hypotheticalEvidence.js';

/**
 * One what-if of a plan: a catalog kind the applicant does not hold, its typical result, and the
 * assessment of its typical certificate appended after the applicant's own items. The scenario
 * itself (that evidence list and its summary) is {@link appendedScenario}, built only when asked
 * for: the scorer reads the appended item and the duplicate flag alone. Shared by every plan with
 * the same number of items and duplicate flag (cached, frozen).
 */
export interface WhatIfScenario {
  readonly spec: CertificateKindSpec;
  readonly typical: TypicalEvidence;
  /** The typical certificate's assessment, at the index after the applicant's own items. */
  readonly added: EvidenceAssessment;
  /** The scenario summary's `duplicateDetected`: the one part of the evidence the policy reads. */
  readonly duplicateDetected: boolean;
}

/** The plan's main scenario with the what-if's item appended last, and the summary of that evidence. */
export function appendedScenario(main: Scenario, whatIf: WhatIfScenario): Scenario {
  const { applicant, report } = main;
  return { applicant, report: { items: [...report.items, whatIf.added], summary: summaryWithOneMore(report.summary, whatIf.added) } };
}

/** Employment types that earn on platforms and so can hold a platform's rating or follower count. */
const PLATFORM_WORKERS: ReadonlySet<string> = new Set(['gig', 'self_employed', 'other']);

/**
 * A hypothetical certificate's assessment on its own (index 0), and the same appended at index i
 * (made once per index, frozen like it), or none when the kind has no typical result.
 */
type CachedWhatIf = {
  readonly typical: TypicalEvidence;
  readonly alone: EvidenceAssessment;
  /** Per index the item is appended at: the what-if when no earlier item shows a duplicate (slot 2i), and when one does (2i + 1). */
  readonly atIndex: WhatIfScenario[];
  /** Whether the item alone shows a duplicate (never, for a what-if's own hash and id; read, not assumed). */
  readonly duplicate: boolean;
} | null;

/** Decision dates kept per catalog and confidence floor before the cache starts over (a service sees a few `asOf` dates a day). */
const MAX_DATES = 64;

/** A catalog's kinds in its order, with what the what-if loop asks of each. */
interface KindEntry {
  readonly spec: CertificateKindSpec;
  /**
   * Proven only by a platform's feed (a driver rating, courier reviews, followers). A what-if is
   * offered only where the applicant could plausibly get it: such a kind is suggested to platform
   * workers, not to a salaried teacher; every other kind is open to anyone.
   */
  readonly platformOnly: boolean;
}
const kindsCache = new WeakMap<Catalog, readonly KindEntry[]>();

function kindsOf(catalog: Catalog): readonly KindEntry[] {
  let kinds = kindsCache.get(catalog);
  if (kinds === undefined) {
    kinds = [...catalog.values()].map((spec) => ({ spec, platformOnly: spec.verificationMethods.every((m) => m === 'platform_api') }));
    kindsCache.set(catalog, kinds);
  }
  return kinds;
}

/**
 * Per catalog, per confidence floor, per `asOf`: for each kind (catalog order) its hypothetical
 * assessment when the applicant is old enough (slot 0) and when too young (slot 1).
 */
const cache = new WeakMap<Catalog, Map<number, Map<string, (CachedWhatIf | undefined)[]>>>();

function cacheFor(catalog: Catalog, minConfidence: number, asOf: string): (CachedWhatIf | undefined)[] {
  let byFloor = cache.get(catalog);
  if (byFloor === undefined) cache.set(catalog, (byFloor = new Map()));
  let byDate = byFloor.get(minConfidence);
  if (byDate === undefined) byFloor.set(minConfidence, (byDate = new Map()));
  let slots = byDate.get(asOf);
  if (slots === undefined) {
    if (byDate.size >= MAX_DATES) byDate.clear();
    byDate.set(asOf, (slots = []));
  }
  return slots;
}

/**
 * The assessment of a hypothetical certificate (see {@link hypotheticalEvidence}) as if uploaded
 * alone, cached. Why a cache is exact: the certificate is issued on `asOf`, held by the applicant's
 * own id hash, carries no holder name, a constant credential id and document hash, the kind's
 * typical result and first method at a fixed confidence. So of the applicant, assessEvidence reads
 * only `asOf` (expiry, issue date, fade) and, through the plausible-age check, whether `asOf` falls
 * before the birth date plus the kind's minimum holder age (the maximum age is checked before the
 * cache: an applicant past it gets no what-if of the kind). The key holds exactly those (with the
 * catalog and confidence floor); a miss runs the real assessment on the real applicant.
 */
function hypotheticalAssessment(
  ctx: EngineContext,
  slots: (CachedWhatIf | undefined)[],
  kindIndex: number,
  applicant: Applicant,
  spec: CertificateKindSpec,
  tooYoung: boolean,
): CachedWhatIf {
  const slot = 2 * kindIndex + (tooYoung ? 1 : 0);
  const hit = slots[slot];
  if (hit !== undefined) return hit;
  const hypo = hypotheticalEvidence(applicant, spec, ctx.catalog, previewConfidence(ctx.minConfidence));
  let value: CachedWhatIf = null;
  if (hypo !== undefined) {
    // Its document hash and credential id are its own, so no earlier item can make it a duplicate.
    // Built by the engine from the parsed applicant, so trusted as parsed (as decisionPlan's scenarios are).
    // Frozen: one cached assessment is shared by every plan that appends it.
    const alone = freezeAssessment(
      assessEvidenceUnder(rememberParsed({ ...applicant, evidence: [hypo.evidence] }), { catalog: ctx.catalog, minConfidence: ctx.minConfidence })
        .items[0] as EvidenceAssessment,
    );
    value = { typical: hypo.typical, alone, atIndex: [], duplicate: isDuplicate(alone) };
  }
  slots[slot] = value;
  return value;
}

/**
 * The what-if of the cached assessment appended at `index` (the same fields, its own index) after
 * items that do or do not show a duplicate already; made once, shared, frozen.
 */
function appendedAt(cached: NonNullable<CachedWhatIf>, spec: CertificateKindSpec, index: number, duplicateBefore: boolean): WhatIfScenario {
  const slot = 2 * index + (duplicateBefore ? 1 : 0);
  let whatIf = cached.atIndex[slot];
  if (whatIf === undefined) {
    const other = cached.atIndex[slot ^ 1];
    const added = other === undefined ? freezeAssessment({ ...cached.alone, index }) : other.added;
    cached.atIndex[slot] = whatIf = Object.freeze({ spec, typical: cached.typical, added, duplicateDetected: duplicateBefore || cached.duplicate });
  }
  return whatIf;
}

function freezeAssessment(item: EvidenceAssessment): EvidenceAssessment {
  Object.freeze(item.reasons);
  return Object.freeze(item);
}

/** Whether an item counts towards the summary's `duplicateDetected` (as summarizeEvidence counts it). */
function isDuplicate(item: EvidenceAssessment): boolean {
  return item.reasons.includes('duplicate_document') || item.reasons.includes('duplicate_credential');
}

/**
 * The summary of `items` plus one item appended last, from the summary of `items`: the same
 * values {@link summarizeEvidence} computes over the longer list, without walking it again.
 */
function summaryWithOneMore(summary: EvidenceSummary, item: EvidenceAssessment): EvidenceSummary {
  const duplicate = isDuplicate(item);
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
    rejectedCount: summary.rejectedCount + (accepted || isBannedDataItem(item) ? 0 : 1),
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
  const platformWorker = PLATFORM_WORKERS.has(applicant.employment.type);
  const slots = cacheFor(ctx.catalog, ctx.minConfidence, applicant.asOf);
  let asOf: number | undefined;
  let birth: number | undefined;
  const duplicateBefore = report.summary.duplicateDetected;
  const out: WhatIfScenario[] = [];
  const kinds = kindsOf(ctx.catalog);
  const banned = bannedCategoriesOf(ctx.policy);
  for (let k = 0; k < kinds.length; k++) {
    const { spec, platformOnly } = kinds[k] as KindEntry;
    if ((platformOnly && !platformWorker) || holds(items, spec.id)) continue;
    // A kind in a category the jurisdiction bans is rejected on upload: never suggested, never previewed.
    if (banned.has(kindDataCategory(spec))) continue;
    // The plausible-age check of assessEvidence, on the same integer calendar dates, so the two never disagree.
    asOf ??= calendarDateOf(applicant.asOf);
    birth ??= calendarDateOf(applicant.birthDate);
    // Too old to be awarded the kind today (a scholarship at 36): assessEvidence would refuse the
    // preview's certificate (issued_after_plausible_age), so it is never suggested, never previewed.
    // Skipped before the cache, whose key therefore never needs the maximum age.
    if (spec.maxHolderAgeAtIssue !== undefined && asOf >= birthdayAt(birth, spec.maxHolderAgeAtIssue + 1)) continue;
    const tooYoung = asOf < birthdayAt(birth, spec.minHolderAgeAtIssue);
    const cached = hypotheticalAssessment(ctx, slots, k, applicant, spec, tooYoung);
    if (cached === null) continue;
    out.push(appendedAt(cached, spec, items.length, duplicateBefore));
  }
  return out;
}

const bannedByPolicy = new WeakMap<PolicyConfig, ReadonlySet<string>>();

/** The data categories the policy's jurisdiction bans, as a set made once per (frozen, validated) policy. */
function bannedCategoriesOf(policy: PolicyConfig): ReadonlySet<string> {
  let set = bannedByPolicy.get(policy);
  if (set === undefined) bannedByPolicy.set(policy, (set = new Set(policy.jurisdiction.bannedDataCategories)));
  return set;
}

/** Whether an accepted item of `kind` is among `items` (a handful: a scan beats building a set per plan). */
function holds(items: readonly EvidenceAssessment[], kind: string): boolean {
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as EvidenceAssessment;
    if (item.status === 'accepted' && item.kind === kind) return true;
  }
  return false;
}
