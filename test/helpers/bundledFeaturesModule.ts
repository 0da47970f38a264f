import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

type Esbuild = typeof import('esbuild');
let esbuild: Esbuild | undefined;

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
  const out = join(dir, `${name}.mjs`);
  writeFileSync(source, text);
  // esbuild, the bundler under tsup (test/setup/sourceWorkerBundle.ts), resolved from tsup (it is no
  // dependency of ours): loading tsup itself cost the test process about 1.2 CPU-s, esbuild 0.3.
  esbuild ??= createRequire(createRequire(import.meta.url).resolve('tsup'))('esbuild') as Esbuild;
  await esbuild.build({
    entryPoints: [source],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  return out;
}
