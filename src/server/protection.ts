import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import type { HubContext } from './context';
import { ErrorCode } from './errors';

/**
 * What stops one request from hurting the server or a partner's database: limits on query
 * depth, aliases, tokens and cost (GraphQL Armor), requests per caller per minute
 * (express-rate-limit), and a 400 for a request refused only for its arguments.
 */

export interface ProtectionLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  requestsPerMinute: number;
}

export function armour(limits: ProtectionLimits) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    // Armor's token-limiting parser turns plain syntax errors into 500s; graphql-js's own
    // `maxTokens` parse option (set in http.ts) limits tokens instead.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost },
    maxDirectives: { n: 50 },
    // Suggesting field names to strangers maps the schema for them.
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

/**
 * Per API key or bearer token when one is sent, otherwise per client address. Counted in
 * `store` when given (Redis, shared by every replica: src/cache/rateLimitStore.ts), else in memory.
 */
export function rateLimiter(requestsPerMinute: number, store?: Store): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: requestsPerMinute,
    ...(store ? { store, passOnStoreError: true } : {}),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => req.get('x-api-key') ?? req.get('authorization') ?? `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    handler: (_req, res) => {
      res.status(429).json({
        errors: [{ message: `Too many requests: at most ${requestsPerMinute} a minute per caller.`, extensions: { code: 'RATE_LIMITED' } }],
      });
    },
  });
}

/** A request whose every error is the caller's bad argument, with nothing to show, is a 400. */
export const badInputStatus: ApolloServerPlugin<HubContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { errors, data } = response.body.singleResult;
        if (!errors?.length || !errors.every((e) => e.extensions?.code === ErrorCode.BAD_USER_INPUT)) return;
        const nothing = data == null || Object.values(data).every((v) => v === null);
        if (nothing) response.http.status = 400;
      },
    };
  },
};
