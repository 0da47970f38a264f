/**
 * Entry file of a scorer-pool worker thread; built as its own file (`dist/scorerWorker.js` and
 * `.cjs`) so {@link createScorerPool} can start it from the built package.
 * @packageDocumentation
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveScorer } from './serveScorer.js';
import type { ScorerWorkerData } from './workerMessages.js';

if (parentPort !== null) void serveScorer(parentPort, workerData as ScorerWorkerData);
