import { createScorer, type BatchResult, type Scorer } from '../decision/createScorer.js';
import { scorerReassessBatch, type ReassessItem } from '../decision/reassessBatch.js';
import { loadFeatureSetModule } from '../features/loadFeatureSetModule.js';
import { policyHashOf } from '../policy/policyHash.js';
import { toWorkerErrorData } from './workerErrorData.js';
import { toJsonResult } from './batchResultJson.js';
import { applyRecordPatches } from './workerRecordPatches.js';
import { createValuePacker } from './packedValues.js';
import type { FromWorkerMessage, InitMessage, ToWorkerMessage } from './workerMessages.js';
import { sha256Hex } from '../hashing/sha256Hex.js';
import { acceptWorkerModelProofs, knownWorkerModelProofs } from './workerModelProofs.js';

/** The worker's side of its link to the pool: a process's IPC channel, or anything shaped like it. */
export interface WorkerChannel {
  onMessage(listener: (msg: ToWorkerMessage) => void): void;
  send(msg: FromWorkerMessage): void;
  /** Ends the worker once its scorer is closed. */
  close(): void;
}

/**
 * The worker side of the scorer pool: waits for its `init` message, loads one scorer (one model
 * session) from it, then answers every batch task with that task's results, indexes shifted to
 * the caller's. Kept apart from the entry file so the entry stays a few lines and tests can wrap it.
 */
export function serveScorer(channel: WorkerChannel): void {
  let scorer: Scorer | undefined;
  let closing = false;
  const pack = createValuePacker();
  const init = async (msg: InitMessage): Promise<void> => {
    const bytes = msg.scorer.model;
    const handed = msg.proofs !== undefined && bytes instanceof Uint8Array && acceptWorkerModelProofs(msg.proofs, sha256Hex(bytes));
    try {
      scorer =
        msg.featuresModule === undefined
          ? await createScorer(msg.scorer)
          : await createScorer({ ...msg.scorer, features: (await loadFeatureSetModule(msg.featuresModule, 'featuresModule', 'poolWorker')).features });
    } catch (e) {
      channel.send({ type: 'init_failed', error: toWorkerErrorData(e) });
      channel.close();
      return;
    }
    // A worker that proved for itself tells the pool what, for the workers after it.
    const proofs = handed ? undefined : knownWorkerModelProofs(scorer.model.sha256);
    channel.send({
      type: 'ready',
      model: scorer.model,
      policyHash: policyHashOf(scorer.policy),
      catalogHash: scorer.catalogHash,
      ...(proofs === undefined ? {} : { proofs }),
    });
  };
  channel.onMessage((msg) => {
    if (msg.type === 'init') {
      void init(msg);
      return;
    }
    if (msg.type === 'close') {
      // Cooperative stop: the session is released by the runtime's own close, never cut mid-call.
      closing = true;
      void (scorer?.close() ?? Promise.resolve()).finally(() => channel.close());
      return;
    }
    if (scorer === undefined || closing) return;
    // The records are this process's own copy (deserialised): stand-ins go back in place.
    if (msg.patches !== undefined) applyRecordPatches(msg.applicants as unknown[], msg.patches);
    const answer =
      msg.kind === 'reassess'
        ? scorerReassessBatch(scorer)(msg.applicants as readonly ReassessItem[], msg.options)
        : scorer.safeDecideBatch(msg.applicants, msg.options);
    answer.then(
      (results) => {
        const shifted = msg.base === 0 ? results : results.map((r) => shift(r, msg.base));
        if (msg.format === 'json') {
          channel.send({ type: 'results', id: msg.id, results: shifted.map(toJsonResult) });
          return;
        }
        // Packed when the results are plain data (always, for the scorer's own decisions and errors); else structured cloning.
        const packed = pack(shifted);
        channel.send(packed === undefined ? { type: 'results', id: msg.id, results: shifted } : { type: 'packed_results', id: msg.id, packed });
      },
      (e: unknown) => channel.send({ type: 'task_failed', id: msg.id, error: toWorkerErrorData(e) }),
    );
  });
}

/**
 * The channel of a worker process started by the pool (Node's IPC, `serialization: 'advanced'`).
 * The worker ends when the pool goes away (the channel disconnects), so no worker outlives it.
 */
export function processChannel(): WorkerChannel {
  if (process.send === undefined) throw new Error('not started as a scorer worker process (no IPC channel)');
  const send = process.send.bind(process);
  // Ctrl-C reaches the whole process group; the pool, not the terminal, decides when a worker
  // stops, so work in flight is answered before the run ends.
  process.on('SIGINT', () => undefined);
  process.on('disconnect', () => process.exit(0));
  return {
    onMessage: (listener) => process.on('message', (m) => listener(m as ToWorkerMessage)),
    send: (msg) => {
      // With a callback, a failed send is reported there rather than as an 'error' event on the
      // process, which nothing handles: a worker whose pool was killed (-9) while it worked answers on
      // a channel whose other end is gone before it has seen the channel close, and printed an
      // unhandled EPIPE stack trace as it died.
      if (process.connected) send(msg, undefined, undefined, (e: Error | null) => e && cannotAnswer(e));
    },
    close: () => process.exit(0),
  };
}

// How a send fails when the pool process is gone: the worker has no one to answer, and ends as it
// does when the channel closes (the pool is what reports a worker's end, and it has ended too).
const CHANNEL_GONE: ReadonlySet<string> = new Set(['EPIPE', 'ECONNRESET', 'ERR_IPC_CHANNEL_CLOSED']);

function cannotAnswer(e: Error): void {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  if (CHANNEL_GONE.has(code) || !process.connected) process.exit(0);
  // Anything else the pool would not hear of: said once, and the worker ends, which the pool sees.
  process.stderr.write(`creditlift scorer worker ${process.pid}: could not answer the pool (${code || e.message}); stopping\n`);
  process.exit(1);
}

// Rebuilt with the same key order as the scorer's own results, so pooled output is byte-equal JSON.
function shift(r: BatchResult, base: number): BatchResult {
  return r.ok ? { ok: true, index: r.index + base, decision: r.decision } : { ok: false, index: r.index + base, error: r.error };
}
