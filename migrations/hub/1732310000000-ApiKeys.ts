import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys, issued per partner organisation and role; only a hash of the secret is kept. */
export class ApiKeys1732310000000 implements MigrationInterface {
  name = 'ApiKeys1732310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id               text PRIMARY KEY,
        secret_sha256    text NOT NULL,
        organisation_id  text REFERENCES partner_organisation(id),
        role             text NOT NULL CHECK (role IN ('ANALYST','EDITOR','ADMIN')),
        label            text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        expires_at       timestamptz NOT NULL,
        revoked_at       timestamptz,
        CHECK (role = 'ADMIN' OR organisation_id IS NOT NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_key`);
  }
}
