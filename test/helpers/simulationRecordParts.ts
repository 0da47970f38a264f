/** The segments of one simulated record, for a test that feeds the simulation accumulator by hand. */
export const ONE_SEGMENT = {
  employmentType: 'salaried',
  cityTier: 'tier 2',
  region: 'east',
  ageBand: '25-34',
  bureauFile: 'bureau file',
  certificates: 'no certificates',
};

/** Portfolio assumptions of either side of a hand-fed simulation (loss given default, utilisation). */
export const PLAIN_ASSUMPTIONS = { lgd: 0.85, utilisation: 0.5 };
