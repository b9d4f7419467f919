import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { createKeyv } from '@keyv/redis';
import { systemClock, type Clock } from '../clock';
import type { SharedRedis } from './redis';

/**
 * Where the public response cache keeps its answers, and its generation: a number every
 * cache key includes, moved on by each write so that answers computed before the write are
 * never read again (they expire by their own TTL). In memory for one process; in Redis
 * (Apollo's KeyvAdapter over Keyv's Redis store) when replicas share it, so that a write
 * through one replica retires the answers of all.
 */

export interface CacheStore {
  cache: KeyValueCache<string>;
  /** The current generation: Redis's, or this process's own while Redis does not answer. */
  generation(): Promise<string>;
  invalidate(): Promise<void>;
}

/** Bounded by size, so a crawl over every key cannot grow a process without limit. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

export function responseCacheStore(redis: SharedRedis | null, clock: Clock = systemClock): CacheStore {
  return redis ? redisStore(redis, memoryStore(clock)) : memoryStore(clock);
}

function memoryStore(clock: Clock): CacheStore {
  const cache = new InMemoryLRUCache<string>({
    maxSize: MAX_CACHED_BYTES,
    sizeCalculation: (value) => value.length || 1,
    // Lifetimes are read from the hub's clock, to the millisecond (no cached reading of it).
    perf: clock,
    ttlResolution: 0,
  });
  let generation = 0;
  return {
    cache,
    generation: async () => String(generation),
    invalidate: async () => {
      generation += 1;
      // Nothing can read the old generation's answers again; free their memory now.
      cache.clear();
    },
  };
}

/**
 * While Redis does not answer, answers are cached in this process's memory instead, as a
 * hub without Redis caches them: skipping the cache would have every public request
 * computed while Redis is away (at 20 users the hub fell from ~700 to ~8 answers a second).
 * Its local generation moves on with each write through this replica, at once; a write
 * through another replica reaches this one's public answers within their lifetime
 * (RESPONSE_CACHE_SECONDS), as nothing can carry it while Redis is away. A write made
 * meanwhile is owed to Redis's generation, and paid before Redis's answers are read again.
 */
function redisStore(redis: SharedRedis, local: CacheStore): CacheStore {
  const { client, prefix } = redis;
  const generationKey = `${prefix}response-cache:generation`;
  // Keyv's Redis adapter reports failures as events and answers "not found" instead of
  // throwing; a Redis that does not answer is cut off at its deadline (src/cache/redis.ts).
  // Either way a lookup is a miss and a store is skipped, never a failed or held request.
  const keyv = createKeyv(client as Parameters<typeof createKeyv>[0], { namespace: `${prefix}response-cache` });
  keyv.on('error', () => undefined);
  const shared = new KeyvAdapter<string>(keyv);
  const away = () => redis.state === 'down';
  const cache: KeyValueCache<string> = {
    get: (key) => (away() ? local.cache.get(key) : redis.call(() => shared.get(key)).catch(() => undefined)),
    set: (key, value, options) =>
      away() ? local.cache.set(key, value, options) : redis.call(() => shared.set(key, value, options)).catch(() => undefined),
    delete: (key) => (away() ? local.cache.delete(key) : redis.call(() => shared.delete(key)).catch(() => false)),
  };
  let owed = false;
  const incrementShared = async () => {
    await redis.call((c) => c.incr(generationKey));
    owed = false;
  };
  return {
    cache,
    generation: async () => {
      try {
        if (owed) await incrementShared();
        return (await redis.call((c) => c.get(generationKey))) ?? '0';
      } catch {
        return `local:${await local.generation()}`;
      }
    },
    invalidate: async () => {
      await local.invalidate();
      owed = true;
      await incrementShared().catch(() => undefined); // owed until Redis answers; Redis's own log line says it is away
    },
  };
}
