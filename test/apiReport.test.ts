import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportPath } from '../scripts/apiReport.js';
import { cachedApiReports, digest, stillCurrent } from './helpers/cachedApiReports.js';

describe('API report', () => {
  it('every entry point exports exactly what api/*.api.md records (run `npm run api:report` and commit the diff)', () => {
    // Rebuilt only where a file the compiler reads has changed since the last run (see cachedApiReports).
    for (const [entry, text] of cachedApiReports()) {
      let committed = '';
      try {
        committed = readFileSync(reportPath(entry), 'utf8');
      } catch {}
      expect(text, `${entry}: the public surface changed; run npm run api:report and commit api/`).toBe(committed);
    }
  });

  it('a kept build is reused only while its setting and every file it read are unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-report-'));
    try {
      const file = join(dir, 'entry.ts');
      writeFileSync(file, 'export const a = 1;\n');
      const kept = { setting: 's', read: [[file, digest('export const a = 1;\n')]] as const, reports: [] };
      expect(stillCurrent(kept, 's')).toBe(true);
      expect(stillCurrent(kept, 'another compiler or script')).toBe(false);
      writeFileSync(file, 'export const a = 2;\n');
      expect(stillCurrent(kept, 's')).toBe(false);
      rmSync(file);
      expect(stillCurrent(kept, 's')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
