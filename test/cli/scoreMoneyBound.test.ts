// `creditlift score` never writes a decision that fails the Decision output schema: money above the
// applicant bound is that line's error, named by field, as the library refuses it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { Decision } from '../../src/decision/decision.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'score-money-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('score: income of 4e15 fen is its line error naming income.monthlyNet; the decision lines parse', async () => {
  const grad = exampleFor('new_graduate').applicant;
  const huge = { ...grad, id: 'huge', income: { ...grad.income, monthlyNet: 4e15 } };
  const input = join(work, 'in.ndjson');
  const output = join(work, 'out.ndjson');
  writeFileSync(input, `${JSON.stringify(grad)}\n${JSON.stringify(huge)}\n`);
  const code = await runScoreCommand(['--in', input, '--out', output, '--suggestions', '0'], captureIo().io);
  expect(code).not.toBe(0);
  const lines = readFileSync(output, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { line: number; decision?: unknown; error?: { code: string; issues: { path: (string | number)[] }[] } });
  expect(lines).toHaveLength(2);
  const [ok, refused] = [lines.find((l) => l.line === 1), lines.find((l) => l.line === 2)];
  expect(Decision.safeParse(ok?.decision).success).toBe(true);
  expect(refused?.decision).toBeUndefined();
  expect(refused?.error?.code).toBe('validation_failed');
  expect(refused?.error?.issues.map((i) => i.path.join('.'))).toEqual(['income.monthlyNet']);
});
