import { Redis } from 'ioredis';
import { CreditliftError } from '../errors/creditliftError.js';
import type { QueueAddress } from './queueUrl.js';

/** Delay between reconnection attempts: short, since the watchdog (not ioredis) decides when to give up. */
const RECONNECT_MS = 250;
const PING_MS = 500;

/**
 * The connection a producer or worker shares with BullMQ, plus a watchdog. Commands wait through a
 * Redis restart (ioredis reconnects and replays them); when Redis has not answered for
 * `timeoutMs`, {@link RedisLink.lost} rejects with a `queue_unavailable` error naming the server and
 * the last connection error, so the command stops cleanly instead of hanging.
 */
export interface RedisLink {
  /** The ioredis client; give it to BullMQ as `connection` (BullMQ duplicates it for blocking reads). */
  readonly client: Redis;
  /** Rejects once Redis has been unreachable for the timeout; never resolves. */
  readonly lost: Promise<never>;
  /** Runs `op`, or rejects with the watchdog's error if Redis is lost first. */
  guard<T>(op: Promise<T>): Promise<T>;
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
  let lastError = 'no answer';
  client.on('error', (e: Error) => {
    lastError = e.message;
  });
  let lastOk = Date.now();
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
    if (Date.now() - lastOk > timeoutMs) {
      stopped = true;
      clearInterval(timer);
      const what = everConnected ? 'lost the connection to' : 'cannot reach';
      fail(new CreditliftError('queue_unavailable', `${what} Redis at ${address.display} for ${Math.round(timeoutMs / 1000)} s (${lastError})`));
      client.disconnect();
      return;
    }
    if (pinging) return;
    pinging = true;
    client.ping().then(
      () => {
        lastOk = Date.now();
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
    guard: <T>(op: Promise<T>) => Promise.race([op, lost]),
    async ready() {
      await Promise.race([client.ping(), lost]);
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
