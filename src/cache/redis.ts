import { createClient } from '@redis/client';
import type { Logger } from '../observability/logger';

/**
 * The one Redis connection a replica keeps (REDIS_URL), for the state replicas must share:
 * the public response cache, its invalidation generation and the rate-limit counters. Every
 * key starts with `prefix`, so deployments (and test runs) sharing a Redis never meet.
 */

export interface SharedRedis {
  client: RedisClient;
  /** Prepended to every key this hub writes, e.g. `hub:`. */
  prefix: string;
  close(): Promise<void>;
}

/** How long a command may wait for Redis before the hub carries on without it. */
const CONNECT_TIMEOUT_MS = 2_000;

const makeClient = (url: string) =>
  createClient({
    url,
    // With the offline queue, commands sent while Redis is away would wait for it to come
    // back, and so would the requests that sent them; without it they fail at once and the
    // hub answers without the cache (rate limits let requests through, see protection.ts).
    disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (attempts) => Math.min(attempts * 200, 5_000) },
  });

export type RedisClient = ReturnType<typeof makeClient>;

export async function connectRedis(url: string, prefix: string, logger: Logger): Promise<SharedRedis> {
  const client = makeClient(url);
  let reported = false;
  client.on('error', (error: unknown) => {
    // The client emits an error per failed reconnection attempt; one line is enough.
    if (!reported) logger.error({ err: error }, 'Redis unreachable: shared cache and rate limits degraded');
    reported = true;
  });
  client.on('ready', () => {
    if (reported) logger.info('Redis reachable again');
    reported = false;
  });
  await client.connect();
  return {
    client,
    prefix,
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}
