// Preloaded into every scorer-pool worker (`--require`, first of its flags), before any module
// of the caller's: a worker whose script never starts (an `--import` or a loader that never
// finishes, a module stuck at its top level) never reaches serveScorer, which ends the worker
// when its pool goes away, so it outlived a pool killed with -9, running on its own. This ends it
// as soon as the channel to the pool closes, wherever the worker is in its start. Plain CommonJS
// with no imports: `--require` loads it through no ESM loader hook, so a hung hook cannot hold it.
'use strict';
if (typeof process.send === 'function') {
  if (!process.connected) process.exit(0);
  process.on('disconnect', () => process.exit(0));
}
