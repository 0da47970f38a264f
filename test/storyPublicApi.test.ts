import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The story helpers and the playground are built the way an integrator would build them: from what
// `creditlift`, `creditlift/health` and `creditlift/examples` export, never from internals.
const PUBLIC = new Set(['../index.js', '../health/index.js', '../examples/index.js', '../story/index.js']);
// Packages the library depends on are what an integrator has too.
const DEPENDENCIES = new Set(Object.keys((JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('src/story and src/playground use the public API only', () => {
  for (const dir of ['src/story', 'src/playground']) {
    it(dir, () => {
      const files = sources(dir);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const specifiers = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);
        for (const s of specifiers) {
          // A dependency's own subpath (date-fns/formatISO) is that dependency.
          const pkg = s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] as string);
          const ok = s.startsWith('node:') || DEPENDENCIES.has(pkg) || (s.startsWith('./') && !s.includes('..')) || PUBLIC.has(s);
          expect(ok, `${file} imports ${s}`).toBe(true);
        }
      }
    });
  }
});
