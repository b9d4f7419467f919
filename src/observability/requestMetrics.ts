import type { ApolloServerPlugin } from '@apollo/server';
import type { HubContext } from '../server/context';
import { metrics } from './metrics';

/**
 * Per GraphQL request: the count by operation name and outcome, its duration, and its
 * errors by code, for /metrics; the operation name is also kept for the access log line.
 * Anonymous operations count as `anonymous`; an operation name is a client's choice, so it
 * is cut to a bounded length (labels with unbounded values would grow the registry).
 */

// Keyed by the request's statement log: Apollo hands plugins a shallow copy of the context
// object http.ts made, so the context itself is not the same key in both places.
const operationNames = new WeakMap<HubContext['statements'], string>();

/** The operation name a request ran, once known (for the access log). */
export const operationNameOf = (context: HubContext): string | undefined => operationNames.get(context.statements);

const MAX_LABEL_LENGTH = 64;

export const requestMetrics: ApolloServerPlugin<HubContext> = {
  async requestDidStart({ contextValue, request }) {
    const started = process.hrtime.bigint();
    const nameOf = (given: string | null | undefined) => (given ?? 'anonymous').slice(0, MAX_LABEL_LENGTH);
    operationNames.set(contextValue.statements, nameOf(request.operationName));
    return {
      async didResolveOperation({ operationName }) {
        operationNames.set(contextValue.statements, nameOf(operationName));
      },
      async willSendResponse({ response }) {
        const operation = operationNames.get(contextValue.statements) ?? 'anonymous';
        const body = response.body.kind === 'single' ? response.body.singleResult : null;
        const errors = body?.errors ?? [];
        const outcome = errors.length === 0 ? 'ok' : body?.data ? 'partial' : 'error';
        metrics.requests.inc({ operation, outcome });
        metrics.requestSeconds.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
        for (const error of errors) metrics.errors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
      },
    };
  },
};
