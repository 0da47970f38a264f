/**
 * Entry file of a scorer-pool worker process; built as its own file (`dist/scorerWorker.js` and
 * `.cjs`) so {@link createScorerPool} can start it from the built package.
 * @packageDocumentation
 */
import { processChannel, serveScorer } from './serveScorer.js';

if (process.send !== undefined) serveScorer(processChannel());
