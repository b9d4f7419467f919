import compression from 'compression';
import cors from 'cors';
import type { RequestHandler } from 'express';
import { ErrorCode } from './errors';
import { READ_AFTER_HEADER } from './readAfter';

/**
 * What lets browser apps use the API: CORS for configured origins, compressed responses,
 * and the rule that replaces Apollo's CSRF prevention so that standard clients (urql, which
 * sends queries as plain GETs) work without a custom header.
 */

/** The request headers the hub reads; a browser must ask (preflight) before sending them cross-site. */
const HEADERS_THE_HUB_READS = ['content-type', 'x-api-key', 'authorization', READ_AFTER_HEADER];

/** CORS for the configured origins only; any other origin gets no CORS headers, so its pages cannot read answers. */
export function corsFor(origins: readonly string[]): RequestHandler | null {
  if (origins.length === 0) return null;
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: HEADERS_THE_HUB_READS,
    // A browser app sends a write's token back with its next reads (src/server/readAfter.ts).
    exposedHeaders: ['x-request-id', READ_AFTER_HEADER],
    maxAge: 600,
  });
}

/**
 * Compression for clients that accept it. A request without Accept-Encoding would get the
 * identity encoding anyway; it skips the middleware, which otherwise wraps every response's
 * write, end and headers only to decide that (about 2% of a `{ __typename }` request).
 */
export function compressResponses(): RequestHandler {
  const compress = compression();
  return (req, res, next) => (req.headers['accept-encoding'] ? compress(req, res, next) : next());
}

/**
 * Apollo's CSRF prevention refuses any request a browser could send cross-site without a
 * preflight, which includes every plain GET. The hub needs less: it reads credentials only
 * from `x-api-key` and `authorization`, headers no cross-site page can send without a
 * preflight that CORS answers, and it sets and reads no cookies. So a simple GET always
 * runs as the anonymous public (the answer any site could fetch anyway), and Apollo refuses
 * mutations over GET. What must stay closed is a simple POST (form or text/plain body): a
 * POST must be JSON, which a cross-site page cannot send without a preflight.
 */
export const requireJsonPosts: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || req.is('application/json')) return next();
  res.status(415).json({
    errors: [{ message: 'A POST to /graphql must have content-type: application/json.', extensions: { code: ErrorCode.BAD_REQUEST } }],
  });
};
