import { RedisStore } from 'rate-limit-redis';
import type { Store } from 'express-rate-limit';
import type { SharedRedis } from './redis';

/**
 * express-rate-limit's counters in Redis (rate-limit-redis), so a caller's limit is one
 * limit across every replica rather than one per replica. When Redis cannot be reached the
 * limiter lets requests through (`passOnStoreError` in protection.ts): the database pools
 * and admission still bound the load, and the hub stays up.
 */
export function rateLimitStore({ client, prefix }: SharedRedis, limiter: string): Store {
  // One store per limiter: express-rate-limit refuses a store shared by two.
  return new RedisStore({
    prefix: `${prefix}rate-limit:${limiter}:`,
    sendCommand: (...args: string[]) => client.sendCommand(args),
  });
}
