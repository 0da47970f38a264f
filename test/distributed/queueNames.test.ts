import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queueNameOf, type ChunkJobData, type ScoringFingerprint } from '../../src/distributed/chunkJob.js';
import { decideChunk } from '../../src/distributed/decideChunk.js';
import { fakeDecider } from '../cli/fakeDecider.js';

type Configuration = Omit<ScoringFingerprint, 'suggestions'>;

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const configuration: fc.Arbitrary<Configuration> = fc.record({
  modelSha256: hex(64),
  policyHash: hex(64),
  catalogHash: hex(64),
  engineVersion: fc.constantFrom('0.1.0', '0.1.1', '0.2.0'),
  featuresSha256: fc.option(hex(64), { nil: null }),
  keys: fc.record({ signing: fc.option(hex(32), { nil: null }), personalData: fc.option(hex(32), { nil: null }) }),
});

describe('queueNameOf: one queue per scoring configuration', () => {
  it('two configurations share a queue exactly when they are the same configuration', () => {
    fc.assert(
      fc.property(configuration, configuration, (a, b) => {
        const same = JSON.stringify(a) === JSON.stringify(b);
        expect(queueNameOf(a) === queueNameOf(b), 'queues equal iff configurations equal').toBe(same);
        expect(queueNameOf(a)).toMatch(/^creditlift-score-[0-9a-f]{16}$/);
      }),
      { numRuns: 200 },
    );
  });
  it('changing any one field (model, policy, catalog, engine, features, either key) moves a configuration to another queue', () => {
    fc.assert(
      fc.property(configuration, hex(64), (a, other) => {
        const changed: Configuration[] = [
          { ...a, modelSha256: other },
          { ...a, policyHash: other },
          { ...a, catalogHash: other },
          { ...a, engineVersion: `${a.engineVersion}-next` },
          { ...a, featuresSha256: a.featuresSha256 === other ? null : other },
          { ...a, keys: { ...a.keys, signing: a.keys.signing === null ? other.slice(0, 32) : null } },
          { ...a, keys: { ...a.keys, personalData: a.keys.personalData === null ? other.slice(0, 32) : null } },
        ];
        for (const b of changed) if (JSON.stringify(b) !== JSON.stringify(a)) expect(queueNameOf(b)).not.toBe(queueNameOf(a));
        // Built in another key order, the same configuration is the same queue.
        const reordered = {
          ...(Object.fromEntries(Object.entries(a).reverse()) as unknown as Configuration),
          keys: { personalData: a.keys.personalData, signing: a.keys.signing },
        };
        expect(queueNameOf(reordered)).toBe(queueNameOf(a));
        // A worker decides any suggestion count: it is no part of the queue.
        expect(queueNameOf({ ...a, suggestions: 3 } as Configuration)).toBe(queueNameOf(a));
      }),
      { numRuns: 100 },
    );
  });
});

describe('decideChunk: a record its pool could not decide costs only itself', () => {
  it('a worker_failed record is its own error line; its neighbours are decided (the chunk failed as a whole, 63 neighbours undecided for good)', async () => {
    const records = [1, 2, 3, 4, 5].map((n) => ({ line: n, ok: true, value: { id: n === 3 ? 'poison-1' : `a${n}` } }));
    const data = { run: 'r', index: 0, recordLines: [1, 2, 3, 4, 5] } as unknown as ChunkJobData;
    const lines = await decideChunk(data, records as never, fakeDecider({ workerFailId: 'poison-1' }));
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
    expect(lines.map((l) => ('error' in l ? l.error.code : 'decided'))).toEqual(['decided', 'decided', 'worker_failed', 'decided', 'decided']);
  });
});
