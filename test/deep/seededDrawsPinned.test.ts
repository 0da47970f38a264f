// The larger companion of test/testing/seededDrawsTimeZone.test.ts: the draws an outside tester
// found moving with the process time zone (applicantArbitrary seed 7 x 5,000 under Pacific/Apia,
// generatePopulation seed 11 x 20,000 under Pacific/Apia and Pacific/Kiritimati), the other public
// arbitraries that draw dates, and the default model's training population (120,000 applicants,
// seed 20261124): each the same in every zone, and under UTC the same as before dates were
// stepped in whole days (hash prefixes recorded then), so the default model needs no retraining.
// The four arbitraries' prefixes were recorded again when valid draws began at each kind's useful
// level (findings17-gaming F3: a CET-6 under 425 is no longer a valid result); the populations' did not move.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicantArbitrary } from '../../src/testing/applicantArbitrary.js';
import { certificateEvidenceArbitrary } from '../../src/testing/certificateEvidenceArbitrary.js';
import { profileChangeArbitrary } from '../../src/testing/profileChangeArbitrary.js';
import { inTimeZone } from '../../src/testing/_internals/inTimeZone.js';
import { DEFAULT_MODEL_SETTINGS } from '../../src/train/defaultModel/trainDefaultModel.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

const hash = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);
// UTC and the zones that skipped a day (2011-12-30 in Apia, 1994-12-31 in Kiritimati).
const ZONES = ['UTC', 'Pacific/Apia', 'Pacific/Kiritimati'];

const draws: readonly (readonly [string, string, () => unknown])[] = [
  ['applicantArbitrary seed 7 x 5,000', 'daaafb43596852bf', () => fc.sample(applicantArbitrary(), { seed: 7, numRuns: 5000 })],
  ['applicantArbitrary 2026-11-01 seed 7 x 3,000', 'ce188f40fc97848b', () => fc.sample(applicantArbitrary({ asOf: '2026-11-01' }), { seed: 7, numRuns: 3000 })],
  ['applicantArbitrary 1995-01-30 seed 3 x 3,000', 'eda108d0d496c144', () => fc.sample(applicantArbitrary({ asOf: '1995-01-30' }), { seed: 3, numRuns: 3000 })],
  [
    'certificateEvidenceArbitrary seed 5 x 3,000',
    '58db526df26ba23f',
    () => {
      const applicant = fc.sample(applicantArbitrary(), { seed: 1, numRuns: 1 })[0]!;
      return fc.sample(certificateEvidenceArbitrary({ applicant: applicant as never }), { seed: 5, numRuns: 3000 });
    },
  ],
  ['profileChangeArbitrary seed 5 x 3,000', '79a04e4d6cf09031', () => fc.sample(profileChangeArbitrary(), { seed: 5, numRuns: 3000 })],
  ['generatePopulation seed 11 x 20,000', 'ed45d2d1c48d243d', () => generatePopulation({ size: 20000, seed: 11, asOf: '2026-03-31' })],
  ['generatePopulation 1995-01-30 seed 12 x 20,000', '4582a4dc64f40a7f', () => generatePopulation({ size: 20000, seed: 12, asOf: '1995-01-30' })],
  [
    'the default model training population',
    '6ed1d4ca2fe1f586',
    () => generatePopulation({ size: DEFAULT_MODEL_SETTINGS.populationSize, seed: DEFAULT_MODEL_SETTINGS.seed, asOf: DEFAULT_MODEL_SETTINGS.asOf }),
  ],
];

describe('seeded draws: the same in every zone, and as before under UTC', () => {
  for (const [name, before, draw] of draws)
    it(name, () => {
      for (const zone of ZONES)
        expect(
          inTimeZone(zone, () => hash(draw())),
          zone,
        ).toBe(before);
    }, 120_000);
});
