import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
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

/** Bounded by size, so a crawl over every key cannot grow the hub without limit. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

export function responseCache(seconds: number): ResponseCache {
  if (seconds <= 0) return { plugins: [ApolloServerPluginCacheControlDisabled()] };
  const cache = new InMemoryLRUCache<string>({ maxSize: MAX_CACHED_BYTES, sizeCalculation: (value) => value.length || 1 });
  const clearAfterWrites: ApolloServerPlugin<HubContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, errors }) {
          if (operation?.operation === 'mutation' && !errors?.length) cache.clear();
        },
      };
    },
  };
  const isPublic = async ({ contextValue }: { contextValue: HubContext }) => contextValue.caller.role === 'PUBLIC';
  return {
    plugins: [
      ApolloServerPluginCacheControl({ defaultMaxAge: seconds, calculateHttpHeaders: false }),
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
