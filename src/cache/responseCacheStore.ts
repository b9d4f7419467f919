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
  /** The current generation, or null when it cannot be known (Redis unreachable). */
  generation(): Promise<string | null>;
  invalidate(): Promise<void>;
}

/** Bounded by size, so a crawl over every key cannot grow a process without limit. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

export function responseCacheStore(redis: SharedRedis | null, clock: Clock = systemClock): CacheStore {
  return redis ? redisStore(redis) : memoryStore(clock);
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

function redisStore(redis: SharedRedis): CacheStore {
  const { client, prefix } = redis;
  const generationKey = `${prefix}response-cache:generation`;
  // Keyv's Redis adapter reports failures as events and answers "not found" instead of
  // throwing; a Redis that does not answer is cut off at its deadline (src/cache/redis.ts).
  // Either way a lookup is a miss and a store is skipped, never a failed or held request.
  const keyv = createKeyv(client as Parameters<typeof createKeyv>[0], { namespace: `${prefix}response-cache` });
  keyv.on('error', () => undefined);
  const shared = new KeyvAdapter<string>(keyv);
  const cache: KeyValueCache<string> = {
    get: (key) => redis.call(() => shared.get(key)).catch(() => undefined),
    set: (key, value, options) => redis.call(() => shared.set(key, value, options)).catch(() => undefined),
    delete: (key) => redis.call(() => shared.delete(key)).catch(() => false),
  };
  return {
    cache,
    generation: async () => {
      try {
        return (await redis.call((c) => c.get(generationKey))) ?? '0';
      } catch {
        return null;
      }
    },
    invalidate: async () => {
      await redis.call((c) => c.incr(generationKey));
    },
  };
}
