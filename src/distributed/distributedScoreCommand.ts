import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import type { CliIo } from '../cli/cliIo.js';
import { CliExitCode } from '../cli/cliExitCode.js';
import { formatOutputLine, type OutputLine } from '../cli/score/outputLine.js';
import { continueRun } from '../cli/score/continueRun.js';
import type { ResumeState } from '../cli/score/resumeState.js';
import { countDecision, countRejection, countUndecided, emptyScoreSummary, formatScoreSummary } from '../cli/score/scoreSummary.js';
import { csvAttributesOf } from '../cli/score/csvAttributes.js';
import { openInputRecords, type InputRecords } from '../cli/score/openInputRecords.js';
import { createLenientCellTally } from '../csv/lenientCells.js';
import { lenientCellsWarning } from '../cli/lenientCellsWarning.js';
import { lockOutputs, releaseLocks, type OutputLock } from '../cli/score/outputLock.js';
import { adoptLeftPlaceholders, leftPlaceholderNote } from '../cli/score/leftPlaceholders.js';
import { refuseStreams } from '../cli/score/refuseStreams.js';
import { deviceKindOf } from '../files/deviceKind.js';
import { fingerprintInput, runManifestOf, runManifestPath, writeRunManifest, type RunManifest } from '../cli/score/runManifest.js';
import { ResumeOrderMark } from '../cli/score/resumeOrderMark.js';
import { runningStatus } from '../cli/score/runStatus.js';
import type { RunStatus, WrittenFiles } from '../cli/score/runManifestSchema.js';
import { runEndInterruptedMessage } from '../cli/score/runEndInterrupted.js';
import { writtenFilesOf, writtenSizesOf } from '../cli/score/writtenFiles.js';
import { queueRunStatus, type QueueRunEnd } from './queueRunStatus.js';
import { RunRefusedError } from '../cli/score/runRefusedError.js';
import { FingerprintInterruptedError, fingerprintInterruptedMessage } from '../cli/score/fingerprintInterruptedError.js';
import { inputChanged } from '../cli/score/inputChanged.js';
import { planScoreArgs, SCORE_ARG_OPTIONS } from '../cli/score/scoreArgs.js';
import { reportError, UsageError } from '../commandLine/commandIo.js';
import { intOption } from '../commandLine/intOption.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { openChunkFile, type ChunkFile } from './appendFile.js';
import { abandonQueueJob, manifestOfOutput, withoutQueueJob } from './abandonQueueJob.js';
import { addChunkJob } from './addChunkJob.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { RETRY_ON_RESUME_CODE } from '../cli/score/resumeState.js';
import {
  ABANDONED,
  answerProblem,
  checkJobName,
  chunkJobId,
  chunkLinesKey,
  chunkRecordsKey,
  describeConfiguration,
  lineRange,
  newRunId,
  queueNameOf,
  runOf,
  type ChunkJobData,
  type ChunkReceipt,
  type ChunkResult,
  type ScoringFingerprint,
} from './chunkJob.js';
import { chunkRecords, decodeRecords, encodeRecords, type InputChunk } from './chunkInput.js';
import { recordsDigest } from './recordsDigest.js';
import { createDistributedProgress } from './distributedProgress.js';
import { removeRunChunks } from './jobKeys.js';
import { claimJob, describeOwner, LIVE_MS, LIVE_RENEW_MS, readJobOwner, releaseClaim, renewClaim, type JobOwner } from './jobClaim.js';
import { queueAddressOfArgs } from './queueAddressOfArgs.js';
import type { QueuePassword } from './queuePasswordOf.js';
import { parseQueueUrl, type QueueAddress } from './queueUrl.js';
import { openRedisLink, type RedisLink } from './redisLink.js';
import { scoringIdentity } from './scoringFingerprint.js';
import type { InputRecord } from '../cli/score/inputRecord.js';
import { createUnknownKindTally } from '../evidence/unknownKinds.js';
import { catalogOfArgs, unknownKindsWarning } from '../cli/unknownKindsWarning.js';
import { terminalText } from '../text/terminalText.js';

// `score`'s options, plus the queue's own.
const OPTIONS = {
  ...SCORE_ARG_OPTIONS,
  queue: { type: 'string' },
  job: { type: 'string' },
  window: { type: 'string' },
  'redis-timeout': { type: 'string' },
  'job-ttl': { type: 'string' },
  'worker-wait': { type: 'string' },
} as const;

/** A chunk enqueued and not yet written. */
interface PendingChunk {
  readonly chunk: InputChunk;
  readonly id: string;
  /** Input bytes read when the chunk was cut: the progress bar's position once it is written. */
  readonly bytesAt: number;
  /** Digest of the records stored for it ({@link recordsDigest}): a worker's answer must name it ({@link answerProblem}). */
  readonly recordsDigest: string;
}

/** A chunk that failed for good, as the summary reports it. */
export interface FailedChunk {
  readonly chunk: number;
  readonly firstLine: number;
  readonly lastLine: number;
  readonly reason: string;
}

const JOB_ATTEMPTS = 3;
/**
 * How many times one chunk may be enqueued again (its job or its lines gone from Redis) before the
 * run stops: a Redis that keeps losing a chunk's keys (evicting them under a maxmemory policy, or
 * someone deleting them) would otherwise have the producer enqueue it again forever.
 */
export const MAX_REQUEUES = 5;
/** Default `--worker-wait`: how long no worker may take a chunk of the run before the producer says so. */
const DEFAULT_WORKER_WAIT_S = 60;
/** How often the producer looks whether a worker holds one of its chunks, while none is written. */
const IDLE_CHECK_MS = 1000;
/** Default `--job-ttl`: how long a job's keys outlive its producer's last refresh. */
const DEFAULT_JOB_TTL_S = 600;
const POLL_MS = 50;

/**
 * `creditlift score --queue URL --job NAME`: the producer of a distributed run. Reads the input as
 * `score` does, cuts it into chunks (one BullMQ job each, id `NAME-cK`), keeps `--window` chunks
 * enqueued, and writes each chunk's lines in input order as they come back, removing its job only
 * once they are on disk. Same output lines, summary and exit codes as `score`, plus 1 when a chunk
 * failed for good or Redis was lost (both resumable). Resolves to the exit code; never rejects.
 */
export async function runDistributedScore(argv: readonly string[], io: CliIo, usage: string): Promise<number> {
  let link: RedisLink | undefined;
  let queue: Queue<ChunkJobData, ChunkReceipt> | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let liveTimer: NodeJS.Timeout | undefined;
  /** The job this run claimed in Redis: its claim is let go as the run ends (the job's keys stay for --resume). */
  let claimed: { readonly client: RedisLink['client']; readonly name: string; readonly runId: string } | undefined;
  // Set once the run has begun to write (its manifest): before it, a refused or failed run leaves nothing behind.
  let began = false;
  const files: ChunkFile[] = [];
  let reading: InputRecords | undefined;
  let locks: OutputLock[] = [];
  let outPath = '';
  // What a run stopped before it began says to do again depends on these.
  let how = { resume: false, overwrite: false };
  let released = false;
  // Once the manifest says the run is under way: records a failure as the run's end.
  let endOnFailure: ((failure: NonNullable<QueueRunEnd['failure']>) => Promise<void>) | undefined;
  // Closes what the run holds: before its summary when it finishes (nothing may stand between the
  // summary and the process's exit, where a signal would find the run still closing), else in `finally`.
  const release = async () => {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    clearInterval(liveTimer);
    reading?.close();
    // Its producer is no longer alive: another output may take the job over (--overwrite) at once.
    if (claimed !== undefined) {
      const c = claimed;
      await Promise.race([releaseClaim(c.client, c.name, c.runId, !began), unrefDelay(1000)]).catch(() => undefined);
    }
    // The bound is a timer that does not hold the process.
    if (queue !== undefined) await Promise.race([queue.close(), unrefDelay(1000)]).catch(() => undefined);
    link?.close();
    await releaseLocks(locks, (text) => io.stderr(terminalText(text, { keepLineBreaks: true })));
  };
  try {
    const parsed = parseCommandArgs(argv, OPTIONS);
    const { values } = parsed;
    if (values.help === true) {
      io.stdout(usage);
      return CliExitCode.ok;
    }
    const args = planScoreArgs(parsed, ['queue', 'job']);
    const { input, out, errors, format, chunkSize, suggestions, maxRecordLines } = args;
    outPath = out;
    how = { resume: args.resume, overwrite: args.overwrite };
    if (values.workers !== undefined) throw new UsageError('--workers does not apply with --queue: start "creditlift worker --workers N" on each host instead');
    const window = intOption(values.window, 'window', 64, 100_000);
    const timeoutMs = 1000 * intOption(values['redis-timeout'], 'redis-timeout', 30, 86_400);
    const ttlSeconds = intOption(values['job-ttl'], 'job-ttl', DEFAULT_JOB_TTL_S, 604_800);
    const ttlMs = 1000 * ttlSeconds;
    const workerWaitMs = 1000 * intOption(values['worker-wait'], 'worker-wait', DEFAULT_WORKER_WAIT_S, 86_400);
    const name = checkJobName(values.job as string);
    const address = await queueAddressOfArgs(values.queue as string, args.queuePasswordFile, (text) => io.stderr(text), io.env ?? {});

    await refuseStreams({ input, out, errors });
    // The job lives in the manifest beside --out (a resume or cleanup finds its keys there): a device has none.
    const outDevice = await deviceKindOf(out);
    if (outDevice !== undefined)
      throw new UsageError(
        `--out ${out} is ${outDevice}, not a file: a --queue run records its job in a run manifest beside its output (OUT.run.json), so a resume or a cleanup can find the job's keys in Redis; write --out to a file`,
      );
    // As `score`: nothing below may look at or touch an output another run is writing.
    // The errors file too: two runs sharing one would each write it from its start.
    locks = await lockOutputs([out, errors], (text) => io.stderr(terminalText(text, { keepLineBreaks: true })));
    for (const lock of locks)
      if (lock.tookOverFrom !== undefined)
        io.stderr(`note: took over the lock of run ${lock.tookOverFrom} on ${lock.path}: that run has ended, or the file it locked was deleted\n`);
    // As `score`: outputs a run killed before it began left empty are this run's to start, or to remove.
    for (const left of await adoptLeftPlaceholders(locks, out)) io.stderr(terminalText(leftPlaceholderNote(left), { keepLineBreaks: true }));
    // As `score`: a signal stops the hash between two chunks, before the run begins (or reaches Redis).
    const inputPrint = await fingerprintInput(input, io.signal === undefined ? {} : { signal: io.signal });
    const inputSize = inputPrint.size;
    if (values.resume !== true && values.overwrite !== true) {
      for (const path of new Set([out, errors])) {
        if ((await sizeOf(path)) > 0) throw new UsageError(`${path} exists and is not empty: use --resume to continue that run or --overwrite to replace it`);
      }
    }
    const identity = await scoringIdentity(values);
    const fingerprint: ScoringFingerprint = { ...identity.fingerprint, suggestions };
    // The manifest `score` writes beside its output, checked as `score` checks it: the run's key in
    // Redis is gone after success, under another --job name or after a restart without persistence,
    // so it cannot be what says a resume continues the same run.
    const runManifest = runManifestOf(
      args,
      inputPrint,
      { model: identity.model, policyHash: fingerprint.policyHash, catalogHash: fingerprint.catalogHash },
      identity.features,
      fingerprint.keys,
      true,
    );
    const resumed: ResumeState | undefined = values.resume === true ? await continueRun(args, runManifest, io) : undefined;
    const before = await manifestOfOutput(out, io);
    // This output's earlier run of a --queue job, as its manifest names it.
    const earlier = before?.queue;
    const url = address.withoutPassword;
    const sameJob = earlier !== undefined && earlier.job === name && earlier.url === url;

    link = openRedisLink(address, timeoutMs);
    const guard = link.guard.bind(link);
    await link.ready();
    // The queue of this configuration: only workers started with the same one listen on it.
    const queueName = queueNameOf(identity.fingerprint);
    queue = new Queue<ChunkJobData, ChunkReceipt>(queueName, { connection: link.client });
    // Connection trouble is the watchdog's to judge; ioredis reconnects meanwhile.
    queue.on('error', () => undefined);
    const q = queue;
    const client = link.client;

    // The job's record in Redis: which run holds it, which chunks it enqueued, and what they were cut
    // from (a resume that would cut other chunks under the same job ids is refused).
    const manifest = {
      input: resolve(input),
      inputSize: String(inputSize),
      inputSha256: inputPrint.sha256,
      format,
      chunkSize: String(chunkSize),
      maxRecordLines: String(maxRecordLines),
      fingerprint: JSON.stringify(fingerprint),
    };
    // Who holds the job's name, checked and the job claimed before this run writes anything: a run
    // refused here leaves no output and no manifest behind. Chunk keys and job ids are named by the
    // run (`NAME@RUN`), so this run only ever reads answers to its own records; another run may
    // take the name over only once this one has stopped (--overwrite), and this one then stops.
    const owner = await guard(readJobOwner(client, name));
    // This output's own run holds it (its producer is gone: this one holds the output's lock).
    const ours = owner !== undefined && sameJob && owner.runId === earlier.runId;
    let runId: string;
    /** A stopped run whose job this one takes over: its chunks go once the job is claimed. */
    let replaced: JobOwner | undefined;
    if (owner === undefined) {
      runId = resumed !== undefined && sameJob && earlier.runId !== undefined ? earlier.runId : newRunId();
    } else if (values.resume !== true && values.overwrite !== true) {
      throw new RunRefusedError(
        `job "${name}" already exists on ${address.display} (${owner.chunks} chunks enqueued, ${owner.live ? 'being run right now by a producer' : 'by a run that has stopped'}: ${describeOwner(owner)}): use --resume to continue it from its own output, --overwrite to start it again${owner.live ? ' once that producer has stopped' : ''}, or another --job name`,
      );
    } else if (owner.live && !ours) {
      throw new RunRefusedError(
        values.overwrite === true
          ? `job "${name}" on ${address.display} is claimed by another producer that renewed its claim within the last ${LIVE_MS / 1000} s (${describeOwner(owner)}): --overwrite takes over only a job whose producer has stopped; a producer that was killed or stopped loses its claim ${LIVE_MS / 1000} s after its last renewal, and --overwrite then takes the job over; otherwise stop that run first, or use another --job name`
          : `--resume: job "${name}" on ${address.display} is being run right now by another producer (${describeOwner(owner)}), not by the run that wrote ${out}: resume this output under another --job name`,
      );
    } else if (values.overwrite === true || (ours && owner.runId === undefined)) {
      // Started again (or this output's job of creditlift 0.1.0, whose chunks had no run id, resumed):
      // a new run, and the stopped run's chunks go.
      runId = newRunId();
      replaced = owner;
    } else if (ours) {
      runId = owner.runId as string;
      const differs = (Object.keys(manifest) as (keyof typeof manifest)[]).filter((f) => owner.fields[f] !== undefined && owner.fields[f] !== manifest[f]);
      if (differs.length > 0)
        throw new RunRefusedError(
          `--resume of job "${name}" with other ${differs.join(', ')} than it was started with (was: ${differs.map((f) => `${f} ${owner.fields[f]}`).join('; ')})\n${resumeHint(differs, owner.fields)}`,
        );
    } else {
      throw new RunRefusedError(
        `--resume: job "${name}" on ${address.display} belongs to another run (${describeOwner(owner)}), not to the run that wrote ${out}: resume this output under another --job name`,
      );
    }
    let enqueuedHighWater = owner !== undefined && owner.runId === runId ? owner.chunks : 0;
    const jobFields = () => ({ ...manifest, output: resolve(out), host: hostname(), pid: String(process.pid), chunks: String(enqueuedHighWater) });
    if (!(await guard(claimJob(client, name, owner === undefined ? undefined : (owner.runId ?? null), runId, jobFields(), ttlMs))))
      throw new RunRefusedError(`job "${name}" on ${address.display} was claimed by another run at the same moment: use another --job name`);
    claimed = { client, name, runId };
    const run = runOf(name, runId);
    if (replaced !== undefined) {
      const removed = await guard(removeRunChunks(client, runOf(name, replaced.runId), replaced.chunks));
      if (!ours && removed.keys + removed.busy > 0)
        io.stderr(`note: took over job "${name}" from a run that has stopped (${describeOwner(replaced)}): removed its ${removed.keys} keys\n`);
    }
    // This output's own earlier run of this job, started again: its chunks are nobody's now.
    if (sameJob && earlier.runId !== runId && !(replaced !== undefined && replaced.runId === earlier.runId))
      await guard(removeRunChunks(client, runOf(name, earlier.runId), 0));
    // This output's earlier job under another --job name or Redis: nobody will collect its chunks.
    // Its password is this run's only on the same server: it goes to no other Redis a manifest names.
    if (earlier !== undefined && !sameJob) await abandonQueueJob(earlier, io, sameServer(earlier.url, address) ? passwordOf(address) : undefined);

    // The manifest names the job and run while it runs, so a resume without --queue can remove its keys.
    const queueRecord = { url, job: name, ttlSeconds, runId };
    // Its status says the run is under way (`score` records how it ended in the same place).
    const status: RunStatus = runningStatus(
      resumed === undefined ? undefined : before?.status,
      { mode: 'queue', job: name, workers: {} },
      resumed !== undefined,
      errors !== out,
    );
    const manifestNow: RunManifest = { ...(resumed === undefined || before === undefined ? runManifest : before), queue: queueRecord, status };
    await writeRunManifest(runManifestPath(out), manifestNow);
    // A resume writes no answer out of input order before its manifest says so.
    const order = new ResumeOrderMark(status, resumed, (s) => writeRunManifest(runManifestPath(out), { ...manifestNow, status: s }), errors !== out);
    began = true;
    // An output created empty to lock it is this run's now, the manifest saying so: the exit keeps it.
    for (const lock of locks) lock.keepCreated();
    // Failed before a chunk is read (Redis lost): said as such.
    endOnFailure = async (f) =>
      writeRunManifest(runManifestPath(out), {
        ...manifestNow,
        status: { ...order.status, state: 'incomplete', exitCode: f.exitCode, reason: `failed: ${f.message}`, files: await writtenFilesOf(out, errors) },
      });

    /** Set once another run holds the job: this run stops at its next step. */
    let lostTo: JobOwner | undefined;
    let lost = false;
    // Renews the claim (the job's manifest key, the live key), with a field set on the way; a claim
    // that expired meanwhile (Redis unreachable past --job-ttl) is taken again; one another run
    // holds now is noted for the run to stop.
    const keepClaim = async (set?: readonly [string, string]) => {
      const r = await renewClaim(client, name, runId, ttlMs, set);
      if (r === 'mine') return;
      if (r === 'gone' && (await claimJob(client, name, undefined, runId, jobFields(), ttlMs))) return;
      lostTo = await readJobOwner(client, name).catch(() => undefined);
      lost = true;
    };
    let renewing: Promise<void> = Promise.resolve();
    liveTimer = setInterval(
      () => {
        renewing = keepClaim().catch(() => undefined);
      },
      Math.min(LIVE_RENEW_MS, Math.max(250, Math.floor(ttlMs / 4))),
    );
    // This run's chunks go (they are nobody's now), and the error says what happened.
    const takenOver = async (why?: string): Promise<CreditliftError> => {
      await guard(removeRunChunks(client, run, enqueuedHighWater)).catch(() => undefined);
      const taken = lost
        ? `job "${name}" on ${address.display} was taken over by another run (${describeOwner(lostTo)}) while this one ran: a producer that has not renewed its claim for ${LIVE_MS / 1000} s (paused, or its host suspended) counts as stopped, and --overwrite takes its job over`
        : '';
      return new CreditliftError(
        'queue_conflict',
        `${[why, taken].filter((t) => t !== undefined && t !== '').join('; ')}. Nothing of another run is written here: ${out} holds only this run's answers. To finish it, resume this run under another --job name (the same command with --resume and another --job)`,
      );
    };
    const stillOurs = async () => {
      if (!lost) await guard(keepClaim());
      if (lost) throw await takenOver();
    };

    const outFile = await openChunkFile(out, resumed !== undefined);
    files.push(outFile);
    const errFile = errors === out ? outFile : await openChunkFile(errors, resumed !== undefined);
    if (errFile !== outFile) files.push(errFile);

    const lenientCells = createLenientCellTally();
    reading = openInputRecords(input, { format, maxRecordLines, attributes: await csvAttributesOf(format, args.features), lenientCells });
    const read = reading;
    const chunks = chunkRecords(read.records, chunkSize);
    // The last line of the last chunk taken from the input: records read into a chunk not yet cut
    // are not counted read, so every line up to it is answered, written, or in a chunk the run holds.
    let lastLineTaken = 0;
    // The chunk being added to the queue: undecided if adding it fails (Redis lost, the job taken over).
    let adding: InputChunk | undefined;
    const summary = emptyScoreSummary();
    const failed: FailedChunk[] = [];
    const pending: PendingChunk[] = [];
    const progress = createDistributedProgress(io);
    const started = io.now?.();
    let chunksWritten = 0;
    let bytesDone = 0;
    let lostJobs = 0;
    /** Times each chunk was enqueued again in this run, by chunk index. */
    const requeued = new Map<number, number>();
    /** Input lines of records a worker's pool could not decide (its process died on them, twice): `worker_failed` lines, as `score` writes them. */
    const workerFailedLines: number[] = [];
    let exhausted = false;
    const byWorker = new Map<string, number>();
    const done = (line: number) => resumed?.answered(line) === true;
    const ending = (stopped: boolean, more: Partial<QueueRunEnd> = {}): QueueRunEnd => ({
      summary,
      ...(resumed === undefined ? {} : { resumed }),
      failed,
      workerFailedLines,
      unwritten: [...pending.map((p) => p.chunk), ...(adding === undefined ? [] : [adding])],
      stopped,
      lastLineRead: lastLineTaken,
      chunksEnqueuedAgain: lostJobs,
      lockTakeovers: locks.filter((l) => l.tookOverFrom !== undefined).length,
      job: name,
      workers: byWorker,
      ...more,
    });
    // Called once the files are closed (the catch below closes them first).
    endOnFailure = async (failure) =>
      writeRunManifest(runManifestPath(out), {
        ...manifestNow,
        status: queueRunStatus(order.status, ending(true, { failure }), io, await writtenFilesOf(out, errors)),
      });
    const draw = () =>
      progress.update({
        bytesDone,
        bytesTotal: inputSize,
        chunksWritten,
        chunksQueued: pending.length,
        chunksFailed: failed.length,
        records: summary.recordsIn + summary.skipped,
        rejected: summary.rejected,
      });

    // Every key of the job expires `ttlMs` after its last refresh: the records and lines keys are
    // written with it, the job and manifest keys get it at once, and this heartbeat renews those of
    // every chunk not yet written while the producer lives. A dead producer's keys leave on their own.
    // (The job's manifest key is renewed with the run's claim.)
    heartbeat = setInterval(
      () => {
        const batch = client.pipeline();
        for (const p of pending) {
          batch.pexpire(q.toKey(p.id), ttlMs).pexpire(chunkRecordsKey(run, p.chunk.index), ttlMs).pexpire(chunkLinesKey(run, p.chunk.index), ttlMs);
        }
        batch.exec().catch(() => undefined);
      },
      Math.max(250, Math.floor(ttlMs / 4)),
    );
    // A chunk's job, records and lines, once its lines are on disk (or it is enqueued afresh).
    const dropChunk = async (index: number) => {
      await guard(q.remove(chunkJobId(run, index)));
      await guard(client.del(chunkRecordsKey(run, index), chunkLinesKey(run, index)));
    };

    // True when the chunk's records key holds these very records (an earlier run of this job stored
    // them): left as it is, its expiry renewed. Overwritten, a worker deciding from it meanwhile
    // would answer records that were replaced under it.
    const storedAlready = async (key: string, digest: string): Promise<boolean> => {
      const bytes = await guard(client.getBuffer(key));
      if (bytes === null) return false;
      let stored: string;
      try {
        stored = recordsDigest(decodeRecords(bytes));
      } catch {
        // Not records this producer can read: replaced by its own.
        return false;
      }
      return stored === digest && (await guard(client.pexpire(key, ttlMs))) === 1;
    };

    // Resolves to the digest of the records stored for the chunk.
    const enqueue = async (c: InputChunk, again = false): Promise<string> => {
      const id = chunkJobId(run, c.index);
      if (again) {
        // Enqueued again because its result is not there (job gone, lines gone, dropped as
        // abandoned): whatever is left of the old job goes first, finished or not, or add() below
        // would keep the old id as it is, and a finished job without lines would be seen again
        // and again (the producer looped "enqueued again" forever).
        await guard(q.remove(id));
      } else if (resumed !== undefined) {
        // A chunk that failed for good in the earlier run is tried again; one still queued, under
        // way or finished is left as it is (add() below keeps an existing id). An id whose job key
        // expired is taken out of the queue's lists first, or it would be both there and waiting.
        const old = await guard(q.getJob(id));
        if (old === undefined || (await guard(old.getState())) === 'failed') await guard(q.remove(id));
      }
      const digest = recordsDigest(c.records);
      const recordsKey = chunkRecordsKey(run, c.index);
      if (again || resumed === undefined || !(await storedAlready(recordsKey, digest)))
        await guard(client.set(recordsKey, encodeRecords(c.records), 'PX', ttlMs));
      const data: ChunkJobData = { run, index: c.index, recordLines: c.recordLines, fingerprint, ttlMs };
      // The job key is created with its expiry, in one transaction: never a moment without one.
      await guard(addChunkJob(q, id, data, { attempts: JOB_ATTEMPTS, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: false, removeOnFail: false }));
      if (c.index + 1 > enqueuedHighWater) {
        enqueuedHighWater = c.index + 1;
        await guard(keepClaim(['chunks', String(enqueuedHighWater)]));
        if (lost) throw await takenOver();
      }
      return digest;
    };

    // Writes the head chunk when its job has finished; false when it is still under way.
    const settleHead = async (): Promise<boolean> => {
      const head = pending[0] as PendingChunk;
      // The state first, then the job: a job read before its state could be a snapshot from just
      // before it finished, with no result yet.
      const state = await guard(q.getJobState(head.id));
      // Gone from Redis while not yet written: Redis lost its data (restarted without persistence),
      // someone removed it, or it expired (Redis unreachable for longer than --job-ttl). Decisions
      // are deterministic, so deciding it again is safe.
      const requeue = async (what: string) => {
        // Gone because another run took the job over (its --overwrite removed this run's chunks): stop.
        await stillOurs();
        const times = (requeued.get(head.chunk.index) ?? 0) + 1;
        if (times > MAX_REQUEUES)
          throw new CreditliftError(
            'queue_unavailable',
            `chunk ${head.id} (${lineRange(head.chunk.recordLines)}) ${what} again, after being enqueued again ${MAX_REQUEUES} times: Redis keeps losing this job's keys (a maxmemory-policy that evicts them, or someone removing them); give Redis maxmemory-policy noeviction and memory enough for --window chunks`,
          );
        requeued.set(head.chunk.index, times);
        lostJobs++;
        io.stderr(`note: chunk ${head.id} (${lineRange(head.chunk.recordLines)}) ${what}; enqueued again\n`);
        await enqueue(head.chunk, true);
        return false;
      };
      if (state === 'unknown') return requeue('vanished from Redis');
      if (state !== 'completed' && state !== 'failed') return false;
      const [linesText, failedReason] =
        state === 'completed'
          ? [await guard(client.get(chunkLinesKey(run, head.chunk.index))), null]
          : [null, await guard(client.hget(q.toKey(head.id), 'failedReason'))];
      if (state === 'completed' && linesText === null) return requeue('finished, but its lines vanished from Redis');
      if (failedReason?.startsWith(ABANDONED) === true) return requeue(`was dropped by a worker as abandoned (${failedReason.slice(ABANDONED.length).trim()})`);
      // Written only when made for this run, from the very records stored for the chunk.
      const result = state === 'completed' ? parseResult(linesText) : undefined;
      const problem =
        state === 'completed' ? answerProblem(result, { run, recordsDigest: head.recordsDigest, recordLines: head.chunk.recordLines }) : undefined;
      if (problem?.kind === 'foreign') {
        await guard(keepClaim()).catch(() => undefined);
        throw await takenOver(`chunk ${head.id} (${lineRange(head.chunk.recordLines)}): ${problem.message}; not written`);
      }
      if (problem?.kind === 'stale') return requeue(`has an answer not made from the records stored for it (${problem.message})`);
      if (state === 'completed') {
        const lines = result?.lines;
        if (problem !== undefined || lines === undefined) {
          recordFailure(head, problem?.message ?? 'no lines');
        } else {
          await writeChunk(lines, head.chunk.records);
          await dropChunk(head.chunk.index);
          chunksWritten++;
          byWorker.set(result?.worker ?? 'unknown', (byWorker.get(result?.worker ?? 'unknown') ?? 0) + 1);
        }
      } else {
        recordFailure(head, failedReason ?? 'failed');
        // Kept for --resume to see it failed; its records and lines are not needed for that.
        await guard(client.del(chunkRecordsKey(run, head.chunk.index), chunkLinesKey(run, head.chunk.index)));
      }
      pending.shift();
      bytesDone = head.bytesAt;
      draw();
      return true;
    };
    const recordFailure = (head: PendingChunk, reason: string) => {
      const c = head.chunk;
      // Read, and not answered: counted so the summary's "records read" is every record read (it said
      // 0 when every chunk was refused); lines an earlier run answered stay skipped.
      const fromEarlier = c.recordLines.filter(done).length;
      summary.skipped += fromEarlier;
      countUndecided(summary, c.recordLines.length - fromEarlier);
      failed.push({ chunk: c.index, firstLine: c.recordLines[0] as number, lastLine: c.recordLines[c.recordLines.length - 1] as number, reason });
      io.stderr(`error: chunk ${head.id} (${lineRange(c.recordLines)}, ${c.recordLines.length} records) failed for good: ${terminalText(reason)}\n`);
    };
    // Uploads of kinds the catalog does not know, in the records decided: rejected unknown_kind, and said so.
    const catalog = await catalogOfArgs(args);
    const unknownKinds = createUnknownKindTally();
    const writeChunk = async (lines: readonly OutputLine[], records: readonly InputRecord[]) => {
      let outText = '';
      let errText = '';
      for (const [i, line] of lines.entries()) {
        if (done(line.line)) {
          summary.skipped++;
          continue;
        }
        if ('decisionJson' in line) {
          outText += formatOutputLine(line);
          countDecision(summary, line);
          const record = records[i];
          if (record?.ok === true) unknownKinds.addApplicant(record.value, catalog);
        } else {
          const text = formatOutputLine(line);
          if (line.error.code === RETRY_ON_RESUME_CODE) workerFailedLines.push(line.line);
          if (errFile === outFile) outText += text;
          else errText += text;
          countRejection(summary, line.error);
        }
      }
      // Lines of a chunk go in input order: the first of each kind is the one an out-of-order answer in its file could be.
      const firstDecision = lines.find((line) => !done(line.line) && 'decisionJson' in line);
      const firstError = lines.find((line) => !done(line.line) && !('decisionJson' in line));
      if (firstDecision !== undefined) await order.beforeWriting(firstDecision.line, 'decision');
      if (firstError !== undefined) await order.beforeWriting(firstError.line, 'error');
      // In input order within the file: a shared file takes both kinds in one write.
      await outFile.write(outText);
      if (errFile !== outFile) await errFile.write(errText);
    };

    // Said once each time no worker has taken a chunk of the run for --worker-wait: with no worker
    // of this configuration running (none started, or each killed), the producer waited silently.
    let takenAt = Date.now();
    let idleCheckedAt = 0;
    let idleNoted = false;
    const taken = () => {
      takenAt = Date.now();
      if (!idleNoted) return;
      idleNoted = false;
      io.stderr(`note: a worker is taking chunks of job "${name}" again\n`);
    };
    const checkIdle = async () => {
      const now = Date.now();
      if (now - idleCheckedAt < IDLE_CHECK_MS) return;
      idleCheckedAt = now;
      // A chunk is taken while a worker holds its lock (a dead worker's lock runs out after its --lock-ms).
      const locks = client.pipeline();
      for (const p of pending) locks.exists(`${q.toKey(p.id)}:lock`);
      const replies = await guard(locks.exec());
      if (replies?.some(([e, n]) => e === null && n === 1) === true) return taken();
      if (idleNoted || now - takenAt < workerWaitMs) return;
      idleNoted = true;
      // CLIENT LIST, which some hosted Redis refuse.
      const workers = await guard(q.getWorkersCount()).catch(() => undefined);
      io.stderr(
        `note: no worker has taken a chunk of job "${name}" for ${Math.round((now - takenAt) / 1000)} s: ${pending.length} chunks wait on queue ${queueName} (${workers === undefined ? 'how many workers listen on it is unknown' : `${workers} worker connections on it`}). Only "creditlift worker" processes started with this run's configuration serve that queue (${describeConfiguration(identity.fingerprint)}): start one, or check their --model, --policy, --catalog, --features and key files (a worker logs its queue when it starts). Still waiting; Ctrl-C stops, --resume continues\n`,
      );
    };

    const interrupted = () => io.signal?.aborted === true;
    try {
      for (;;) {
        if (lost) throw await takenOver();
        while (!exhausted && pending.length < window && !interrupted()) {
          const next = await chunks.next();
          if (next.done === true) {
            exhausted = true;
            break;
          }
          const c = next.value;
          lastLineTaken = c.recordLines[c.recordLines.length - 1] ?? lastLineTaken;
          if (c.recordLines.every(done)) {
            // Finished by an earlier run: never enqueued again. A job left behind by a producer
            // killed between writing and removing it goes now.
            summary.skipped += c.recordLines.length;
            if (resumed !== undefined && c.index < enqueuedHighWater) await dropChunk(c.index);
            continue;
          }
          adding = c;
          const digest = await enqueue(c);
          pending.push({ chunk: c, id: chunkJobId(run, c.index), bytesAt: read.bytesRead(), recordsDigest: digest });
          adding = undefined;
          draw();
        }
        if (pending.length === 0) break;
        let progressed = false;
        while (pending.length > 0 && (await settleHead())) progressed = true;
        if (interrupted()) break;
        if (progressed) taken();
        else {
          await checkIdle();
          await guard(delay(POLL_MS));
        }
      }
    } finally {
      progress.finish();
    }
    for (const f of files.splice(0)) await f.close();
    if (started !== undefined && io.now !== undefined) summary.seconds = (io.now() - started) / 1000;
    summary.lenientCells = [...lenientCells.counts()];
    const stoppedEarly = interrupted() && (!exhausted || pending.length > 0);
    const ok = failed.length === 0 && !stoppedEarly;
    // Nothing of the job is left: its manifest key and claim go, if still this run's (no renewal
    // under way may bring them back).
    clearInterval(liveTimer);
    await renewing;
    if (ok) await guard(releaseClaim(client, name, runId, true));
    // The same check as in one process, before the summary (a signal after the summary must find
    // nothing left to wait for): the bytes read, and the file read again (a change at bytes already read).
    // It and the digests below stop at a signal, as in one process: a SIGTERM there waited for every byte.
    const stopOn = io.signal === undefined ? {} : { signal: io.signal };
    let changed: string | undefined;
    let checkStopped: FingerprintInterruptedError | undefined;
    if (!stoppedEarly) {
      try {
        changed = await inputChanged(input, inputPrint, read.sha256(), stopOn);
      } catch (e) {
        if (!(e instanceof FingerprintInterruptedError)) throw e;
        checkStopped = e;
      }
    }
    // How the run ended, beside its configuration; once nothing of the job is left in Redis, without
    // the job (a later resume without --queue has nothing to remove).
    endOnFailure = undefined;
    let written: WrittenFiles | undefined;
    let digestsStopped: FingerprintInterruptedError | undefined;
    try {
      written = await writtenFilesOf(out, errors, stopOn);
    } catch (e) {
      if (!(e instanceof FingerprintInterruptedError)) throw e;
      digestsStopped = e;
      // Their sizes at least, as score in one process records them.
      written = await writtenSizesOf(out, errors);
    }
    const ended = queueRunStatus(
      order.status,
      ending(stoppedEarly, {
        ...(changed === undefined ? {} : { changed }),
        ...(checkStopped === undefined ? {} : { checkStopped }),
        ...(digestsStopped === undefined ? {} : { digestsStopped }),
      }),
      io,
      written,
    );
    await writeRunManifest(runManifestPath(out), { ...(ok ? withoutQueueJob(manifestNow) : manifestNow), status: ended });
    await release();
    io.stdout(
      values['json-summary'] === true
        ? `${JSON.stringify({ ...summary, distributed: { job: name, runId, chunksWritten, failedChunks: failed, requeuedLostChunks: lostJobs } })}\n`
        : formatScoreSummary(summary, { out, errors }),
    );
    io.stderr(unknownKindsWarning(unknownKinds, `${summary.decisions.toLocaleString('en-US')} decisions`));
    io.stderr(lenientCellsWarning(summary.lenientCells));
    if (stoppedEarly) {
      io.stderr(
        `interrupted: ${summary.decisions + summary.rejected} records written; ${pending.length} chunks stay queued for the workers, in Redis for ${ttlSeconds} s (--job-ttl) unless resumed; run the same command with --resume to collect them and continue (without --queue it decides them itself and removes them from Redis)\n`,
      );
      return INTERRUPTED_EXIT_CODE;
    }
    // Stopped once every chunk was written: the summary stands, and the code is the manifest's (130).
    if (checkStopped !== undefined) {
      io.stderr(`${terminalText(runEndInterruptedMessage('input-check', checkStopped))}\n`);
      return ended.exitCode ?? INTERRUPTED_EXIT_CODE;
    }
    if (changed !== undefined) {
      io.stderr(`error: ${changed}\n`);
      return CliExitCode.failed;
    }
    if (failed.length > 0) {
      io.stderr(
        `${failed.length} chunk${failed.length === 1 ? '' : 's'} failed for good (${failed.map((f) => (f.firstLine === f.lastLine ? `line ${f.firstLine}` : `lines ${f.firstLine}-${f.lastLine}`)).join(', ')}); everything else is written. Fix the cause and run the same command with --resume to retry ${failed.length === 1 ? 'it' : 'them'}\n`,
      );
      return CliExitCode.failed;
    }
    // As `score` says it, with the same exit code.
    if (workerFailedLines.length > 0)
      io.stderr(
        `${workerFailedLines.length} records were not decided because a scorer worker failed (error code ${RETRY_ON_RESUME_CODE}); run the same command with --resume to decide them\n`,
      );
    // A run otherwise done whose digests a signal stopped exits 130, its manifest says why.
    if (digestsStopped !== undefined && ended.exitCode === INTERRUPTED_EXIT_CODE)
      io.stderr(`${terminalText(runEndInterruptedMessage('file-digests', digestsStopped))}\n`);
    // The code the manifest records (queueRunStatus always sets one): the status and the exit cannot disagree.
    return ended.exitCode ?? CliExitCode.failed;
  } catch (e) {
    for (const f of files) await f.close().catch(() => undefined);
    // Refused or failed before writing anything: no empty output is left behind by the lock.
    if (!began) for (const lock of locks) await lock.discardCreated().catch(() => undefined);
    if (e instanceof FingerprintInterruptedError) {
      io.stderr(`${fingerprintInterruptedMessage(e, how)}\n`);
      return INTERRUPTED_EXIT_CODE;
    }
    if (e instanceof RunRefusedError) {
      io.stderr(`error: ${terminalText(e.message, { keepLineBreaks: true })}\n`);
      return CliExitCode.usage;
    }
    const code = reportError(e, io, usage);
    // A job taken over says itself how to go on (under another --job name).
    if (
      code === CliExitCode.failed &&
      outPath !== '' &&
      (began || (await sizeOf(outPath)) > 0) &&
      !(e instanceof CreditliftError && e.code === 'queue_conflict')
    )
      io.stderr(`everything decided so far is in ${outPath}; run the same command with --resume to continue\n`);
    await endOnFailure?.({ exitCode: code, message: e instanceof Error ? e.message : String(e) }).catch(() => undefined);
    return code;
  } finally {
    await release();
  }
}

/** The one line after a refused `--resume`: how to resume it, or start it again. */
function resumeHint(differs: readonly string[], was: Record<string, string>): string {
  const options: Record<string, string> = { chunkSize: '--batch', maxRecordLines: '--max-record-lines', format: '--format' };
  const asStarted = differs.filter((f) => options[f] !== undefined).map((f) => `${options[f]} ${was[f]}`);
  return `hint: ${asStarted.length > 0 ? `resume it with ${asStarted.join(' ')}` : 'resume it with the input and options it was started with'}, or start it again with --overwrite (or under another --job name)`;
}

function parseResult(text: string | null | undefined): Partial<ChunkResult> | undefined {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text) as Partial<ChunkResult>;
  } catch {
    return undefined;
  }
}

/** Exit code of a run stopped by SIGINT/SIGTERM, as `score` uses. */
const INTERRUPTED_EXIT_CODE = CliExitCode.interrupted;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A delay that does not keep the process alive on its own, for bounding a close. */
function unrefDelay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** Whether a manifest's queue URL names the server (and user) of `address`, whatever its database: a Redis password is the server's. */
function sameServer(url: string, address: QueueAddress): boolean {
  try {
    const other = parseQueueUrl(url);
    return other.host === address.host && other.port === address.port && other.tls === address.tls && other.username === address.username;
  } catch {
    return false;
  }
}

/** The password `address` was given, and where from; undefined without one. */
function passwordOf(address: QueueAddress): QueuePassword | undefined {
  return address.password === undefined ? undefined : { password: address.password, from: address.passwordFrom ?? '--queue' };
}
