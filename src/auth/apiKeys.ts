import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Sql } from '../db/sql';
import { unauthenticated, type Role } from './caller';
import { grantsFrom, type Grants, type GrantsRow } from './grants';

/**
 * API keys: `ich_<id>.<secret>`. Only the SHA-256 of the secret is stored (a 256-bit random
 * secret needs no slow hash), so a leaked database gives no usable key. Keys expire and can
 * be revoked.
 */

export interface IssuedKey {
  id: string;
  token: string;
  expiresAt: Date;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const TOKEN = /^ich_([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

export async function issueApiKey(
  hub: DataSource,
  options: { organisationId: string | null; role: Exclude<Role, 'PUBLIC'>; label: string; expiresInDays: number },
): Promise<IssuedKey> {
  if (options.organisationId !== null) {
    // A closed organisation's key would be refused at every request: refused here, naming its successor.
    const [found] = await hub.query<{ grants: GrantsRow | null }[]>(`SELECT hub_grants($1) AS grants`, [options.organisationId]);
    grantsFrom(found?.grants ?? null, options.organisationId, options.role);
  }
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const [row] = await hub.query<{ expires_at: Date }[]>(
    `INSERT INTO api_key (id, secret_sha256, organisation_id, role, label, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6)) RETURNING expires_at`,
    [id, sha256(secret), options.organisationId, options.role, options.label, options.expiresInDays],
  );
  return { id, token: `ich_${id}.${secret}`, expiresAt: row!.expires_at };
}

export async function revokeApiKey(hub: DataSource, id: string): Promise<boolean> {
  // As a SELECT: TypeORM answers a bare UPDATE with [rows, count], which always has length 2.
  const rows = await hub.query<{ id: string }[]>(
    `WITH revoked AS (UPDATE api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id) SELECT id FROM revoked`,
    [id],
  );
  return rows.length > 0;
}

export interface KeyHolder {
  id: string;
  role: Exclude<Role, 'PUBLIC'>;
  organisationId: string | null;
  /** What the key's organisation may read, read in the same statement; null for an administrator's key of no organisation. */
  grants: Grants | null;
  expiresAt: Date;
}

/** Takes the request's counted SQL handle: verifying the key is one of the request's statements. */
export async function verifyApiKey(hub: Sql, token: string): Promise<KeyHolder> {
  const match = TOKEN.exec(token.trim());
  if (!match) throw unauthenticated('The API key is malformed: expected ich_<id>.<secret> as issued.');
  const [, id, secret] = match as unknown as [string, string, string];
  const [row] = await hub.query<KeyRow>(
    `SELECT secret_sha256, role, organisation_id, expires_at, expires_at <= now() AS expired, revoked_at IS NOT NULL AS revoked,
            CASE WHEN organisation_id IS NOT NULL THEN hub_grants(organisation_id) END AS grants
       FROM api_key k WHERE id = $1`,
    [id],
  );
  const presented = Buffer.from(sha256(secret), 'hex');
  if (!row || !timingSafeEqual(presented, Buffer.from(row.secret_sha256, 'hex'))) throw unauthenticated('The API key is not valid.');
  if (row.revoked) throw unauthenticated('The API key has been revoked.');
  if (row.expired) throw unauthenticated('The API key has expired.');
  const grants = row.organisation_id === null ? null : grantsFrom(row.grants, row.organisation_id, row.role);
  return { id, role: row.role, organisationId: row.organisation_id, grants, expiresAt: row.expires_at };
}

interface KeyRow {
  secret_sha256: string;
  role: KeyHolder['role'];
  organisation_id: string | null;
  expires_at: Date;
  expired: boolean;
  revoked: boolean;
  grants: GrantsRow | null;
}
