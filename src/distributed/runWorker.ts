import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { BatchDecider } from '../cli/score/batchDecider.js';
import {
  ABANDONED,
  chunkLinesKey,
  chunkRecordsKey,
  describeConfiguration,
  fingerprintMismatch,
  lineRange,
  queueNameOf,
  type ChunkJobData,
  type ChunkReceipt,
  type ChunkResult,
  type ScoringFingerprint,
} from './chunkJob.js';
import { decodeRecords } from './chunkInput.js';
import { recordsDigest } from './recordsDigest.js';
import { decideChunk } from './decideChunk.js';
import type { OutputLine } from '../cli/score/outputLine.js';
import { RETRY_ON_RESUME_CODE } from '../cli/score/resumeState.js';
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
  /**
   * Opens a decider whose records are decided in a child process (a pool of one), for a chunk that
   * stalled before: its last worker stopped holding it, maybe killed by one of its records. There
   * a record that kills its process costs only itself (`worker_failed`, as `score --workers`
   * writes it) instead of this worker, and then the next. Left out when `openDecider` is a pool already.
   */
  readonly openIsolatedDecider?: (suggestions: number) => Promise<BatchDecider>;
  /** How long a chunk stays locked without a renewal before another worker redoes it (ms). */
  readonly lockMs: number;
  /** A line per chunk taken and per chunk decided, refusal and state change. */
  readonly log: (line: string) => void;
  /** Aborted to stop: chunks in hand are finished and written back, then the worker closes. */
  readonly signal?: AbortSignal;
}

/** What a worker did before it stopped. */
export interface RunWorkerResult {
  readonly chunks: number;
  readonly records: number;
  readonly refused: number;
  /** Chunks of abandoned jobs (their records gone from Redis) removed undecided. */
  readonly dropped: number;
  /** Chunks left undecided because their lock was found gone (another worker holds them). */
  readonly lockLost: number;
}

/** Thrown out of a chunk whose lock this worker no longer holds: BullMQ, finding no lock, leaves the job to its holder. */
class LockLostError extends Error {
  constructor(where: string) {
    super(`${where}: lock lost`);
    this.name = 'LockLostError';
  }
}

// A chunk may stall (its worker killed, or starved past its lock) this many times before BullMQ fails it.
const MAX_STALLED = 3;

// Stores a chunk's lines, with the job's expiry, only while its records are still there: a job
// removed or expired while the chunk was being decided gets no decisions nobody will collect.
const STORE_LINES_IF_RECORDS = `if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2]) return 1 end return 0`;

/**
 * Serves chunks of `creditlift score --queue` runs until the signal is aborted or Redis is lost
 * (then rejects with the link's `queue_unavailable` error). It listens on the queue of its own
 * configuration ({@link queueNameOf}), so chunks of runs with another model, policy, engine,
 * features or keys are left to workers of theirs. Each chunk's job data still names what it must be
 * decided with; a mismatch (which that queue cannot hold) fails the chunk for good with a message
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
  const done = { chunks: 0, records: 0, refused: 0, dropped: 0, lockLost: 0 };
  const client = options.link.client;
  // Ids of chunks dropped as abandoned: removed from the queue once BullMQ has failed them.
  const abandoned = new Set<string>();
  const drop = (job: Job, where: string, why: string): never => {
    done.dropped++;
    abandoned.add(job.id ?? '');
    options.log(`worker ${me} drops ${where} undecided: ${why}\n`);
    throw new UnrecoverableError(`${ABANDONED} ${why}`);
  };
  const gone = 'the producer stopped more than its --job-ttl ago, or the run was resumed without --queue';

  const processChunk = async (job: Job<ChunkJobData, ChunkReceipt>, token: string | undefined): Promise<ChunkReceipt> => {
    // A job key that outlived its records (or an id whose key expired, which BullMQ hands over empty).
    const data = job.data as Partial<ChunkJobData>;
    if (
      typeof data.run !== 'string' ||
      typeof data.index !== 'number' ||
      !Array.isArray(data.recordLines) ||
      data.fingerprint === undefined ||
      typeof data.ttlMs !== 'number'
    )
      return drop(job, `chunk ${job.id ?? '?'}`, `its job expired from Redis (${gone})`);
    const where = `chunk ${job.id ?? '?'} (${lineRange(data.recordLines)})`;
    const recordsKey = chunkRecordsKey(data.run, data.index);
    const bytes = await client.getBuffer(recordsKey);
    if (bytes === null) return drop(job, where, `its records are gone from Redis (${gone})`);
    // Its job key too expires with the job, even when the producer was killed before setting that.
    await client.pexpire(`${job.queueQualifiedName}:${job.id}`, data.ttlMs);
    const full = data as ChunkJobData;
    const mismatch = fingerprintMismatch(full.fingerprint, options.fingerprint);
    if (mismatch.length > 0) {
      done.refused++;
      const message = `worker ${me} refuses ${where}: ${mismatch.join('; ')}`;
      options.log(`${message}\n`);
      throw new UnrecoverableError(message);
    }
    // Said before the work, so a worker killed on this chunk (a record that takes the process down)
    // leaves its name in the log.
    options.log(`${where}: deciding ${full.recordLines.length} records (start ${job.attemptsStarted})\n`);
    const started = Date.now();
    // A chunk whose worker stopped while holding it (killed, or starved past its lock): if one of
    // its records killed that worker, deciding it here again would kill this one too, and BullMQ
    // would hand it on to the next. A pool of one survives it and isolates the record.
    const isolate = job.stalledCounter > 0 && options.openIsolatedDecider !== undefined;
    const records = decodeRecords(bytes);
    // Taken before deciding: what the answer is made from, whatever deciding does to the objects.
    const digest = recordsDigest(records);
    // Renewed by this worker itself while it decides on its own thread, between runtime calls: BullMQ's
    // timer cannot run while a call blocks the thread. A lock found gone means another worker may
    // hold the chunk now: this one stops, and says why.
    const keepLock = async () => {
      if (token === undefined || (await job.extendLock(token, options.lockMs)) === 1) return;
      // Removed with its run (the producer resumed without --queue, or its job expired), not taken by
      // another worker: dropped as storing its lines would find it, so the job goes once it has failed.
      if ((await client.exists(recordsKey)) === 0) drop(job, where, `its records were removed from Redis while it was decided (${gone})`);
      done.lockLost++;
      options.log(
        `worker ${me} lost the lock of ${where} after ${Date.now() - started} ms: it was not renewed within --lock-ms ${options.lockMs} (this process paused, or one runtime call took longer), so the chunk is another worker's now; not decided here\n`,
      );
      throw new LockLostError(where);
    };
    // Only a worker deciding in its own process has an isolated decider to fall back on (a pooled one
    // decides in child processes, whose calls leave this thread free for BullMQ's timer).
    const decidesOnThisThread = options.openIsolatedDecider !== undefined;
    const keeping = decidesOnThisThread ? { callMs: options.lockMs / 4, between: keepLock } : undefined;
    let lines: OutputLine[];
    if (isolate) {
      options.log(
        `${where} was held by a worker that stopped renewing its lock (${job.stalledCounter} time${job.stalledCounter === 1 ? '' : 's'}: killed, maybe by one of these records, or paused past --lock-ms): deciding it in a child process, so a record that kills its process costs only itself\n`,
      );
      const isolated = await (options.openIsolatedDecider as NonNullable<RunWorkerOptions['openIsolatedDecider']>)(full.fingerprint.suggestions);
      try {
        lines = await decideChunk(full, records, isolated, keeping);
      } finally {
        await isolated.close();
      }
    } else {
      const d = await decider(full.fingerprint.suggestions);
      // Opening it (the model, on first use) blocked the thread too.
      if (keeping !== undefined) await keepLock();
      lines = await decideChunk(full, records, d, keeping);
    }
    // A worker paused past its lock finds the chunk gone to another (maybe finished and collected).
    if (keeping !== undefined) await keepLock();
    // Names the run and the very records decided, so the producer accepts only answers to its own chunk.
    const result: ChunkResult = { lines, worker: me, run: full.run, recordsDigest: digest };
    const stored = await client.eval(STORE_LINES_IF_RECORDS, 2, recordsKey, chunkLinesKey(full.run, full.index), JSON.stringify(result), String(full.ttlMs));
    if (stored !== 1) return drop(job, where, `its records were removed from Redis while it was decided (${gone})`);
    const rejected = lines.filter((l) => 'error' in l).length;
    const failed = lines.filter((l) => 'error' in l && l.error.code === RETRY_ON_RESUME_CODE).length;
    done.chunks++;
    done.records += lines.length;
    options.log(
      `${where}: ${lines.length} records, ${lines.length - rejected} decided, ${rejected} rejected${failed > 0 ? ` (${failed} worker_failed: a scorer process died on them twice)` : ''} in ${Date.now() - started} ms (start ${job.attemptsStarted})${isolate ? ', in a child process' : ''}\n`,
    );
    return { worker: me, records: lines.length };
  };

  // The queue of this worker's configuration: every chunk on it was enqueued by a producer with the same one.
  const queueName = queueNameOf(options.fingerprint);
  // Chunks between BullMQ handing them over and their lines stored: what a stop has to finish.
  let inHand = 0;
  const worker = new Worker<ChunkJobData, ChunkReceipt>(
    queueName,
    async (job, token) => {
      inHand++;
      try {
        return await processChunk(job, token);
      } finally {
        inHand--;
      }
    },
    {
      connection: options.link.client,
      concurrency: options.concurrency,
      lockDuration: options.lockMs,
      stalledInterval: options.lockMs,
      maxStalledCount: MAX_STALLED,
      name: me,
      // Finished chunks stay until the producer has their lines on disk; it removes them then.
      autorun: false,
    },
  );
  worker.on('failed', (job, err) => {
    if (job !== undefined && abandoned.delete(job.id ?? '')) {
      // Failed (BullMQ holds no lock on it any more), so it can go, id and key.
      job.remove().catch(() => undefined);
      return;
    }
    if (job !== undefined && !(err instanceof UnrecoverableError) && !(err instanceof LockLostError))
      options.log(`chunk ${job.id ?? '?'} failed on ${me}: ${err.message} (attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1})\n`);
  });
  // Connection errors are the watchdog's to judge; BullMQ reconnects by itself meanwhile.
  worker.on('error', () => undefined);

  options.log(`worker ${me} serving queue ${queueName}: ${options.concurrency} at a time, ${describeConfiguration(options.fingerprint)}\n`);
  const stopped = new Promise<void>((resolve) => {
    if (options.signal?.aborted === true) resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  const running = worker.run();
  let forced = false;
  try {
    await Promise.race([stopped, options.link.lost, running]);
    forced = inHand === 0 && !(await options.link.answersWithin(STOP_PING_MS));
    if (forced) {
      // Nothing to finish, and a graceful close would wait on Redis (BullMQ closes its blocking
      // connection through it) until the watchdog gave up: a stop during an outage, when an operator
      // most likely stops workers, took --redis-timeout and exited 1. No chunk can be taken meanwhile.
      options.log(`worker ${me} stopping: no chunk in hand and Redis not answering, so stopping now\n`);
      await Promise.race([worker.close(true), delay(2000)]).catch(() => undefined);
    } else {
      options.log(`worker ${me} stopping: finishing the chunks in hand\n`);
      await options.link.guard(worker.close());
    }
  } catch (e) {
    await Promise.race([worker.close(true), delay(2000)]).catch(() => undefined);
    throw e;
  } finally {
    for (const d of deciders.values()) await (await d.catch(() => undefined))?.close().catch(() => undefined);
  }
  // After a forced close BullMQ's run loop may still be waiting on Redis: it has nothing of ours.
  await Promise.race([running.catch(() => undefined), forced ? delay(2000) : new Promise<void>(() => undefined)]);
  options.log(
    `worker ${me} stopped: ${done.chunks} chunks, ${done.records} records${done.refused > 0 ? `, ${done.refused} refused` : ''}${done.dropped > 0 ? `, ${done.dropped} of abandoned jobs dropped` : ''}${done.lockLost > 0 ? `, ${done.lockLost} left to another worker (lock lost)` : ''}\n`,
  );
  return done;
}

/** How long a stopping worker with no chunk in hand waits for Redis to answer before it stops without it. */
const STOP_PING_MS = 500;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
