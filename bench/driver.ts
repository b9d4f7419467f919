import autocannon from 'autocannon';

/**
 * The load generator, in a child process of bench/run.ts so that its CPU time is not
 * counted as the server's (it still shares the machine's cores). It receives one run at a
 * time over IPC, drives the URL with autocannon for a fixed duration, cycling through the
 * request bodies, and sends back throughput, exact latency percentiles (from every
 * response time) and, when asked, how many SQL statements the responses reported.
 */

export interface BenchRequest {
  body: string;
  /** Extra headers, e.g. `x-api-key` for an operation that needs a partner. */
  headers: Record<string, string>;
}

export interface DriveRequest {
  url: string;
  requests: BenchRequest[];
  connections: number;
  durationSeconds: number;
  timeoutSeconds: number;
  /** Read every response body: GraphQL errors, and `extensions.sqlStatements.total` (hub only). */
  inspectBodies: boolean;
}

export interface DriveResult {
  /** Requests sent; those without a response were still in flight when the run stopped. */
  sent: number;
  responses: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  /** Null when no response arrived within the run. */
  latencyMs: { p50: number | null; p95: number | null; p99: number | null; mean: number | null; max: number | null };
  /** Statement total → number of responses that reported it. */
  statements: Record<string, number>;
  /** HTTP 200 responses whose body carries GraphQL `errors` (counted as failures). */
  graphqlErrors: number;
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const STATEMENTS = /"sqlStatements":\{"total":(\d+)/;

function drive(request: DriveRequest): Promise<DriveResult> {
  const latencies: number[] = [];
  const statements: Record<string, number> = {};
  let graphqlErrors = 0;
  const onResponse = (_status: number, body: string) => {
    if (body.slice(0, 16).includes('"errors"')) graphqlErrors += 1;
    const total = STATEMENTS.exec(body.slice(-400))?.[1];
    if (total) statements[total] = (statements[total] ?? 0) + 1;
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        connections: request.connections,
        duration: request.durationSeconds,
        timeout: request.timeoutSeconds,
        headers: { 'content-type': 'application/json' },
        requests: request.requests.map((r) => ({
          method: 'POST',
          body: r.body,
          headers: { 'content-type': 'application/json', ...r.headers },
          ...(request.inspectBodies ? { onResponse } : {}),
        })),
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const sorted = [...latencies].sort((a, b) => a - b);
        resolve({
          sent: result.requests.sent,
          responses: latencies.length,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          seconds: result.duration,
          latencyMs: {
            p50: percentile(sorted, 50),
            p95: percentile(sorted, 95),
            p99: percentile(sorted, 99),
            mean: sorted.length ? sorted.reduce((sum, x) => sum + x, 0) / sorted.length : null,
            max: sorted.at(-1) ?? null,
          },
          statements,
          graphqlErrors,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

if (require.main === module) {
  process.on('message', (message: DriveRequest | 'exit') => {
    if (message === 'exit') process.exit(0);
    drive(message).then(
      (result) => process.send!({ ok: true, result }),
      (error: unknown) => process.send!({ ok: false, error: String(error) }),
    );
  });
  process.send!({ ready: true });
}
