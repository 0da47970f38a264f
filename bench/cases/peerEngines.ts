import type { Applicant } from '../../src/schema/applicant.js';
import { builtPackage } from '../builtPackage.js';
import type { BenchWorkload } from '../benchWorkload.js';
import { measureThroughput, type ThroughputOptions, type ThroughputResult } from '../harness/measureThroughput.js';
import { openJsonRulesLoanEngine } from '../peers/jsonRulesLoanEngine.js';
import { type LoanFacts, referenceLimit } from '../peers/loanTable.js';
import { openZenLoanDecision } from '../peers/zenLoanDecision.js';

/** The peer rules engines on the loan table (bench/peers/loanTable.ts), one applicant at a time. */
export interface PeerEngines {
  /** Applicants per round (those creditlift decided; their grades feed the table). */
  readonly applicants: number;
  /** `@gorules/zen-engine`, or why it could not run here. */
  readonly zen: ThroughputResult | { readonly unavailable: string };
  readonly jsonRulesEngine: ThroughputResult;
}

/** The table's facts for an applicant, with the grade creditlift gave it. */
function factsOf(a: Applicant, grade: string): LoanFacts {
  const income = a.income.monthlyNet;
  return { income, dti: income > 0 ? (a.bureau.otherMonthlyDebtService ?? 0) / income : 1, grade, daysPastDue: a.bureau.currentDaysPastDue ?? 0 };
}

/**
 * Measures {@link PeerEngines}: each engine evaluates every applicant's facts once per round, awaited
 * one by one as a service would; per CPU-second counts all the process's threads (zen's native ones
 * too). Before timing, both engines must give the plain-JavaScript reading of the table for every
 * applicant, so a mistranslated rule cannot make a peer look fast.
 */
export async function peerEngines(w: BenchWorkload, options: ThroughputOptions): Promise<PeerEngines> {
  const { createScorer } = (await builtPackage()).index;
  const scorer = await createScorer({ model: w.modelPath, suggestionsPerDecision: 0 });
  const facts: LoanFacts[] = [];
  try {
    const results = await scorer.decideBatch(w.applicants);
    results.forEach((r, i) => {
      if (r.ok) facts.push(factsOf(w.applicants[i] as Applicant, r.decision.grade));
    });
  } finally {
    await scorer.close();
  }
  const engines: { name: string; limit: (f: LoanFacts) => Promise<number> }[] = [];
  const jre = openJsonRulesLoanEngine();
  engines.push({ name: 'json-rules-engine', limit: (f) => jre.limit(f) });
  let zen: Awaited<ReturnType<typeof openZenLoanDecision>> | undefined;
  let zenUnavailable: string | undefined;
  try {
    zen = await openZenLoanDecision();
    const z = zen;
    engines.push({ name: '@gorules/zen-engine', limit: (f) => z.limit(f) });
  } catch (e) {
    zenUnavailable = e instanceof Error ? e.message : String(e);
  }
  try {
    for (const e of engines) {
      for (const f of facts) {
        const got = await e.limit(f);
        const want = referenceLimit(f);
        if (got !== want) throw new Error(`${e.name} gave ${got} for ${JSON.stringify(f)}; the table says ${want}`);
      }
    }
    const round = (limit: (f: LoanFacts) => Promise<number>) => async () => {
      for (const f of facts) await limit(f);
      return facts.length;
    };
    const jsonRulesEngine = await measureThroughput(
      round((f) => jre.limit(f)),
      options,
    );
    const zenResult =
      zen === undefined
        ? { unavailable: zenUnavailable ?? 'not loaded' }
        : await measureThroughput(
            round((f) => (zen as NonNullable<typeof zen>).limit(f)),
            options,
          );
    return { applicants: facts.length, zen: zenResult, jsonRulesEngine };
  } finally {
    zen?.dispose();
  }
}
