import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { unauthenticated, type Role } from './caller';

/**
 * Tokens from a partner's identity provider, verified with jose against the configured
 * JWKS (signature), issuer, audience and expiry. Claims: `org` (a partner organisation id)
 * and `role` (ANALYST, EDITOR or ADMIN).
 */

export interface JwtSettings {
  jwks: JSONWebKeySet;
  issuer: string;
  audience: string;
}

const ROLES = new Set(['ANALYST', 'EDITOR', 'ADMIN']);

export function createJwtVerifier(settings: JwtSettings) {
  const keys = createLocalJWKSet(settings.jwks);
  return async (token: string): Promise<{ subject: string; role: Exclude<Role, 'PUBLIC'>; organisationId: string | null }> => {
    let payload: JWTPayload;
    try {
      // A token without `exp` would never expire: it is refused, like one that has.
      ({ payload } = await jwtVerify(token, keys, { issuer: settings.issuer, audience: settings.audience, requiredClaims: ['exp'] }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthenticated('The token has expired.');
      if (error instanceof errors.JWTClaimValidationFailed) throw unauthenticated(`The token's "${error.claim}" claim is not accepted.`);
      throw unauthenticated('The token could not be verified.');
    }
    const role = typeof payload.role === 'string' && ROLES.has(payload.role) ? (payload.role as Exclude<Role, 'PUBLIC'>) : null;
    if (!role) throw unauthenticated('The token has no "role" claim of ANALYST, EDITOR or ADMIN.');
    const organisationId = typeof payload.org === 'string' ? payload.org : null;
    if (!organisationId && role !== 'ADMIN') throw unauthenticated('The token has no "org" claim.');
    return { subject: payload.sub ?? 'token', role, organisationId };
  };
}
