import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import type { Databases } from '../db/databases';
import { PRIMARY_READS } from '../db/replicas';
import { sqlForRequest, StatementLog, type Sql } from '../db/sql';
import { verifyApiKey } from './apiKeys';
import { PUBLIC_CALLER, unauthenticated, type Caller } from './caller';
import { readGrants, type Grants } from './grants';
import type { createJwtVerifier } from './jwt';
import type { VerifiedKeyCache } from './verifiedKeyCache';
import { ErrorCode } from '../server/errors';

/**
 * The caller behind a request: an API key (`x-api-key`), a bearer token, or nobody (public).
 * Reads through the request's counted SQL handle, so the statements it costs are the
 * request's like any other. A key verified within the last few seconds (`keys`) costs none.
 */
export async function authenticate(
  hub: Sql,
  headers: { apiKey?: string; authorization?: string },
  verifyJwt: ReturnType<typeof createJwtVerifier> | null,
  keys: VerifiedKeyCache,
): Promise<Caller> {
  if (headers.apiKey) {
    const refused = keys.refusal(headers.apiKey);
    if (refused) throw refused;
    let key = keys.get(headers.apiKey);
    if (!key) {
      // Remembered only when read afresh: a key in constant use is still checked every few seconds.
      key = await verifyApiKey(hub, headers.apiKey).catch((error: unknown) => {
        // Only a refusal is remembered: a key table that did not answer says nothing about the key.
        if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') keys.rememberRefusal(headers.apiKey!, error);
        throw error;
      });
      keys.remember(headers.apiKey, key);
    }
    return callerOf(`key:${key.id}`, key.role, key.organisationId, key.grants);
  }
  if (!headers.authorization) return PUBLIC_CALLER;
  const bearer = /^Bearer (.+)$/i.exec(headers.authorization);
  if (!bearer) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  if (!verifyJwt) throw unauthenticated('This hub accepts no tokens: JWT_JWKS is not configured.');
  const holder = await verifyJwt(bearer[1]!);
  if (!holder.organisationId) return callerOf(holder.subject, holder.role, null, null);
  // The organisation must be one the hub registers, and open: a token naming any other is nobody's.
  const grants = await readGrants(hub, holder.organisationId, holder.role);
  return callerOf(holder.subject, holder.role, holder.organisationId, grants);
}

const callerOf = (subject: string, role: Caller['role'], organisationId: string | null, grants: Grants | null): Caller => ({
  subject,
  role,
  organisationId,
  partnershipIds: grants?.partnershipIds ?? [],
  grants,
});

/**
 * Express middleware: who is calling, found before the rate limits (which count by who it
 * is). A refused credential is left in `res.locals.refusal`, for the address's limit to count
 * and `refuseCredentials` to answer 401; the caller and the request's statement log are left
 * in `res.locals` for the GraphQL context.
 */
export function authenticateRequests(
  databases: Databases,
  verifyJwt: ReturnType<typeof createJwtVerifier> | null,
  keys: VerifiedKeyCache,
): RequestHandler {
  return (req, res, next) => {
    const statements = new StatementLog();
    const headers = { apiKey: req.get('x-api-key'), authorization: req.get('authorization') };
    authenticate(
      // On the hub's primary, never its replica: a key issued a moment ago works at once, and a
      // revoked one stops within API_KEY_CACHE_SECONDS, not that plus the replica's lag.
      sqlForRequest(databases, statements, PRIMARY_READS).hub,
      headers,
      verifyJwt,
      keys,
    ).then(
      (caller) => {
        Object.assign(res.locals, { caller, statements });
        next();
      },
      (error: unknown) => {
        const code = error instanceof GraphQLError ? error.extensions.code : null;
        // A refused credential is answered after the address's rate limit has counted it (`refuseCredentials`).
        if (code === 'UNAUTHENTICATED') {
          Object.assign(res.locals, { refusal: error, statements });
          return next();
        }
        // The hub's registry not answering is the hub's trouble, not the caller's: 503, retry.
        if (code !== 'SOURCE_UNAVAILABLE') return next(error);
        res.status(503).json({ errors: [{ message: (error as GraphQLError).message, extensions: { code } }] });
      },
    );
  };
}

/** After the address's rate limit: a refused key or token is a 401 with the reason. */
export const refuseCredentials: RequestHandler = (_req, res, next) => {
  const refusal = (res.locals as { refusal?: GraphQLError }).refusal;
  if (!refusal) return next();
  res.status(401).json({ errors: [{ message: refusal.message, extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
};
