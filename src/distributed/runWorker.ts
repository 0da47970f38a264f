import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { BatchDecider } from '../cli/score/batchDecider.js';
import { QUEUE_NAME, fingerprintMismatch, lineRange, type ChunkJobData, type ChunkResult, type ScoringFingerprint } from './chunkJob.js';
import { decideChunk } from './decideChunk.js';
import type { RedisLink } from './redisLink.js';

/** Options of {@link runWorker}. */
export interface RunWorkerOptions {
  readonly link: RedisLink;
  /** Chunks decided at once (the `--workers` count: each has a pool worker process, or the one in-process scorer). */
  readonly concurrency: number;
  /** What this worker decides with; a job naming another model, policy or engine is refused. */
  readonly fingerprint: Omit<ScoringFingerprint, 'suggestions'>;
  /** Opens (once per suggestions count) the decider chunks go through. */
  readonly openDecider: (suggestions: number) => Promise<BatchDecider>;
  /** How long a chunk stays locked without a renewal before another worker redoes it (ms). */
  readonly lockMs: number;
  /** One line per chunk, refusal and state change. */
  readonly log: (line: string) => void;
  /** Aborted to stop: chunks in hand are finished and written back, then the worker closes. */
  readonly signal?: AbortSignal;
}

/** What a worker did before it stopped. */
export interface RunWorkerResult {
  readonly chunks: number;
  readonly records: number;
  readonly refused: number;
}

// A chunk may stall (its worker killed, or starved past its lock) this many times before BullMQ fails it.
const MAX_STALLED = 3;

/**
 * Serves chunks of `creditlift score --queue` runs until the signal is aborted or Redis is lost
 * (then rejects with the link's `queue_unavailable` error). Each chunk's job data names the model,
 * policy and engine it must be decided with; a mismatch fails that chunk for good with a message
 * naming both values, so the producer reports it instead of writing decisions of another model.
 */
export async function runWorker(options: RunWorkerOptions): Promise<RunWorkerResult> {
  const me = `${hostname()}:${process.pid}`;
  const deciders = new Map<number, Promise<BatchDecider>>();
  const decider = (suggestions: number) => {
    let d = deciders.get(suggestions);
    if (d === undefined) {
      d = options.openDecider(suggestions);
      deciders.set(suggestions, d);
    }
    return d;
  };
  const done: { chunks: number; records: number; refused: number } = { chunks: 0, records: 0, refused: 0 };

  const processChunk = async (job: Job<ChunkJobData, ChunkResult>): Promise<ChunkResult> => {
    const data = job.data;
    const where = `chunk ${job.id ?? '?'} (${lineRange(data.recordLines)})`;
    const mismatch = fingerprintMismatch(data.fingerprint, options.fingerprint);
    if (mismatch.length > 0) {
      done.refused++;
      const message = `worker ${me} refuses ${where}: ${mismatch.join('; ')}`;
      options.log(`${message}\n`);
      throw new UnrecoverableError(message);
    }
    const started = Date.now();
    const lines = await decideChunk(data, await decider(data.fingerprint.suggestions));
    const rejected = lines.filter((l) => 'error' in l).length;
    done.chunks++;
    done.records += lines.length;
    options.log(
      `${where}: ${lines.length} records, ${lines.length - rejected} decided, ${rejected} rejected in ${Date.now() - started} ms (start ${job.attemptsStarted})\n`,
    );
    return { lines, worker: me };
  };

  const worker = new Worker<ChunkJobData, ChunkResult>(QUEUE_NAME, processChunk, {
    connection: options.link.client,
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    maxStalledCount: MAX_STALLED,
    name: me,
    // Finished chunks stay until the producer has their lines on disk; it removes them then.
    autorun: false,
  });
  worker.on('failed', (job, err) => {
    if (job !== undefined && !(err instanceof UnrecoverableError))
      options.log(`chunk ${job.id ?? '?'} failed on ${me}: ${err.message} (attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1})\n`);
  });
  // Connection errors are the watchdog's to judge; BullMQ reconnects by itself meanwhile.
  worker.on('error', () => undefined);

  options.log(
    `worker ${me} serving queue ${QUEUE_NAME}: ${options.concurrency} at a time, model ${options.fingerprint.modelSha256.slice(0, 12)}..., policy ${options.fingerprint.policyHash.slice(0, 12)}...\n`,
  );
  const stopped = new Promise<void>((resolve) => {
    if (options.signal?.aborted === true) resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  const running = worker.run();
  try {
    await Promise.race([stopped, options.link.lost, running]);
    options.log(`worker ${me} stopping: finishing the chunks in hand\n`);
    await options.link.guard(worker.close());
  } catch (e) {
    await Promise.race([worker.close(true), delay(2000)]).catch(() => undefined);
    throw e;
  } finally {
    for (const d of deciders.values()) await (await d.catch(() => undefined))?.close().catch(() => undefined);
  }
  await running.catch(() => undefined);
  options.log(`worker ${me} stopped: ${done.chunks} chunks, ${done.records} records${done.refused > 0 ? `, ${done.refused} refused` : ''}\n`);
  return done;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
