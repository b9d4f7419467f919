import type { JSONWebKeySet } from 'jose';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { SourceLimits } from '../db/sourceGuard';
import { sourceKinds } from '../sources/kinds';
import { LEGACY_SOURCES, legacySources, readSourcesFile, type SourceConfig } from './sources';
import { PACKAGE_ROOT } from '../packageRoot';

/**
 * The one place that reads `process.env`. Every setting is parsed once at start and all
 * problems are reported together, so a mistyped variable fails loudly instead of silently
 * falling back to a default.
 */

const databaseUrl = z
  .string()
  .trim()
  .min(1)
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL')
  .optional();

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** An integer setting; an empty value is an error, not a silent 0. */
const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback);

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Which proxies' `X-Forwarded-For` the hub believes (Express's `trust proxy`): a number of
 * hops, or the proxies' addresses, subnets or Express's keywords. Never "trust every
 * sender": anyone could then choose the address its rate limit is counted against.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((text, ctx): number | string[] => {
    if (/^\d+$/.test(text)) return Number(text);
    const entries = text
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0);
    for (const entry of entries) {
      const [address, bits] = entry.split('/');
      const ok = PROXY_KEYWORDS.has(entry) || (isIP(address ?? '') !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits)));
      if (!ok) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is not a number of hops, an address, a subnet (a.b.c.d/n) or loopback/linklocal/uniquelocal`,
        });
        return z.NEVER;
      }
    }
    if (entries.length === 0) {
      ctx.addIssue({ code: 'custom', message: "give a number of hops or the proxies' addresses" });
      return z.NEVER;
    }
    return entries;
  });

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: integer(0, 65535, 4000),
  HUB_DATABASE_URL: databaseUrl,
  CCG_DATABASE_URL: databaseUrl,
  COUNCIL_DATABASE_URL: databaseUrl,
  TRUST_DATABASE_URL: databaseUrl,
  // Read replicas of the default sources (docs/deployment.md "Read replicas").
  HUB_READ_DATABASE_URL: databaseUrl,
  CCG_READ_DATABASE_URL: databaseUrl,
  COUNCIL_READ_DATABASE_URL: databaseUrl,
  TRUST_READ_DATABASE_URL: databaseUrl,
  // How long a caller's reads of a source it wrote to stay on the primary (read-your-writes).
  READ_YOUR_WRITES_SECONDS: integer(0, 3_600, 5),
  // A standby lagging further than this, as the health probes last measured it, is not read (0: no bound).
  REPLICA_MAX_LAG_MS: integer(0, 300_000, 30_000),
  // How long a read carrying a read-after token waits for a standby to replay it before reading the primary.
  READ_AFTER_WAIT_MS: integer(0, 10_000, 250),
  HUB_DATA_DIR: z.string().trim().min(1).optional(),
  EMBEDDED_PG_PORT: integer(1024, 65535, 54329),
  LOAD_DEMO_DATA: booleanFlag.optional(),
  MAX_PAGE_SIZE: integer(1, 10_000, 100),
  DEFAULT_PAGE_SIZE: integer(1, 10_000, 20),
  DB_POOL_MAX: integer(1, 100, 10),
  // Reads that may wait for a connection of a full pool; more get SERVER_BUSY at once (src/db/sourceGuard.ts).
  DB_POOL_QUEUE_MAX: integer(0, 100_000, 1_000),
  // The connection budget (src/db/connectionBudget.ts): hub processes sharing the database servers,
  // and connections each server keeps free for everything else (CLI commands, psql, backups).
  HUB_PROCESSES: integer(1, 1_000, 1),
  DB_SERVER_HEADROOM: integer(0, 10_000, 10),
  DB_STATEMENT_TIMEOUT_MS: integer(0, 3_600_000, 15_000),
  DB_CONNECT_TIMEOUT_MS: integer(100, 600_000, 3_000),
  // Reads on a request's path; a frozen partner must not hold a request longer than this.
  DB_QUERY_TIMEOUT_MS: integer(100, 3_600_000, 5_000),
  SOURCE_BREAKER_FAILURES: integer(1, 1000, 3),
  SOURCE_BREAKER_COOL_DOWN_MS: integer(100, 3_600_000, 5_000),
  SOURCE_START_WAIT_SECONDS: integer(0, 3_600, 60),
  SOURCES_FILE: z.string().trim().min(1).optional(),
  EXPOSE_SQL_STATEMENT_COUNTS: booleanFlag.optional(),
  INTROSPECTION: booleanFlag.optional(),
  MAX_QUERY_DEPTH: integer(2, 100, 15),
  MAX_ALIASES: integer(0, 1000, 30),
  MAX_TOKENS: integer(100, 100_000, 5000),
  // The benchmark's locality dashboard costs ~830,000 by GraphQL Armor's weights; 100 localities
  // with their hubs' services at the default page of 20 each (test/support/queries.ts) ~3.9
  // million (src/server/queryCost.ts counts default pages); a 30-level or million-row query far more.
  MAX_QUERY_COST: integer(100, 100_000_000, 5_000_000),
  // Below the limit, an operation costing more than this is costly: each sender (a key's or
  // token's subject, or an anonymous address) runs EXPENSIVE_PER_SENDER of those at once and
  // queues EXPENSIVE_QUEUE_PER_SENDER more (waiting up to ADMISSION_WAIT_SECONDS), so a burst
  // delays only its sender. Above every dashboard's cost (~830,000), below a page of 100 localities.
  EXPENSIVE_QUERY_COST: integer(0, 100_000_000, 1_000_000),
  EXPENSIVE_PER_SENDER: integer(1, 1_000, 2),
  EXPENSIVE_QUEUE_PER_SENDER: integer(0, 1_000, 4),
  RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000, 600),
  BODY_LIMIT_BYTES: integer(1024, 100_000_000, 1_000_000),
  SMALL_NUMBER_THRESHOLD: integer(0, 1000, 5),
  RESPONSE_CACHE_SECONDS: integer(0, 86_400, 10),
  API_KEY_CACHE_SECONDS: integer(0, 300, 5),
  // The hub idles at about 60 MB of heap; a page of 100 localities holds about 100 MB more.
  ADMISSION_HEAP_MB: integer(0, 65_536, 160),
  ADMISSION_WAIT_SECONDS: integer(1, 3_600, 30),
  HEAP_GROWING_PERCENT: integer(0, 1_000, 75),
  JWT_JWKS: z
    .string()
    .trim()
    .min(1)
    .transform((text, ctx) => {
      try {
        const parsed = JSON.parse(text) as { keys?: unknown };
        if (Array.isArray(parsed.keys)) return parsed as JSONWebKeySet;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'must be a JWKS document: {"keys": [...]}' });
      return z.NEVER;
    })
    .optional(),
  JWT_ISSUER: z.string().trim().min(1).optional(),
  PERSISTED_OPERATIONS_FILE: z.string().trim().min(1).optional(),
  JWT_AUDIENCE: z.string().trim().min(1).optional(),
  // `naive` is the benchmark's loaders-off reference, never a production setting.
  LOADER_MODE: z.enum(['batched', 'naive']).default('batched'),
  EXPLORER: booleanFlag.optional(),
  // Comma-separated origins (scheme://host[:port]) whose pages may call the API from a browser.
  TRUST_PROXY: trustProxy.optional(),
  CORS_ORIGINS: z
    .string()
    .trim()
    .transform((text, ctx) => {
      const origins = text
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0);
      for (const origin of origins) {
        let parsed: URL | null = null;
        try {
          parsed = new URL(origin);
        } catch {
          // reported below
        }
        if (!parsed || parsed.origin !== origin) {
          ctx.addIssue({
            code: 'custom',
            message: `"${origin}" is not an origin like https://dashboard.example.org (no path, no trailing slash)`,
          });
          return z.NEVER;
        }
      }
      return origins;
    })
    .default([]),
  // Shared state for replicas (src/cache/redis.ts); unset: each process keeps its own in memory.
  REDIS_URL: z
    .string()
    .trim()
    .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_KEY_PREFIX: z.string().trim().min(1).default('hub:'),
  // Each Redis command's deadline: past it the cache misses and rate limits count in this process.
  REDIS_TIMEOUT_MS: integer(10, 60_000, 1_000),
  // Traces go to this OTLP/HTTP endpoint (src/observability/otlp.ts); unset: no tracing.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().trim().url().optional(),
  // Serve the schema also as an Apollo Federation subgraph at /subgraph (src/federation/subgraph.ts).
  FEDERATION_SUBGRAPH: booleanFlag.optional(),
  // The secret a router sends in `x-subgraph-secret`; required in production, where /subgraph answers no one else.
  FEDERATION_SUBGRAPH_SECRET: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  // /health/ready answers from probes made at this rate, never a database round trip per request.
  HEALTH_REFRESH_MS: integer(100, 600_000, 2_000),
  // Who may read /metrics: a bearer token (any address), and addresses or subnets (default loopback).
  METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  METRICS_ALLOW: z
    .string()
    .trim()
    .transform((text, ctx): string[] => {
      const entries = text
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e.length > 0);
      for (const entry of entries) {
        const [address, bits] = entry.split('/');
        if (isIP(address ?? '') === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
          ctx.addIssue({ code: 'custom', message: `"${entry}" is not an address or a subnet (a.b.c.d/n)` });
          return z.NEVER;
        }
      }
      return entries;
    })
    .default(['127.0.0.0/8', '::1']),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export { SOURCE_NAMES, type SourceName } from './sources';

export interface HubConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** The hub's registry and every partner source, each with its URL (none: the embedded PostgreSQL) and own limits. */
  sources: SourceConfig[];
  dataDir: string;
  embeddedPort: number;
  loadDemoData: boolean;
  maxPageSize: number;
  defaultPageSize: number;
  poolMax: number;
  statementTimeoutMs: number;
  /** How pools are sized to fit each server's max_connections (src/db/connectionBudget.ts). */
  connectionBudget: { hubProcesses: number; headroom: number };
  /** Each source's connect and read time limits and circuit breaker (src/db/sourceGuard.ts), from the environment. */
  sourceLimits: SourceLimits;
  /** How long start-up waits for a source that is not up yet before giving up. */
  sourceStartWaitMs: number;
  /** After a caller writes to a source, how long its reads of that source skip the replica (src/db/replicas.ts). */
  readYourWritesMs: number;
  /** A standby further behind than this is not read (0: no bound); src/db/replicaPosition.ts. */
  replicaMaxLagMs: number;
  /** How long a read with a read-after token waits for a standby to replay it before reading the primary. */
  readAfterWaitMs: number;
  /** Report each response's SQL statement count in `extensions`; off in production unless asked. */
  exposeStatementCounts: boolean;
  introspection: boolean;
  protection: {
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
    requestsPerMinute: number;
    costly: { cost: number; perSender: number; queuePerSender: number; maxWaitMs: number };
  };
  bodyLimitBytes: number;
  smallNumberThreshold: number;
  /** How long the public view's answers may be served from memory; 0 turns the cache off. */
  responseCacheSeconds: number;
  /** How long a verified API key is remembered; a revocation reaches the running hub within this. 0 checks every request. */
  apiKeyCacheSeconds: number;
  /** New requests wait while the heap in use is above this many bytes (0: never); src/server/admission.ts. */
  admission: { heapBudgetBytes: number; maxWaitMs: number };
  /** How far past the live heap V8 may grow before collecting again (0: V8's own policy); src/server/heapGrowth.ts. */
  heapGrowingPercent: number;
  /** A JSON file of allowed operations: when set, only those run. */
  persistedOperationsFile: string | null;
  jwt: { jwks: JSONWebKeySet; issuer: string; audience: string } | null;
  /** Serve the interactive explorer to browsers at GET /graphql; on except in production unless asked. */
  explorer: boolean;
  /** Origins allowed to call the API from a browser (CORS); none by default. */
  corsOrigins: string[];
  /** Proxies whose X-Forwarded-For gives the caller's address (rate limits by address); none by default. */
  trustProxy: number | string[] | false;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  /** How often /health/ready's answer is refreshed in the background (src/server/health.ts). */
  healthRefreshMs: number;
  /** Who may read /metrics: a bearer token, or these addresses and subnets (src/server/metricsAccess.ts). */
  metricsAccess: { token: string | null; allow: string[] };
  /** Redis shared by replicas, with the prefix of every key the hub writes; null keeps that state in memory. */
  redis: { url: string; keyPrefix: string; timeoutMs: number } | null;
  /** Export OpenTelemetry traces (the exporter reads OTEL_EXPORTER_OTLP_* itself). */
  tracing: boolean;
  /** Serve /subgraph for a federation router or gateway. */
  subgraph: boolean;
  /** What a router sends in `x-subgraph-secret` to be answered at /subgraph; null: anyone is (not allowed in production). */
  subgraphSecret: string | null;
  loaderMode: z.infer<typeof environmentSchema>['LOADER_MODE'];
}

/** The demo's sources (data/demo/sources.json): each partner organisation's system apart. */
export const DEMO_SOURCES_FILE = path.join(PACKAGE_ROOT, 'data/demo/sources.json');

/**
 * Without a sources file: the four default sources where any of their URL variables is set
 * (today's deployments), otherwise the demo's sources, every one on the embedded PostgreSQL.
 */
function defaultSources(env: NodeJS.ProcessEnv): SourceConfig[] {
  if (LEGACY_SOURCES.some(({ variable }) => env[variable])) return legacySources(env);
  const demo = readSourcesFile(
    DEMO_SOURCES_FILE,
    sourceKinds().map((k) => k.id),
  );
  if (demo.problems.length > 0) throw new ConfigError(demo.problems);
  return demo.sources;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const parsed = environmentSchema.safeParse(env);
  const file =
    typeof env.SOURCES_FILE === 'string' && env.SOURCES_FILE.trim()
      ? readSourcesFile(
          env.SOURCES_FILE.trim(),
          sourceKinds().map((k) => k.id),
        )
      : null;
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...(file?.problems ?? []),
  ];
  if (parsed.success && file) {
    // With a sources file, URLs are the file's: a variable beside it would be silently ignored.
    for (const { variable, readVariable } of LEGACY_SOURCES) {
      for (const name of [variable, readVariable]) {
        if (parsed.data[name as 'HUB_DATABASE_URL']) problems.push(`${name} is set beside SOURCES_FILE: give the URL in the file`);
      }
    }
  }
  if (parsed.success && !file) {
    // A replica of the embedded PostgreSQL cannot be made (docs/deployment.md), so a read URL needs its primary's.
    for (const { variable, readVariable } of LEGACY_SOURCES) {
      if (parsed.data[readVariable as 'HUB_READ_DATABASE_URL'] && !parsed.data[variable as 'HUB_DATABASE_URL'])
        problems.push(`${readVariable} is set without ${variable}: a read replica needs its primary's URL beside it`);
    }
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  if (e.JWT_JWKS && (!e.JWT_ISSUER || !e.JWT_AUDIENCE)) {
    throw new ConfigError(['JWT_ISSUER and JWT_AUDIENCE are required when JWT_JWKS is set']);
  }
  if (e.FEDERATION_SUBGRAPH && e.NODE_ENV === 'production' && !e.FEDERATION_SUBGRAPH_SECRET) {
    throw new ConfigError([
      'FEDERATION_SUBGRAPH_SECRET is required when FEDERATION_SUBGRAPH is on in production: /subgraph serves the whole schema and takes representations of any entity, so it answers only a router that sends the secret',
    ]);
  }
  if (e.REPLICA_MAX_LAG_MS > 0 && e.REPLICA_MAX_LAG_MS < 2 * e.HEALTH_REFRESH_MS) {
    throw new ConfigError([
      `REPLICA_MAX_LAG_MS (${e.REPLICA_MAX_LAG_MS}) is under twice HEALTH_REFRESH_MS (${e.HEALTH_REFRESH_MS}): the lag is measured by the health probes, to within one refresh, so a standby a moment behind a busy primary would not be read`,
    ]);
  }
  if (e.DEFAULT_PAGE_SIZE > e.MAX_PAGE_SIZE) {
    throw new ConfigError([`DEFAULT_PAGE_SIZE (${e.DEFAULT_PAGE_SIZE}) exceeds MAX_PAGE_SIZE (${e.MAX_PAGE_SIZE})`]);
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    sources: file?.sources ?? defaultSources(env),
    // Unset: the package's own .data, wherever the hub is started from (`node build/src/main.js` from another folder finds the data `npm start` made).
    dataDir: e.HUB_DATA_DIR ? path.resolve(e.HUB_DATA_DIR) : path.join(PACKAGE_ROOT, '.data'),
    embeddedPort: e.EMBEDDED_PG_PORT,
    // Demo data never loads into a production deployment unless asked for.
    loadDemoData: e.LOAD_DEMO_DATA ?? e.NODE_ENV !== 'production',
    maxPageSize: e.MAX_PAGE_SIZE,
    defaultPageSize: e.DEFAULT_PAGE_SIZE,
    poolMax: e.DB_POOL_MAX,
    statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    connectionBudget: { hubProcesses: e.HUB_PROCESSES, headroom: e.DB_SERVER_HEADROOM },
    sourceLimits: {
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: e.DB_QUERY_TIMEOUT_MS,
      failuresToOpen: e.SOURCE_BREAKER_FAILURES,
      coolDownMs: e.SOURCE_BREAKER_COOL_DOWN_MS,
      poolQueueMax: e.DB_POOL_QUEUE_MAX,
    },
    sourceStartWaitMs: e.SOURCE_START_WAIT_SECONDS * 1000,
    readYourWritesMs: e.READ_YOUR_WRITES_SECONDS * 1000,
    replicaMaxLagMs: e.REPLICA_MAX_LAG_MS,
    readAfterWaitMs: e.READ_AFTER_WAIT_MS,
    exposeStatementCounts: e.EXPOSE_SQL_STATEMENT_COUNTS ?? e.NODE_ENV !== 'production',
    introspection: e.INTROSPECTION ?? e.NODE_ENV !== 'production',
    protection: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxTokens: e.MAX_TOKENS,
      maxCost: e.MAX_QUERY_COST,
      requestsPerMinute: e.RATE_LIMIT_PER_MINUTE,
      costly: {
        cost: e.EXPENSIVE_QUERY_COST,
        perSender: e.EXPENSIVE_PER_SENDER,
        queuePerSender: e.EXPENSIVE_QUEUE_PER_SENDER,
        maxWaitMs: e.ADMISSION_WAIT_SECONDS * 1000,
      },
    },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    smallNumberThreshold: e.SMALL_NUMBER_THRESHOLD,
    responseCacheSeconds: e.RESPONSE_CACHE_SECONDS,
    apiKeyCacheSeconds: e.API_KEY_CACHE_SECONDS,
    admission: { heapBudgetBytes: e.ADMISSION_HEAP_MB * 1024 * 1024, maxWaitMs: e.ADMISSION_WAIT_SECONDS * 1000 },
    heapGrowingPercent: e.HEAP_GROWING_PERCENT,
    persistedOperationsFile: e.PERSISTED_OPERATIONS_FILE ?? null,
    jwt: e.JWT_JWKS ? { jwks: e.JWT_JWKS, issuer: e.JWT_ISSUER!, audience: e.JWT_AUDIENCE! } : null,
    explorer: e.EXPLORER ?? e.NODE_ENV !== 'production',
    corsOrigins: e.CORS_ORIGINS,
    trustProxy: e.TRUST_PROXY ?? false,
    logLevel: e.LOG_LEVEL,
    healthRefreshMs: e.HEALTH_REFRESH_MS,
    metricsAccess: { token: e.METRICS_TOKEN ?? null, allow: e.METRICS_ALLOW },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX, timeoutMs: e.REDIS_TIMEOUT_MS } : null,
    subgraph: e.FEDERATION_SUBGRAPH ?? false,
    subgraphSecret: e.FEDERATION_SUBGRAPH_SECRET ?? null,
    tracing: e.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined,
    loaderMode: e.LOADER_MODE,
  };
}
