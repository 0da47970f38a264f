import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWalkthrough } from '../helpers/ownBookWalkthrough.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-own-book-deep-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('README "Train on your own book" on 30,000 synthetic applicants', () => {
  it('every PD through createScorer equals loadModel(...).predict on the featurized rows (1e-6)', async () => {
    const { worst, n } = await runWalkthrough(work, 30_000, '40');
    expect(n).toBe(30_000);
    expect(worst).toBeLessThanOrEqual(1e-6);
  });
});
