import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { systemClock, type Clock } from '../clock';
import type { HubContext } from './context';

/**
 * Whole-response caching for the public (anonymous) view, with Apollo's response-cache
 * plugin: a public dashboard asked again within `seconds` is answered from memory without
 * touching a partner's database. Only the public view is cached, because a partner's
 * answer depends on its partnerships, not only its role; the role is still part of the key
 * so a change in what the public may see can never serve one role's answer to another.
 *
 * Staleness is bounded by `seconds`: a write through this hub clears the cache at once;
 * an `npm run ingest` in another process shows within `seconds`.
 */

export interface ResponseCache {
  plugins: ApolloServerPlugin<HubContext>[];
}

/** Only the public view is cached (and so only its misses are coalesced). */
const isPublicCaller = (context: HubContext): boolean => context.caller.role === 'PUBLIC';

/** Bounded by size, so a crawl over every key cannot grow the hub without limit. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

export function responseCache(seconds: number, clock: Clock = systemClock): ResponseCache {
  if (seconds <= 0) return { plugins: [ApolloServerPluginCacheControlDisabled()] };
  const cache = new InMemoryLRUCache<string>({
    maxSize: MAX_CACHED_BYTES,
    sizeCalculation: (value) => value.length || 1,
    // Lifetimes are read from the hub's clock, to the millisecond (no cached reading of it).
    perf: clock,
    ttlResolution: 0,
  });
  const clearAfterWrites: ApolloServerPlugin<HubContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, errors }) {
          if (operation?.operation === 'mutation' && !errors?.length) cache.clear();
        },
      };
    },
  };
  const isPublic = async ({ contextValue }: { contextValue: HubContext }) => isPublicCaller(contextValue);
  return {
    plugins: [
      ApolloServerPluginCacheControl({ defaultMaxAge: seconds, calculateHttpHeaders: false }),
      // Before the response cache: its lookup must run after a waiter has been let go.
      coalesceMisses(),
      responseCachePlugin<HubContext>({
        cache,
        shouldReadFromCache: isPublic,
        shouldWriteToCache: isPublic,
        extraCacheKeyData: async ({ contextValue }) => contextValue.caller.role,
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
          if (operation?.operation !== 'query' || !isPublicCaller(contextValue)) return null;
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
