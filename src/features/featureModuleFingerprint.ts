import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';

/** What identifies a `--features` module: the module file and the local files it imports. */
export interface FeatureModuleFingerprint {
  /** The module file, absolute. */
  readonly path: string;
  /** Its size in bytes. */
  readonly size: number;
  /**
   * SHA-256 of the module file alone when it imports no local file (what earlier versions
   * recorded, so their run manifests still match); otherwise of every file below, each with its
   * path relative to the module's folder.
   */
  readonly sha256: string;
  /** The local files it imports, directly or not, relative to the module's folder, sorted; empty when none. */
  readonly imports: readonly string[];
}

// Static forms only: `import ... from '...'`, `export ... from '...'`, `import '...'`,
// `import('...')` and `require('...')` with a literal specifier. A computed specifier is not
// seen; a match inside a comment only adds a file that exists to the hash (never fewer).
const SPECIFIERS = [
  /\b(?:import|export)\s[^;'"`]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
  /\bimport\s*(['"])([^'"\n]+)\1/g,
  /\b(?:import|require)\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g,
];

// How TypeScript-style specifiers name source files: `./helper.js` for `helper.ts`, and so on.
const CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
  '': ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'],
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The file a relative specifier names, as tsx and node resolve it; undefined when none exists. */
async function resolveLocal(from: string, specifier: string): Promise<string | undefined> {
  const target = resolve(dirname(from), specifier.split(/[?#]/)[0] as string);
  if (await isFile(target)) return target;
  const ext = /\.(?:js|mjs|cjs)$/.exec(target)?.[0] ?? '';
  const stem = ext === '' ? target : target.slice(0, -ext.length);
  for (const alt of CANDIDATES[ext] ?? []) if (await isFile(stem + alt)) return stem + alt;
  return undefined;
}

/**
 * Fingerprints a lender's feature-set module for run manifests and distributed jobs, so a resumed
 * run or a worker refuses another version of it. A feature's `compute` often lives in a helper
 * file: hashing the module file alone let a changed helper through unnoticed, and a resumed run
 * mixed decisions of two feature versions. Every file the module reaches through relative imports
 * (`./`, `../`; not packages, not node_modules) is hashed with it.
 *
 * @example (await fingerprintFeatureModule('features.ts')).imports // ['helpers/tenure.ts']
 */
export async function fingerprintFeatureModule(path: string): Promise<FeatureModuleFingerprint> {
  const entry = resolve(path);
  const base = dirname(entry);
  const bytes = new Map<string, Buffer>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (bytes.has(file)) continue;
    const content = await readFile(file);
    bytes.set(file, content);
    const text = content.toString('utf8');
    for (const pattern of SPECIFIERS) {
      for (const m of text.matchAll(pattern)) {
        const specifier = m[2] as string;
        if (!specifier.startsWith('./') && !specifier.startsWith('../')) continue;
        const found = await resolveLocal(file, specifier);
        if (found !== undefined && !found.split(/[\\/]/).includes('node_modules') && !bytes.has(found)) pending.push(found);
      }
    }
  }
  const imports = [...bytes.keys()]
    .filter((f) => f !== entry)
    .map((f) => relative(base, f))
    .sort();
  const own = bytes.get(entry) as Buffer;
  const hash = createHash('sha256');
  if (imports.length === 0) hash.update(own);
  else
    for (const [name, file] of [['', entry] as const, ...imports.map((r) => [r, resolve(base, r)] as const)]) {
      hash.update(`${name}\0${(bytes.get(file) as Buffer).length}\0`).update(bytes.get(file) as Buffer);
    }
  return { path: entry, size: own.length, sha256: hash.digest('hex'), imports };
}
