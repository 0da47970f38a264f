/** The default DSR bands, each maximum 0.1 lower: policy overrides of a candidate that tightens affordability. */
export const tighterDsrOverrides = {
  affordability: {
    dsrBands: [
      { incomeUpTo: 300_000, maxDsr: 0.2 },
      { incomeUpTo: 800_000, maxDsr: 0.3 },
      { incomeUpTo: 2_000_000, maxDsr: 0.35 },
      { incomeUpTo: null, maxDsr: 0.4 },
    ],
  },
};
