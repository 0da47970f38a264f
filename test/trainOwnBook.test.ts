import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWalkthrough } from './helpers/ownBookWalkthrough.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-own-book-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('README "Train on your own book", run as written', () => {
  // 1,000 applicants and 10 rounds keep it to seconds; test/deep runs the 30,000 of the issue.
  it('featurize -> train -> createScorer -> decide: every PD equals loadModel(...).predict on the featurized row (1e-6)', async () => {
    const { worst, n } = await runWalkthrough(work, 1_000, '10');
    expect(n).toBe(1_000);
    expect(worst).toBeLessThanOrEqual(1e-6);
  });
});
