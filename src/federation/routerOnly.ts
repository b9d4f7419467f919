import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ErrorCode } from '../server/errors';

/**
 * /subgraph answers its router only: `_service { sdl }` prints the whole schema, partner-only
 * fields and their access levels among it, and `_entities` takes representations of any
 * entity, so a caller without the configured secret gets 401 before anything runs. Without
 * a secret (development only; the configuration refuses production) everyone is answered.
 */
export function routerOnly(secret: string | null): RequestHandler {
  if (secret === null) return (_req, _res, next) => next();
  const expected = digest(secret);
  return (req, res, next) => {
    const given = req.get('x-subgraph-secret');
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return next();
    res.status(401).json({
      errors: [
        {
          message: '/subgraph answers only the federation router: send the x-subgraph-secret header set by FEDERATION_SUBGRAPH_SECRET.',
          extensions: { code: ErrorCode.UNAUTHENTICATED },
        },
      ],
    });
  };
}

// Compared as digests, so the comparison takes the same time whatever length was sent.
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
