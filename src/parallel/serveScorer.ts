import type { MessagePort } from 'node:worker_threads';
import { createScorer, type BatchResult, type Scorer } from '../decision/createScorer.js';
import { toWorkerErrorData } from './workerErrorData.js';
import { toJsonResult } from './batchResultJson.js';
import type { FromWorkerMessage, ScorerWorkerData, ToWorkerMessage } from './workerMessages.js';

/**
 * The worker side of the scorer pool: loads one scorer (one model session) for this thread, then
 * answers every batch task on `port` with that task's results, indexes shifted to the caller's.
 * Kept apart from the entry file so the entry stays a one-liner and tests can wrap it.
 */
export async function serveScorer(port: MessagePort, data: ScorerWorkerData): Promise<void> {
  let scorer: Scorer;
  try {
    scorer = await createScorer(data.scorer);
  } catch (e) {
    post(port, { type: 'init_failed', error: toWorkerErrorData(e) });
    port.close();
    return;
  }
  port.on('message', (msg: ToWorkerMessage) => {
    if (msg.type === 'close') {
      void scorer.close().finally(() => port.close());
      return;
    }
    scorer.safeDecideBatch(msg.applicants, msg.options).then(
      (results) => {
        const shifted = msg.base === 0 ? results : results.map((r) => shift(r, msg.base));
        post(port, { type: 'results', id: msg.id, results: msg.format === 'json' ? shifted.map(toJsonResult) : shifted });
      },
      (e: unknown) => post(port, { type: 'task_failed', id: msg.id, error: toWorkerErrorData(e) }),
    );
  });
  post(port, { type: 'ready' });
}

function post(port: MessagePort, msg: FromWorkerMessage): void {
  port.postMessage(msg);
}

// Rebuilt with the same key order as the scorer's own results, so pooled output is byte-equal JSON.
function shift(r: BatchResult, base: number): BatchResult {
  return r.ok ? { ok: true, index: r.index + base, decision: r.decision } : { ok: false, index: r.index + base, error: r.error };
}
