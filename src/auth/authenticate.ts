import type { Databases } from '../db/databases';
import { verifyApiKey } from './apiKeys';
import { PUBLIC_CALLER, unauthenticated, type Caller } from './caller';
import type { createJwtVerifier } from './jwt';

/** The caller behind a request: an API key (`x-api-key`), a bearer token, or nobody (public). */
export async function authenticate(
  databases: Databases,
  headers: { apiKey?: string; authorization?: string },
  verifyJwt: ReturnType<typeof createJwtVerifier> | null,
): Promise<Caller> {
  let holder: { subject: string; role: Caller['role']; organisationId: string | null } | null = null;
  if (headers.apiKey) {
    const key = await verifyApiKey(databases.hub, headers.apiKey);
    holder = { subject: `key:${key.id}`, role: key.role, organisationId: key.organisationId };
  } else if (headers.authorization) {
    const bearer = /^Bearer (.+)$/i.exec(headers.authorization);
    if (!bearer) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    if (!verifyJwt) throw unauthenticated('This hub accepts no tokens: JWT_JWKS is not configured.');
    holder = await verifyJwt(bearer[1]!);
  }
  if (!holder) return PUBLIC_CALLER;
  const partnerships = holder.organisationId
    ? await databases.hub.query<{ partnership_id: string }[]>(
        `SELECT partnership_id FROM partnership_member WHERE organisation_id = $1`,
        [holder.organisationId],
      )
    : [];
  return { ...holder, partnershipIds: partnerships.map((p) => p.partnership_id) };
}
