// The README's scorer-pool example ("A scorer pool", under "Property-test your own pricing rules"),
// verbatim except for the two import paths ('creditlift' -> '../../src/index.js', 'creditlift/testing' ->
// '../../src/testing/index.js'), so the example a user pastes is known to run and to let the run end;
// test/readmeSnippets.test.ts checks it is verbatim. In `npm run test:deep`: it runs the
// pool law for about 35 s. It runs under vitest's default timeouts (5 s a
// test, 10 s a hook), as in a user's fresh project: the example sets its own.
import { vi } from 'vitest';

vi.setConfig({ testTimeout: 5_000, hookTimeout: 10_000 });

import { afterAll, beforeAll, it } from 'vitest';
import { createScorer, createScorerPool, resolvePolicy, type Scorer, type ScorerPool } from '../../src/index.js';
import { assertCreditLaws } from '../../src/testing/index.js';

const options = { policy: resolvePolicy({ limits: { productMax: 3_000_000 } }) };
let scorer: Scorer;
let pool: ScorerPool;
// The worker loads the model in its own process: longer than vitest's default hook timeout on a busy machine.
beforeAll(async () => {
  scorer = await createScorer(options);
  pool = await createScorerPool({ workers: 1, scorer: options });
}, 60_000);
// Closed, or the worker process keeps the test run from exiting.
afterAll(async () => {
  await pool?.close();
  await scorer?.close();
});

// Every law with a pool part, in one test: give it minutes, not vitest's default 5 s.
it('our scorer and its pool keep every credit law', { timeout: 300_000 }, () => assertCreditLaws({ scorer, pool, numRuns: 50, scorerNumRuns: 10 }));
