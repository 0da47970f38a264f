import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintFeatureModule } from '../../src/features/featureModuleFingerprint.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const dir = mkdtempSync(join(scratch, 'features-fingerprint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, text: string) => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('fingerprintFeatureModule: the module and the local files it imports', () => {
  it('a module importing no local file hashes as its bytes alone (what earlier run manifests recorded)', async () => {
    const path = put('plain.ts', "import { z } from 'zod';\nexport default 1;\n");
    const f = await fingerprintFeatureModule(path);
    expect(f.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    expect(f.imports).toEqual([]);
  });

  it('a changed helper changes the fingerprint, through every static form, `.js` naming `.ts`, nested and cyclic imports', async () => {
    put('lib/tenure.ts', "import { round } from './round.js';\nimport '../cycle.js';\nexport const tenure = (m: number) => round(m);\n");
    put('lib/round.ts', 'export const round = Math.round;\n');
    put('cycle.ts', "import './main.js';\nexport {};\n");
    put('lib/extra.mts', 'export const extra = 1;\n');
    put('lib/dynamic.ts', 'export const d = 1;\n');
    put('lib/required.cjs', 'module.exports = 1;\n');
    const main = put(
      'main.ts',
      [
        "import { z } from 'zod';",
        "import {\n  tenure,\n} from './lib/tenure.js';",
        "export * from './lib/extra.mjs';",
        "const lazy = () => import('./lib/dynamic');",
        "const r = require('./lib/required.cjs');",
        "import type { Nope } from './missing.js';",
        'export default { tenure, lazy, r };',
        '',
      ].join('\n'),
    );
    const before = await fingerprintFeatureModule(main);
    expect(before.imports).toEqual(['cycle.ts', 'lib/dynamic.ts', 'lib/extra.mts', 'lib/required.cjs', 'lib/round.ts', 'lib/tenure.ts']);
    expect(before.size).toBe(readFileSync(main).length);
    put('lib/round.ts', 'export const round = Math.floor;\n');
    const after = await fingerprintFeatureModule(main);
    expect(after.sha256).not.toBe(before.sha256);
    expect(after.imports).toEqual(before.imports);
    // A file it does not import changes nothing.
    put('lib/unrelated.ts', 'export const u = 2;\n');
    expect((await fingerprintFeatureModule(main)).sha256).toBe(after.sha256);
  });

  it('packages and node_modules are not followed (the engine and its dependencies have their own versions)', async () => {
    put('node_modules/pkg/index.js', 'module.exports = 1;\n');
    const main = put('usesPackages.ts', "import 'zod';\nimport x from './node_modules/pkg/index.js';\nexport default x;\n");
    expect((await fingerprintFeatureModule(main)).imports).toEqual([]);
  });
});
