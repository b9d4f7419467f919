import type { Request, RequestHandler, Response } from 'express';
import type { HubContext } from '../server/context';
import type { Logger } from './logger';
import { operationNameOf } from './requestMetrics';

/**
 * One log line per request: request id, method, path, status, duration, and for GraphQL
 * the operation name, the caller's organisation and role and the statements sent. Never
 * headers (API keys and tokens travel in them), bodies or variables' values.
 *
 * Written here rather than by pino-http, whose line this keeps (`msg`, `req`, `res`,
 * `responseTime`, `err` when it failed): pino-http makes a child logger for every request
 * (`req.log`, which nothing here reads), 4–5% of the CPU of a `{ __typename }` request
 * even with logging off. This makes none, and nothing at all when the level is above info.
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

/** Scrapes and probes are not requests anyone needs a line for. */
const unlogged = (url: string): boolean => url === '/metrics' || url.startsWith('/health');

function logLine(logger: Logger, req: Request, res: Response, started: number): void {
  const line = {
    req: { id: String(res.locals.requestId), method: req.method, path: req.originalUrl.split('?')[0] },
    res: { status: res.statusCode },
    responseTime: Date.now() - started,
    ...graphqlFacts(res),
  };
  // A response closed before it finished, or a 5xx, is the failure pino-http called it.
  if (!res.writableFinished || res.statusCode >= 500)
    logger.info({ ...line, err: new Error(`failed with status code ${res.statusCode}`) }, 'request failed');
  else logger.info(line, 'request');
}

export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (!logger.isLevelEnabled('info') || unlogged(req.url)) return next();
    const started = Date.now();
    // 'close' follows 'finish', and comes alone when the client went away first: one line either way.
    res.once('close', () => logLine(logger, req, res, started));
    next();
  };
}
