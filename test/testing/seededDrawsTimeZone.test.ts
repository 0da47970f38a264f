// A seed replays the same draws on every machine. It did not: the kit's arbitraries and the
// synthetic population stepped dates with date-fns on local midnights, so in a zone that skipped a
// day the draws differed. An outside tester: applicantArbitrary seed 7 gave other applicants under
// Pacific/Apia (which skipped 2011-12-30: issue and start dates of that day became 2011-12-31), and
// generatePopulation seed 11 another population under Pacific/Kiritimati (which skipped 1994-12-31:
// a birth date of that day became 1995-01-01). Dates are now stepped in whole days.
//
// The hashes pin the UTC output of these seeds as it was before the change (the machine's zone,
// and the one the default model's training population is drawn in), so nothing already drawn or
// trained moves. test/deep/seededDrawsPinned.test.ts pins larger draws and the default population.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicantArbitrary } from '../../src/testing/applicantArbitrary.js';
import { inTimeZone } from '../../src/testing/_internals/inTimeZone.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

const sha256 = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex');
// UTC and the zones that skipped a day these draws reach (the deep test runs every draw in more zones).
const ZONES = ['UTC', 'Pacific/Apia', 'Pacific/Kiritimati'];

describe('seeded draws do not depend on the process time zone', () => {
  it('applicantArbitrary: seed 7, 500 applicants, the same bytes in every zone, as before under UTC', () => {
    for (const zone of ZONES)
      expect(sha256(inTimeZone(zone, () => fc.sample(applicantArbitrary(), { seed: 7, numRuns: 500 }))), zone).toBe(
        '2f032460c441933fe3bcf99f9a4b682702323636ed50eeb96ca3ecb882f8628a',
      );
  });

  it('applicantArbitrary around the day Apia skipped (asOf 2012-01-20): the same bytes in every zone', () => {
    for (const zone of ZONES)
      expect(sha256(inTimeZone(zone, () => fc.sample(applicantArbitrary({ asOf: '2012-01-20' }), { seed: 7, numRuns: 300 }))), zone).toBe(
        '6f177d40d6461b13879aec896e9c02f06342482de6e071971c73c6ba3b28b239',
      );
  });

  it('generatePopulation: seed 11, 3,000 applicants, the same bytes in every zone, as before under UTC', () => {
    for (const zone of ZONES)
      expect(sha256(inTimeZone(zone, () => generatePopulation({ size: 3000, seed: 11, asOf: '2026-03-31' }))), zone).toBe(
        'af1d04f6021e01d67998755627a62462a0c2aa3103bf2137b46b90a98d60bef9',
      );
  });

  it('generatePopulation around the day Kiritimati skipped (asOf 1995-01-30): the same bytes in every zone', () => {
    for (const zone of ZONES)
      expect(sha256(inTimeZone(zone, () => generatePopulation({ size: 3000, seed: 12, asOf: '1995-01-30' }))), zone).toBe(
        '8764bfe62c17a8456bb52f5b3e367fe72542269b5f01c8de2ff0bc83f1095a07',
      );
  });
});
