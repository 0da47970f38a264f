import { Redis } from 'ioredis';
import { CreditliftError } from '../errors/creditliftError.js';
import { queueAuthError } from './queueAuthError.js';
import type { QueueAddress } from './queueUrl.js';

/** Delay between reconnection attempts: short, since the watchdog (not ioredis) decides when to give up. */
const RECONNECT_MS = 250;
const PING_MS = 500;
/**
 * A watchdog tick this late means this process was not running (stopped with SIGSTOP, suspended
 * with its host, or its event loop blocked): that time is not time Redis left unanswered.
 */
const PAUSED_MS = 4 * PING_MS;

/**
 * The connection a producer or worker shares with BullMQ, plus a watchdog. Commands wait through a
 * Redis restart (ioredis reconnects and replays them); when Redis has not answered for
 * `timeoutMs` while this process was running, {@link RedisLink.lost} rejects with a
 * `queue_unavailable` error naming the server and the last connection error, so the command stops
 * cleanly instead of hanging. Time the process itself was not running (paused with SIGSTOP, its
 * event loop blocked) is not counted: a producer paused longer than the timeout, with Redis up all
 * along, was stopped with "lost the connection to Redis" the moment it ran again.
 */
export interface RedisLink {
  /** The ioredis client; give it to BullMQ as `connection` (BullMQ duplicates it for blocking reads). */
  readonly client: Redis;
  /** Rejects once Redis has been unreachable for the timeout; never resolves. */
  readonly lost: Promise<never>;
  /** Runs `op`, or rejects with the watchdog's error if Redis is lost first. */
  guard<T>(op: Promise<T>): Promise<T>;
  /**
   * Whether Redis answers a PING within `ms` now. Asked, not read from the watchdog's last answer: in
   * the first second of an outage that still looked recent, and a stop then waited out the timeout.
   */
  answersWithin(ms: number): Promise<boolean>;
  /** Resolves once Redis answered a PING (or rejects like {@link RedisLink.lost}). */
  ready(): Promise<void>;
  /** Stops the watchdog and drops the connection without waiting for Redis. */
  close(): void;
}

/** Connects to the queue's Redis and starts the watchdog (see {@link RedisLink}). */
export function openRedisLink(address: QueueAddress, timeoutMs: number): RedisLink {
  const client = new Redis({
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.username === undefined ? {} : { username: address.username }),
    ...(address.password === undefined ? {} : { password: address.password }),
    ...(address.tls ? { tls: {} } : {}),
    // BullMQ's blocking reads need commands to wait for a reconnection rather than fail.
    maxRetriesPerRequest: null,
    retryStrategy: () => RECONNECT_MS,
    connectTimeout: Math.min(10_000, timeoutMs),
  });
  const byName = (e: unknown): never => {
    throw queueAuthError(e, address) ?? e;
  };
  let lastError = 'no answer';
  client.on('error', (e: Error) => {
    lastError = e.message;
  });
  let lastOk = Date.now();
  let lastTick = lastOk;
  /** Time this process was not running since Redis last answered, and in all. */
  let pausedMs = 0;
  let everConnected = false;
  let fail!: (e: Error) => void;
  const lost = new Promise<never>((_, reject) => {
    fail = reject;
  });
  lost.catch(() => undefined);
  let stopped = false;
  let pinging = false;
  const timer = setInterval(() => {
    if (stopped) return;
    const now = Date.now();
    const late = now - lastTick - PING_MS;
    lastTick = now;
    if (late > PAUSED_MS) {
      // Redis gets its whole timeout again from now: a ping now tells whether it is there.
      pausedMs += late;
      lastOk = Math.max(lastOk, now - PING_MS);
    }
    if (now - lastOk > timeoutMs) {
      stopped = true;
      clearInterval(timer);
      const what = everConnected ? 'lost the connection to' : 'cannot reach';
      const paused =
        pausedMs > 0 ? `; besides that, this process itself was not running for ${Math.round(pausedMs / 1000)} s (paused, or its host suspended)` : '';
      fail(
        new CreditliftError(
          'queue_unavailable',
          `${what} Redis at ${address.display}: no answer for ${Math.round(timeoutMs / 1000)} s while this process ran (${lastError})${paused}`,
        ),
      );
      client.disconnect();
      return;
    }
    if (pinging) return;
    pinging = true;
    client.ping().then(
      () => {
        lastOk = Date.now();
        pausedMs = 0;
        everConnected = true;
        pinging = false;
      },
      () => {
        pinging = false;
      },
    );
  }, PING_MS);
  return {
    client,
    lost,
    // A refused password is said as such, wherever it shows (a password changed under a running
    // producer shows at its next command after a reconnection).
    guard: <T>(op: Promise<T>) => Promise.race([op, lost]).catch(byName),
    answersWithin: (ms: number) =>
      stopped
        ? Promise.resolve(false)
        : Promise.race([
            client.ping().then(
              () => true,
              () => false,
            ),
            new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref()),
          ]),
    async ready() {
      await Promise.race([client.ping(), lost]).catch(byName);
      lastOk = Date.now();
      everConnected = true;
    },
    close() {
      stopped = true;
      clearInterval(timer);
      client.disconnect();
    },
  };
}
