import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors/validationError.js';
import { featuresModuleIssues } from '../src/features/featuresModuleIssues.js';
import { defaultModelPath } from '../src/model/defaultModelPath.js';
import { baseApplicant } from './helpers/baseApplicant.js';

// The README's "Your own features and attributes" example, run as written (imports pointed at src/).
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const start = readme.indexOf('\n## Your own features and attributes\n');
const code = /```ts\n([\s\S]*?)```/.exec(readme.slice(start))![1]!;
const dir = new URL('../.readme-snippets/', import.meta.url);
mkdirSync(dir, { recursive: true });

describe('README "Your own features and attributes"', () => {
  it('declares the feature set; the scorer validates the lender attribute and still refuses others', async () => {
    const file = new URL('ownFeatures.ts', dir);
    writeFileSync(file, code.replace(/from 'creditlift'/g, "from '../src/index.js'"));
    const { scorerFor } = (await import(/* @vite-ignore */ file.href)) as {
      scorerFor: (p: string) => Promise<{ decide(a: unknown): Promise<{ pd: number }>; close(): Promise<void> }>;
    };
    // The default model does not read the lender feature; declaring more than a model reads is fine.
    const scorer = await scorerFor(defaultModelPath());
    try {
      const applicant = baseApplicant();
      expect((await scorer.decide({ ...applicant, attributes: { internal_behaviour_score: 640 } })).pd).toBeGreaterThan(0);
      const refused = await scorer.decide({ ...applicant, attributes: { internal_behaviour_score: 640, religion: 'x' } }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ValidationError);
    } finally {
      await scorer.close();
    }
  });

  // findings14-docs #3: the module exported only scorerFor, so the README's next command,
  // `featurize --features ./features.js`, refused it ("exports no feature set").
  it('is the module the command line takes: saved as features.js it is plain JavaScript, and --features accepts it', async () => {
    const js = new URL('ownFeatures.mjs', dir);
    writeFileSync(js, code);
    // Syntax only: a TypeScript annotation is a syntax error in a .js module.
    expect(() => execFileSync(process.execPath, ['--check', fileURLToPath(js)], { stdio: 'pipe' })).not.toThrow();
    const file = new URL('ownFeaturesModule.ts', dir);
    writeFileSync(file, code.replace(/from 'creditlift'/g, "from '../src/index.js'"));
    expect(await featuresModuleIssues(fileURLToPath(file), 'features')).toEqual([]);
  });
});
