import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { type ErrorRequestHandler } from 'express';
import type pg from 'pg';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Databases } from '../db/databases';
import type { StatementLog } from '../db/sql';
import type { PageLimits } from '../graphql/connection';
import { buildSchema } from '../graphql/schema';
import type { Logger } from '../observability/logger';
import { authenticateRequests, refuseCredentials } from '../auth/authenticate';
import type { Caller } from '../auth/caller';
import { loadConfig } from '../config/config';
import { createJwtVerifier, type JwtSettings } from '../auth/jwt';
import { VerifiedKeyCache } from '../auth/verifiedKeyCache';
import type { Clock } from '../clock';
import { admission, type AdmissionOptions } from './admission';
import { hashWithCryptoLoadedOnce } from './apolloHash';
import { compressResponses, corsFor, requireJsonPosts } from './browserAccess';
import { dashboard } from './dashboard';
import { explorer, explorerOff } from './explorer';
import { createContext, type HubContext, type Policy } from './context';
import { exportHandler, exportMetadataHandler } from './exports';
import { graphqlHandler } from './graphqlHandler';
import { notFound } from './notFound';
import { ErrorCode, EXPOSED_CODES } from './errors';
import { allowListPlugin } from './persistedOperations';
import { addressLimiter, armour, badInputStatus, callerLimiter, queriesAndMutations, senderOf, type ProtectionLimits } from './protection';
import { shallowVariables, storableInput } from './storableInput';
import { live, monitorHealth } from './health';
import { metricsAccess, type MetricsAccess } from './metricsAccess';
import { responseCache } from './responseCache';
import { busyStatus, reportSourceOutages } from './sourceOutages';
import type { SharedRedis } from '../cache/redis';
import { rateLimitStore } from '../cache/rateLimitStore';
import { accessLog, rememberContext } from '../observability/accessLog';
import { registry, watchPools } from '../observability/metrics';
import { databaseOf, poolOf, sourceIdsOf } from '../db/databases';
import { guardOf, type SourceGuard } from '../db/sourceGuard';
import { RecentWrites, replicaOf, type ReadRole, type ReplicaReads } from '../db/replicas';
import type { ReadAfter } from '../db/lsn';
import { readAfterHeader, reportReadAfter } from './readAfter';
import { requestMetrics } from '../observability/requestMetrics';
import { requestTracing } from '../observability/tracing';
import { routerOnly } from '../federation/routerOnly';
import { buildHubSubgraphSchema } from '../federation/subgraph';
import { fhirApi } from '../standards/fhir/api';
import { orukApi } from '../standards/oruk/api';

export interface HttpServerOptions {
  databases: Databases;
  limits: PageLimits;
  logger: Logger;
  host: string;
  port: number;
  /** Maximum request body in bytes; larger bodies get 413 before any GraphQL work. */
  bodyLimitBytes?: number;
  protection?: ProtectionLimits;
  introspection?: boolean;
  /** Accept bearer tokens from partners' identity providers, verified against this JWKS. */
  jwt?: JwtSettings | null;
  policy?: Policy;
  /** When set, only these operations (SHA-256 of their text) may run. */
  allowedOperations?: ReadonlySet<string> | null;
  /** Seconds the public view's answers are served from memory; 0 (the default) turns caching off. */
  responseCacheSeconds?: number;
  /** After a caller writes to a source with a read replica, how long its reads of it stay on the primary (0: the writing request only). */
  readYourWritesMs?: number;
  /** A standby further behind than this is not read (0, the default: no bound). */
  replicaMaxLagMs?: number;
  /** How long a read with a read-after token waits for a standby to replay it (0, the default: the primary at once). */
  readAfterWaitMs?: number;
  /** Seconds a verified API key is remembered (src/auth/verifiedKeyCache.ts); 0 (the default) checks every request. */
  apiKeyCacheSeconds?: number;
  /** Admission by memory (src/server/admission.ts); every request is admitted at once when absent. */
  admission?: AdmissionOptions;
  /** The clock the response cache and the API-key cache read (the system's by default; tests move theirs). */
  clock?: Clock;
  /** Adds `extensions.sqlStatements` (count per source) to each response: for tests and benchmarks. */
  exposeStatementCounts?: boolean;
  /** Serve the interactive explorer to browsers at GET /graphql (default on). */
  explorer?: boolean;
  /** Origins whose pages may call the API (CORS); none by default. */
  corsOrigins?: readonly string[];
  /** Also serve the schema as an Apollo Federation subgraph at /subgraph (src/federation/subgraph.ts). */
  subgraph?: boolean;
  /** When set, /subgraph answers only requests carrying it in `x-subgraph-secret` (a federation router's). */
  subgraphSecret?: string | null;
  /** State shared with other replicas (response cache, rate limits); in this process's memory when absent. */
  redis?: SharedRedis | null;
  /** How often /health/ready's answer is refreshed by probing every source (and Redis). */
  healthRefreshMs?: number;
  /** Who may read /metrics (src/server/metricsAccess.ts); loopback only when absent. */
  metricsAccess?: MetricsAccess;
  /** Proxies whose X-Forwarded-For names the caller (Express's `trust proxy`); none by default. */
  trustProxy?: number | string[] | false;
}

export interface RunningHttpServer {
  url: string;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The limits `npm start` uses when nothing is configured: the config module's defaults, stated once. */
export const DEFAULT_PROTECTION: ProtectionLimits = loadConfig({}).protection;
const { healthRefreshMs: DEFAULT_HEALTH_REFRESH_MS, metricsAccess: DEFAULT_METRICS_ACCESS } = loadConfig({});

/** graphql-js's "Did you mean …?" hints name enum values, arguments and types: a map of the schema for strangers. */
const withoutSuggestions = (message: string): string => message.replace(/ ?Did you mean [^]*$/, '');

/** Apollo's refusal tells the caller to change Apollo's code; the hub's own setting is what an operator can change. */
const inHubTerms = (message: string): string =>
  /introspection is not allowed/i.test(message)
    ? 'Introspection (__schema, __type) is off on this hub: it is off in production unless the hub is started with INTROSPECTION=true (README, "Configuration").'
    : message;

/** Anything not raised on purpose is masked: no stack traces, SQL or internals reach a client. */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && EXPOSED_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, message: inHubTerms(withoutSuggestions(formatted.message)), extensions };
  }
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

const reportStatements: ApolloServerPlugin<HubContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind !== 'single') return;
        const { statements } = contextValue;
        response.body.singleResult.extensions = {
          ...response.body.singleResult.extensions,
          sqlStatements: {
            total: statements.total,
            bySource: statements.countBySource(contextValue.loaders.partners.map((p) => p.id).concat('hub')),
          },
        };
      },
    };
  },
};

/** With read replicas configured: where the request read each source, e.g. `x-hub-read-from: hub=primary, trust=replica`. */
const reportReadFrom: ApolloServerPlugin<HubContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const readFrom = contextValue.statements.readFrom();
        if (readFrom) response.http.headers.set('x-hub-read-from', readFrom);
      },
    };
  },
};

const logErrors: ApolloServerPlugin<HubContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        for (const error of errors) {
          const code = error.extensions?.code;
          if (typeof code === 'string' && EXPOSED_CODES.has(code)) continue;
          contextValue.logger.error({ err: error.originalError ?? error, path: error.path }, 'resolver failed');
        }
      },
    };
  },
};

/** Malformed JSON or an oversized body never reaches Apollo: answer in GraphQL's error shape. */
const BODY_ERRORS: Record<string, { status: number; message: string }> = {
  'entity.too.large': { status: 413, message: 'Request body is larger than the limit.' },
  'entity.parse.failed': { status: 400, message: 'Request body is not valid JSON.' },
  'encoding.unsupported': { status: 415, message: 'Request body encoding is not supported.' },
  'charset.unsupported': { status: 415, message: 'Request body charset is not supported.' },
};

/**
 * The last handler: nothing reaches Express's own HTML error page. A body Express could not
 * read (bad JSON, a corrupt gzip or brotli stream, too large) is the client's 4xx, logged
 * without a stack; anything else is a masked 500, logged with one.
 */
const bodyErrors =
  (logger: Logger): ErrorRequestHandler =>
  (error: { type?: string; status?: number; message?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    const known = error.type ? BODY_ERRORS[error.type] : undefined;
    const status = known?.status ?? (error.status && error.status >= 400 && error.status < 500 ? error.status : 500);
    const requestId = String(res.locals.requestId);
    if (status >= 500) logger.error({ err: error, requestId }, 'request failed');
    else logger.info({ requestId, status, reason: error.type ?? error.message }, 'request body refused');
    const message =
      known?.message ??
      (status === 400
        ? 'Request body could not be read: is its Content-Encoding right?'
        : status < 500
          ? 'The request was refused.'
          : 'Internal server error');
    res
      .status(status)
      .json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : ErrorCode.INTERNAL_SERVER_ERROR } }] });
  };

/** What a person's browser and browser apps use: compression, CORS, the explorer, the dashboard. */
function mountBrowserFacing(app: express.Express, options: HttpServerOptions): void {
  app.use(compressResponses());
  const allowOrigins = corsFor(options.corsOrigins ?? []);
  if (allowOrigins) app.use(['/graphql', '/export'], allowOrigins);
  app.use((options.explorer ?? true) ? explorer() : explorerOff());
  app.use(dashboard());
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  hashWithCryptoLoadedOnce();
  const app = express();
  app.disable('x-powered-by');
  // Behind a balancer every caller would otherwise share the balancer's address and its allowance.
  app.set('trust proxy', options.trustProxy ?? false);
  const httpServer = http.createServer(app);
  const protection = armour(options.protection ?? DEFAULT_PROTECTION, options.limits);
  const verifyJwt = options.jwt ? createJwtVerifier(options.jwt) : null;
  const verifiedKeys = new VerifiedKeyCache(options.apiKeyCacheSeconds ?? 0, options.clock);
  const { requestsPerMinute } = options.protection ?? DEFAULT_PROTECTION;
  const replicated = sourceIdsOf(options.databases).some((source) => replicaOf(databaseOf(options.databases, source)));
  const replicaReads: ReplicaReads | null = replicated
    ? {
        recent: new RecentWrites(options.readYourWritesMs ?? 0, options.clock),
        maxLagMs: options.replicaMaxLagMs ?? 0,
        readAfterWaitMs: options.readAfterWaitMs ?? 0,
      }
    : null;
  // The same server twice when the federation subgraph is on: the hub's schema at /graphql, the
  // subgraph's at /subgraph, with the same protection, errors and metrics. Only /graphql caches.
  const apolloFor = (schema: GraphQLSchema, cached: boolean) =>
    new ApolloServer<HubContext>({
      schema,
      formatError,
      includeStacktraceInErrorResponses: false,
      introspection: options.introspection ?? true,
      allowBatchedHttpRequests: false,
      // Replaced by requireJsonPosts (src/server/browserAccess.ts): plain GET queries are safe here.
      csrfPrevention: false,
      validationRules: protection.validationRules,
      parseOptions: { maxTokens: (options.protection ?? DEFAULT_PROTECTION).maxTokens },
      plugins: [
        ...protection.plugins,
        queriesAndMutations,
        storableInput,
        badInputStatus,
        ...(options.allowedOperations ? [allowListPlugin(options.allowedOperations)] : []),
        ApolloServerPluginDrainHttpServer({ httpServer }),
        // The hub must not download anything at run time; the hosted Sandbox page would.
        ApolloServerPluginLandingPageDisabled(),
        logErrors,
        reportSourceOutages,
        busyStatus,
        requestMetrics,
        requestTracing,
        ...responseCache(cached ? (options.responseCacheSeconds ?? 0) : 0, options.clock, options.redis ?? null).plugins,
        ...(options.exposeStatementCounts ? [reportStatements] : []),
        ...(replicated ? [reportReadFrom] : []),
        reportReadAfter,
      ],
    });
  const apollo = apolloFor(buildSchema(), true);
  const subgraph = options.subgraph ? apolloFor(buildHubSubgraphSchema(), false) : null;
  await apollo.start();
  await subgraph?.start();

  app.use((req, res, next) => {
    const given = req.get('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.set('x-request-id', requestId);
    next();
  });
  app.use(accessLog(options.logger));
  app.get('/metrics', metricsAccess(options.metricsAccess ?? DEFAULT_METRICS_ACCESS), async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/live', live);
  const health = await monitorHealth(options.databases, options.redis ?? null, options.healthRefreshMs ?? DEFAULT_HEALTH_REFRESH_MS);
  app.get('/health/ready', health.ready);
  mountBrowserFacing(app, options);
  // The caller, found before the rate limit (its statements are the request's), makes each request's context.
  const contextFor = (res: express.Response): HubContext => {
    const hubContext = createContext({
      databases: options.databases,
      limits: options.limits,
      logger: options.logger,
      requestId: String(res.locals.requestId),
      caller: res.locals.caller as Caller,
      sender: senderOf(res.req, res),
      policy: options.policy,
      statements: res.locals.statements as StatementLog,
      replicaReads,
      readAfter: (res.locals.readAfter as ReadAfter | undefined) ?? null,
    });
    rememberContext(res, hubContext);
    return hubContext;
  };
  // Each limiter its own Redis store when replicas share one (src/cache/rateLimitStore.ts).
  const admitted = [
    authenticateRequests(options.databases, verifyJwt, verifiedKeys),
    addressLimiter(requestsPerMinute, options.redis ? rateLimitStore(options.redis, 'address') : undefined),
    refuseCredentials,
    callerLimiter(requestsPerMinute, options.redis ? rateLimitStore(options.redis, 'caller') : undefined),
    ...(options.admission ? [admission(options.admission)] : []),
    readAfterHeader(options.databases),
  ];
  const serve = (server: ApolloServer<HubContext>) => [
    ...admitted,
    requireJsonPosts,
    express.json({ limit: options.bodyLimitBytes ?? 1_000_000 }),
    shallowVariables,
    graphqlHandler(server, async (res) => contextFor(res)),
  ];
  app.use('/graphql', ...serve(apollo));
  if (subgraph) app.use('/subgraph', routerOnly(options.subgraphSecret ?? null), ...serve(subgraph));
  // CSV for BI tools: the same operations, rules and limits as /graphql (src/server/exports.ts).
  app.get('/export/:name.csv', ...admitted, exportHandler(apollo, contextFor));
  // Beside each export, its CSV on the Web metadata (W3C): columns, datatypes, units, descriptions.
  app.get('/export/:name.csv-metadata.json', ...admitted, exportMetadataHandler(apollo, contextFor));
  // FHIR R4 (UK Core) and Open Referral UK: the same model, rules and limits (src/standards).
  app.use('/fhir/R4', fhirApi({ apollo, admitted, contextFor, limits: options.limits }));
  app.use('/oruk', orukApi({ apollo, admitted, contextFor, limits: options.limits }));
  app.use(notFound);
  app.use(bodyErrors(options.logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, resolve);
  });
  const address = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const unwatchPools = watchPools(() =>
    sourceIdsOf(options.databases).flatMap((source) => {
      const database = databaseOf(options.databases, source);
      const replica = replicaOf(database);
      const counts = (role: ReadRole, pool: pg.Pool, guard: SourceGuard) => ({
        source,
        role,
        totalCount: pool.totalCount,
        idleCount: pool.idleCount,
        waitingCount: pool.waitingCount,
        circuit: guard.status,
      });
      return [counts('primary', poolOf(database), guardOf(database)), ...(replica ? [counts('replica', replica.pool, replica.guard)] : [])];
    }),
  );
  return {
    url: `http://${host}:${address.port}/graphql`,
    close: async () => {
      unwatchPools();
      health.stop();
      await subgraph?.stop();
      await apollo.stop();
    },
  };
}
