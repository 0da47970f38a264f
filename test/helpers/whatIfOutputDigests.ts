import { createHash } from 'node:crypto';
import { createScorer } from '../../src/decision/createScorer.js';
import { EXAMPLE_AS_OF, exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

/** SHA-256 of one serialized result: equal digests mean byte-identical JSON output. */
const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Shifts a date string by whole years (birth dates of the "just old enough" variants). */
const yearsBefore = (iso: string, years: number, extraDays = 0): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + extraDays);
  return d.toISOString().slice(0, 10);
};

/**
 * Decisions and suggestions over the paths that build what-ifs, each serialized and digested:
 * the examples through `decide` (default 3 suggestions) and `suggest` (every kind), the examples
 * again as young holders (so some what-if kinds are too young to hold), two seeded populations on
 * different `asOf` dates through `decideBatch`, and a scorer whose confidence floor rejects every
 * what-if certificate. The committed fixture was written by main's code before the what-if path
 * was optimised; `test/whatIfOutput.test.ts` compares.
 */
export async function whatIfOutputDigests(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const scorer = await createScorer({ signingKey: 'what-if fixture key, thirty-two bytes or more' });
  const strict = await createScorer({ minConfidence: 0.96, suggestionsPerDecision: 5 });
  try {
    const young = exampleApplicants.flatMap((e) =>
      [18, 19, 21].map((age) => ({
        id: `${e.id}-age${age}`,
        applicant: { ...e.applicant, id: `${e.applicant.id}-age${age}`, birthDate: yearsBefore(EXAMPLE_AS_OF, age, -3) },
      })),
    );
    for (const e of [...exampleApplicants, ...young]) {
      out[`decide/${e.id}`] = digest(await scorer.decide(e.applicant));
      out[`suggest/${e.id}`] = digest(await scorer.suggest(e.applicant, { top: 100 }));
      out[`strict/${e.id}`] = digest(await strict.decide(e.applicant));
    }
    for (const [asOf, size, seed] of [
      ['2026-11-01', 300, 7],
      ['2025-06-30', 200, 11],
    ] as const) {
      const applicants = generatePopulation({ size, seed, asOf }).map((r) => r.applicant);
      const results = await scorer.decideBatch(applicants);
      results.forEach((r, i) => {
        out[`batch/${asOf}/${i}`] = digest(r);
      });
    }
  } finally {
    await scorer.close();
    await strict.close();
  }
  return out;
}
