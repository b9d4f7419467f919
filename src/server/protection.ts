import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ipKeyGenerator, rateLimit, type Options as RateLimitOptions, type Store } from 'express-rate-limit';
import type { Request, RequestHandler, Response } from 'express';
import type { Caller } from '../auth/caller';
import type { PageLimits } from '../graphql/connection';
import type { HubContext } from './context';
import { costLimitPlugin } from './queryCost';
import { SenderTurns, type SenderTurnLimits } from './senderTurns';
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
  /** Turns for costly operations, per sender (src/server/senderTurns.ts). */
  costly: SenderTurnLimits;
}

export function armour(limits: ProtectionLimits, pages: PageLimits) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    // Every alias counts, `__typename`'s too (Armor leaves those out by default: 1,000 passed).
    maxAliases: { n: limits.maxAliases, allowList: [] },
    // Armor's token-limiting parser turns plain syntax errors into 500s; graphql-js's own
    // `maxTokens` parse option (set in http.ts) limits tokens instead.
    maxTokens: { enabled: false },
    // Armor's cost rule counts a page only where `first` is written: ours (queryCost.ts) counts every page.
    costLimit: { enabled: false },
    maxDirectives: { n: 50 },
    // Suggesting field names to strangers maps the schema for them.
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return {
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, costLimitPlugin(limits.maxCost, pages, new SenderTurns(limits.costly))],
  };
}

/**
 * The one place a rate limiter is made (a shared store or a test clock plugs in here): a
 * fixed window of a minute, answered 429 RATE_LIMITED in GraphQL's error shape.
 */
export function createLimiter(
  requestsPerMinute: number,
  options: Pick<Partial<RateLimitOptions>, 'keyGenerator' | 'skip' | 'skipSuccessfulRequests' | 'requestWasSuccessful'>,
  store?: Store,
): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: requestsPerMinute,
    // A shared store (Redis: src/cache/rateLimitStore.ts) makes one limit across replicas; if
    // it cannot be reached, requests go through rather than fail (pools and admission still bound load).
    ...(store ? { store, passOnStoreError: true } : {}),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...options,
    handler: (_req, res) => {
      res.status(429).json({
        errors: [
          { message: `Too many requests: at most ${requestsPerMinute} a minute per caller.`, extensions: { code: ErrorCode.RATE_LIMITED } },
        ],
      });
    },
  });
}

/** The caller `authenticateRequests` found, for the limiter after it (null: anonymous or not yet known). */
const authenticatedSubject = (res: Response): string | null => {
  const caller = (res.locals as { caller?: Caller }).caller;
  return caller && caller.role !== 'PUBLIC' ? caller.subject : null;
};

/** Who a request is counted against: its key or token subject once signed in, else its address. */
export function senderOf(req: Request, res: Response): string {
  const subject = authenticatedSubject(res);
  return subject !== null ? `caller:${subject}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

/**
 * Rate limits count callers, not strings. After authentication, a request that signed in is
 * counted against its key or token subject only (`callerLimiter`), so no neighbour at the
 * same address can spend its allowance; anonymous requests and failed sign-ins are counted
 * against their address, so made-up keys share one allowance (and a key refused once is
 * refused again from memory, without a lookup: src/auth/verifiedKeyCache.ts).
 */
export function addressLimiter(requestsPerMinute: number, store?: Store): RequestHandler {
  return createLimiter(
    requestsPerMinute,
    {
      keyGenerator: senderOf,
      skip: (_req, res) => authenticatedSubject(res) !== null,
    },
    store,
  );
}

export function callerLimiter(requestsPerMinute: number, store?: Store): RequestHandler {
  return createLimiter(
    requestsPerMinute,
    {
      keyGenerator: senderOf,
      skip: (_req, res) => authenticatedSubject(res) === null,
    },
    store,
  );
}

/** Queries and mutations only: the hub serves no subscriptions, and says so instead of failing to execute one. */
export const queriesAndMutations: ApolloServerPlugin<HubContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new GraphQLError('The hub serves queries and mutations; it has no subscriptions.', {
          extensions: { code: ErrorCode.OPERATION_NOT_SUPPORTED, http: { status: 400 } },
        });
      },
    };
  },
};

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
