import type { Redis } from 'ioredis';
import { isRunId, liveKey, runKey } from './chunkJob.js';

/**
 * How long a producer's claim of its job stays alive without a renewal (ms). A producer renews it
 * every {@link LIVE_RENEW_MS} while it runs; one killed, paused (SIGSTOP) or whose host is suspended
 * for longer counts as stopped, and `--overwrite` may take its job over.
 */
export const LIVE_MS = 15_000;
/** How often a producer renews its claim (and its job manifest's expiry). */
export const LIVE_RENEW_MS = 3_000;

/** The run holding a `--job` name in Redis, as its manifest key says. */
export interface JobOwner {
  /** Its run id; undefined for a job of creditlift 0.1.0, which had none. */
  readonly runId: string | undefined;
  /** True while its producer renews its claim ({@link LIVE_MS}). */
  readonly live: boolean;
  /** Chunks it enqueued (the manifest's count). */
  readonly chunks: number;
  /** Every field of the job's manifest key. */
  readonly fields: Readonly<Record<string, string>>;
}

/** A job's owner for messages: `writing /data/out.ndjson on host pid 4242`, or what is known of it. */
export function describeOwner(owner: JobOwner | undefined): string {
  if (owner === undefined) return 'a run that has left no record';
  const f = owner.fields;
  if (f.output === undefined) return owner.runId === undefined ? 'a run of an older creditlift' : `run ${owner.runId}`;
  return `writing ${f.output} on ${f.host ?? 'an unknown host'} pid ${f.pid ?? '?'}`;
}

/** Reads who holds job `name`, or undefined when nobody does (no manifest key). */
export async function readJobOwner(client: Redis, name: string): Promise<JobOwner | undefined> {
  const [fields, live] = await Promise.all([client.hgetall(runKey(name)), client.get(liveKey(name))]);
  if (Object.keys(fields).length === 0) return undefined;
  const runId = isRunId(fields.runId) ? fields.runId : undefined;
  return { runId, live: runId !== undefined && live === runId, chunks: Number(fields.chunks ?? 0) || 0, fields };
}

// The owner as the scripts below compare it: '' no manifest key, '-' one without a run id (0.1.0).
const OWNER = `local function owner()
  if redis.call('EXISTS', KEYS[1]) == 0 then return '' end
  local r = redis.call('HGET', KEYS[1], 'runId')
  if not r then return '-' end
  return r
end
`;

// Takes the job for ARGV[2] if its owner is still ARGV[1], or is ARGV[2] already: a fresh manifest for
// a new owner, the fields over the old for the same one; the manifest with its expiry, the claim alive.
// Already ARGV[2]'s: a producer's two renewals (its timer's and its next step's) can both find the claim
// gone and both claim it again; the one that comes second found its own run there and took it for
// another, stopping the run with a queue_conflict that named itself as the taker.
const CLAIM = `${OWNER}
local o = owner()
if o ~= ARGV[1] and o ~= ARGV[2] then return 0 end
if o ~= ARGV[2] then redis.call('DEL', KEYS[1]) end
redis.call('HSET', KEYS[1], 'runId', ARGV[2], unpack(ARGV, 5))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
return 1`;

// Renews ARGV[1]'s claim (and sets field ARGV[4] to ARGV[5] when given): 1 done, 0 another run holds
// the job, -1 nobody does (its manifest expired).
const RENEW = `${OWNER}
local o = owner()
if o == '' then return -1 end
if o ~= ARGV[1] then return 0 end
if ARGV[4] then redis.call('HSET', KEYS[1], ARGV[4], ARGV[5]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
return 1`;

// Lets go of ARGV[1]'s claim: the live key always, the manifest too when ARGV[2] is '1'.
const RELEASE = `${OWNER}
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
if ARGV[2] == '1' and owner() == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

/**
 * Makes run `runId` the owner of job `name`, in one step, provided its owner is still `expected`
 * (undefined: nobody; `null`: a job of creditlift 0.1.0, without a run id) or is `runId` already: so of
 * two producers claiming one job at once, one gets it, and a run claiming again what it holds keeps it. `fields` go into the job's manifest key.
 *
 * @returns true when claimed, false when another run took the job meanwhile
 */
export async function claimJob(
  client: Redis,
  name: string,
  expected: string | null | undefined,
  runId: string,
  fields: Readonly<Record<string, string>>,
  ttlMs: number,
): Promise<boolean> {
  const args = [expected === undefined ? '' : expected === null ? '-' : expected, runId, String(ttlMs), String(LIVE_MS), ...Object.entries(fields).flat()];
  return (await client.eval(CLAIM, 2, runKey(name), liveKey(name), ...args)) === 1;
}

/**
 * Renews run `runId`'s claim of job `name` (the manifest's expiry, the live key), setting manifest
 * field `set` on the way when given.
 *
 * @returns `mine`; `taken` when another run holds the job now; `gone` when nobody does (its manifest expired)
 */
export async function renewClaim(
  client: Redis,
  name: string,
  runId: string,
  ttlMs: number,
  set?: readonly [string, string],
): Promise<'mine' | 'taken' | 'gone'> {
  const r = await client.eval(RENEW, 2, runKey(name), liveKey(name), runId, String(ttlMs), String(LIVE_MS), ...(set ?? []));
  return r === 1 ? 'mine' : r === 0 ? 'taken' : 'gone';
}

/**
 * Lets go of run `runId`'s claim of job `name` (undefined: a job of creditlift 0.1.0): its producer
 * is no longer alive; with `remove`, its manifest key goes too, if the job is still that run's.
 * Nothing of another run's is touched.
 */
export async function releaseClaim(client: Redis, name: string, runId: string | undefined, remove: boolean): Promise<void> {
  await client.eval(RELEASE, 2, runKey(name), liveKey(name), runId ?? '-', remove ? '1' : '0');
}
