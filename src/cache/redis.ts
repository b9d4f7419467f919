import { createClient } from '@redis/client';
import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleAll } from 'cockatiel';
import type { Logger } from '../observability/logger';

/**
 * The one Redis connection a replica keeps (REDIS_URL), for the state replicas must share:
 * the public response cache, its invalidation generation and the rate-limit counters. Every
 * key starts with `prefix`, so deployments (and test runs) sharing a Redis never meet.
 *
 * Every command has a deadline (REDIS_TIMEOUT_MS): a Redis that accepts connections but
 * answers nothing (frozen, a network that drops packets) must not hold a request. A command
 * past its deadline fails, and after it a circuit (cockatiel) fails commands at once for a
 * second before letting one through: the cache then answers "not cached" and rate limits
 * count in this process (src/cache/rateLimitStore.ts) until Redis answers again.
 */

export interface SharedRedis {
  client: RedisClient;
  /** Prepended to every key this hub writes, e.g. `hub:`. */
  prefix: string;
  /** Runs Redis commands within the deadline; rejects at once while Redis is known to be away. */
  call<T>(work: (client: RedisClient) => Promise<T>): Promise<T>;
  /** `up` while commands are answered; `down` after one failed (and until one is answered again). */
  readonly state: 'up' | 'down';
  close(): Promise<void>;
}

/** How long connecting to Redis may take. */
const CONNECT_TIMEOUT_MS = 2_000;
/** After a failed command, commands fail at once for this long before one is tried again. */
const RETRY_AFTER_MS = 1_000;

const makeClient = (url: string) =>
  createClient({
    url,
    // With the offline queue, commands sent while Redis is away would wait for it to come
    // back, and so would the requests that sent them; without it they fail at once and the
    // hub answers without the cache (rate limits count in this process, see rateLimitStore.ts).
    disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (attempts) => Math.min(attempts * 200, 5_000) },
  });

export type RedisClient = ReturnType<typeof makeClient>;

export class RedisDeadline extends Error {
  constructor(timeoutMs: number) {
    super(`Redis did not answer within ${timeoutMs} ms`);
    this.name = 'RedisDeadline';
  }
}

/** Rejects with `RedisDeadline` unless `work` settles within `timeoutMs`. */
async function within<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisDeadline(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function connectRedis(url: string, prefix: string, timeoutMs: number, logger: Logger): Promise<SharedRedis> {
  const client = makeClient(url);
  let reported = false;
  const report = (error: unknown) => {
    // The client emits an error per failed reconnection attempt; one line is enough.
    if (!reported) logger.error({ err: error }, 'Redis unreachable or not answering: shared cache and rate limits degraded');
    reported = true;
  };
  client.on('error', report);
  const breaker = circuitBreaker(handleAll, { halfOpenAfter: RETRY_AFTER_MS, breaker: new ConsecutiveBreaker(1) });
  breaker.onBreak((failure) => report('error' in failure ? failure.error : failure));
  breaker.onReset(() => {
    if (reported) logger.info('Redis answers again');
    reported = false;
  });
  // A Redis that accepts the connection and never answers must not stop the hub starting.
  await within(client.connect(), CONNECT_TIMEOUT_MS).catch(report);
  return {
    client,
    prefix,
    call: (work) => breaker.execute(() => within(work(client), timeoutMs)),
    get state() {
      return breaker.state === CircuitState.Closed ? 'up' : 'down';
    },
    close: async () => {
      if (client.isOpen) client.destroy();
    },
  };
}
