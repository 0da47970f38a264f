// The README's simulateBook sample (Policy simulation), verbatim from the marker down with its
// imports pointed at src/: compiled by `tsc -p tsconfig.json` in `npm test`, never run (it would
// start worker processes). test/readmeSnippets.test.ts checks the README block is this text, so a
// sample that does not type-check fails the build (its onFlip once returned a number: TS2322).
import type { ApplicantInput, DsrBand } from '../../src/index.js';

declare const applicants: readonly ApplicantInput[];
declare const dsrBands: DsrBand[];
const flips: string[] = [];

// README sample
import { simulateBook, resolvePolicy } from '../../src/index.js';
const { summary } = await simulateBook({
  book: applicants, // any (async) iterable
  candidate: { policy: resolvePolicy({ affordability: { dsrBands } }) },
  workers: 2,
  onFlip: (f) => {
    flips.push(f.applicantId);
  },
});
summary.swapSet.counts.approve.decline; // approved today, declined by the candidate
