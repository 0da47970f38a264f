// The code under test is the built package (dist/), as users run it: `npm run bench` builds first.
// The harness may run under tsx, but tsx transforms only the TypeScript it loads, not dist/*.js, so
// the figures carry none of its wrapping. Types come from the sources dist is built from.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Examples from '../src/examples/index.js';
import type * as Index from '../src/index.js';
import type * as Internals from '../src/internals.js';
import type * as Train from '../src/train/index.js';

/** The package's entry points, loaded from dist/. */
export interface BuiltPackage {
  readonly index: typeof Index;
  readonly train: typeof Train;
  readonly examples: typeof Examples;
  readonly internals: typeof Internals;
  /** Absolute path of dist/index.js, for the record. */
  readonly entry: string;
}

let loaded: Promise<BuiltPackage> | undefined;

/** Loads dist/ once; throws a clear error when the package was not built. */
export function builtPackage(): Promise<BuiltPackage> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<BuiltPackage> {
  const url = (name: string) => new URL(`../dist/${name}.js`, import.meta.url);
  const entry = fileURLToPath(url('index'));
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first (\`npm run bench\` does).`);
  const [index, train, examples, internals] = await Promise.all([
    import(url('index').href) as Promise<typeof Index>,
    import(url('train').href) as Promise<typeof Train>,
    import(url('examples').href) as Promise<typeof Examples>,
    import(url('internals').href) as Promise<typeof Internals>,
  ]);
  return { index, train, examples, internals, entry };
}
