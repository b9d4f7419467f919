import { GraphQLError } from 'graphql';

/** Who is calling, as every resolver sees it. Anonymous callers get the public view. */

export type Role = 'PUBLIC' | 'ANALYST' | 'EDITOR' | 'ADMIN';
export type AccessLevel = 'PUBLIC' | 'PARTNER' | 'EDITOR' | 'ADMIN';

export interface Caller {
  role: Role;
  /** The partner organisation the caller acts for; null for the public and for hub administrators. */
  organisationId: string | null;
  /** Partnerships the organisation is a member of: rows of other partnerships stay hidden. */
  partnershipIds: string[];
  /** For logs and audit: the key id or the token subject. */
  subject: string;
}

export const PUBLIC_CALLER: Caller = { role: 'PUBLIC', organisationId: null, partnershipIds: [], subject: 'anonymous' };

const RANK: Record<Role, number> = { PUBLIC: 0, ANALYST: 1, EDITOR: 2, ADMIN: 3 };
const NEEDS: Record<AccessLevel, number> = { PUBLIC: 0, PARTNER: 1, EDITOR: 2, ADMIN: 3 };

export const mayAccess = (caller: Caller, level: AccessLevel): boolean => RANK[caller.role] >= NEEDS[level];

/** Sees rows of this partnership: administrators all, partners their own. */
export const seesPartnership = (caller: Caller, partnershipId: string): boolean =>
  caller.role === 'ADMIN' || caller.partnershipIds.includes(partnershipId);

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', ...(argumentName ? { argumentName } : {}) } });
}
