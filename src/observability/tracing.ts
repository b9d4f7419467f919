import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';
import type { StatementLog } from '../db/sql';
import type { HubContext } from '../server/context';

/**
 * OpenTelemetry tracing: a span per GraphQL request and, inside it, a span per statement a
 * source is sent (each loader batch is one statement). Off unless a tracer provider is
 * registered: `npm start` registers one exporting over OTLP/HTTP when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set (startTracing); without one the API's spans are no-ops.
 */

const tracer = () => trace.getTracer('integrated-care-hub');

// The statement log is made per request before Apollo's hooks run, and reaches the SQL
// layer; the request's span is found through it rather than through async context.
const requestSpans = new WeakMap<StatementLog, { span: Span; requestId: string }>();

export const requestTracing: ApolloServerPlugin<HubContext> = {
  async requestDidStart({ contextValue, request }) {
    const span = tracer().startSpan('graphql.request', {
      attributes: { 'hub.request_id': contextValue.requestId, 'graphql.operation.name': request.operationName ?? '' },
    });
    requestSpans.set(contextValue.statements, { span, requestId: contextValue.requestId });
    return {
      async didResolveOperation({ operationName, operation }) {
        const type = operation?.operation ?? 'query';
        span.updateName(`graphql.${type} ${operationName ?? 'anonymous'}`);
        span.setAttribute('graphql.operation.name', operationName ?? '');
        span.setAttribute('graphql.operation.type', type);
      },
      async willSendResponse({ response }) {
        const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
        span.setAttribute('hub.statements', contextValue.statements.total);
        if (errors.length)
          span.setStatus({ code: SpanStatusCode.ERROR, message: errors.map((e) => e.extensions?.code ?? 'ERROR').join(',') });
        span.end();
      },
    };
  },
};

/** Runs one statement inside a child span of its request's span (none outside a traced request). */
export async function traceStatement<T>(log: StatementLog, source: string, run: () => Promise<T>): Promise<T> {
  const request = requestSpans.get(log);
  if (!request) return run();
  const span = tracer().startSpan(
    `sql ${source}`,
    { attributes: { 'db.system': 'postgresql', 'hub.source': source, 'hub.request_id': request.requestId } },
    trace.setSpan(context.active(), request.span),
  );
  try {
    return await run();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}
