import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { systemClock, type Clock } from '../clock';
import { metrics } from '../observability/metrics';
import type { HubContext } from './context';
import { responseCacheStore } from '../cache/responseCacheStore';
import type { SharedRedis } from '../cache/redis';

/**
 * Whole-response caching for the public (anonymous) view, with Apollo's response-cache
 * plugin: a public dashboard asked again within `seconds` is answered from the cache without
 * touching a partner's database. Only the public view is cached, because a partner's
 * answer depends on its partnerships, not only its role; the role is still part of the key
 * so a change in what the public may see can never serve one role's answer to another.
 *
 * The cache lives in this process's memory, or in Redis when one is given so that every
 * replica shares it (src/cache/responseCacheStore.ts). Every key carries the cache's
 * generation: a write through any replica moves the generation on, so no replica serves an
 * answer from before it. An `npm run ingest` in another process shows within `seconds`.
 */

export interface ResponseCache {
  plugins: ApolloServerPlugin<HubContext>[];
}

/**
 * Only the public view is cached (and so only its misses are coalesced). Not a request with a
 * read-after token: a cached answer may have been read from a standby that had not replayed
 * the write the token names.
 */
const cacheable = (context: HubContext): boolean => context.caller.role === 'PUBLIC' && !context.reads.carriesToken;

/** Counts each lookup as a hit or a miss. */
function counted(cache: KeyValueCache<string>): KeyValueCache<string> {
  return {
    get: async (key) => {
      const value = await cache.get(key);
      metrics.responseCache.inc({ result: value === undefined ? 'miss' : 'hit' });
      return value;
    },
    set: (key, value, options) => cache.set(key, value, options),
    delete: (key) => cache.delete(key),
  };
}

export function responseCache(seconds: number, clock: Clock = systemClock, redis: SharedRedis | null = null): ResponseCache {
  if (seconds <= 0) return { plugins: [ApolloServerPluginCacheControlDisabled()] };
  const store = responseCacheStore(redis, clock);
  const generations = new WeakMap<HubContext, Promise<string>>();
  // Asked by two hooks of one request; one read of the generation serves both.
  const generationFor = (context: HubContext) => {
    let generation = generations.get(context);
    if (!generation) generations.set(context, (generation = store.generation()));
    return generation;
  };
  const clearAfterWrites: ApolloServerPlugin<HubContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, errors, contextValue }) {
          if (operation?.operation === 'mutation' && !errors?.length) {
            await store
              .invalidate()
              .catch((error: unknown) => contextValue.logger.error({ err: error }, 'response cache invalidation failed'));
          }
        },
      };
    },
  };
  const usable = async ({ contextValue }: { contextValue: HubContext }) => cacheable(contextValue);
  return {
    plugins: [
      ApolloServerPluginCacheControl({ defaultMaxAge: seconds, calculateHttpHeaders: false }),
      // Before the response cache: its lookup must run after a waiter has been let go.
      coalesceMisses(),
      responseCachePlugin<HubContext>({
        cache: counted(store.cache),
        shouldReadFromCache: usable,
        shouldWriteToCache: usable,
        extraCacheKeyData: async ({ contextValue }) => [contextValue.caller.role, await generationFor(contextValue)],
      }),
      clearAfterWrites,
    ],
  };
}

/** Waiters are let go after this even if the request computing their answer never finishes; they then compute it themselves. */
const MAX_WAIT_MS = 15_000;

/**
 * When a public answer expires, every request for it that arrives before it has been
 * computed again would compute it too. At 20 clients the dashboards' answers expired while
 * twenty of them were being computed side by side, each slowing the others, and the hub fell
 * from about 1,000 to 80 requests a second (docs/benchmarks.md). Here the first request to
 * miss computes the answer and the other public requests with the same query and variables wait for
 * it, then read it from the cache. An answer that is not cached (one with errors) lets them
 * go to compute their own, as before.
 */
function coalesceMisses(): ApolloServerPlugin<HubContext> {
  const computing = new Map<string, Promise<void>>();
  return {
    async requestDidStart() {
      let release: (() => void) | null = null;
      return {
        async responseForOperation({ operation, contextValue, queryHash, request }) {
          if (operation?.operation !== 'query' || !cacheable(contextValue)) return null;
          const key = JSON.stringify([queryHash, request.operationName ?? null, request.variables ?? {}]);
          const pending = computing.get(key);
          if (pending) {
            await pending;
            return null;
          }
          let done!: () => void;
          const mine = new Promise<void>((resolve) => (done = resolve));
          computing.set(key, mine);
          // Should this request never reach willSendResponse, its key must not hold others for ever.
          const timer = setTimeout(() => release?.(), MAX_WAIT_MS).unref();
          release = () => {
            clearTimeout(timer);
            if (computing.get(key) === mine) computing.delete(key);
            release = null;
            done();
          };
          return null;
        },
        async willSendResponse() {
          if (!release) return;
          // The response cache stores the answer in its own willSendResponse, after an await;
          // the waiters are let go on the next turn of the event loop, once it has.
          await new Promise<void>((resolve) => setImmediate(resolve));
          release?.();
        },
      };
    },
  };
}
