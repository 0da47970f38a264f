import type { CertificateKindSpec } from '../catalog/certificateKindSpec.js';
import type { TypicalEvidence } from '../catalog/typicalEvidence.js';
import { levelNames } from '../catalog/levelNames.js';
import type { VerificationMethod } from '../schema/certificateEvidence.js';
import type { EvidenceSuggestion } from './decision.js';
import { deepFreeze } from '../common/deepFreeze.js';

/**
 * What a what-if preview assumes of its certificate (see `hypotheticalEvidence`), as a suggestion
 * says it: the typical result, the issue date (the decision's date) and the verification, and the
 * same in words, both languages, with what an older certificate of the kind does. A customer mostly
 * holds one already, issued earlier: of a kind that fades it counts for less (a CET-4 of 480 issued
 * 23 months earlier gave the factory worker 12,300 RMB, not the 12,600 RMB previewed), of a kind that
 * expires it may have expired, so the limit is said to be for one issued on that date.
 */
export function whatIfAssumption(
  spec: CertificateKindSpec,
  typical: TypicalEvidence,
  asOf: string,
  confidence: number,
): Pick<EvidenceSuggestion, 'assumed' | 'assumption'> {
  // One deep-frozen answer per kind, result and date, shared by every suggestion that says it: the
  // seal's writer copies a frozen object's bytes once written (two sentences and two objects a
  // suggestion, about 8% of a batch with three suggestions when written afresh).
  const key = `${asOf}\u0000${typical.score ?? ''}\u0000${typical.level ?? ''}\u0000${confidence}`;
  let byKey = said.get(spec);
  if (byKey === undefined) {
    byKey = new Map();
    said.set(spec, byKey);
  }
  let answer = byKey.get(key);
  if (answer === undefined) {
    answer = deepFreeze(assumptionOf(spec, typical, asOf, confidence));
    // Bounded: a book decided over many dates keeps only recent ones.
    if (byKey.size >= MAX_REMEMBERED_DATES) byKey.clear();
    byKey.set(key, answer);
  }
  return answer;
}

const MAX_REMEMBERED_DATES = 512;
const said = new WeakMap<CertificateKindSpec, Map<string, Pick<EvidenceSuggestion, 'assumed' | 'assumption'>>>();

function assumptionOf(
  spec: CertificateKindSpec,
  typical: TypicalEvidence,
  asOf: string,
  confidence: number,
): Pick<EvidenceSuggestion, 'assumed' | 'assumption'> {
  // A what-if exists only for a kind with a method (see hypotheticalEvidence).
  const method = spec.verificationMethods[0] as VerificationMethod;
  const assumed = {
    ...(typical.score !== undefined ? { score: typical.score } : {}),
    ...(typical.level !== undefined ? { level: typical.level } : {}),
    issueDate: asOf,
    verification: { method, confidence },
  };
  const level = typical.level === undefined ? undefined : levelNames(spec, typical.level);
  const resultEn = typical.score !== undefined ? ` ${typical.score}` : level !== undefined ? ` (${level.en})` : '';
  const resultZh = typical.score !== undefined ? ` ${typical.score}` : level !== undefined ? `（${level.zhHans}）` : '';
  const { fadeHalfLifeMonths: half, expiresAfterMonths: expires } = spec.validity;
  const olderEn =
    half !== undefined && expires !== undefined
      ? `; one issued earlier counts for less (its weight halves every ${half} months) and expires ${expires} months after issue`
      : half !== undefined
        ? `; one issued earlier counts for less (its weight halves every ${half} months)`
        : expires !== undefined
          ? `; one issued earlier counts the same until it expires ${expires} months after issue`
          : '';
  const olderZh =
    half !== undefined && expires !== undefined
      ? `；签发较早的证书作用较小（每${half}个月减半），签发满${expires}个月即失效`
      : half !== undefined
        ? `；签发较早的证书作用较小（每${half}个月减半）`
        : expires !== undefined
          ? `；签发较早的证书在签发满${expires}个月失效前作用相同`
          : '';
  return {
    assumed,
    assumption: {
      en: `The limit shown is for ${spec.names.en}${resultEn} issued on ${asOf}, verified at confidence ${confidence}${olderEn}.`,
      zhHans: `所示额度按${asOf}签发、核验置信度${confidence}的${spec.names.zhHans}${resultZh}估算${olderZh}。`,
    },
  };
}
