import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('date-fns imports', () => {
  // Importing date-fns by its package name loads all of its ~250 modules: about 2.5 MiB of live
  // heap in every process that imports creditlift, and several times that in a stream's peak RSS.
  // Each function comes from its own subpath instead (date-fns/addYears), as date-fns exports them.
  it('src imports each date-fns function from its own subpath, never the package index', () => {
    const offenders = sourceFiles(SRC).filter((f) => /from ['"]date-fns['"]/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
    expect(sourceFiles(SRC).some((f) => /from 'date-fns\/[a-zA-Z]+'/.test(readFileSync(f, 'utf8')))).toBe(true);
  });
});
