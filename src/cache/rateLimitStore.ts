import { RedisStore } from 'rate-limit-redis';
import { MemoryStore, type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import type { SharedRedis } from './redis';

/**
 * express-rate-limit's counters in Redis (rate-limit-redis), so a caller's limit is one
 * limit across every replica rather than one per replica. While Redis cannot be reached or
 * does not answer within its deadline (src/cache/redis.ts), each count falls back to this
 * process's own counter: the limit then holds per process, and the hub stays up and quick.
 */
class SharedOrLocalStore implements Store {
  readonly #shared: RedisStore;
  readonly #local = new MemoryStore();

  constructor(
    private readonly redis: SharedRedis,
    prefix: string,
  ) {
    this.#shared = new RedisStore({ prefix, sendCommand: (...args: string[]) => redis.client.sendCommand(args) });
  }

  init(options: Options): void {
    this.#local.init(options);
    // Loads the store's scripts into Redis; a Redis away at start leaves the local counts in use.
    this.#shared.init(options).catch(() => undefined);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    try {
      return await this.redis.call(() => this.#shared.increment(key));
    } catch {
      return this.#local.increment(key);
    }
  }

  async decrement(key: string): Promise<void> {
    await this.redis.call(() => this.#shared.decrement(key)).catch(() => this.#local.decrement(key));
  }

  async resetKey(key: string): Promise<void> {
    await this.redis.call(() => this.#shared.resetKey(key)).catch(() => this.#local.resetKey(key));
  }
}

export function rateLimitStore(redis: SharedRedis, limiter: string): Store {
  // One store per limiter: express-rate-limit refuses a store shared by two.
  return new SharedOrLocalStore(redis, `${redis.prefix}rate-limit:${limiter}:`);
}
