import { GraphQLError } from 'graphql';
import type { DataCategory } from '../generated/graphql';
import { ErrorCode } from '../server/errors';

/** Who is calling, as every resolver sees it. Anonymous callers get the public view. */

export type Role = 'PUBLIC' | 'ANALYST' | 'EDITOR' | 'ADMIN';
export type AccessLevel = 'PUBLIC' | 'PARTNER' | 'EDITOR' | 'ADMIN';

export interface Caller {
  role: Role;
  /** The partner organisation the caller acts for; null for the public and for hub administrators. */
  organisationId: string | null;
  /** Partnerships the organisation is a member of (itself or through an organisation it succeeded). */
  partnershipIds: string[];
  /** What its partnerships' data-sharing agreements let it read (src/auth/grants.ts); null for the public and administrators. */
  grants: CategoryReader | null;
  /** For logs and audit: the key id or the token subject. */
  subject: string;
}

export const PUBLIC_CALLER: Caller = { role: 'PUBLIC', organisationId: null, partnershipIds: [], grants: null, subject: 'anonymous' };

const RANK: Record<Role, number> = { PUBLIC: 0, ANALYST: 1, EDITOR: 2, ADMIN: 3 };
const NEEDS: Record<AccessLevel, number> = { PUBLIC: 0, PARTNER: 1, EDITOR: 2, ADMIN: 3 };

export const mayAccess = (caller: Caller, level: AccessLevel): boolean => RANK[caller.role] >= NEEDS[level];

/** Whether a role is at least another: one order of roles for levels and for data-sharing rules' `min_role`. */
export const atLeast = (role: Role, least: Role): boolean => RANK[role] >= RANK[least];

/** Sees rows of this partnership: administrators all, partners their own. */
export const seesPartnership = (caller: Caller, partnershipId: string): boolean =>
  caller.role === 'ADMIN' || caller.partnershipIds.includes(partnershipId);

/** Whose data of one category a caller reads: whole partnerships (funds, areas, audit), and holders by any of their codes. */
export interface CategoryReach {
  partnerships: ReadonlySet<string>;
  holders: ReadonlySet<string>;
}

/** What a caller's grants answer: declared here so that who is calling needs nothing of how grants are read. */
export interface CategoryReader {
  reach(category: DataCategory): CategoryReach;
}

const NOTHING: CategoryReach = { partnerships: new Set(), holders: new Set() };

/**
 * The one answer to "may this caller read rows of this category": the partnerships and
 * holders whose rows of it the caller reads. Administrators read all (`everything`); the
 * public, nothing of a category (every category is at least partner level).
 */
export function reachOf(caller: Caller, category: DataCategory): CategoryReach & { everything: boolean } {
  if (caller.role === 'ADMIN') return { ...NOTHING, everything: true };
  return { ...(caller.grants?.reach(category) ?? NOTHING), everything: false };
}

/** May the caller read rows of this category held by an organisation with any of these codes (a source's declared organisations)? */
export function mayReadHeld(caller: Caller, category: DataCategory, holderCodes: readonly string[]): boolean {
  const reach = reachOf(caller, category);
  return reach.everything || holderCodes.some((code) => reach.holders.has(code));
}

/** The partnerships whose rows of this category the caller reads; null: all of them. */
export function partnershipsReadable(caller: Caller, category: DataCategory): ReadonlySet<string> | null {
  const reach = reachOf(caller, category);
  return reach.everything ? null : reach.partnerships;
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

export function forbidden(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, ...(argumentName ? { argumentName } : {}) } });
}
