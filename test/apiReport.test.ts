import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildApiReports, reportPath } from '../scripts/apiReport.js';

describe('API report', () => {
  it('every entry point exports exactly what api/*.api.md records (run `npm run api:report` and commit the diff)', () => {
    for (const [entry, text] of buildApiReports()) {
      let committed = '';
      try {
        committed = readFileSync(reportPath(entry), 'utf8');
      } catch {}
      expect(text, `${entry}: the public surface changed; run npm run api:report and commit api/`).toBe(committed);
    }
  });
});
