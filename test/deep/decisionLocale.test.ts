import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// A decision is a function of its inputs and asOf, never of the server's language. Its
// tie-breaks (factor features of equal weight, suggestions of equal gain) once used
// localeCompare, which collates by the process's ICU locale: under LC_ALL=haw_US.UTF-8 the
// example applicants' decisions came out with other bytes, ids and seals than under C.UTF-8.

const script = `
import { createScorer } from './src/decision/createScorer.ts';
import { exampleApplicants } from './src/examples/exampleApplicants.ts';
const scorer = await createScorer({ suggestionsPerDecision: 3 });
const results = await scorer.decideBatch(exampleApplicants.map((e) => e.applicant));
await scorer.close();
process.stdout.write(JSON.stringify({ locale: new Intl.Collator().resolvedOptions().locale, decisions: results.map((r) => (r.ok ? r.decision : r.error.code)) }));
`;

function decideIn(locale: string): { locale: string; decisions: unknown[] } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, LC_ALL: locale, LANG: locale },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString()) as { locale: string; decisions: unknown[] };
}

describe('decisions do not depend on the process locale', () => {
  it('the example applicants decide byte for byte alike under C, Hawaiian, Estonian and Lithuanian collation', () => {
    const base = decideIn('C.UTF-8');
    expect(base.decisions.length).toBeGreaterThan(5);
    for (const locale of ['haw_US.UTF-8', 'et_EE.UTF-8', 'lt_LT.UTF-8']) {
      const other = decideIn(locale);
      // The child really collated by that locale, so the equality below is not vacuous.
      expect(other.locale.slice(0, 2)).toBe(locale.slice(0, 2));
      expect(JSON.stringify(other.decisions)).toBe(JSON.stringify(base.decisions));
    }
  }, 120_000);
});
