import type { RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { HubContext } from '../server/context';
import type { Logger } from './logger';
import { operationNameOf } from './requestMetrics';

/**
 * One log line per request (pino-http): request id, method, path, status, duration, and for
 * GraphQL the operation name, the caller's organisation and role and the statements sent.
 * Never headers (API keys and tokens travel in them), bodies or variables' values.
 */

/** The request's GraphQL context, kept by http.ts for this line. */
export function rememberContext(res: Response, context: HubContext): void {
  res.locals.hubContext = context;
}

function graphqlFacts(res: Response): Record<string, unknown> {
  const context = res.locals.hubContext as HubContext | undefined;
  if (!context) return {};
  return {
    operation: operationNameOf(context),
    organisation: context.caller.organisationId,
    role: context.caller.role,
    statements: context.statements.total,
  };
}

export function accessLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (_req, res) => String((res as Response).locals.requestId),
    // The GraphQL facts go into the line's own object: as `customProps` they made pino-http
    // build a child logger at the start of every request and another at its end (2% of the
    // CPU of a `{ __typename }` request).
    customSuccessObject: (_req, res, line: object) => ({ ...line, ...graphqlFacts(res as Response) }),
    customErrorObject: (_req, res, _error, line: object) => ({ ...line, ...graphqlFacts(res as Response) }),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    wrapSerializers: false,
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    autoLogging: { ignore: (req) => req.url === '/metrics' || Boolean(req.url?.startsWith('/health')) },
  }) as unknown as RequestHandler;
}
