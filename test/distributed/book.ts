import { exampleApplicants } from '../../src/examples/exampleApplicants.js';

/**
 * An NDJSON book of `n` applicants cycling through the ten examples with distinct ids and
 * incomes, plus (when `withBad`) a line of broken JSON, an invalid record, a line nested 5,000
 * deep (past what V8 can serialise into a job) and a blank line, so error lines and skipped lines
 * travel through the queue too.
 */
export function ndjsonBook(n: number, withBad = true): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    if (withBad && i === 7) lines.push('{"id": "broken", ');
    else if (withBad && i === 19) lines.push(JSON.stringify({ id: `bad-${i}`, income: { monthlyNet: -5 } }));
    else if (withBad && i === 30) lines.push('');
    else if (withBad && i === 41) lines.push(`{"id":${'['.repeat(5_000)}${']'.repeat(5_000)}}`);
    else {
      const ex = exampleApplicants[i % exampleApplicants.length]!.applicant as unknown as { id: string; income: { monthlyNet: number } };
      lines.push(JSON.stringify({ ...ex, id: `book-${i}`, income: { ...ex.income, monthlyNet: ex.income.monthlyNet + (i % 13) * 10_000 } }));
    }
  }
  return `${lines.join('\n')}\n`;
}
