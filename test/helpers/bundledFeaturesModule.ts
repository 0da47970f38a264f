import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleEntry } from '../setup/sourceWorkerBundle.js';

/**
 * Writes a lender's features module (`text`, TypeScript importing this repository's src/) as
 * `dir`/NAME.ts and bundles it, with the source it imports, into `dir`/NAME.mjs; returns that path.
 * Why: pool workers load a `.ts` module through tsx, whole source tree and all (about 2.5 CPU-s a
 * worker against 1 from the run's worker bundle, see src/parallel/scorerWorkerEntry.ts). A test about
 * what the workers do with a lender's feature set, not about loading TypeScript, gives them the
 * `.mjs`: plain node loads it, as it loads a lender's module compiled to JavaScript. The package's
 * dependencies (zod) stay imports, resolved from node_modules as the workers' own are.
 */
export async function bundledFeaturesModule(dir: string, name: string, text: string): Promise<string> {
  const source = join(dir, `${name}.ts`);
  writeFileSync(source, text);
  return bundleEntry(dir, name, source);
}
