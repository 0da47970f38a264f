import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WHAT_IF_CONFIDENCE } from '../src/decision/hypotheticalEvidence.js';
import { creditLaws } from '../src/testing/index.js';

/**
 * The README's TypeScript examples run against the source, so the documentation cannot drift from
 * the code: each ```ts block under the named heading is written to a module with the package
 * imports pointed at src/, and imported (vitest compiles it). The property-testing example runs
 * as its own test file, test/readmeExample.test.ts.
 */
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const dir = new URL('../.readme-snippets/', import.meta.url);
mkdirSync(dir, { recursive: true });

function snippetsUnder(heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const end = readme.indexOf('\n## ', start + 4);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

function toModule(code: string): string {
  return code
    .replace(/from 'creditlift\/health'/g, "from '../src/health/index.js'")
    .replace(/from 'creditlift\/testing'/g, "from '../src/testing/index.js'")
    .replace(/from 'creditlift'/g, "from '../src/index.js'");
}

async function run(name: string, code: string): Promise<void> {
  const file = new URL(`${name}.ts`, dir);
  writeFileSync(file, `${toModule(code)}\nexport {};\n`);
  await import(/* @vite-ignore */ file.href);
}

describe('README examples run as written', () => {
  it('Quick start', async () => {
    const [quickStart] = snippetsUnder('Quick start');
    expect(quickStart).toContain('createScorer');
    await run('quickStart', quickStart!);
  });

  it('the property-testing example is test/readmeExample.test.ts verbatim (imports pointed at src/)', () => {
    const [example] = snippetsUnder('Property-test your own pricing rules');
    const test = readFileSync(new URL('./readmeExample.test.ts', import.meta.url), 'utf8');
    expect(test.slice(test.indexOf("import fc from 'fast-check';"))).toBe(toModule(example!));
  });

  it('Policy simulation: the simulateBook sample is test/types/readmeSimulateBook.ts verbatim (imports pointed at src/), which tsc type-checks', () => {
    const [example] = snippetsUnder('Policy simulation: swap sets, losses, backtests');
    expect(example).toContain('simulateBook(');
    const typed = readFileSync(new URL('./types/readmeSimulateBook.ts', import.meta.url), 'utf8');
    expect(typed.slice(typed.indexOf('// README sample\n') + '// README sample\n'.length)).toBe(
      toModule(example!).replace(/from '\.\.\/src\/index\.js'/g, "from '../../src/index.js'"),
    );
  });

  it('Champion/challenger: the challenger changes a few numbers with policyOverrides, and the scorer is built', async () => {
    const [example] = snippetsUnder('Champion/challenger');
    expect(example).toContain('challengers');
    await run('championChallenger', example!);
  });

  it('Financial health', async () => {
    const [health] = snippetsUnder('Financial health');
    await run('financialHealth', health!);
  });
});

describe('README states what suggestions promise as the law checks it', () => {
  it('previews assume the confidence the code assumes (WHAT_IF_CONFIDENCE), and the upload gives at least the previewed limit, not exactly it', () => {
    const explanations = readme.slice(readme.indexOf('- **What-if evidence**'), readme.indexOf('### Explanations only when owed')).replace(/\s+/g, ' ');
    const lawRow = readme.split('\n').find((l) => l.startsWith('| `suggestions_come_true` |')) ?? '';
    for (const text of [explanations, lawRow]) {
      expect(text).toContain(`confidence ${WHAT_IF_CONFIDENCE}`);
      expect(text).toMatch(/at least the (previewed|suggested) limit/);
    }
    expect(explanations).not.toMatch(/exactly the previewed PD, outcome and limit/);
  });
});

// findings14-docs #6: the property-testing example said "all nine laws" when the kit had sixteen,
// fourteen of them with a policy part (what `assertCreditLaws({ policy })` runs).
describe('README counts the credit laws as the kit has them', () => {
  const words = [
    'zero',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
    'thirteen',
    'fourteen',
    'fifteen',
    'sixteen',
    'seventeen',
    'eighteen',
    'nineteen',
    'twenty',
  ];
  it('the laws with a policy part, in the example and in the kit options', () => {
    const policyLaws = Object.values(creditLaws).filter((l) => l.parts.includes('policy')).length;
    const [example] = snippetsUnder('Property-test your own pricing rules');
    expect(example).toContain(`for the ${words[policyLaws]} laws with a policy part`);
    expect(readme.replace(/\s+/g, ' ')).toContain(`the ${words[policyLaws]} with a policy part`);
    expect(readme).not.toMatch(/all nine laws/);
  });
});
