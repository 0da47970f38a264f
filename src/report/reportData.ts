import { UNREAD_LINE_CODES } from './decisionFileLine.js';
import { addUnits, emptyExactSum, type ExactSum, fromUnits, PROBABILITY_UNITS, toUnits } from '../common/exactSum.js';
import type { Decision } from '../decision/decision.js';
import type { ModelBuildCount } from '../monitor/modelBuilds.js';
import { averageCostOfNewLines, emptyNewLineCostTally, tallyNewLineCost, type NewLineCostFacts } from '../policy/averageCostOfNewLines.js';
import { distribution, type Distribution } from './distribution.js';
import type { LeftOutFault } from './decisionSeal.js';

/** One grade's decisions: how many, their outcomes, and the limit and PD distributions. */
export interface GradeSummary {
  readonly grade: string;
  readonly count: number;
  readonly outcomes: Readonly<Record<Decision['outcome'], number>>;
  /** Limits of approve and refer decisions, fen (declines carry 0 and would only hide the spread). */
  readonly limit: Distribution | undefined;
  readonly pd: Distribution | undefined;
}

/** What one certificate kind did across the file, from the decisions' `certificateImpacts`. */
export interface CertificateUplift {
  readonly kind: string;
  /** Decisions in which an accepted certificate of this kind was measured. */
  readonly count: number;
  readonly meanLimitGainFen: number;
  readonly totalLimitGainFen: number;
  readonly meanPdReduction: number;
}

/** A principal reason and how often it was given. */
export interface ReasonCount {
  readonly code: string;
  readonly en: string;
  readonly zhHans: string;
  readonly source: 'policy' | 'model';
  readonly count: number;
}

/** Everything the HTML report shows, as plain data. */
export interface ReportData {
  readonly decisions: number;
  /** Error lines in the file (records the scorer rejected). */
  readonly rejected: number;
  /** Lines that were neither a decision nor an error line (a decision whose `asOf` is not a calendar date `YYYY-MM-DD` included). */
  readonly unreadable: number;
  /**
   * Why the `unreadable` lines were not read, by issue code (`line_too_long`, `invalid_utf8`,
   * `invalid_json`, `data_invalid`: neither a decision nor an error line), each with its count and
   * its first lines and what each says. Absent for lines added without a reason.
   */
  readonly unreadableReasons?: readonly UnreadableReason[];
  readonly outcomes: Readonly<Record<Decision['outcome'], number>>;
  readonly grades: readonly GradeSummary[];
  /**
   * What set the limit (approve and refer), by constraint. Decisions sealed by an earlier release
   * (0.1.0) are counted apart, `release: '0.1.0'`: a name meant something else then (0.1.0's
   * `regulatory` cap counted the borrower's other consumer-finance balances, today's this lender's own lines).
   */
  readonly bindingConstraints: readonly { readonly name: string; readonly count: number; readonly release?: EarlierRelease }[];
  readonly certificates: readonly CertificateUplift[];
  readonly reasons: readonly ReasonCount[];
  /** Rejections by error code. */
  readonly errorCodes: readonly { readonly code: string; readonly count: number }[];
  readonly limitTotalFen: number;
  /**
   * New lines (approved, no line before): count and the limit-weighted average of the dearest plan
   * each offers, every fee included (null when none; see `highestPlanCost`).
   */
  readonly newLines?: { readonly count: number; readonly limitTotalFen: number; readonly averageApr: number | null };
  readonly models: readonly string[];
  /**
   * Decisions by model build (`audit.modelId` and `audit.modelSha256`), sorted: one id with two
   * SHA-256s is a model rebuilt under the same name (the default model after 0.1.0), which `models` alone hides.
   */
  readonly modelBuilds?: readonly ModelBuildCount[];
  /** The policies the decisions name (`audit.policyHash`) and how many name each, by hash: a threshold belongs to one of them. */
  readonly policies?: readonly { readonly hash: string; readonly count: number }[];
  /**
   * The certificate catalogs this release's decisions name (`audit.catalogHash`) and how many name
   * each, by hash: the kinds' names belong to one of them. Decisions of an earlier release are not counted.
   */
  readonly catalogs?: readonly { readonly hash: string; readonly count: number }[];
  /**
   * The decisions sealed by an earlier release (0.1.0, told by their shape as follow-ups tell them:
   * `isEarlierReleaseDecision`), and the policies they name (counted in `policies` too): no policy
   * file of today can be theirs. Absent or 0 when there are none.
   */
  readonly earlierRelease?: { readonly decisions: number; readonly policies: readonly { readonly hash: string; readonly count: number }[] };
  readonly asOf: { readonly from: string; readonly to: string } | null;
  /**
   * Decisions left out of every figure because their seal failed: changed after they were made
   * (`contentHash`), not signed under the key the report was given (`signature`), or carrying no
   * content hash at all (`unsealed`); shaped as 0.1.0's but naming what no 0.1.0 decision has
   * (`posingAsEarlier`: unsealed too); 0.1.0 decisions read under a signing key (`earlierUnsigned`:
   * 0.1.0 signed nothing); `lines`: the first of their line numbers. Absent or 0 when none.
   */
  readonly sealRefused?: {
    readonly count: number;
    readonly contentHash: number;
    readonly signature: number;
    readonly unsealed: number;
    readonly posingAsEarlier?: number;
    readonly earlierUnsigned?: number;
    readonly lines: readonly number[];
  };
  /**
   * Decisions left out because a later decision of the file follows them (names them in
   * `audit.priorDecisionId`): a chain of follow-ups counts once, at its latest decision. 0 when none.
   */
  readonly superseded?: number;
  /**
   * Decisions read again on a later line (the same `audit.decisionId` and the same content): counted
   * once. 0 when none. `repeatedEarlierRelease`: how many of them were sealed by 0.1.0.
   */
  readonly repeated?: number;
  /** The first of the `repeated` lines' numbers (the later lines: the first of each is counted). */
  readonly repeatedLines?: readonly number[];
  /** Of `repeated`, the decisions sealed by the released 0.1.0 (told by their `audit.decisionId`, which 0.1.0 derived from the rest of the audit). */
  readonly repeatedEarlierRelease?: number;
  /**
   * Lines repeating the `audit.decisionId` of an earlier decision with other content: a decision is
   * made once, so one of the two was changed. Left out of every figure (the first is counted);
   * `lines`: the first of their line numbers. Absent or 0 when none.
   */
  readonly repeatedOther?: { readonly count: number; readonly lines: readonly number[] };
  /** Decisions counted that carry no `audit.decisionId` (none creditlift made): a repeat of one cannot be told. 0 when none. */
  readonly unidentified?: number;
  /** Decisions by champion/challenger arm (`audit.arm`), by name; empty when no decision names one. */
  readonly arms: readonly { readonly arm: string; readonly count: number; readonly approve: number; readonly limitTotalFen: number }[];
}

/** Why some lines of a decisions file were not read: one issue code, how many lines, and the first of them with what each says. */
export interface UnreadableReason {
  readonly code: UnreadableCode;
  readonly count: number;
  readonly lines: readonly { readonly line: number; readonly message: string }[];
}

/**
 * The issue codes of a line not read, in the order a warning names them: the line's text (too long,
 * not UTF-8), then not JSON or JSON that JSON.parse would read altered (a key written twice, a number
 * it would round or make infinite: `UNREAD_LINE_CODES`), then JSON that is neither a decision nor an error line.
 */
export const UNREADABLE_CODES = [...UNREAD_LINE_CODES, 'data_invalid'] as const;

/** One of {@link UNREADABLE_CODES}. */
export type UnreadableCode = (typeof UNREADABLE_CODES)[number];

/** The release that sealed a decision, when it is an earlier one than this engine's: only 0.1.0 is told apart. */
export type EarlierRelease = '0.1.0';

/** Collects decisions one at a time (memory: two numbers per decision, for exact percentiles). */
export interface ReportAccumulator {
  /** Adds a decision; `sealedBy` names the earlier release that sealed it (its binding constraint is counted apart). */
  addDecision(d: Decision, sealedBy?: EarlierRelease): void;
  addRejection(code: string): void;
  /** A line neither a decision nor an error line: why (`reason`), at `line`, when known. */
  addUnreadable(reason?: { readonly code: UnreadableCode; readonly message: string }, line?: number): void;
  /** A decision whose seal failed (`fault`), at `line` when known: left out of every figure, counted apart. */
  addSealRefused(fault: LeftOutFault, line?: number): void;
  /**
   * A decision a later one of the file follows: left out of the figures, counted apart; `opening`,
   * the decision itself the first time it is read, still counts in the average cost of new lines
   * when it opened a line (its follow-ups never do, so the line would be lost from it).
   */
  addSuperseded(opening?: NewLineCostFacts): void;
  /** A decision already counted on an earlier line (its decisionId, the same content), at `line` when known: counted once. `sealedBy` as for `addDecision`. */
  addRepeated(sealedBy?: EarlierRelease, line?: number): void;
  /** A decision whose decisionId an earlier line's decision carries with other content, at `line` when known: left out, counted apart. */
  addRepeatedOther(line?: number): void;
  /** The decision just added carries no decisionId: a repeat of it cannot be told, so the report says so. */
  addUnidentified(): void;
  finish(): ReportData;
}

/** Line numbers kept of the decisions whose seal failed (or that repeat another's id): enough to find them, bounded for a file of millions. */
const SEAL_LINES_KEPT = 20;

/** Lines kept of each reason a line was not read, with what each says. */
const UNREADABLE_LINES_KEPT = 3;

function byHash(counts: ReadonlyMap<string, number>): { hash: string; count: number }[] {
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([hash, count]) => ({ hash, count }));
}

/** A fresh {@link ReportAccumulator}. Order of additions does not change the result. */
export function createReportAccumulator(): ReportAccumulator {
  let decisions = 0;
  let rejected = 0;
  let unreadable = 0;
  const unreadableReasons = new Map<UnreadableCode, { count: number; lines: { line: number; message: string }[] }>();
  let limitTotal = 0;
  const newLines = emptyNewLineCostTally();
  const outcomes = { approve: 0, refer: 0, decline: 0 };
  const grades = new Map<string, { count: number; outcomes: { approve: number; refer: number; decline: number }; limits: number[]; pds: number[] }>();
  // By constraint and, for an earlier release's decision, that release: "regulatory" and "0.1.0\u0000regulatory".
  const binding = new Map<string, number>();
  const certs = new Map<string, { count: number; gain: number; pdUnits: ExactSum }>();
  const reasons = new Map<string, { code: string; en: string; zhHans: string; source: 'policy' | 'model'; count: number }>();
  const errors = new Map<string, number>();
  const models = new Set<string>();
  const builds = new Map<string, { modelId: string; sha256: string | undefined; count: number }>();
  const policies = new Map<string, number>();
  const catalogs = new Map<string, number>();
  let earlierDecisions = 0;
  const earlierPolicies = new Map<string, number>();
  const arms = new Map<string, { count: number; approve: number; limitTotalFen: number }>();
  let from: string | undefined;
  let to: string | undefined;
  const sealRefused = { count: 0, contentHash: 0, signature: 0, unsealed: 0, posingAsEarlier: 0, earlierUnsigned: 0, lines: [] as number[] };
  let superseded = 0;
  let repeated = 0;
  let repeatedEarlierRelease = 0;
  const repeatedLines: number[] = [];
  const repeatedOther = { count: 0, lines: [] as number[] };
  let unidentified = 0;
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

  return {
    addDecision(d, sealedBy) {
      decisions++;
      if (sealedBy !== undefined) earlierDecisions++;
      outcomes[d.outcome]++;
      limitTotal += d.limit;
      tallyNewLineCost(newLines, d);
      let g = grades.get(d.grade);
      if (g === undefined) grades.set(d.grade, (g = { count: 0, outcomes: { approve: 0, refer: 0, decline: 0 }, limits: [], pds: [] }));
      g.count++;
      g.outcomes[d.outcome]++;
      if (d.outcome !== 'decline') g.limits.push(d.limit);
      g.pds.push(d.pd);
      if (d.outcome !== 'decline') bump(binding, sealedBy === undefined ? d.bindingConstraint : `${sealedBy}\u0000${d.bindingConstraint}`);
      for (const c of d.certificateImpacts) {
        const s = certs.get(c.kind) ?? { count: 0, gain: 0, pdUnits: emptyExactSum() };
        s.count++;
        s.gain += c.limitGain;
        // Counted exactly: a float sum depended on the order of the decisions.
        addUnits(s.pdUnits, toUnits(c.pdReduction, PROBABILITY_UNITS));
        certs.set(c.kind, s);
      }
      for (const r of d.reasons) {
        const s = reasons.get(r.code);
        if (s === undefined) reasons.set(r.code, { code: r.code, en: r.en, zhHans: r.zhHans, source: r.source, count: 1 });
        else s.count++;
      }
      if (typeof d.audit?.modelId === 'string') {
        models.add(d.audit.modelId);
        const sha256 = typeof d.audit.modelSha256 === 'string' ? d.audit.modelSha256 : undefined;
        const key = `${d.audit.modelId}\u0000${sha256 ?? ''}`;
        const b = builds.get(key) ?? { modelId: d.audit.modelId, sha256, count: 0 };
        b.count++;
        builds.set(key, b);
      }
      if (typeof d.audit?.policyHash === 'string') {
        bump(policies, d.audit.policyHash);
        if (sealedBy !== undefined) bump(earlierPolicies, d.audit.policyHash);
      }
      // This release's only: an earlier release's default catalog is no file --catalog can pass, and
      // the earlier-release warning names those decisions already.
      if (typeof d.audit?.catalogHash === 'string' && sealedBy === undefined) bump(catalogs, d.audit.catalogHash);
      if (typeof d.audit?.arm === 'string') {
        const a = arms.get(d.audit.arm) ?? { count: 0, approve: 0, limitTotalFen: 0 };
        a.count++;
        if (d.outcome === 'approve') a.approve++;
        a.limitTotalFen += d.limit;
        arms.set(d.audit.arm, a);
      }
      if (from === undefined || d.asOf < from) from = d.asOf;
      if (to === undefined || d.asOf > to) to = d.asOf;
    },
    addRejection(code) {
      rejected++;
      bump(errors, code);
    },
    addUnreadable(reason, line) {
      unreadable++;
      if (reason === undefined) return;
      const r = unreadableReasons.get(reason.code) ?? { count: 0, lines: [] };
      r.count++;
      if (line !== undefined && r.lines.length < UNREADABLE_LINES_KEPT) r.lines.push({ line, message: reason.message });
      unreadableReasons.set(reason.code, r);
    },
    addSealRefused(fault, line) {
      sealRefused.count++;
      sealRefused[fault]++;
      if (line !== undefined && sealRefused.lines.length < SEAL_LINES_KEPT) sealRefused.lines.push(line);
    },
    addSuperseded(opening) {
      superseded++;
      if (opening !== undefined) tallyNewLineCost(newLines, opening);
    },
    addRepeated(sealedBy, line) {
      repeated++;
      if (sealedBy !== undefined) repeatedEarlierRelease++;
      if (line !== undefined && repeatedLines.length < SEAL_LINES_KEPT) repeatedLines.push(line);
    },
    addUnidentified() {
      unidentified++;
    },
    addRepeatedOther(line) {
      repeatedOther.count++;
      if (line !== undefined && repeatedOther.lines.length < SEAL_LINES_KEPT) repeatedOther.lines.push(line);
    },
    finish() {
      const byCount = <T extends { count: number }>(a: T & { k: string }, b: T & { k: string }) => b.count - a.count || (a.k < b.k ? -1 : 1);
      return {
        decisions,
        rejected,
        unreadable,
        unreadableReasons: UNREADABLE_CODES.flatMap((code) => {
          const r = unreadableReasons.get(code);
          return r === undefined ? [] : [{ code, count: r.count, lines: r.lines.map((l) => ({ ...l })) }];
        }),
        outcomes: { ...outcomes },
        grades: [...grades.entries()]
          .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
          .map(([grade, g]) => ({ grade, count: g.count, outcomes: { ...g.outcomes }, limit: distribution(g.limits), pd: distribution(g.pds) })),
        bindingConstraints: [...binding.entries()]
          .map(([k, count]) => ({ k, count }))
          .sort(byCount)
          .map(({ k, count }) => {
            const cut = k.indexOf('\u0000');
            return cut < 0 ? { name: k, count } : { name: k.slice(cut + 1), count, release: k.slice(0, cut) as EarlierRelease };
          }),
        certificates: [...certs.entries()]
          .map(([kind, s]) => ({
            kind,
            count: s.count,
            meanLimitGainFen: s.gain / s.count,
            totalLimitGainFen: s.gain,
            meanPdReduction: fromUnits(s.pdUnits, PROBABILITY_UNITS) / s.count,
          }))
          .sort((a, b) => b.meanLimitGainFen - a.meanLimitGainFen || b.count - a.count || (a.kind < b.kind ? -1 : 1)),
        reasons: [...reasons.values()]
          .map((r) => ({ ...r, k: r.code }))
          .sort(byCount)
          .map(({ k: _k, ...r }) => r),
        errorCodes: [...errors.entries()]
          .map(([k, count]) => ({ k, count }))
          .sort(byCount)
          .map(({ k, count }) => ({ code: k, count })),
        limitTotalFen: limitTotal,
        newLines: {
          count: newLines.count,
          limitTotalFen: newLines.limitTotalFen,
          averageApr: averageCostOfNewLines(newLines),
        },
        models: [...models].sort(),
        modelBuilds: [...builds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, b]) => ({ ...b })),
        policies: byHash(policies),
        catalogs: byHash(catalogs),
        earlierRelease: { decisions: earlierDecisions, policies: byHash(earlierPolicies) },
        asOf: from === undefined || to === undefined ? null : { from, to },
        sealRefused: { ...sealRefused, lines: [...sealRefused.lines] },
        superseded,
        repeated,
        repeatedEarlierRelease,
        repeatedLines: [...repeatedLines],
        repeatedOther: { ...repeatedOther, lines: [...repeatedOther.lines] },
        unidentified,
        arms: [...arms.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([arm, a]) => ({ arm, ...a })),
      };
    },
  };
}
